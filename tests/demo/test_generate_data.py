"""generate_data: counts, determinism for a seed, referential integrity and consistent denormalised columns."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F, Q

from positions.choices import ActorKind, Stance
from positions.demo.profile import slug_prefix
from positions.demo.seed import TOPICS
from positions.models import Actor, Position, Role, Topic
from sources.dates import DatePrecision
from sources.models import Outlet, Quote, Source, Verification
from tests.factories import PositionFactory

SMALL = 500


def generate(positions: int = SMALL, seed: int = 3) -> str:
    out = io.StringIO()
    call_command("generate_data", positions=positions, seed=seed, stdout=out)
    return out.getvalue()


def snapshot(seed: int) -> dict[str, list[tuple]]:
    """Every synthetic row of a seed by natural keys, with the seed's slug prefix taken out."""
    prefix = slug_prefix(seed)

    def plain(rows):
        return sorted(tuple(str(v).replace(prefix, "") if v is not None else None for v in row) for row in rows)

    actors = Actor.objects.filter(slug__startswith=prefix)
    outlets = Outlet.objects.filter(slug__startswith=prefix)
    sources = Source.objects.filter(outlet__in=outlets)
    quotes = Quote.objects.filter(source__in=sources)
    return {
        "actors": plain(actors.values_list("slug", "name", "kind", "country", "aliases")),
        "roles": plain(
            Role.objects.filter(actor__in=actors).values_list(
                "actor__slug", "title", "country", "organisation__slug", "start_on", "end_on"
            )
        ),
        "outlets": plain(outlets.values_list("slug", "name", "url", "country", "kind")),
        "sources": plain(
            sources.values_list(
                "outlet__slug",
                "title",
                "url",
                "published_on",
                "published_precision",
                "language",
                "archive_url",
                "accessed_on",
            )
        ),
        "quotes": plain(
            quotes.values_list(
                "source__url", "text", "original_text", "original_language", "said_on", "date_precision", "verification"
            )
        ),
        "positions": plain(
            Position.objects.filter(actor__in=actors).values_list(
                "actor__slug",
                "topic__slug",
                "quote__source__url",
                "quote__text",
                "stance",
                "stated_on",
                "date_precision",
                "conditions",
                "summary",
                "country",
                "actor_kind",
                "verification",
            )
        ),
    }


def delete_seed(seed: int) -> None:
    prefix = slug_prefix(seed)
    outlets = Outlet.objects.filter(slug__startswith=prefix)
    Position.objects.filter(actor__slug__startswith=prefix).delete()
    Role.objects.filter(actor__slug__startswith=prefix).delete()
    Quote.objects.filter(source__outlet__in=outlets).delete()
    Source.objects.filter(outlet__in=outlets).delete()
    Actor.objects.filter(slug__startswith=prefix).delete()
    outlets.delete()


@pytest.mark.django_db
def test_generate_data_makes_the_positions_asked_for_with_one_actor_per_fifty_positions():
    output = generate(positions=2000)

    assert Position.objects.count() == 2000
    assert Actor.objects.count() == 40
    assert Source.objects.count() == 2000 // 3
    # Most quotes back one position; some back a second one on another topic.
    assert 2000 / 2 < Quote.objects.count() < 2000
    assert set(Topic.objects.values_list("slug", flat=True)) == {row[0] for row in TOPICS}
    assert "2000 positions" in output
    assert "rows/s" in output


@pytest.mark.django_db
def test_same_seed_gives_the_same_data():
    generate(seed=5)
    first = snapshot(5)
    delete_seed(5)
    assert Position.objects.count() == 0

    generate(seed=5)

    assert snapshot(5) == first
    assert all(first[table] for table in first)


@pytest.mark.django_db
def test_another_seed_gives_other_data():
    generate(seed=5)
    generate(seed=6)

    assert snapshot(5)["positions"] != snapshot(6)["positions"]
    assert Position.objects.count() == 2 * SMALL


@pytest.mark.django_db
def test_positions_copy_country_and_kind_of_their_actor_and_verification_and_date_of_their_quote():
    generate()

    mismatched = Position.objects.exclude(
        country=F("actor__country"),
        actor_kind=F("actor__kind"),
        verification=F("quote__verification"),
        stated_on=F("quote__said_on"),
        date_precision=F("quote__date_precision"),
    )
    assert not mismatched.exists()


@pytest.mark.django_db
def test_generated_rows_refer_to_rows_that_exist():
    generate()

    assert not Position.objects.exclude(actor__in=Actor.objects.all()).exists()
    assert not Position.objects.exclude(quote__in=Quote.objects.all()).exists()
    assert not Position.objects.exclude(topic__in=Topic.objects.all()).exists()
    assert not Quote.objects.exclude(source__in=Source.objects.all()).exists()
    assert not Source.objects.exclude(outlet__in=Outlet.objects.all()).exists()
    assert not Role.objects.exclude(actor__in=Actor.objects.all()).exists()
    # Officials of an organisation hold an office of that organisation and have no country.
    for role in Role.objects.filter(organisation__isnull=False).select_related("actor", "organisation"):
        assert role.organisation.kind == ActorKind.ORGANISATION
        assert role.actor.country == ""


@pytest.mark.django_db
def test_generated_rows_pass_the_models_own_validation():
    generate()

    for model in (Actor, Role, Outlet, Source, Quote, Position):
        for row in model.objects.order_by("?")[:40]:
            row.full_clean()
    # Dates known to the month or year are stored as the first day of that period.
    assert not Quote.objects.filter(date_precision=DatePrecision.MONTH).exclude(said_on__day=1).exists()
    assert (
        not Quote.objects.filter(date_precision=DatePrecision.YEAR).exclude(said_on__day=1, said_on__month=1).exists()
    )
    assert not Role.objects.filter(end_on__lt=F("start_on")).exists()
    assert not Quote.objects.filter(~Q(original_text=""), original_language="").exists()


@pytest.mark.django_db
def test_generated_data_covers_every_state_precision_kind_and_stance():
    generate(positions=3000)

    assert set(Position.objects.values_list("verification", flat=True)) == set(Verification.values)
    assert set(Position.objects.values_list("date_precision", flat=True)) == set(DatePrecision.values)
    assert set(Position.objects.values_list("stance", flat=True)) == set(Stance.values)
    assert set(Actor.objects.values_list("kind", flat=True)) == set(ActorKind.values)
    assert Actor.objects.filter(kind=ActorKind.ORGANISATION, country="").exists()
    assert Quote.objects.filter(original_language="uk", original_text__regex=r"[А-Яа-яІіЇїЄє]").exists()
    assert Quote.objects.filter(original_language="fr").exists()
    years = {day.year for day in Position.objects.values_list("stated_on", flat=True)}
    assert min(years) == 2014 and max(years) == 2026
    # Stances change over time: some actor has said different things on one topic.
    changed = (
        Position.objects.exclude(stance=Stance.COMMENTARY)
        .values("actor", "topic")
        .annotate(stances=Count("stance", distinct=True))
        .filter(stances__gt=1)
    )
    assert changed.exists()


@pytest.mark.django_db
def test_generate_data_adds_to_the_seed_data_without_touching_it(seeded):
    seed_positions = set(Position.objects.values_list("id", "stance", "summary"))

    generate()

    assert seed_positions <= set(Position.objects.values_list("id", "stance", "summary"))
    assert Position.objects.count() == len(seed_positions) + SMALL
    assert Topic.objects.count() == len(TOPICS)
    # Ids continue after the loaded rows, so the next ordinary insert does not collide.
    assert PositionFactory().pk > Position.objects.exclude(actor__slug__startswith="actor-").order_by("-pk")[0].pk


@pytest.mark.django_db
def test_generate_data_refuses_a_seed_that_is_already_loaded():
    generate(seed=8)

    with pytest.raises(CommandError, match="already loaded"):
        generate(seed=8)
    assert Position.objects.count() == SMALL
