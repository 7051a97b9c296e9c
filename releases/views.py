"""/data/: the releases, newest first, with their files, changes and citations; the live data's downloads."""

import hashlib
import json
from functools import wraps

from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, HttpResponseNotModified
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, parse_etags
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_countries import countries

from limits.expensive import expensive_slot
from positions.choices import Stance
from positions.country_codes import address_choices, in_address, normalise
from positions.models import Actor, Position
from positions.publish.embed import embeddable
from positions.timeline.layout import lay_out_timeline
from positions.views.stance_map import default_topic, map_svg, topic_rows
from releases import citations, frozen
from releases.build import FILE_NAMES, read_file, storage, stored_name
from releases.models import Release
from web.http_cache import release as code_release

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown; charset=utf-8",
    "SHA256SUMS": "text/plain; charset=utf-8",
}
# A release's files never change: caches may keep them for a year.
FROZEN = "public, max-age=31536000, immutable"


def dataset_ld(request, releases: list[Release]) -> dict:
    """schema.org Dataset, for dataset search engines: the latest release's files as its distributions."""
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": citations.PUBLISHER,
        "description": _("Who has said what about sending foreign troops to Ukraine, with dated sources."),
        "url": request.build_absolute_uri(reverse("releases:data")),
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "creator": {"@type": "Organization", "name": citations.PUBLISHER},
        "isAccessibleForFree": True,
        "keywords": ["Ukraine", "troops", "foreign policy", "statements"],
    }
    if releases:
        latest = releases[0]
        data["version"] = latest.number
        data["dateModified"] = latest.made_at.date().isoformat()
        data["distribution"] = [
            {
                "@type": "DataDownload",
                "encodingFormat": CONTENT_TYPES[entry["name"].rsplit(".", 1)[-1]].split(";")[0],
                "contentUrl": request.build_absolute_uri(
                    reverse("releases:release_file", args=[latest.number, entry["name"]])
                ),
                "contentSize": f"{entry['bytes']} B",
            }
            for entry in latest.files
            if entry["name"].startswith("positions.")
        ]
    return data


@require_safe
def data(request):
    releases = list(Release.objects.select_related("previous"))
    return render(request, "releases/data.html", {"releases": releases, "dataset_ld": dataset_ld(request, releases)})


@require_safe
def release_detail(request, number: str):
    release = get_object_or_404(Release.objects.select_related("previous"), number=number)
    changes = json.loads(read_file(release.number, "changes.json"))
    country = request.GET.get("country", "")
    if country:
        country = normalise(country)
        if country not in countries:
            return HttpResponseBadRequest(
                _("country: use a two-letter ISO 3166 code, e.g. fr.") + "\n", content_type="text/plain; charset=utf-8"
            )
        for kind in ("added", "removed", "changed"):
            changes[kind] = [row for row in changes[kind] if row["country"] == country]
    shown_countries = sorted(
        {row["country"] for kind in ("added", "removed", "changed") for row in changes[kind] if row["country"]}
        | ({country} if country else set())
    )
    return render(
        request,
        "releases/release_detail.html",
        {
            "release": release,
            "changes": changes,
            "country": in_address(country) if country else "",
            "country_choices": address_choices((code, countries.name(code)) for code in shown_countries),
        },
    )


@require_safe
def release_file(request, number: str, name: str):
    if name not in FILE_NAMES:
        raise Http404
    release = get_object_or_404(Release, number=number)
    entry = release.file(name)
    if entry is None:
        raise Http404
    kind = CONTENT_TYPES[name.rsplit(".", 1)[-1]]
    response: HttpResponse | FileResponse
    if request.method == "HEAD":
        # The headers alone, without opening the file (it may be in a remote bucket).
        response = HttpResponse(content_type=kind)
        response["Content-Length"] = str(entry["bytes"])
    else:
        response = FileResponse(storage().open(stored_name(number, name), "rb"), content_type=kind)
    response["Content-Disposition"] = (
        content_disposition_header(
            as_attachment=name != "datapackage.json", filename=f"troop-positions-{release.number}-{name}"
        )
        or ""
    )
    response["ETag"] = f'"{entry["sha256"]}"'
    response["Cache-Control"] = FROZEN
    return response


def latest_release_since(moment) -> Release | None:
    """The newest release made after `moment`, whose files hold what the page shows (None: only the live data does)."""
    return Release.objects.filter(made_at__gte=moment).order_by("-made_at", "-id").first()


def citation_for(request, kind: str, key: str) -> citations.Citation:
    today = timezone.localdate()
    latest = Release.objects.order_by("-made_at", "-id").first()
    if kind == "release":
        release = get_object_or_404(Release, number=key)
        return citations.Citation(
            key=f"troop-positions-{release.number}".replace(".", "-"),
            title=f"{citations.PUBLISHER}, release {release.number}",
            url=request.build_absolute_uri(release.get_absolute_url()),
            issued=timezone.localdate(release.made_at),
            accessed=today,
            version=release.number,
        )
    if kind == "position":
        if not key.isdigit():
            raise Http404
        position = get_object_or_404(Position.objects.select_related("actor", "topic"), pk=int(key))
        since = latest_release_since(position.updated_at)
        title = f"{position.actor.name} on {position.topic.name}: {position.get_stance_display()} ({position.stated_display})"
        return citations.Citation(
            key=f"troop-positions-position-{position.pk}",
            title=title,
            url=request.build_absolute_uri(position.get_absolute_url()),
            issued=timezone.localdate(since.made_at) if since else today,
            accessed=today,
            version=since.number if since else "",
            is_dataset=False,
        )
    if kind == "country":
        code = normalise(key)
        if code not in countries:
            raise Http404
        url = reverse("positions:country_detail", args=[code])
        title = f"{countries.name(code)}: positions on sending troops to Ukraine"
    elif kind == "actor":
        actor = get_object_or_404(Actor, slug=key)
        url = actor.get_absolute_url()
        title = f"{actor.name}: positions on sending troops to Ukraine"
    else:
        raise Http404
    return citations.Citation(
        key=f"troop-positions-{kind}-{key.lower()}",
        title=title,
        url=request.build_absolute_uri(url),
        issued=timezone.localdate(latest.made_at) if latest else today,
        accessed=today,
        version=latest.number if latest else "",
        is_dataset=False,
    )


@require_safe
def cite(request, kind: str, key: str, fmt: str):
    """/cite/position/12.bib, /cite/country/fr.ris, /cite/release/2026.12.1.json (CSL-JSON)."""
    citation = citation_for(request, kind, key)
    write, content_type = citations.FORMATS[fmt]
    response = HttpResponse(write(citation), content_type=content_type)
    extension = "json" if fmt == "json" else fmt
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{citation.key}.{extension}"
    )
    return response


@require_safe
@embeddable
def embed_country(request, number: str, code: str):
    """A country's statements as a release froze them: the values never change, the release is named in the frame."""
    release = get_object_or_404(Release, number=number)
    rows, total = frozen.country_statements(release.number, code)
    full_url = request.build_absolute_uri(release.get_absolute_url()) + f"?country={in_address(code)}"
    context = frozen_context(request, release) | {
        "name": countries.name(code),
        "rows": rows,
        "total": total,
        "full_url": full_url,
    }
    return render(request, "releases/embed_country.html", context)


# A rendered frozen view is kept this long; its HTTP copies for a year (FROZEN): it never changes.
FROZEN_VIEW_SECONDS = 86400


def frozen_view(view_name: str):
    """A release's frozen map, matrix or timeline: 404 for an unknown release or one that predates them, an
    ETag made of the release's checksums and what shapes the page, a 304 for a copy that is still it, and the
    rendering kept for the next reader. The view is given the release and the query's parameters it reads."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, number: str):
            release = get_object_or_404(Release, number=number)
            if not frozen.holds_views(release):
                raise Http404("This release was made before frozen views existed.")
            # A filter form's empty fields (?country=&topic=) ask for nothing.
            params = {
                name: [value for value in request.GET.getlist(name) if value.strip()]
                for name in frozen.PARAMETERS[view_name]
            }
            checksum = (release.file("SHA256SUMS") or {}).get("sha256")
            shaped_by = [checksum, get_language(), request.path, params, code_release()]
            etag = '"' + hashlib.blake2b(repr(shaped_by).encode(), digest_size=16).hexdigest() + '"'
            wanted = parse_etags(request.headers.get("If-None-Match", ""))
            if etag in wanted or "*" in wanted:
                response: HttpResponse = HttpResponseNotModified()
            else:
                key = f"frozen-view:{etag}"
                content = cache.get(key)
                if content is None:
                    # Building reads the release's files (seconds for a large one): bounded like the
                    # other expensive builds, so that many addresses at once cannot take every worker.
                    with expensive_slot(request) as refused:
                        if refused:
                            return refused
                        response = view(request, release, params)
                    if response.status_code != 200:
                        return response
                    cache.set(key, response.content, FROZEN_VIEW_SECONDS)
                else:
                    response = HttpResponse(content)
            response["ETag"] = etag
            response["Cache-Control"] = FROZEN
            return response

        return wrapped

    return decorate


def frozen_context(request, release: Release) -> dict:
    return {
        "release": release,
        "as_of": frozen.as_of(release),
        "full_url": request.build_absolute_uri(release.get_absolute_url()),
    }


def bad_parameter(text: str) -> HttpResponse:
    return HttpResponseBadRequest(text + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@embeddable
@frozen_view("releases:embed_matrix")
def embed_matrix(request, release: Release, params: dict):
    """The matrix as the release froze it: each cell as its stances.csv holds it."""
    context = frozen_context(request, release) | {
        "matrix": frozen.FrozenMatrix(release),
        "stance_choices": Stance.choices,
    }
    return render(request, "embed/matrix.html", context)


@require_safe
@embeddable
@frozen_view("releases:embed_map")
def embed_map(request, release: Release, params: dict):
    """One topic's map as the release froze it (?topic=<key>, else the live map's default topic)."""
    matrix = frozen.FrozenMatrix(release)
    if params["topic"]:
        topic = next((topic for topic in matrix.topics if topic.slug == params["topic"][-1]), None)
        if topic is None:
            raise Http404("The release holds no such topic.")
    else:
        topic = default_topic(matrix.topics)
    context = frozen_context(request, release) | {"valid": True, "topic": topic, "stance_choices": Stance.choices}
    if topic:
        rows = topic_rows(matrix.topics, matrix.rows, topic, today=context["as_of"])
        svg = map_svg(topic, rows, full_url=context["full_url"], inline_styles=False, role="group", in_page=True)
        context |= {"rows": rows, "map_svg": svg}
    return render(request, "embed/map.html", context)


@require_safe
@embeddable
@frozen_view("releases:embed_timeline")
def embed_timeline(request, release: Release, params: dict):
    """The newest statements as the release froze them (?country=fr&country=de, ?topic=<key>)."""
    codes = {normalise(code) for code in params["country"]}
    if not codes <= set(dict(countries)):
        return bad_parameter(_("country: use a two-letter ISO 3166 code, e.g. fr."))
    topic_slug = params["topic"][-1] if params["topic"] else ""
    if topic_slug and topic_slug not in {topic.slug for topic in frozen.topics(release.number)}:
        raise Http404("The release holds no such topic.")
    statements = frozen.timeline_statements(release.number, codes, topic_slug)
    context = frozen_context(request, release) | {"valid": True, "list_url": ""}
    context["timeline"] = lay_out_timeline(
        statements.shown, statements.histories, today=context["as_of"], cutoff=statements.cutoff
    )
    return render(request, "embed/timeline.html", context)
