"""The committed outlines: the tracker's countries are there and every path stays in the view."""

import importlib.util
import re
from pathlib import Path

import pytest

from positions.map.shapes import load_shapes, shapes, view_box

TRACKER_COUNTRIES = [
    "UA",
    "GB",
    "FR",
    "DE",
    "PL",
    "IT",
    "NL",
    "SE",
    "DK",
    "EE",
    "LV",
    "LT",
    "FI",
    "CA",
    "US",
    "NO",
    "ES",
    "PT",
    "BE",
    "CZ",
    "SK",
    "RO",
    "HU",
    "BG",
    "GR",
    "TR",
    "RU",
    "BY",
    "MD",
    "IE",
    "AT",
    "LU",
    "IS",
    "HR",
    "SI",
    "AL",
    "MK",
    "ME",
    "RS",
    "BA",
    "XK",
    "CY",
    "MT",
    "CH",
]
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def test_the_trackers_countries_have_shapes():
    missing = [code for code in TRACKER_COUNTRIES if code not in shapes()]
    assert missing == []


def test_codes_are_iso_alpha2():
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in shapes())


@pytest.mark.parametrize("code", sorted(load_shapes().shapes))
def test_every_path_is_non_empty_and_inside_the_view_box(code):
    min_x, min_y, width, height = view_box()
    d = shapes()[code]
    assert re.fullmatch(r"(M[-\d. ]+Z)+", d), "absolute moveto/lineto rings only"
    numbers = [float(n) for n in NUMBER.findall(d)]
    assert len(numbers) >= 6 and len(numbers) % 2 == 0
    xs, ys = numbers[0::2], numbers[1::2]
    assert min_x <= min(xs) and max(xs) <= min_x + width
    assert min_y <= min(ys) and max(ys) <= min_y + height


def test_panels_and_legend_box_lie_inside_the_view_box():
    data = load_shapes()
    _, _, width, height = data.view_box
    for x, y, w, h in [panel.box for panel in data.panels] + [data.legend_box]:
        assert 0 <= x and x + w <= width and 0 <= y and y + h <= height


def _rings(d):
    for ring in re.findall(r"M([^Z]+)Z", d):
        numbers = [float(n) for n in NUMBER.findall(ring)]
        yield list(zip(numbers[0::2], numbers[1::2]))


def _contains(d, x, y):
    """Even-odd rule over all rings, as the SVG renderer fills them."""
    inside = False
    for ring in _rings(d):
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
    return inside


def _build_script():
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_map_shapes.py"
    spec = importlib.util.spec_from_file_location("build_map_shapes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PLACES = [
    ("europe", "UA", 30.52, 50.45),  # Kyiv
    ("europe", "UA", 34.10, 44.95),  # Simferopol: Crimea is Ukraine's (UN-recognised borders)
    ("europe", "RU", 37.62, 55.75),  # Moscow
    ("europe", "RU", 20.50, 54.71),  # Kaliningrad
    ("europe", "EE", 24.75, 59.44),  # Tallinn
    ("europe", "GB", -0.13, 51.51),  # London
    ("europe", "FR", 2.35, 48.86),  # Paris
    ("europe", "FI", 19.94, 60.10),  # Mariehamn: Åland is drawn with Finland
    ("north-america", "US", -77.04, 38.91),  # Washington
    ("north-america", "CA", -75.70, 45.42),  # Ottawa
]


@pytest.mark.parametrize("panel_id, code, lon, lat", PLACES)
def test_places_fall_inside_their_country(panel_id, code, lon, lat):
    # Projects with the build script's own settings, so this also proves the committed file
    # matches the script.
    script = _build_script()
    panel = next(p for p in script.PANELS if p["id"] == panel_id)
    to_view, _height = script.fit(panel)
    x, y = to_view(lon, lat)
    assert _contains(shapes()[code], x, y)
    others = [other for other, d in shapes().items() if other != code and _contains(d, x, y)]
    assert others == []


def test_the_data_file_stays_small():
    from positions.map.shapes import DATA_PATH

    assert DATA_PATH.stat().st_size < 400 * 1024


def test_loading_is_cached():
    assert load_shapes() is load_shapes()
