"""The projected country outlines of the /map/ choropleth, read once from data/map_shapes.json.

The file is built by scripts/build_map_shapes.py (see data/MAP_SHAPES_LICENCE.md); nothing here
projects or simplifies, so loading costs one JSON parse per process.
"""

import functools
import json
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
