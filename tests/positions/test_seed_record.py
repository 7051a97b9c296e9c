"""The seed held to the rules it is coded by, and seed_demo bringing an older seed's database in line with it.

seed_article.txt beside this file is the article the seed codes (UNN, November 2024), as the
editors received it: every quote taken from it must be its words, with "…" wherever words are left out.
"""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from positions.choices import OfficeRank, Stance
from positions.demo import seed
from positions.management.commands.seed_demo import REASON_LENGTH
from positions.models import Actor, AuthorisationBody, Position, Role, Topic
from sources.dates import DatePrecision
from sources.models import Attribution, Outlet, Quote, Source, Verification

ARTICLE = (Path(__file__).resolve().parent / "seed_article.txt").read_text()
HISTORIES = (Actor, Role, Topic, Position, AuthorisationBody, Outlet, Source, Quote)


def words(text: str) -> list[str]:
    # Words only: a space or a quotation mark the seed tidied is not a change of the speaker's words.
    return re.findall(r"[\w'’-]+", text)


def is_faithful_cut(quote: str, article: str) -> bool:
    """Whether the quote is the article's words in the article's order, left-out words marked by "…"."""
    found, start = words(article), 0
    for part in quote.split("…"):
        part_words = words(part)
        at = next(
            (i for i in range(start, len(found) - len(part_words) + 1) if found[i : i + len(part_words)] == part_words),
            None,
        )
        if at is None:
            return False
        start = at + len(part_words)
    return True


def quote_row(key: str) -> dict:
    return next(row for row in seed.QUOTES if row["key"] == key)


def source_row(key: str) -> dict:
    return next(row for row in seed.SOURCES if row["key"] == key)


def test_a_silent_cut_and_a_marked_one_are_told_apart():
    article = "One two three. Four five. Six seven."
    assert is_faithful_cut("One two three. Four five. Six seven.", article)
    assert is_faithful_cut("One two three. … Six seven.", article)
    assert not is_faithful_cut("One two three. Six seven.", article)
    assert not is_faithful_cut("Six seven. … One two three.", article)


@pytest.mark.parametrize("row", [row for row in seed.QUOTES if row["source"] == "unn"], ids=lambda row: row["key"])
def test_every_quote_from_the_article_is_its_words_with_cuts_marked(row):
    assert is_faithful_cut(row["text"], ARTICLE), row["key"]


def test_the_earlier_seeds_cut_of_semenyuks_answer_would_be_caught():
    old_text = quote_row("semenyuk-parliament")["previous_texts"][0]
    assert not is_faithful_cut(old_text, ARTICLE)
    assert "It wasn't just one person who decided and sent it." in quote_row("semenyuk-parliament")["text"]


def test_no_seed_quote_is_an_anonymous_report_confirmed():
    for row in seed.QUOTES:
        assert not (row["attribution"] == Attribution.ANONYMOUS and row["verification"] == Verification.CONFIRMED)


def test_no_seed_position_claims_a_day_its_source_does_not_give():
    for row in seed.POSITIONS:
        quote = quote_row(row["quote"])
        source = source_row(quote["source"])
        if quote["said"][1] == DatePrecision.DAY:
            assert source["published_precision"] == DatePrecision.DAY or row.get("date_evidence"), row["quote"]
        assert quote["said"][0] <= source["published_on"] or source["published_precision"] != DatePrecision.DAY


def test_every_seed_role_says_its_office_rank():
    for actor in seed.ACTORS:
        for role in actor.get("roles", []):
            assert len(role) == 5 and role[4] in OfficeRank.values, role


def test_every_reason_fits_the_history():
    for row in [*seed.POSITIONS, *seed.REMOVED_POSITIONS]:
        assert len(row.get("why", "")) <= REASON_LENGTH


def test_seed_starmer_and_france_rest_only_on_an_anonymous_report(seeded):
    for slug in ("keir-starmer", "france"):
        position = Position.objects.get(actor__slug=slug)
        assert position.attribution == Attribution.ANONYMOUS
        assert position.verification != Verification.CONFIRMED
        assert position.date_precision == DatePrecision.MONTH
        assert position.summary.startswith("Reported, not said by")


def test_seed_holds_downing_streets_and_barrots_statements_on_the_record(seeded):
    spokesperson = Position.objects.filter(actor__slug="uk-prime-ministers-spokesperson")
    assert [p.stance for p in spokesperson] == [Stance.OPPOSES, Stance.OPPOSES]
    for position in spokesperson:
        assert (position.stated_on, position.date_precision) == (datetime.date(2024, 11, 25), DatePrecision.DAY)
        assert position.attribution == Attribution.SPOKESPERSON and position.verification == Verification.REPORTED
        assert position.quote.source.url.startswith("https://www.politico.eu/article/uk-david-lammy-not-sending")
        assert position.role.office_rank == OfficeRank.SPOKESPERSON
        position.full_clean()
    assert spokesperson.filter(quote__text="[There are] no plans for troops in that manner.").exists()

    barrot = Position.objects.get(actor__slug="jean-noel-barrot")
    assert barrot.stance == Stance.OPEN and barrot.topic.slug == "combat-troops"
    assert "we do not discard any option publicly" in barrot.quote.text
    assert (barrot.attribution, barrot.verification) == (Attribution.DIRECT, Verification.CONFIRMED)
    assert (
        barrot.quote.source.url
        == "https://uk.ambafrance.org/Ukrainians-must-be-given-the-strongest-possible-hand-Minister"
    )
    assert (barrot.stated_on, barrot.date_precision) == (datetime.date(2024, 11, 22), DatePrecision.DAY)
    assert barrot.role.title == "Minister for Europe and Foreign Affairs of France"
    assert barrot.role.office_rank == OfficeRank.FOREIGN_DEFENCE


def test_seed_roles_carry_their_office_ranks(seeded):
    ranks = {(role.actor.slug, role.title): role.office_rank for role in Role.objects.select_related("actor")}
    assert ranks[("keir-starmer", "Prime Minister of the United Kingdom")] == OfficeRank.HEAD
    assert ranks[("david-lammy", "Foreign Secretary")] == OfficeRank.FOREIGN_DEFENCE
    assert ranks[("david-lammy", "Deputy Prime Minister and Justice Secretary")] == OfficeRank.MINISTER
    assert ranks[("emmanuel-macron", "President of the French Republic")] == OfficeRank.HEAD


def test_semenyuks_answer_is_whole_and_filed_under_combat_troops(seeded):
    position = Position.objects.get(quote__text__contains="It wasn't just one person who decided and sent it.")
    assert position.topic.slug == "combat-troops"
    assert "if Russia begins to rapidly advance" in position.quote.text
    assert not Position.objects.filter(topic__slug="reassurance-force", actor__slug="taras-semenyuk").exists()


def test_no_seed_position_on_instructors_rests_on_words_that_set_them_aside(seeded):
    assert not Position.objects.filter(topic__slug="instructors").exists()


def history_counts() -> list[int]:
    return [model.history.count() for model in HISTORIES]


def test_seed_demo_run_again_changes_nothing_and_writes_no_history(seeded):
    before = history_counts()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert history_counts() == before
    assert "nothing updated." in out.getvalue()


def as_the_old_seed_had_it() -> None:
    """Put the database back as the seed before issue 25's corrections left it."""
    semenyuk = Actor.objects.get(slug="taras-semenyuk")
    rada = Quote.objects.get(text__startswith="We are not talking about instructors")
    parliament = Quote.objects.get(text__contains="It wasn't just one person")
    parliament.text = quote_row("semenyuk-parliament")["previous_texts"][0]
    parliament.save()
    moved = Position.objects.get(quote=parliament)
    moved.topic = Topic.objects.get(slug="reassurance-force")
    moved.summary = "Sending troops needs the parliament of the NATO member concerned; it is not on the table now."
    moved.save()
    Position.objects.create(
        actor=semenyuk,
        topic=Topic.objects.get(slug="instructors"),
        quote=rada,
        stance=Stance.COMMENTARY,
        stated_on=rada.said_on,
        date_precision=rada.date_precision,
        summary="Instructors and specialists are not the question; combat units need the Rada's permission.",
    )
    for slug in ("keir-starmer", "france"):
        position = Position.objects.get(actor__slug=slug)
        position.summary = "France and the UK returned to discussing sending European troops to Ukraine (Le Monde)."
        position.save()
    new_actors = ["uk-prime-ministers-spokesperson", "jean-noel-barrot"]
    new_quotes = list(Quote.objects.filter(positions__actor__slug__in=new_actors).distinct())
    Position.objects.filter(actor__slug__in=new_actors).delete()
    for quote in new_quotes:
        quote.delete()
    Role.objects.filter(actor__slug__in=new_actors).delete()
    Actor.objects.filter(slug__in=new_actors).delete()
    for role in Role.objects.all():
        role.office_rank = OfficeRank.OTHER
        role.save()


def test_seed_demo_brings_the_old_seed_in_line_with_a_history_entry_per_changed_position(seeded):
    as_the_old_seed_had_it()
    out = io.StringIO()

    call_command("seed_demo", stdout=out)

    moved = Position.objects.get(quote__text__contains="It wasn't just one person")
    assert moved.topic.slug == "combat-troops"
    newest = moved.history.first()
    assert newest.topic_id == moved.topic_id and newest.history_change_reason.startswith("Cut sentence restored")
    assert moved.quote.history.first().history_change_reason == "seed_demo brought in line: text"
    for slug in ("keir-starmer", "france"):
        position = Position.objects.get(actor__slug=slug)
        assert position.summary.startswith("Reported, not said by")
        assert position.history.first().history_change_reason == seed.ANONYMOUS_REPORT_WHY

    assert not Position.objects.filter(topic__slug="instructors").exists()
    removed = Position.history.filter(topic__slug="instructors", history_type="-").get()
    assert removed.history_change_reason == seed.REMOVED_POSITIONS[0]["why"]

    for slug in ("uk-prime-ministers-spokesperson", "jean-noel-barrot"):
        for position in Position.objects.filter(actor__slug=slug):
            assert position.history.get().history_change_reason == "Added by seed_demo"
    starmer_role = Role.objects.get(actor__slug="keir-starmer")
    assert starmer_role.office_rank == OfficeRank.HEAD
    assert starmer_role.history.first().history_change_reason == "seed_demo brought in line: office_rank"
    assert "1 positions removed" in out.getvalue()

    again = history_counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert history_counts() == again
