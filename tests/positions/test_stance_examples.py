"""/about/'s example and counter-example for each stance: real statements of the data, coded as the page says."""

import csv
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from positions.choices import Stance
from positions.definitions import STANCE_DEFINITIONS
from positions.demo import seed
from positions.demo.seed import ACTORS, POSITIONS, QUOTES, SOURCES
from positions.models import Position, Topic
from positions.stance_examples import STANCE_EXAMPLES, Statement
from positions.views.about import example_positions
from sources.dates import DatePrecision

RECORD = seed.__file__.replace("demo/seed.py", "data/record.csv")


def record_rows() -> list[dict]:
    with open(RECORD, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def seed_rows() -> list[dict]:
    """The seed's positions in the record's columns."""
    quotes = {row["key"]: row for row in QUOTES}
    sources = {row["key"]: row for row in SOURCES}
    rows = []
    for position in POSITIONS:
        quote = quotes[position["quote"]]
        stated_on, precision = quote["said"]
        rows.append(
            {
                "actor_slug": position["actor"],
                "quote": quote["text"],
                "stated_on": stated_on.isoformat(),
                "date_precision": precision,
                "topic": position["topic"],
                "stance": position["stance"],
                "source_url": sources[quote["source"]].get("url", ""),
            }
        )
    return rows


def statements() -> list[Statement]:
    return [s for pair in STANCE_EXAMPLES.values() for s in (pair.example, pair.counter)]


def test_every_stance_has_an_example_and_a_counter_example_coded_otherwise():
    assert set(STANCE_EXAMPLES) == set(Stance.values)
    for stance, pair in STANCE_EXAMPLES.items():
        assert pair.example.stance == stance
        assert pair.counter.stance != stance
        assert str(pair.why)


@pytest.mark.parametrize("statement", statements(), ids=lambda s: f"{s.actor_slug}-{s.stated_on}")
def test_each_statement_is_a_row_of_the_data_word_for_word(statement):
    rows = [*seed_rows(), *record_rows()]
    matching = [
        row
        for row in rows
        if (
            row["actor_slug"],
            row["quote"],
            row["stated_on"],
            row["date_precision"],
            row["topic"],
            row["stance"],
            row["source_url"],
        )
        == (
            statement.actor_slug,
            statement.quote,
            statement.stated_on.isoformat(),
            statement.precision,
            statement.topic,
            statement.stance,
            statement.url,
        )
    ]
    assert matching, f"{statement.actor_slug}: no row of the seed or the record says this"


def test_the_seeds_names_are_used_for_its_actors():
    names = {row["slug"]: (row["name"], row.get("name_uk", "")) for row in ACTORS}
    for statement in statements():
        if statement.actor_slug in names:
            assert (statement.name, statement.name_uk) == names[statement.actor_slug]
        assert statement.name_uk and statement.precision in DatePrecision.values


def stance_section(html: str, stance: str) -> str:
    return html.split(f'id="stance-{stance}"')[1].split("<dt")[0]


def test_about_shows_each_definition_example_and_counter_example(client, seeded):
    html = client.get("/about/").content.decode()
    for stance, pair in STANCE_EXAMPLES.items():
        section = stance_section(html, stance)
        assert str(STANCE_DEFINITIONS[stance]).replace("'", "&#x27;") in section
        for statement in (pair.example, pair.counter):
            assert statement.quote.replace("'", "&#x27;") in section
            assert statement.name.replace("'", "&#x27;") in section
        assert f"coded “{Stance(pair.counter.stance).label}”" in section
        assert f"{pair.example.name} on {Topic.objects.get(slug=pair.example.topic).name}," in section.replace(
            "&#x27;", "'"
        )
        assert str(pair.why).replace("'", "&#x27;") in section


def test_about_links_a_statement_to_its_position_when_the_data_holds_it_else_to_its_source(client, seeded):
    html = client.get("/about/").content.decode()
    barrot = Position.objects.get(actor__slug="jean-noel-barrot")
    assert f'href="/positions/{barrot.pk}/"' in stance_section(html, Stance.OPEN)
    spokesperson = Position.objects.get(quote__text__startswith="Yes, beyond what I’ve said")
    assert f'href="/positions/{spokesperson.pk}/"' in stance_section(html, Stance.RULES_OUT)
    # Not loaded here: the record's statement links to the page it was read on.
    assert 'href="https://www.pravda.com.ua/eng/news/2025/08/15/7526369/"' in stance_section(html, Stance.SUPPORTS)


def test_the_examples_positions_are_found_in_one_query(seeded):
    with CaptureQueriesContext(connection) as queries:
        found = example_positions()
    assert len(queries) == 1
    assert {slug for slug, _ in found} >= {"jean-noel-barrot", "david-lammy", "taras-semenyuk"}


def test_ukrainian_about_names_the_speakers_and_says_why_in_ukrainian(client, seeded):
    html = client.get("/uk/about/").content.decode()
    section = stance_section(html, Stance.COMMENTARY)
    assert "Якуб Янда" in section and "Тарас Семенюк" in section
    assert "слова аналітика ніколи не визначають позицію країни" in section
    assert re.search(r'<span lang="en">“Therefore, after eleven years', section)
