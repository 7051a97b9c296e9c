"""The rows and badges built in Python (positions/rows.py, positions/badges.py) equal the templates they replace.

tests/positions/reference/ keeps the templates as they were; each is rendered here beside the new
code for the same positions, in English and in Ukrainian, and the two outputs must be the same
markup (whitespace between tags collapsed to one space, which HTML renders alike).
"""

import datetime
import re
from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from positions.badges import stance_badge_html, translation_badge_html, verification_badge_html
from positions.choices import ActorKind, Stance
from positions.definitions import STANCE_DEFINITIONS, TRANSLATION_DEFINITIONS, VERIFICATION_DEFINITIONS, definition_url
from positions.models import Position
from positions.rows import (
    ROW_FIELDS,
    RowWords,
    latest_rows,
    position_row,
    position_rows,
    records_by_id,
    roles_by_actor,
)
from sources.models import Verification
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, RoleFactory, SourceFactory, TopicFactory

REFERENCE = Path(__file__).resolve().parent / "reference"
D = datetime.date


def reference(name: str):
    return engines["django"].from_string((REFERENCE / name).read_text())


def same_markup(html: str) -> str:
    return re.sub(r"\s+", " ", str(html)).strip()


def old_badge(name: str, value: str, definitions: dict, link: bool, **extra) -> str:
    definition = definitions.get(value, "")
    kind = name
    context = {
        "definition": str(definition),
        "url": definition_url(kind, value) if link and value in definitions else "",
        **extra,
    }
    return reference(f"{name}_badge.html").render(context)


@pytest.mark.parametrize("language", ["en", "uk"])
def test_badges_equal_their_old_templates(language):
    with translation.override(language):
        for stance in [*Stance.values, "unknown"]:
            label = str(Stance(stance).label) if stance in Stance.values else stance
            for link in (True, False):
                expected = old_badge("stance", stance, STANCE_DEFINITIONS, link, stance=stance, label=label)
                assert stance_badge_html(stance, link) == expected
        for value in Verification.values:
            for show in (True, False):
                for link in (True, False):
                    expected = old_badge(
                        "verification",
                        value,
                        VERIFICATION_DEFINITIONS,
                        link,
                        verification=value,
                        label=str(Verification(value).label),
                        shown=show or value != Verification.CONFIRMED,
                    )
                    assert verification_badge_html(value, show, link) == expected
        definitions = {key: text for key, (_label, text) in TRANSLATION_DEFINITIONS.items()}
        for status in [*TRANSLATION_DEFINITIONS, None]:
            label = str(TRANSLATION_DEFINITIONS[status][0]) if status in TRANSLATION_DEFINITIONS else ""
            for link in (True, False):
                expected = old_badge(
                    "translation",
                    status or "",
                    definitions,
                    link,
                    status=status,
                    label=label,
                    shown=status == "machine",
                )
                assert translation_badge_html(status, link) == expected


def assorted_positions() -> list[Position]:
    """Rows of every shape: a role or none, a state, Ukrainian texts or not, original-language quotes,
    a summary, partial dates, a source without a date, a long quote, characters to escape."""
    official = ActorFactory(name="David <Lammy>", name_uk="Девід Леммі", slug="lammy", country="GB")
    RoleFactory(actor=official, title="Foreign Secretary", title_uk="Міністр закордонних справ", start_on=D(2024, 7, 5))
    RoleFactory(actor=official, title="Shadow & Foreign", start_on=D(2020, 1, 1), end_on=D(2024, 7, 4))
    state = ActorFactory(name="France", slug="france", country="FR", kind=ActorKind.STATE)
    nobody = ActorFactory(name="Analyst", slug="analyst", country="", kind=ActorKind.ANALYST)
    topics = [TopicFactory(slug="combat-troops", name="Combat troops", name_uk="Бойові війська"), TopicFactory()]
    undated = SourceFactory(published_on=None)
    month = SourceFactory(published_on=D(2024, 3, 1), published_precision="month")
    long_text = " ".join(f"word{i}" for i in range(60)) + ' "quoted" & <b>'
    shapes = [
        dict(actor=official, stated_on=D(2024, 11, 25), summary="Rules it out & more", summary_uk="Виключає"),
        dict(actor=official, stated_on=D(2023, 6, 1), date_precision="month", stance=Stance.RULES_OUT),
        dict(actor=official, stated_on=D(2019, 1, 1), date_precision="year", stance=Stance.SUPPORTS),
        dict(actor=state, stated_on=D(2024, 2, 26), stance=Stance.OPEN, summary="Macron's words"),
        dict(actor=nobody, stated_on=D(2024, 5, 2), stance=Stance.COMMENTARY),
    ]
    positions = []
    for i, shape in enumerate(shapes):
        stated_on = shape["stated_on"]
        quote = QuoteFactory(
            source=[SourceFactory(), month, undated, SourceFactory(), undated][i],
            said_on=stated_on,
            date_precision=shape.get("date_precision", "day"),
            text=long_text if i == 1 else f"English words {i} <&>",
            original_text={0: "Ми не надішлемо війська.", 3: "Rien n'est exclu."}.get(i, ""),
            original_language={0: "uk", 3: "fr"}.get(i, ""),
            verification=[Verification.CONFIRMED, Verification.REPORTED, Verification.UNVERIFIED][i % 3],
            # Every attribution; the anonymous one is reported, never confirmed.
            attribution=["direct", "anonymous", "spokesperson", "paraphrase", "direct"][i],
        )
        positions.append(PositionFactory(quote=quote, topic=topics[i % 2], **shape))
    ids = [position.pk for position in positions]
    # Loaded as the list loads them: only the columns a row shows (a missing one would be a query per row).
    loaded = Position.objects.filter(pk__in=ids).with_related().only(*ROW_FIELDS).in_bulk()
    return [loaded[pk] for pk in ids]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "uk"])
def test_rows_equal_the_old_template(language, django_assert_num_queries):
    positions = assorted_positions()
    with translation.override(language), django_assert_num_queries(0):
        position_rows(positions)
        position_rows(positions, hide_actor=True)
    template = reference("position_row.html")
    request = RequestFactory().get("/")
    with translation.override(language):
        words = RowWords()
        for position in positions:
            for hide_actor in (False, True):
                for replaced in ("", Stance.SUPPORTS):
                    context = {"position": position, "hide_actor": hide_actor, "replaced": replaced}
                    expected = same_markup(template.render(context, request))
                    assert same_markup(position_row(position, words, hide_actor, replaced or None)) == expected
                    # Pages that include the row's template get the same markup.
                    included = engines["django"].from_string('{% include "positions/_position_row.html" %}')
                    assert same_markup(included.render(context, request)) == expected
        together = "".join(template.render({"position": position}, request) for position in positions)
        assert same_markup(position_rows(positions)) == same_markup(together)
        # As the list builds them: roles read in one query beside positions loaded without them.
        bare = Position.objects.filter(pk__in=[p.pk for p in positions]).select_related(
            "actor", "topic", "quote__source__outlet"
        )
        bare = sorted(bare.only(*ROW_FIELDS), key=lambda p: [q.pk for q in positions].index(p.pk))
        with django_assert_num_queries(1):
            roles = roles_by_actor(bare)
        with django_assert_num_queries(0):
            assert same_markup(position_rows(bare, roles=roles)) == same_markup(together)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "uk"])
def test_row_records_give_the_markup_of_model_instances(language, django_assert_num_queries):
    """The list, home and country pages draw rows from plain records (rows.row_records), not models."""
    positions = assorted_positions()
    ids = [position.pk for position in positions]
    with django_assert_num_queries(1):
        records = records_by_id([*reversed(ids), 999_999])
    assert [record.pk for record in records] == ids[::-1]  # the order asked for; a missing id left out
    roles = roles_by_actor(records)
    with translation.override(language), django_assert_num_queries(0):
        for replaced in ({}, {ids[0]: Stance.SUPPORTS, ids[3]: Stance.OPEN}):
            for hide_actor in (False, True):
                expected = position_rows(positions[::-1], hide_actor, replaced=replaced)
                assert position_rows(records, hide_actor, roles=roles, replaced=replaced) == expected
    newest = latest_rows(Position.objects.all(), 3)
    by_date = sorted(positions, key=lambda p: (p.stated_on, p.pk), reverse=True)[:3]
    assert [record.pk for record in newest] == [position.pk for position in by_date]


@pytest.mark.django_db
def test_rows_show_ukrainian_texts_and_mark_english_fallbacks():
    positions = assorted_positions()
    with translation.override("uk"):
        html = position_rows(positions)
    assert '<a href="/uk/actors/lammy/">Девід Леммі</a>' in html
    assert '<span class="role">, Міністр закордонних справ</span>' in html
    assert '<p class="position-quote" lang="uk">«Ми не надішлемо війська.»</p>' in html
    assert '<a href="/uk/actors/analyst/"><span lang="en">Analyst</span></a>' in html
    assert "David &lt;Lammy&gt;" not in html
    with translation.override("en"):
        html = position_rows(positions)
    assert "David &lt;Lammy&gt;" in html and "Shadow &amp; Foreign" in html
    assert '<p class="position-quote" lang="en">“English words 0 &lt;&amp;&gt;”</p>' in html
    assert "word44 …”" in html and "word45" not in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", ""), (" a \n b ", "a b"), ("a " * 45, ("a " * 45).strip()), ("a " * 46, ("a " * 45).strip() + " …")],
)
def test_first_words_cut_as_truncatewords_does(text, expected):
    from django.template.defaultfilters import truncatewords

    from positions.rows import first_words

    assert first_words(text, 45) == expected == truncatewords(text, 45)
