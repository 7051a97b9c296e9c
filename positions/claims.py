"""schema.org Claim for a position's page: who said it, when, and where it appeared (for fact-check tools)."""

from positions.choices import ActorKind
from sources.dates import DatePrecision

PEOPLE = (ActorKind.OFFICIAL, ActorKind.ANALYST)


def partial_iso(day, precision: str) -> str:
    """ISO 8601 to the known precision: 2024-03-05, 2024-03 or 2024."""
    if precision == DatePrecision.YEAR:
        return f"{day:%Y}"
    if precision == DatePrecision.MONTH:
        return f"{day:%Y-%m}"
    return day.isoformat()


def claim(request, position) -> dict:
    quote = position.quote
    source = quote.source
    appearance = {
        "@type": "CreativeWork",
        "name": source.title or source.url,
        "publisher": {"@type": "Organization", "name": source.outlet.name},
    }
    if source.url:
        appearance["url"] = source.url
    if source.published_on:
        appearance["datePublished"] = partial_iso(source.published_on, source.published_precision)
    return {
        "@context": "https://schema.org",
        "@type": "Claim",
        "url": request.build_absolute_uri(position.get_absolute_url()),
        "text": quote.text,
        "dateCreated": partial_iso(position.stated_on, position.date_precision),
        "author": {
            "@type": "Person" if position.actor.kind in PEOPLE else "Organization",
            "name": position.actor.name,
            "url": request.build_absolute_uri(position.actor.get_absolute_url()),
        },
        "about": position.topic.name,
        "appearance": appearance,
    }
