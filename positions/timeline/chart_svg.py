"""The stance-over-time chart as a self-contained SVG file, for download and PNG rendering.

The page draws the chart with classes styled by static/css/timeline.css (the CSP forbids inline
style); a file read away from the site has no stylesheet, so here every colour and font is a
presentation attribute, and the file carries its own title, colour key, source and licence.
Built with format_html, so the topic's name and every label are escaped.
"""

import datetime

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from positions.bulk_html import format_html, format_html_join
from positions.map import palette
from positions.staleness import stale_after_months
from positions.timeline.chart import HoverWords, StanceChart
from sources.bilingual import localized_text
from sources.dates import format_partial_date

HEADING = 54
KEY_HEIGHT = 30
CREDIT_HEIGHT = 24
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
GRID = "#d0d0d0"
YEAR_RULE = "#8c8c8c"
HATCH_ID = "chart-hatch"
# A stale part of a bar, as static/css/timeline.css draws `.sc-segment-stale` on the page (a test
# holds the two equal): faded, with a dashed outline so it reads without colour.
STALE_SEGMENT = {"fill-opacity": "0.35", "stroke": "#555", "stroke-width": "0.75", "stroke-dasharray": "4 2"}
STALE_ATTRIBUTES = format_html_join("", ' {}="{}"', STALE_SEGMENT.items())


def _fill(stance: str) -> str:
    return palette.fill_for(stance, HATCH_ID)


def _text(x, y, text, *, size=12, fill=palette.INK, anchor="start", weight="normal", dy="") -> SafeString:
    return format_html(
        '<text x="{}" y="{}"{} font-family="{}" font-size="{}" font-weight="{}" fill="{}" text-anchor="{}">{}</text>',
        x,
        y,
        format_html(' dy="{}"', dy) if dy else "",
        FONT,
        size,
        weight,
        fill,
        anchor,
        text,
    )


def _outline(segment) -> SafeString:
    if segment.stale:
        return STALE_ATTRIBUTES
    swatch = palette.SWATCHES[segment.stance]
    return format_html(' stroke="{}" stroke-width="{}"', swatch.stroke, swatch.stroke_width)


def _plot(chart: StanceChart) -> SafeString:
    parts = [_text(4, 12, _("Countries"), size=11, fill=palette.MUTED)]
    for tick in chart.y_ticks:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>',
                chart.plot_left,
                chart.plot_right,
                tick.y,
                tick.y,
                GRID,
            )
        )
        parts.append(_text(chart.count_label_x, tick.y, tick.label, size=11, anchor="end", dy="0.35em"))
    for x, label in chart.year_ticks:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>',
                x,
                x,
                chart.plot_bottom,
                chart.height,
                YEAR_RULE,
            )
        )
        parts.append(_text(x + 4, chart.year_label_y, label, size=11, weight="600"))
    words = HoverWords.now()
    for column in chart.columns:
        bars = format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"{}/>',
            (
                (segment.x, segment.y, segment.width, segment.height, _fill(segment.stance), _outline(segment))
                for segment in column.segments
            ),
        )
        label = (
            _text(column.centre, chart.month_label_y, column.month_label, size=10, anchor="middle")
            if column.month_label
            else ""
        )
        parts.append(format_html("<g><title>{}</title>{}{}</g>", column.hover(words), bars, label))
    return mark_safe("".join(parts))


def _key(chart: StanceChart, y: float) -> SafeString:
    parts, x = [], chart.plot_left
    for value, label in chart.stances:
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="14" height="14" fill="{}" stroke="{}" stroke-width="0.8"/>',
                x,
                y,
                _fill(value),
                # The undecided swatch is near-white: its own dark border keeps it visible.
                "#4d4d4d" if value == "undecided" else "#8c8c8c",
            )
        )
        parts.append(_text(x + 20, y + 11.5, label, size=12.5))
        x += 34 + 7.5 * len(str(label))
    # The stale sample: a faded grey block with the dashed outline of a stale part of a bar.
    parts.append(
        format_html(
            '<rect x="{}" y="{}" width="14" height="14" fill="{}"{}/>',
            x,
            y,
            palette.STALE_SAMPLE_INK,
            STALE_ATTRIBUTES,
        )
    )
    parts.append(_text(x + 20, y + 11.5, stale_label(), size=12.5))
    return mark_safe("".join(parts))


def stale_label() -> str:
    months = stale_after_months()
    return ngettext(
        "faded, dashed: stale (latest statement then over %(months)s month old)",
        "faded, dashed: stale (latest statement then over %(months)s months old)",
        months,
    ) % {"months": months}


def standalone_chart_svg(chart: StanceChart, *, credit: str, as_of: datetime.date) -> str:
    """The whole chart as an SVG document (with its XML declaration); `credit` is the source line,
    `as_of` the day whose stances its last bar counts."""
    title = _("Countries at each stance on “%(topic)s”, month by month") % {
        "topic": localized_text(chart.topic, "name")
    }
    subtitle = _("Stances as of %(date)s") % {"date": format_partial_date(as_of, "day")}
    description = _(
        "Stacked bars, one per month: how many countries' governments stood at each stance at the end of the month."
    )
    width = chart.width
    height = HEADING + chart.height + KEY_HEIGHT + CREDIT_HEIGHT
    hatch = format_html(
        '<defs><pattern id="{}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="{}"/><rect width="2" height="6" fill="{}"/></pattern></defs>',
        HATCH_ID,
        palette.HATCH_BACKGROUND,
        palette.HATCH_LINE,
    )
    svg = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="chart-title chart-desc"><title id="chart-title">{}</title><desc id="chart-desc">{}</desc>{}'
        '<rect width="{}" height="{}" fill="#ffffff"/>{}<g transform="translate(0 {})">{}</g>{}{}</svg>',
        width,
        height,
        width,
        height,
        title,
        description,
        hatch,
        width,
        height,
        mark_safe(
            _text(chart.plot_left, 22, title, size=15, weight="600")
            + _text(chart.plot_left, 42, subtitle, size=12.5, fill=palette.MUTED)
        ),
        HEADING,
        _plot(chart),
        _key(chart, HEADING + chart.height + 8),
        _text(4, height - 8, credit, size=10.5, fill=palette.MUTED),
    )
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg
