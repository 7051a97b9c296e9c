"""/data/: the releases, newest first, with their files, changes and citations; the live data's downloads."""

import json

from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_countries import countries

from positions.country_codes import normalise
from positions.models import Actor, Position
from positions.publish.embed import embeddable
from releases import citations
from releases.build import FILE_NAMES, read_file, storage, stored_name
from releases.frozen import country_statements
from releases.models import Release

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
            "country": country,
            "country_choices": [(code, countries.name(code)) for code in shown_countries],
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
    rows, total = country_statements(release.number, code)
    full_url = request.build_absolute_uri(release.get_absolute_url()) + f"?country={code.lower()}"
    context = {"release": release, "name": countries.name(code), "rows": rows, "total": total, "full_url": full_url}
    return render(request, "releases/embed_country.html", context)
