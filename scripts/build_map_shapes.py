#!/usr/bin/env python
"""Build positions/data/map_shapes.json, the country outlines of the /map/ choropleth.

Run once by hand when the outlines should change, never at request time; the output is committed.
It reads a world-atlas TopoJSON file (Natural Earth, public domain), decodes its arcs, projects
every country into two panels, North America and Europe, each with its own Albers equal-area
conic, clips the result to the panels, simplifies and rounds it, and writes SVG path data per
ISO 3166-1 alpha-2 code. Only the standard library and django_countries (for the code table) are
needed, so the site itself gains no dependency.

    python scripts/build_map_shapes.py                  # fetches world-atlas with `npm pack`
    python scripts/build_map_shapes.py --source countries-50m.json --version 2.0.2
"""

import argparse
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from django_countries.data import ALT_CODES

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a plain script from any directory
from positions.map import topo

PACKAGE = "world-atlas"
DEFAULT_VERSION = "2.0.2"
RESOLUTION = "countries-50m.json"
OUT = ROOT / "positions" / "data" / "map_shapes.json"

# Two panels side by side, each with its own Albers equal-area conic, as newspapers draw it: no
# single projection spanning 170° of longitude keeps both continents upright (a conic tilts the
# United States by 55°), and one shared scale would leave the Baltics a few pixels wide. Europe
# gets the larger scale and most of the width; the space under North America holds the legend.
# Each panel lists geographic points it must contain; the panel's height follows from them.
PANELS = [
    {
        "id": "north-america",
        "x": 0.0,
        "width": 330.0,
        "projection": {"lon0": -96.0, "lat0": 45.0, "parallels": (33.0, 60.0)},
        "contains": [
            (-125.0, 48.5),
            (-117.0, 32.0),
            (-97.5, 24.5),
            (-80.0, 24.5),
            (-52.5, 47.0),
            (-62.0, 63.0),
            (-95.0, 70.0),
            (-125.0, 60.0),
        ],
    },
    {
        "id": "europe",
        "x": 344.0,
        "width": 656.0,
        "projection": {"lon0": 15.0, "lat0": 52.0, "parallels": (40.0, 64.0)},
        "contains": [
            (-24.5, 63.5),
            (-10.0, 36.0),
            (26.0, 34.5),
            (44.0, 37.0),
            (48.0, 56.0),
            (31.0, 71.2),
            (-14.0, 67.0),
        ],
    },
]
WIDTH = 1000.0
LEGEND_HEIGHT = 150.0  # room under the North America panel; see positions/map/svg.py
TOLERANCE = 0.5  # px: drop a vertex that moves the outline less than this
MIN_RING_AREA = 0.8  # px²: islands smaller than this would be invisible specks

# Kosovo has no numeric ISO id; XK is the code in common use (django_countries needs an override).
BY_NAME = {"Kosovo": "XK"}
# Parts drawn with the country the tracker (and the UN) would colour them as.
MERGE_NAMES = {"N. Cyprus": "CY", "Somaliland": "SO"}
MERGE_INTO = {
    "AX": "FI",  # Åland: autonomous, but part of Finland
    "GG": "GB",  # the Crown dependencies: defence is the United Kingdom's responsibility
    "JE": "GB",
    "IM": "GB",
}
# Antarctica projects to a ring around the whole conic and would only leave slivers on the edges.
SKIP_NAMES = {"Antarctica", "Ashmore and Cartier Is.", "Indian Ocean Ter.", "Siachen Glacier"}
# Natural Earth draws Crimea as Russian (the de facto line); the tracker follows the borders the
# UN recognises, so the Russian polygon inside this box (lon, lat) becomes part of Ukraine.
CRIMEA_BOX = (32.0, 44.0, 37.0, 46.5)


def fetch_topology(version: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"{PACKAGE}@{version}", "--silent"], cwd=tmp, check=True, capture_output=True)
        tarball = next(Path(tmp).glob("*.tgz"))
        with tarfile.open(tarball) as tar:
            member = tar.extractfile(f"package/{RESOLUTION}")
            return json.load(member)


def give_crimea_to_ukraine(geometries: list[dict], arcs) -> None:
    by_name = {g["properties"]["name"]: g for g in geometries}
    russia, ukraine = by_name["Russia"], by_name["Ukraine"]
    west, south, east, north = CRIMEA_BOX

    def inside(polygon):
        points = topo.ring_points(polygon[0], arcs)
        return all(west <= lon <= east and south <= lat <= north for lon, lat in points)

    crimea = [polygon for polygon in russia["arcs"] if inside(polygon)]
    if len(crimea) != 1:
        raise ValueError(f"expected one Crimean polygon in Russia, found {len(crimea)}")
    russia["arcs"].remove(crimea[0])
    outer = crimea[0][0]
    shared = {r if r >= 0 else ~r for r in outer}
    for polygon in topo.polygons(ukraine):
        if shared & {r if r >= 0 else ~r for r in polygon[0]}:
            polygon[0] = topo.merge_rings(polygon[0], outer, arcs)
            polygon.extend(crimea[0][1:])
            return
    raise ValueError("Crimea shares no border with Ukraine")


def fmt(value: float) -> str:
    text = f"{value:.1f}"
    text = text.removesuffix(".0")
    return "0" if text == "-0" else text


def path_data(rings) -> str:
    return "".join("M" + " ".join(f"{fmt(x)} {fmt(y)}" for x, y in ring) + "Z" for ring in rings)


def iso2_by_numeric() -> dict[str, str]:
    return {f"{numeric:03d}": alpha2 for alpha2, (_alpha3, numeric) in ALT_CODES.items() if numeric}


def fit(panel: dict):
    """The projection of one panel scaled and shifted so its `contains` points fill its width."""
    settings = panel["projection"]
    project = topo.Albers(settings["lon0"], settings["lat0"], *settings["parallels"])
    corners = [project(lon, lat) for lon, lat in panel["contains"]]
    min_x, min_y = min(x for x, _ in corners), min(y for _, y in corners)
    scale = panel["width"] / (max(x for x, _ in corners) - min_x)
    height = round((max(y for _, y in corners) - min_y) * scale, 1)

    def to_view(lon, lat):
        x, y = project(lon, lat)
        return (x - min_x) * scale + panel["x"], (y - min_y) * scale

    return to_view, height


def build(topology: dict, source_note: str) -> dict:
    arcs = topo.decode_arcs(topology)
    numeric = iso2_by_numeric()
    give_crimea_to_ukraine(topology["objects"]["countries"]["geometries"], arcs)
    projections = []
    panels = []
    for panel in PANELS:
        to_view, height = fit(panel)
        projections.append((to_view, (panel["x"], 0.0, panel["x"] + panel["width"], height)))
        settings = panel["projection"]
        panels.append(
            {
                "id": panel["id"],
                "box": [panel["x"], 0, panel["width"], height],
                "projection": (
                    f"Albers equal-area conic, central meridian {settings['lon0']}°, "
                    f"standard parallels {settings['parallels'][0]}°N and {settings['parallels'][1]}°N"
                ),
            }
        )
    na_box, europe_box = panels[0]["box"], panels[1]["box"]
    map_height = max(europe_box[3], na_box[3] + LEGEND_HEIGHT)

    rings_by_code: dict[str, list] = {}
    names: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        if name in SKIP_NAMES:
            continue
        code = MERGE_NAMES.get(name) or BY_NAME.get(name) or numeric.get(geometry.get("id") or "")
        if code is None:
            print(f"skipped, no ISO code: {name} ({geometry.get('id')})", file=sys.stderr)
            continue
        if code in MERGE_INTO:
            code = MERGE_INTO[code]
        elif name not in MERGE_NAMES:
            names[code] = name  # the country's own name, never that of a part merged into it
        for polygon in topo.polygons(geometry):
            for ring in polygon:
                lonlat = topo.ring_points(ring, arcs)
                for to_view, box in projections:
                    clipped = topo.clip([to_view(lon, lat) for lon, lat in lonlat], *box)
                    clipped = topo.simplify(clipped + clipped[:1], TOLERANCE)[:-1] if clipped else []
                    rounded = topo.dedupe([(round(x, 1), round(y, 1)) for x, y in clipped])
                    if len(rounded) >= 3 and topo.area(rounded) >= MIN_RING_AREA:
                        rings_by_code.setdefault(code, []).append(rounded)
    shapes = {code: path_data(rings) for code, rings in sorted(rings_by_code.items())}
    return {
        "source": source_note,
        "viewBox": [0, 0, int(WIDTH), math.ceil(map_height)],
        "panels": panels,
        "legend": [na_box[0], na_box[3], na_box[2], round(map_height - na_box[3], 1)],
        "names": {code: names[code] for code in shapes},
        "shapes": shapes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help=f"a local {RESOLUTION}; default: npm pack {PACKAGE}")
    parser.add_argument("--version", default=DEFAULT_VERSION, help=f"{PACKAGE} version (default {DEFAULT_VERSION})")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    topology = json.loads(args.source.read_text()) if args.source else fetch_topology(args.version)
    data = build(topology, f"{PACKAGE} {args.version} {RESOLUTION} (Natural Earth 1:50m, public domain)")
    args.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(
        f"{args.out}: {len(data['shapes'])} countries, {args.out.stat().st_size // 1024} KB, viewBox {data['viewBox']}"
    )


if __name__ == "__main__":
    main()
