"""What a reader sees in a position's row (templates/positions/_position_rows.html, positions/rows.py):
the badges, topic, date, who said it, summary, quote and links, in English and Ukrainian."""

import datetime

import pytest
from django.template import engines
from django.test.html import parse_html
from django.utils import translation

from positions.choices import ActorKind, Stance
from positions.models import Position
from positions.rows import ROW_FIELDS, latest_rows, records_by_id, roles_by_actor
from sources.models import Verification
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, RoleFactory, SourceFactory, TopicFactory

D = datetime.date
ROWS = engines["django"].from_string(
    "{% load positions_tags %}{% position_rows positions hide_actor=hide_actor roles=roles replaced=replaced %}"
)


def render_rows(positions, hide_actor=False, roles=None, replaced=None) -> str:
    return ROWS.render({"positions": positions, "hide_actor": hide_actor, "roles": roles, "replaced": replaced})


def has(html: str, fragment: str) -> bool:
    """The fragment is in the page as elements, whatever the whitespace and attribute order."""
    return parse_html(html).count(parse_html(fragment)) > 0


def rows_of(html: str) -> list[str]:
    return [part.split("</li>")[0] for part in html.split('<li class="position-row">')[1:]]


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
    # Loaded as the actor page loads them: only the columns a row shows (a missing one would be a query per row).
    loaded = Position.objects.filter(pk__in=ids).with_related().only(*ROW_FIELDS).in_bulk()
    return [loaded[pk] for pk in ids]


@pytest.mark.django_db
def test_a_row_in_english_shows_badges_topic_date_who_quote_and_links():
    positions = assorted_positions()
    lammy, rules_out, old, france, analyst = positions
    with translation.override("en"):
        html = render_rows(positions)
    rows = rows_of(html)
    assert len(rows) == 5
    first = rows[0]
    assert has(first, '<strong class="position-topic">Combat troops</strong>')
    assert has(first, '<time datetime="2024-11-25">25 Nov 2024</time>')
    # Who, with the role held that day and the country's page; names escaped, never markup.
    assert has(
        first,
        '<p class="position-who"><a href="/actors/lammy/">David &lt;Lammy&gt;</a><span class="role">, Foreign'
        ' Secretary</span> <span class="role">· <a href="/countries/gb/">United Kingdom</a></span></p>',
    )
    assert has(first, '<p class="position-summary">Rules it out &amp; more</p>')
    # An English page quotes the English text, even when the original is Ukrainian.
    assert has(first, '<p class="position-quote" lang="en">“English words 0 &lt;&amp;&gt;”</p>')
    assert f'<a href="/positions/{lammy.pk}/">Details<span class="visually-hidden">' in first
    assert f'Source: <a href="/sources/{lammy.quote.source_id}/">' in first
    # A confirmed statement has no verification badge; a reported one does, linking to its definition.
    assert "verification-confirmed" not in first
    assert 'href="/about/#verification-reported"' in rows[1] and ">reported</a>" in rows[1]
    assert 'href="/about/#stance-rules_out"' in rows[1]
    # The role of that day: the earlier one for a statement before the current role began.
    assert "Shadow &amp; Foreign" in rows[1] and "Foreign Secretary" not in rows[1]
    assert has(rows[1], '<time datetime="2023-06-01">Jun 2023</time>')
    assert has(rows[2], '<time datetime="2019-01-01">2019</time>')
    assert '<span class="role">, ' not in rows[2]  # no role held in 2019
    # A long quote is cut to 45 words.
    assert "word44 …”" in rows[1] and "word45" not in rows[1]
    # A state is its country: no second link to it; an actor without a country has none.
    assert "/countries/fr/" not in rows[3] and "/countries/" not in rows[4]
    # A source without a date shows none; one with a month shows the month.
    assert has(rows[1], f'<a href="/sources/{rules_out.quote.source_id}/">{rules_out.quote.source.outlet.name}</a>')
    assert ", Mar 2024" in rows[1]


@pytest.mark.django_db
def test_a_row_in_ukrainian_shows_ukrainian_texts_and_marks_english_fallbacks():
    positions = assorted_positions()
    with translation.override("uk"):
        html = render_rows(positions)
    first = rows_of(html)[0]
    assert has(first, '<a href="/uk/actors/lammy/">Девід Леммі</a>')
    assert has(first, '<span class="role">, Міністр закордонних справ</span>')
    assert has(first, '<strong class="position-topic">Бойові війська</strong>')
    assert has(first, '<p class="position-summary">Виключає</p>')
    # The words as said when the page is in their language.
    assert has(first, '<p class="position-quote" lang="uk">«Ми не надішлемо війська.»</p>')
    assert ">Докладніше<span" in first and "Джерело:" in first
    assert "David &lt;Lammy&gt;" not in html
    # No Ukrainian name: the English one, marked as English for screen readers.
    assert '<a href="/uk/actors/analyst/"><span lang="en">Analyst</span></a>' in html
    assert 'href="/uk/about/#stance-' in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "uk"])
def test_an_actors_own_rows_show_the_role_and_the_stance_each_changed_from(language):
    positions = assorted_positions()
    lammy = positions[0]
    with translation.override(language):
        html = render_rows(positions[:3], hide_actor=True, replaced={lammy.pk: Stance.SUPPORTS})
        expected_as = {"en": "as Foreign Secretary", "uk": "як Міністр закордонних справ"}[language]
    rows = rows_of(html)
    assert 'class="position-who"' in rows[0] and '/actors/lammy/">' not in rows[0]
    assert has(rows[0], f'<p class="position-who"><span class="role">{expected_as}</span></p>')
    assert 'class="change-marker"' in rows[0] and "stance-supports" in rows[0]
    assert 'class="change-marker"' not in rows[1]
    assert 'class="position-who"' not in rows[2]  # no role that day, and the actor is the page's


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "uk"])
def test_records_and_model_instances_give_the_same_rows_without_queries(language, django_assert_num_queries):
    """The list, home and country pages draw rows from plain records (rows.row_records), the actor page from models."""
    positions = assorted_positions()
    ids = [position.pk for position in positions]
    with django_assert_num_queries(1):
        records = records_by_id([*reversed(ids), 999_999])
    assert [record.pk for record in records] == ids[::-1]  # the order asked for; a missing id left out
    with django_assert_num_queries(1):
        roles = roles_by_actor(records)
    with translation.override(language), django_assert_num_queries(0):
        for replaced in ({}, {ids[0]: Stance.SUPPORTS, ids[3]: Stance.OPEN}):
            for hide_actor in (False, True):
                expected = render_rows(positions[::-1], hide_actor, replaced=replaced)
                assert render_rows(records, hide_actor, roles=roles, replaced=replaced) == expected
        # Loaded roles, even none, are not looked up again per row.
        render_rows(records, roles={})
    newest = latest_rows(Position.objects.all(), 3)
    by_date = sorted(positions, key=lambda p: (p.stated_on, p.pk), reverse=True)[:3]
    assert [record.pk for record in newest] == [position.pk for position in by_date]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", ""), (" a \n b ", "a b"), ("a " * 45, ("a " * 45).strip()), ("a " * 46, ("a " * 45).strip() + " …")],
)
def test_first_words_cut_as_truncatewords_does(text, expected):
    from django.template.defaultfilters import truncatewords

    from positions.rows import first_words

    assert first_words(text, 45) == expected == truncatewords(text, 45)
