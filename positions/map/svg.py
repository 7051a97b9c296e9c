"""Render the /map/ choropleth as one self-contained SVG string, without touching the database.

The caller (a view) decides each country's stance, labels and link and passes them in as
`MapCountry` values; every piece of text arrives translated, so this module only lays out and
escapes. Markup is built with format_html/format_html_join so names and titles are escaped, and
the characters XML 1.0 cannot carry are dropped from the result, so a .svg file always parses.

Two styling modes:
- `inline_styles=True` (a downloadable .svg): colours as presentation attributes on every shape
  plus a <style> element, so the file stands alone in any viewer.
- `inline_styles=False` (inline in an HTML page): classes only. The site's CSP forbids inline
  style, which also blocks a <style> inside an inline <svg>; the page links static/css/map.css
  (the same rules, from `palette.stylesheet()`) instead.
"""

import functools
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from django.utils.safestring import SafeString, mark_safe

from positions.bulk_html import format_html, format_html_join
from sources.text import xml_safe

from . import palette
from .shapes import load_shapes

CREDIT_HEIGHT = 22
HEADING_LINE = 22  # each line of the heading a downloaded map draws above itself
LEGEND_ROW = 21
LEGEND_SWATCH = 14


@dataclass(frozen=True)
class MapCountry:
    """One country's fill: `stance` is a stored Stance value, or None for no statement.

    `state`, when given, is a state of the country's cell that is not a stance (a palette key
    such as "mixed") and chooses the fill instead; `stale` draws it faded and striped.
    """

    iso2: str
    name: str
    stance: str | None
    stance_label: str
    title_text: str  # the tooltip: name, stance label, date and age, already worded
    href: str
    stale: bool = False
    state: str | None = None

    @property
    def key(self) -> str:
        return palette.stance_key(self.state or self.stance)


@dataclass(frozen=True)
class LegendItem:
    stance: str | None  # None: the no-statement swatch; palette.STALE_SAMPLE: the stale one
    label: str
    stale: bool = False  # drawn with the stale pattern, on a row of its own under the columns


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text.removesuffix(".0")


def _paint(key: str, inline: bool, id_prefix: str, *, legend: bool = False, stale: bool = False) -> SafeString:
    """Presentation attributes for one swatch key; empty in class-only mode."""
    if not inline:
        return mark_safe("")
    swatch = palette.SWATCHES.get(key, palette.SWATCHES[palette.NO_STATEMENT])
    stroke, width = (
        (palette.SWATCHES[palette.NO_STATEMENT].stroke, 0.6) if legend else (swatch.stroke, swatch.stroke_width)
    )
    fill = palette.shape_fill(key, id_prefix, stale)
    return format_html(' fill="{}" stroke="{}" stroke-width="{}"', fill, stroke, _num(width))


def _patterns(id_prefix: str) -> SafeString:
    # Presentation attributes, not style: CSP's style-src does not govern them, so the patterns
    # work in both modes.
    stale = format_html_join(
        "",
        '<pattern id="{}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#ffffff"/><rect width="6" height="6" fill="{}" fill-opacity="{}"/>'
        '<rect width="2" height="6" fill="{}"/></pattern>',
        (
            (
                palette.stale_pattern_id(key, id_prefix),
                palette.stale_ink(key),
                palette.STALE_OPACITY,
                palette.stale_ink(key),
            )
            for key in palette.stale_keys()
        ),
    )
    return format_html(
        '<defs><pattern id="{}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="{}"/><rect width="2" height="6" fill="{}"/></pattern>{}</defs>',
        f"{id_prefix}-hatch",
        palette.HATCH_BACKGROUND,
        palette.HATCH_LINE,
        stale,
    )


def _draw_order(code: str, fills: Mapping[str, MapCountry]) -> tuple[int, str]:
    # The undecided border is the only thing telling it from the sea; draw it last so
    # neighbours' strokes do not cover it.
    country = fills.get(code)
    key = country.key if country else palette.NO_STATEMENT
    return ({palette.NO_STATEMENT: 0, "undecided": 2}.get(key, 1), code)


@functools.cache
def _escaped_paths() -> Mapping[str, SafeString]:
    """Each outline's path data, escaped once per process: it depends only on the shapes file, and
    escaping its ~100 kB on every map was a good part of drawing one."""
    return MappingProxyType({code: SafeString(html.escape(d)) for code, d in load_shapes().shapes.items()})


def _country(code, d, country, *, fallback_name, no_statement_label, inline, id_prefix) -> SafeString:
    if country is None:
        key = palette.NO_STATEMENT
        attributes = _paint(key, inline, id_prefix)
        return format_html(
            '<path class="map-country stance-{}" data-iso2="{}" d="{}"{}><title>{}: {}</title></path>',
            key,
            code,
            d,
            attributes,
            fallback_name,
            no_statement_label,
        )
    key = country.key
    return format_html(
        '<a href="{}" class="map-link"><title>{}</title>'
        '<path class="map-country stance-{}{}" data-iso2="{}" d="{}"{}/></a>',
        country.href,
        country.title_text,
        key,
        " map-stale" if country.stale else "",
        code,
        d,
        _paint(key, inline, id_prefix, stale=country.stale),
    )


def _swatch_row(item, left, row_top, *, inline, id_prefix, text_paint) -> SafeString:
    key = palette.STALE_SAMPLE if item.stale and item.stance is None else palette.stance_key(item.stance)
    return format_html(
        '<g class="map-legend-item"><rect class="map-swatch stance-{}{}" x="{}" y="{}" width="{}" height="{}"{}/>'
        '<text class="map-text map-legend-label" x="{}" y="{}"{}>{}</text></g>',
        key,
        " map-stale" if item.stale else "",
        _num(left),
        _num(row_top),
        LEGEND_SWATCH,
        LEGEND_SWATCH,
        _paint(key, inline, id_prefix, legend=True, stale=item.stale),
        _num(left + LEGEND_SWATCH + 7),
        _num(row_top + LEGEND_SWATCH - 2.5),
        text_paint,
        item.label,
    )


def _legend(items, heading, box, *, inline, id_prefix) -> SafeString:
    """Two columns of swatch + label in the space the build left under North America; the stale
    items (longer words) each on a row of the full width below them."""
    if not items:
        return mark_safe("")
    x, y, width, _height = box
    top = y + 18
    rows = []
    if heading:
        heading_paint = (
            format_html(' fill="{}" font-size="13" font-weight="600" font-family="sans-serif"', palette.INK)
            if inline
            else mark_safe("")
        )
        rows.append(
            format_html(
                '<text class="map-text map-legend-heading" x="{}" y="{}"{}>{}</text>',
                _num(x + 10),
                _num(top),
                heading_paint,
                heading,
            )
        )
        top += 10
    text_paint = (
        format_html(' fill="{}" font-size="12.5" font-family="sans-serif"', palette.INK) if inline else mark_safe("")
    )
    columns = [item for item in items if not item.stale]
    per_column = (len(columns) + 1) // 2
    column_width = (width - 20) / 2
    for index, item in enumerate(columns):
        left = x + 10 + (index // per_column) * column_width
        row_top = top + (index % per_column) * LEGEND_ROW
        rows.append(_swatch_row(item, left, row_top, inline=inline, id_prefix=id_prefix, text_paint=text_paint))
    row_top = top + per_column * LEGEND_ROW
    for item in items:
        if item.stale:
            rows.append(_swatch_row(item, x + 10, row_top, inline=inline, id_prefix=id_prefix, text_paint=text_paint))
            row_top += LEGEND_ROW
    return format_html('<g class="map-legend">{}</g>', mark_safe("".join(rows)))


def _heading(lines, min_x, *, inline) -> SafeString:
    """The title and subtitle lines drawn above the map, in the band `render_map` adds for them."""
    parts = []
    for index, line in enumerate(lines):
        paint = (
            format_html(
                ' fill="{}" font-size="{}" font-weight="{}" font-family="sans-serif"',
                palette.INK if index == 0 else palette.MUTED,
                16 if index == 0 else 12.5,
                600 if index == 0 else 400,
            )
            if inline
            else mark_safe("")
        )
        y = -HEADING_LINE * (len(lines) - index) + 8
        parts.append(
            format_html(
                '<text class="map-text map-heading-{}" x="{}" y="{}"{}>{}</text>',
                "title" if index == 0 else "line",
                _num(min_x + 4),
                _num(y),
                paint,
                line,
            )
        )
    return format_html('<g class="map-heading">{}</g>', mark_safe("".join(parts)))


def render_map(
    fills: Mapping[str, MapCountry],
    *,
    title: str,
    credit: str,
    legend: Sequence[LegendItem] = (),
    legend_heading: str = "",
    no_statement_label: str = "no statement",
    description: str = "",
    country_names: Mapping[str, str] | None = None,
    inline_styles: bool = True,
    id_prefix: str = "map",
    role: str = "img",
    heading: Sequence[str] = (),
    frame: tuple[float, float, float, float] | None = None,
) -> SafeString:
    """The whole map. `fills` is keyed by ISO alpha-2; codes the map does not show are ignored.

    `country_names` names the countries without a fill in their tooltips (translated names from
    the view); Natural Earth's English names fill any gap. `id_prefix` keeps ids unique when one
    page holds several maps. `role="img"` makes the map one picture to a screen reader, which
    hides its links: a page whose map links each country passes `role="group"`. `heading`: lines
    drawn above the map (a title, then what the picture shows and as of when), for a picture read
    away from the page that would say them. `frame` (x, y, width, height; shapes.frame_for) crops
    the picture to part of the map; by default all of it.
    """
    data = load_shapes()
    min_x, min_y, width, map_height = frame or data.view_box
    band = HEADING_LINE * len(heading) + (6 if heading else 0)
    min_y -= band
    height = band + map_height + CREDIT_HEIGHT
    inline = inline_styles
    names = {**data.names, **(country_names or {})}
    paths = _escaped_paths()

    labelled_by = f"{id_prefix}-title" + (f" {id_prefix}-desc" if description else "")
    head = [format_html('<title id="{}-title">{}</title>', id_prefix, title)]
    if description:
        head.append(format_html('<desc id="{}-desc">{}</desc>', id_prefix, description))
    if inline:
        # The CSS holds no user text, only the palette's fixed colours.
        head.append(format_html("<style>{}</style>", mark_safe(palette.stylesheet(id_prefix))))
    head.append(_patterns(id_prefix))

    sea_paint = format_html(' fill="{}" stroke="none"', palette.SEA) if inline else mark_safe("")
    frame_paint = format_html(' fill="none" stroke="{}" stroke-width="1"', palette.FRAME) if inline else mark_safe("")
    panels = format_html_join(
        "",
        '<rect class="map-sea" data-panel="{}" x="{}" y="{}" width="{}" height="{}"{}/>',
        ((p.id, *map(_num, p.box), sea_paint) for p in data.panels),
    )
    frames = format_html_join(
        "",
        '<rect class="map-frame" x="{}" y="{}" width="{}" height="{}"{}/>',
        ((*map(_num, p.box), frame_paint) for p in data.panels),
    )
    countries = mark_safe(
        "".join(
            _country(
                code,
                paths[code],
                fills.get(code),
                fallback_name=names.get(code, code),
                no_statement_label=no_statement_label,
                inline=inline,
                id_prefix=id_prefix,
            )
            for code in sorted(data.shapes, key=lambda code: _draw_order(code, fills))
        )
    )
    credit_paint = (
        format_html(' fill="{}" font-size="10.5" font-family="sans-serif"', palette.MUTED) if inline else mark_safe("")
    )
    credit_text = format_html(
        '<text class="map-text map-credit" x="{}" y="{}"{}>{}</text>',
        _num(min_x + 4),
        _num(min_y + map_height + CREDIT_HEIGHT - 7),
        credit_paint,
        credit,
    )
    svg = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="stance-map" viewBox="{} {} {} {}" width="{}" height="{}" '
        'role="{}" aria-labelledby="{}">{}{}{}<g class="map-countries">{}</g>{}{}{}</svg>',
        _num(min_x),
        _num(min_y),
        _num(width),
        _num(height),
        _num(width),
        _num(height),
        role,
        labelled_by,
        mark_safe("".join(head)),
        _heading(heading, min_x, inline=inline) if heading else "",
        panels,
        countries,
        frames,
        _legend(legend, legend_heading, data.legend_box, inline=inline, id_prefix=id_prefix),
        credit_text,
    )
    # Names and tooltips come from the database; the markup itself holds none of these characters.
    return mark_safe(xml_safe(svg))
