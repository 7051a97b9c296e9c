"""The map's colours, one place for both the SVG's own <style> and static/css/map.css.

Stances use ColorBrewer RdBu like the rest of the site (static/css/site.css) and always appear
with a text label (legend, tooltips). Commentary is hatched grey so it never reads as a point on
the support → rule-out scale; countries with no statement stay drawn, in a neutral grey. A stale
stance (past STALE_AFTER_MONTHS with no newer word) keeps its colour, faded and striped with it,
so it still reads as the stance, and reads as old without colour vision too.
"""

from dataclasses import dataclass

NO_STATEMENT = "none"  # the class suffix of a country without a fill


@dataclass(frozen=True)
class Swatch:
    fill: str
    stroke: str = "#8c8c8c"
    stroke_width: float = 0.5
    stale_ink: str = ""  # the stripes of its stale pattern, where the fill is too light to see


SEA = "#f1f5f8"
FRAME = "#b0b0b0"
INK = "#1b1b1b"
MUTED = "#555555"
HATCH_BACKGROUND = "#d9d9d9"
HATCH_LINE = "#bdbdbd"

SWATCHES: dict[str, Swatch] = {
    "supports": Swatch("#0571b0", "#ffffff"),
    "open": Swatch("#92c5de", "#ffffff"),
    # So light it needs its own dark border to stand apart from the no-statement grey and the sea.
    "undecided": Swatch("#f7f7f7", "#4d4d4d", 0.9, stale_ink="#9a9a9a"),
    "opposes": Swatch("#f4a582", "#ffffff"),
    "rules_out": Swatch("#ca0020", "#ffffff"),
    "commentary": Swatch(HATCH_LINE, "#ffffff"),
    # Cells no stance decides (positions/stance_rule.py), always labelled as such: two voices, or only reports.
    "mixed": Swatch("#b2abd2", "#4d4d4d", 0.9),
    "reported": Swatch("#fcfcfc", "#555555", 0.9),
    NO_STATEMENT: Swatch("#e6e6e6", "#9e9e9e"),
}

# The legend's own stale sample: the stripes alone, in a neutral grey.
STALE_SAMPLE = "stale"
STALE_SAMPLE_INK = "#7a7a7a"
STALE_OPACITY = 0.35  # the faded background under the stripes

# Light fills take dark text, dark fills white text, for anyone drawing labels on the swatches.
TEXT_ON = {"supports": "#ffffff", "rules_out": "#ffffff"}


def stance_key(stance: str | None) -> str:
    return stance if stance in SWATCHES else NO_STATEMENT


def fill_for(stance: str | None, hatch_id: str) -> str:
    key = stance_key(stance)
    return f"url(#{hatch_id})" if key == "commentary" else SWATCHES[key].fill


def stale_keys() -> list[str]:
    """Every key that has a stale pattern: each filled swatch, and the legend's sample."""
    return [key for key in SWATCHES if key != NO_STATEMENT] + [STALE_SAMPLE]


def stale_ink(key: str) -> str:
    if key == STALE_SAMPLE:
        return STALE_SAMPLE_INK
    swatch = SWATCHES[key]
    return swatch.stale_ink or swatch.fill


def stale_pattern_id(key: str, id_prefix: str) -> str:
    return f"{id_prefix}-stale-{key}"


def shape_fill(key: str, id_prefix: str, stale: bool = False) -> str:
    """A country's (or legend swatch's) fill: its colour, or its stale pattern."""
    if stale and key in stale_keys():
        return f"url(#{stale_pattern_id(key, id_prefix)})"
    return fill_for(key, f"{id_prefix}-hatch")


def stylesheet(id_prefix: str = "map") -> str:
    """CSS for the map classes: inside a standalone SVG, or saved as static/css/map.css."""
    hatch = f"{id_prefix}-hatch"
    rules = [
        f".map-sea {{ fill: {SEA}; stroke: {FRAME}; stroke-width: 1; }}",
        f".map-frame {{ fill: none; stroke: {FRAME}; stroke-width: 1; }}",
        ".map-country { stroke-linejoin: round; }",
    ]
    for key, swatch in SWATCHES.items():
        rules.append(
            f".map-country.stance-{key}, .map-swatch.stance-{key} {{ fill: {fill_for(key, hatch)}; stroke: {swatch.stroke}; "
            f"stroke-width: {swatch.stroke_width}; }}"
        )
    for key in stale_keys():
        rules.append(
            f".map-country.map-stale.stance-{key}, .map-swatch.map-stale.stance-{key} "
            f"{{ fill: url(#{stale_pattern_id(key, id_prefix)}); }}"
        )
    rules += [
        f".map-legend .map-swatch {{ stroke: {SWATCHES[NO_STATEMENT].stroke}; stroke-width: 0.6; }}",
        f".map-text {{ font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; fill: {INK}; }}",
        ".map-legend-heading { font-size: 13px; font-weight: 600; }",
        ".map-legend-label { font-size: 12.5px; }",
        f".map-credit {{ font-size: 10.5px; fill: {MUTED}; }}",
        ".map-heading-title { font-size: 16px; font-weight: 600; }",
        f".map-heading-line {{ font-size: 12.5px; fill: {MUTED}; }}",
        f"a:hover .map-country, a:focus .map-country {{ stroke: {INK}; stroke-width: 1.5; }}",
    ]
    return "\n".join(rules)
