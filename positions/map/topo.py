"""TopoJSON decoding and planar geometry for scripts/build_map_shapes.py; build time only.

Standard library only, so rebuilding the map adds no dependency. The site never imports this
module: it reads the already projected paths through positions.map.shapes.
"""

import math


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs are delta-encoded integers; the transform turns them back into degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        # A negative index ~i means arc i walked backwards; consecutive arcs share an end point.
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def _arc_ends(ref: int, arcs):
    arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
    return arc[0], arc[-1]


def merge_rings(first: list[int], second: list[int], arcs) -> list[int]:
    """One outer ring from two touching ones: drop the arcs they share, chain the rest end to end."""
    shared = {r if r >= 0 else ~r for r in first} & {r if r >= 0 else ~r for r in second}
    remaining = [r for r in first + second if (r if r >= 0 else ~r) not in shared]
    ring = [remaining.pop(0)]
    while remaining:
        end = _arc_ends(ring[-1], arcs)[1]
        following = next((r for r in remaining if _arc_ends(r, arcs)[0] == end), None)
        if following is None:
            raise ValueError("rings do not join into one")
        remaining.remove(following)
        ring.append(following)
    return ring


class Albers:
    def __init__(self, lon0: float, lat0: float, lat1: float, lat2: float):
        phi1, phi2 = math.radians(lat1), math.radians(lat2)
        self.n = (math.sin(phi1) + math.sin(phi2)) / 2
        self.c = math.cos(phi1) ** 2 + 2 * self.n * math.sin(phi1)
        self.rho0 = math.sqrt(self.c - 2 * self.n * math.sin(math.radians(lat0))) / self.n
        self.lon0 = lon0

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        # No wrap-around of the longitude: Natural Earth already cuts shapes at ±180°, so an
        # unwrapped difference keeps every ring continuous (far-east Russia just lands off-view).
        theta = self.n * math.radians(lon - self.lon0)
        rho = math.sqrt(self.c - 2 * self.n * math.sin(math.radians(lat))) / self.n
        return rho * math.sin(theta), -(self.rho0 - rho * math.cos(theta))  # y grows downwards


def clip(points, x0, y0, x1, y1):
    """Sutherland–Hodgman against the view rectangle; a ring wholly outside comes back empty."""
    edges = [
        (lambda p: p[0] >= x0, lambda a, b: _cut_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cut_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cut_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cut_y(a, b, y1)),
    ]
    for inside, cut in edges:
        if not points:
            return []
        result = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    result.append(cut(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cut(previous, point))
            previous = point
        points = result
    return points


def _cut_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cut_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points, tolerance):
    """Douglas–Peucker, iterative so Russia's long coast cannot exhaust the recursion limit."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = points[first]
        bx, by = points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        worst, worst_index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs(dy * px - dx * py + bx * ay - by * ax) / length
            else:
                distance = math.hypot(px - ax, py - ay)
            if distance > worst:
                worst, worst_index = distance, i
        if worst_index is not None and worst > tolerance:
            keep[worst_index] = True
            stack += [(first, worst_index), (worst_index, last)]
    return [p for p, k in zip(points, keep) if k]


def area(points) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]))) / 2


def dedupe(points):
    result = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    while len(result) > 1 and result[0] == result[-1]:
        result.pop()
    return result
