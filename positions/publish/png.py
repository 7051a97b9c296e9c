"""PNG pictures of the site's SVGs, rendered on the server by resvg (a self-contained wheel).

resvg needs no system library and downloads nothing; it reads the machine's fonts for the
labels, falling back to whatever sans-serif face it finds.
"""

import resvg_py
from django.http import HttpResponse
from django.utils.http import content_disposition_header

BACKGROUND = "#ffffff"
# Twice the SVG's own size, so the picture stays sharp on a high-density screen or in print.
ZOOM = 2


def svg_to_png(svg: str, zoom: float = ZOOM) -> bytes:
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, background=BACKGROUND, zoom=zoom))


def picture_response(svg: str, file_stem: str, extension: str) -> HttpResponse:
    """The SVG itself or its PNG rendering, as a download named like the exports."""
    if extension == "png":
        response = HttpResponse(svg_to_png(svg), content_type="image/png")
    else:
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{file_stem}.{extension}"
    )
    return response
