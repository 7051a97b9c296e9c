"""The page stylesheet for class-only maps matches the colours the standalone SVG uses."""

from pathlib import Path

from positions.map.palette import stylesheet

MAP_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "map.css"


def test_static_map_css_holds_the_palette_rules():
    css = MAP_CSS.read_text()
    missing = [rule for rule in stylesheet().splitlines() if rule not in css]
    assert missing == [], "regenerate static/css/map.css from positions.map.palette.stylesheet()"


def test_every_stance_has_a_rule():
    css = stylesheet()
    for key in ["supports", "open", "undecided", "opposes", "rules_out", "commentary", "none"]:
        assert f".map-country.stance-{key}" in css


def test_every_filled_key_has_a_stale_rule_and_the_legend_its_sample():
    css = stylesheet()
    for key in ["supports", "open", "undecided", "opposes", "rules_out", "commentary", "stale"]:
        assert f".map-country.map-stale.stance-{key}, .map-swatch.map-stale.stance-{key} " in css
        assert f"url(#map-stale-{key})" in css
