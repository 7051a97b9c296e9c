"""render_map: well-formed, self-contained, escaped SVG with one element per country."""

import xml.etree.ElementTree as ET

import pytest

from positions.map.shapes import shapes
from positions.map.svg import LegendItem, MapCountry, render_map

SVG = "{http://www.w3.org/2000/svg}"
TITLE = "Sending troops to Ukraine: latest stance by country"
CREDIT = "Troop Positions Tracker · Map data: Natural Earth (public domain)"
LEGEND = [
    LegendItem("supports", "supports"),
    LegendItem("rules_out", "rules out"),
    LegendItem("commentary", "commentary"),
    LegendItem(None, "no statement"),
]


def country(code, stance, **overrides):
    values = {
        "iso2": code,
        "name": code,
        "stance": stance,
        "stance_label": stance or "",
        "title_text": f"{code}: {stance}, 3 March 2025 (2 weeks ago)",
        "href": f"/countries/{code.lower()}/",
    }
    return MapCountry(**(values | overrides))


FILLS = {
    "UA": country("UA", "supports"),
    "FR": country("FR", "open"),
    "DE": country("DE", "undecided"),
    "US": country("US", "opposes"),
    "HU": country("HU", "rules_out"),
    "TR": country("TR", "commentary"),
}


def render(fills=FILLS, **kwargs):
    options = {"title": TITLE, "credit": CREDIT, "legend": LEGEND, "legend_heading": "Latest stance"} | kwargs
    return render_map(fills, **options)


def parse(svg):
    return ET.fromstring(svg)


def country_paths(root):
    return {path.get("data-iso2"): path for path in root.iter(f"{SVG}path") if path.get("data-iso2")}


def test_output_is_well_formed_svg_labelled_by_its_title():
    root = parse(render())
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title.text == TITLE
    assert root.get("aria-labelledby") == title.get("id")


def test_description_joins_the_label():
    root = parse(render(description="Six countries have a stance."))
    assert root.get("aria-labelledby") == "map-title map-desc"
    assert root.find(f"{SVG}desc").text == "Six countries have a stance."


def test_credit_line_is_drawn():
    root = parse(render())
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert CREDIT in texts


def test_one_element_per_country_with_the_stance_class():
    paths = country_paths(parse(render()))
    assert set(paths) == set(shapes())
    expected = {
        "UA": "supports",
        "FR": "open",
        "DE": "undecided",
        "US": "opposes",
        "HU": "rules_out",
        "TR": "commentary",
    }
    for code, stance in expected.items():
        assert paths[code].get("class").split() == ["map-country", f"stance-{stance}"]


def test_countries_without_a_fill_are_drawn_as_no_statement():
    root = parse(render(no_statement_label="no statement", country_names={"PL": "Poland (translated)"}))
    paths = country_paths(root)
    assert "stance-none" in paths["PL"].get("class").split()
    assert paths["PL"].get("d")
    assert paths["PL"].find(f"{SVG}title").text == "Poland (translated): no statement"
    assert paths["GB"].find(f"{SVG}title").text == "United Kingdom: no statement"  # Natural Earth's name


def test_filled_countries_link_to_their_page_with_a_tooltip():
    root = parse(render())
    links = {a.find(f"{SVG}path").get("data-iso2"): a for a in root.iter(f"{SVG}a")}
    assert set(links) == set(FILLS)
    assert links["UA"].get("href") == "/countries/ua/"
    assert links["UA"].find(f"{SVG}title").text == "UA: supports, 3 March 2025 (2 weeks ago)"


def test_unknown_stance_and_unknown_codes_are_harmless():
    fills = {"UA": country("UA", "bogus"), "ZZ": country("ZZ", "supports")}
    paths = country_paths(parse(render(fills)))
    assert "stance-none" in paths["UA"].get("class").split()
    assert "ZZ" not in paths


@pytest.mark.parametrize("field", ["title_text", "href", "name"])
def test_hostile_country_text_is_escaped(field):
    hostile = '<script>alert(1)</script>" onload="x'
    svg = render({"UA": country("UA", "supports", **{field: hostile})})
    assert "<script>" not in svg
    root = parse(svg)  # would fail if the quote broke out of an attribute
    assert list(root.iter(f"{SVG}script")) == []
    assert all("onload" not in element.attrib for element in root.iter())


def test_hostile_title_credit_and_legend_are_escaped():
    hostile = "<script>alert('x')</script> & <b>"
    svg = render(
        title=hostile,
        credit=hostile,
        legend=[LegendItem("supports", hostile)],
        legend_heading=hostile,
        no_statement_label=hostile,
        description=hostile,
    )
    assert "<script>" not in svg and "<b>" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == hostile
    assert list(root.iter(f"{SVG}script")) == []


def test_standalone_mode_carries_its_own_colours():
    root = parse(render())
    style = root.find(f"{SVG}style")
    assert style is not None and ".map-country.stance-supports" in style.text
    paths = country_paths(root)
    assert paths["UA"].get("fill") == "#0571b0"
    assert paths["HU"].get("fill") == "#ca0020"
    assert paths["PL"].get("fill") == "#e6e6e6"
    assert paths["TR"].get("fill") == "url(#map-hatch)"
    assert root.find(f".//{SVG}pattern").get("id") == "map-hatch"


def test_self_contained_no_external_references():
    svg = render()
    root = parse(svg)
    for element in root.iter():
        for name, value in element.attrib.items():
            if name == "href":
                assert value.startswith("/countries/")  # links only, nothing loaded
            assert "http" not in value or name == "xmlns"
    assert "@import" not in svg and "<image" not in svg


def test_class_only_mode_has_no_style_element_and_no_colours():
    root = parse(render(inline_styles=False))
    assert root.find(f"{SVG}style") is None
    for element in root.iter():
        assert "style" not in element.attrib
        if element.tag in (f"{SVG}path", f"{SVG}text") or "map-swatch" in element.get("class", ""):
            assert "fill" not in element.attrib
    assert country_paths(root)["UA"].get("class").split() == ["map-country", "stance-supports"]


def test_legend_shows_each_item_with_its_swatch():
    root = parse(render())
    items = [g for g in root.iter(f"{SVG}g") if g.get("class") == "map-legend-item"]
    assert [("".join(g.find(f"{SVG}text").itertext())) for g in items] == [item.label for item in LEGEND]
    assert [g.find(f"{SVG}rect").get("class") for g in items] == [
        "map-swatch stance-supports",
        "map-swatch stance-rules_out",
        "map-swatch stance-commentary",
        "map-swatch stance-none",
    ]


def test_no_legend_when_none_is_given():
    root = parse(render(legend=()))
    assert not [g for g in root.iter(f"{SVG}g") if g.get("class") == "map-legend"]


def test_id_prefix_keeps_two_maps_apart():
    root = parse(render(id_prefix="second"))
    assert root.get("aria-labelledby") == "second-title"
    assert root.find(f".//{SVG}pattern").get("id") == "second-hatch"
    assert country_paths(root)["TR"].get("fill") == "url(#second-hatch)"


def test_a_stale_country_is_drawn_in_its_stale_pattern_in_both_modes():
    fills = {"UA": country("UA", "supports", stale=True), "FR": country("FR", "open")}
    paths = country_paths(parse(render(fills)))
    assert paths["UA"].get("class").split() == ["map-country", "stance-supports", "map-stale"]
    assert paths["UA"].get("fill") == "url(#map-stale-supports)"
    assert paths["FR"].get("fill") == "#92c5de"
    root = parse(render(fills, inline_styles=False))
    pattern_ids = {pattern.get("id") for pattern in root.iter(f"{SVG}pattern")}
    assert {"map-hatch", "map-stale-supports", "map-stale-open", "map-stale-stale"} <= pattern_ids
    assert "map-stale" in country_paths(root)["UA"].get("class").split()


def test_a_cell_state_chooses_the_fill_over_the_stance():
    # A state of the cell that is not a stance (e.g. "mixed") fills from its own palette key.
    paths = country_paths(parse(render({"UA": country("UA", "supports", state="commentary", stale=True)})))
    assert paths["UA"].get("class").split() == ["map-country", "stance-commentary", "map-stale"]
    assert paths["UA"].get("fill") == "url(#map-stale-commentary)"


def test_the_legend_says_what_the_stale_pattern_means_on_a_row_of_its_own():
    legend = [*LEGEND, LegendItem(None, "stale: latest statement over 6 months old", stale=True)]
    root = parse(render(legend=legend))
    items = list(root.iter(f"{SVG}g"))
    stale = [g for g in items if g.get("class") == "map-legend-item" and "map-stale" in g[0].get("class")]
    assert len(stale) == 1
    assert stale[0][0].get("fill") == "url(#map-stale-stale)"
    assert "".join(stale[0][1].itertext()) == "stale: latest statement over 6 months old"


def test_heading_lines_are_drawn_above_the_map():
    root = parse(render(heading=("Stances on “Combat troops”", "Stances as of 6 Dec 2026")))
    assert root.get("viewBox").split()[1] == "-50"
    heading = [t for t in root.iter(f"{SVG}text") if (t.get("class") or "").startswith("map-text map-heading")]
    assert ["".join(t.itertext()) for t in heading] == ["Stances on “Combat troops”", "Stances as of 6 Dec 2026"]
    assert all(float(t.get("y")) < 0 for t in heading)
    assert parse(render()).get("viewBox").split()[1] == "0"
