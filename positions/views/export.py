"""CSV, JSON and Excel exports of the positions list: the list's filters, every matching row, streamed.

Rows are read in chunks of 2,000 (a server-side cursor on PostgreSQL) and written as they are
read, so memory stays flat whatever the number of rows; a reader who leaves closes the stream and
stops the query. There is no row cap: a failure part-way breaks the download visibly rather than
leaving a short file that looks complete. The Excel workbook is the exception, as it cannot be
streamed (see export_xlsx).
"""

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.db import connection
from django.http import FileResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from limits.expensive import busy, expensive_slot
from positions.derived import request_version
from positions.exchange.export_pg import copy_csv_chunks
from positions.exchange.format import DELIMITERS, csv_chunks, json_chunks
from positions.exchange.streaming import CHUNK_SIZE, streamed
from positions.exchange.xlsx import workbook_file
from positions.exchange.xlsx_cache import whole_workbook, workbook_path
from positions.filtersets import PositionFilter, filter_errors
from positions.models import Position
from web.http_cache import release

# A whole workbook being built takes about a minute per 20,000 positions on a busy server.
WORKBOOK_RETRY_SECONDS = 30
MAX_NAME_LENGTH = 120


def bad_request(reasons: list[str]) -> HttpResponseBadRequest:
    text = _("Invalid export or feed parameters:") + "\n" + "\n".join(f"- {reason}" for reason in reasons) + "\n"
    return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")


def export_file_name(filterset: PositionFilter, extension: str) -> str:
    """positions-gb-rules_out-2026-11-24.csv: what was filtered, and when it was exported."""
    parts = [slugify(raw) for _name, _label, _shown, raw in filterset.active_filters()]
    stem = "-".join(["positions", *[part for part in parts if part]])[:MAX_NAME_LENGTH].rstrip("-")
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"


def filtered_rows(filterset: PositionFilter):
    return filterset.qs.with_related().iterator(chunk_size=CHUNK_SIZE)


def site_url(request) -> str:
    """Scheme and host of this site, to start each position's page address in an export."""
    return request.build_absolute_uri("/").rstrip("/")


def valid_filters(request) -> tuple[PositionFilter, list[str]]:
    filterset = PositionFilter(request.GET, queryset=Position.objects.all())
    return filterset, ([] if filterset.is_valid() else filter_errors(filterset))


@require_safe
def export_csv(request):
    filterset, errors = valid_filters(request)
    delimiter = request.GET.get("delimiter", "comma")
    if delimiter not in DELIMITERS:
        errors.append(_("delimiter: use “comma” or “semicolon”."))
    bom = request.GET.get("bom", "0")
    if bom not in ("0", "1"):
        errors.append(_("bom: use 1 to add a byte-order mark, or 0."))
    if errors:
        return bad_request(errors)
    if connection.vendor == "postgresql":
        # PostgreSQL writes the CSV itself: the same cells, at the database's own speed.
        chunks = copy_csv_chunks(
            filterset.qs, delimiter=DELIMITERS[delimiter], bom=bom == "1", base_url=site_url(request)
        )
    else:
        chunks = csv_chunks(
            filtered_rows(filterset), delimiter=DELIMITERS[delimiter], bom=bom == "1", base_url=site_url(request)
        )
    return streamed(chunks, "text/csv; charset=utf-8", export_file_name(filterset, "csv"), request.method == "HEAD")


@require_safe
def export_json(request):
    filterset, errors = valid_filters(request)
    if errors:
        return bad_request(errors)
    chunks = json_chunks(filtered_rows(filterset), base_url=site_url(request))
    return streamed(chunks, "application/json", export_file_name(filterset, "json"), request.method == "HEAD")


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def unfiltered(filterset: PositionFilter) -> bool:
    return all(value in (None, "", []) for value in filterset.form.cleaned_data.values())


@require_safe
def export_xlsx(request):
    """The CSV's rows as a workbook: the whole export from a file built once per data version, or a
    filtered one of at most XLSX_MAX_ROWS rows built for this request (a workbook is written whole
    before it is sent, so its cost grows with its rows before the first byte goes out)."""
    filterset, errors = valid_filters(request)
    if errors:
        return bad_request(errors)
    file_name = export_file_name(filterset, "xlsx")
    if request.method == "HEAD":
        return streamed((), XLSX_TYPE, file_name, head=True)
    if unfiltered(filterset):
        version = request_version(request)
        path = workbook_path(version.token, release())
        if not path.exists():
            with expensive_slot(request) as refused:
                if refused:
                    return refused
                path = whole_workbook(
                    version.token, release(), lambda: filtered_rows(filterset), base_url=site_url(request)
                )
            if path is None:
                return busy(503, WORKBOOK_RETRY_SECONDS)  # another process is building it
        try:
            workbook = path.open("rb")
        except FileNotFoundError:  # a newer version's build has just replaced it
            return busy(503, WORKBOOK_RETRY_SECONDS)
    else:
        matching = filterset.qs.count()
        if matching > settings.XLSX_MAX_ROWS:
            return bad_request([too_many_rows(matching)])
        with expensive_slot(request) as refused:
            if refused:
                return refused
            workbook = workbook_file(filtered_rows(filterset), base_url=site_url(request))
    response = FileResponse(workbook, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=file_name)
    return response


def too_many_rows(matching: int) -> str:
    return _(
        "xlsx: these filters match %(matching)s positions; a filtered Excel download holds at most "
        "%(limit)s. Narrow the filters, download the whole workbook (no filters), or use the CSV or "
        "JSON export, which have no limit."
    ) % {"matching": intcomma(matching), "limit": intcomma(settings.XLSX_MAX_ROWS)}
