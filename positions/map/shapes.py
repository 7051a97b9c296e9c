"""The projected country outlines of the /map/ choropleth, read once from data/map_shapes.json.

The file is built by scripts/build_map_shapes.py (see data/MAP_SHAPES_LICENCE.md); nothing here
projects or simplifies, so loading costs one JSON parse per process.
"""

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

DATA_PATH = Path(__file__).resolve().parent.parent / "data" / "map_shapes.json"

Box = tuple[float, float, float, float]  # x, y, width, height in viewBox units


@dataclass(frozen=True)
class Panel:
    id: str
    box: Box
    projection: str


@dataclass(frozen=True)
class MapShapes:
    view_box: tuple[int, int, int, int]
    panels: tuple[Panel, ...]
    legend_box: Box  # free space the build left for the legend
    shapes: Mapping[str, str]  # ISO 3166-1 alpha-2 → SVG path data
    names: Mapping[str, str]  # ISO alpha-2 → Natural Earth's English name, a fallback only
    source: str


@functools.cache
def load_shapes(path: Path = DATA_PATH) -> MapShapes:
    data = json.loads(path.read_text(encoding="utf-8"))
    # Read-only views: the cached object is shared by every request of the process.
    return MapShapes(
        view_box=tuple(data["viewBox"]),
        panels=tuple(Panel(p["id"], tuple(p["box"]), p["projection"]) for p in data["panels"]),
        legend_box=tuple(data["legend"]),
        shapes=MappingProxyType(data["shapes"]),
        names=MappingProxyType(data["names"]),
        source=data["source"],
    )


def view_box() -> tuple[int, int, int, int]:
    return load_shapes().view_box


def shapes() -> Mapping[str, str]:
    return load_shapes().shapes


# The panel every page map shows: the tracker is about troops for Ukraine, and most governments
# that speak of them are European.
HOME_PANEL = "europe"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@functools.cache
def panels_by_country() -> Mapping[str, frozenset[str]]:
    """The panels each country's outline reaches, read once from its path's x coordinates."""
    data = load_shapes()
    result = {}
    for code, d in data.shapes.items():
        xs = [float(value) for value in NUMBER.findall(d)[::2]]  # every point is "x y"
        result[code] = frozenset(
            panel.id for panel in data.panels if any(panel.box[0] <= x <= panel.box[0] + panel.box[2] for x in xs)
        )
    return MappingProxyType(result)


def frame_for(codes) -> Box:
    """The part of the map worth showing for these countries: the home panel, and any other panel
    (North America) only when one of them lies in it, so a page's map carries no empty inset."""
    data = load_shapes()
    reached = {panel for code in codes for panel in panels_by_country().get(code, ())}
    boxes = [panel.box for panel in data.panels if panel.id == HOME_PANEL or panel.id in reached]
    left, top = min(box[0] for box in boxes), min(box[1] for box in boxes)
    right, bottom = max(box[0] + box[2] for box in boxes), max(box[1] + box[3] for box in boxes)
    if len(boxes) > 1:
        bottom = max(bottom, data.view_box[1] + data.view_box[3])  # with the legend's room under an inset
    return (left, top, right - left, bottom - top)
