"""PNG pictures of the site's SVGs, rendered on the server by resvg (a self-contained wheel).

resvg needs no system library and downloads nothing; it reads the machine's fonts for the
labels, falling back to whatever sans-serif face it finds. It holds Python's interpreter lock
for a whole render (about half a second for the map), which would stop every other thread of
the app process meanwhile, so each app process renders in a helper process of its own, started
at its first picture; its threads wait for the result without holding the lock. The number of
renders at once is bounded before this (limits/expensive.py).
"""

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from django.conf import settings
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from positions.publish.rasterise import render

BACKGROUND = "#ffffff"
# Twice the SVG's own size, so the picture stays sharp on a high-density screen or in print.
ZOOM = 2

_helpers: ProcessPoolExecutor | None = None
_helpers_lock = threading.Lock()


def helpers() -> ProcessPoolExecutor:
    """This process's helper processes, started afresh (not forked from a process with threads)."""
    global _helpers
    with _helpers_lock:
        if _helpers is None:
            _helpers = ProcessPoolExecutor(
                max_workers=settings.RENDERS_PER_PROCESS, mp_context=multiprocessing.get_context("spawn")
            )
        return _helpers


def svg_to_png(svg: str, zoom: float = ZOOM) -> bytes:
    global _helpers
    try:
        return helpers().submit(render, svg, BACKGROUND, zoom).result()
    except BrokenProcessPool:
        # The helper died (killed, out of memory): start another for the next picture.
        with _helpers_lock:
            _helpers = None
        raise


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
