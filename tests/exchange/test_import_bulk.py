"""The importer's bulk path: history rows, copied columns, lookups past one chunk, Django's URL check."""

import datetime
import gc

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from hypothesis import given
from hypothesis import strategies as st

from positions.exchange.importer import import_file
from positions.exchange.keys import LOOKUP_CHUNK
from positions.exchange.plan import Plan
from positions.exchange.validation import is_valid_url
from positions.models import Actor, CountryStance, Position, Role, Topic
from sources.models import Outlet, Quote, Source
from tests.exchange.test_import import csv_bytes, row
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, SourceFactory, UserFactory

MODELS = (Topic, Outlet, Actor, Role, Source, Quote, Position)


def many_rows(count: int, role: str = "") -> list[dict]:
    return [
        row(
            actor_slug=f"actor-{n % 7}",
            actor=f"Actor {n % 7}",
            quote=f"Words {n}.",
            source_url=f"https://example.org/{n}",
            source_title=f"Article {n}",
            stated_on=f"2024-{1 + n % 12:02d}-01",
            date_precision="month",
            published_on=f"2024-{1 + n % 12:02d}-01",
            role=role,
        )
        for n in range(count)
    ]


@pytest.mark.django_db
def test_every_imported_row_has_one_creation_history_record_with_its_values_and_the_importing_user():
    editor = UserFactory()
    report = import_file(csv_bytes(many_rows(30, role="Minister")), "a.csv", user=editor)
    assert report.written

    for model in MODELS:
        objects = list(model.objects.all())
        assert objects, model
        for obj in objects:
            records = list(obj.history.all())
            assert [record.history_type for record in records] == ["+"], (model, obj.pk)
            assert records[0].history_user == editor
            assert records[0].instance == obj
    historical = Position.objects.get(quote__text="Words 3.").history.get()
    assert (historical.country, historical.actor_kind, historical.verification) == ("GB", "official", "reported")


@pytest.mark.django_db
def test_history_records_no_user_when_the_command_imports():
    import_file(csv_bytes(many_rows(2)), "a.csv")
    assert Position.history.filter(history_type="+", history_user__isnull=True).count() == 2


@pytest.mark.django_db
def test_new_positions_on_a_changed_actor_and_quote_copy_their_new_values():
    actor = ActorFactory(slug="david-lammy", name="David Lammy", kind="official", country="GB")
    quote = QuoteFactory(text="Words.", verification="confirmed", source=SourceFactory(url="https://www.lbc.co.uk/g7"))
    older = PositionFactory(actor=actor, quote=quote, topic__slug="instructors")
    rows = [
        row(
            quote="Words.",
            outlet=quote.source.outlet.name,
            country="FR",
            actor_kind="analyst",
            verification="unverified",
            source_title=quote.source.title,
            published_on=quote.source.published_on.isoformat(),
            stated_on=quote.said_on.isoformat(),
            date_precision=quote.date_precision,
            role="",
        )
    ]

    assert import_file(csv_bytes(rows), "a.csv").ok

    assert Quote.objects.count() == 1
    for position in (older, Position.objects.get(topic__slug="combat-troops")):
        position.refresh_from_db()
        assert (position.country, position.actor_kind, position.verification) == ("FR", "analyst", "unverified")


@pytest.mark.django_db
def test_more_rows_than_one_lookup_holds_are_matched_on_reimport():
    rows = many_rows(LOOKUP_CHUNK + 20)
    assert import_file(csv_bytes(rows), "a.csv").written
    before = {model: model.objects.count() for model in MODELS}

    report = import_file(csv_bytes(rows), "a.csv")

    assert report.ok and report.changes == []
    assert {model: model.objects.count() for model in MODELS} == before


@pytest.mark.django_db
def test_new_positions_get_ids_in_order_of_their_dates():
    import_file(csv_bytes(many_rows(40)), "a.csv")
    by_id = list(Position.objects.order_by("id").values_list("stated_on", flat=True))
    assert by_id == sorted(by_id)


def passes_django(value: str) -> bool:
    try:
        URLValidator()(value)
    except ValidationError:
        return False
    return True


TRICKY_URLS = [
    "https://example.org/a b",
    "https://example.org/a\tb",
    "https://exa mple.org/",
    "http://a?b@host/",
    "http://user:pw@host.example/x",
    "https://example.org",
    "https://example.org?x",
    "https://example.org#x",
    "ftp://x.example/a",
    "javascript:alert(1)",
    "https://-bad-.example/",
    "https://example.org:99999/x",
    "https://[::1]/x",
    "https://[::1/x",
    "HTTPS://EXAMPLE.ORG/X",
    "https://example.org/" + "a" * 3000,
    "https://пример.рф/путь",
    "https://example.org/a\u00a0b",
    "lbc.co.uk/g7",
    "https://localhost/x",
    "https://example/x",
    "http://999.2.3.4/x",
    "https://example.org\n",
    "https://example.org/\u2028",
    "://example.org/x",
    "https:///x",
    "https://example.org:/x",
    "https://a..b/x",
    "mailto://example.org/x",
]


@pytest.mark.parametrize("url", TRICKY_URLS)
def test_url_check_agrees_with_djangos_url_validator(url):
    assert is_valid_url(url) == passes_django(url)


URL_PIECES = st.sampled_from(
    [
        "https",
        "http",
        "ftp",
        "mailto",
        "",
        ":",
        "//",
        "/",
        "?",
        "#",
        "@",
        "example.org",
        "a-b",
        "[::1]",
        ":80",
        " ",
        "\n",
        "пример",
        ".",
        "x" * 70,
    ]
)


@pytest.mark.fuzz
@given(st.lists(URL_PIECES, max_size=10).map("".join))
def test_url_check_agrees_with_djangos_url_validator_on_any_arrangement(url):
    assert is_valid_url(url) == passes_django(url)


@pytest.mark.django_db
@pytest.mark.parametrize("countries", [1, 30])
def test_import_brings_the_countries_current_stances_up_to_date(countries, monkeypatch):
    # Few pairs are refreshed one by one; many make one rebuild of the table.
    monkeypatch.setattr("positions.exchange.plan.REFRESH_ALL_OVER", 10)
    codes = [
        "GB",
        "FR",
        "DE",
        "PL",
        "IT",
        "NL",
        "SE",
        "DK",
        "FI",
        "EE",
        "LV",
        "LT",
        "CA",
        "US",
        "UA",
        "ES",
        "PT",
        "BE",
        "AT",
        "CZ",
        "SK",
        "HU",
        "RO",
        "BG",
        "GR",
        "IE",
        "NO",
        "IS",
        "HR",
        "SI",
    ][:countries]
    old = PositionFactory(
        actor__kind="state", actor__country="GB", topic__slug="combat-troops", stated_on=datetime.date(2020, 1, 1)
    )
    rows = [
        row(
            actor_slug=f"state-{code.lower()}",
            actor=f"State {code}",
            actor_kind="state",
            country=code,
            role="",
            quote=f"Words of {code}.",
            source_url=f"https://example.org/{code}",
        )
        for code in codes
    ]

    assert import_file(csv_bytes(rows), "a.csv").written

    stances = {
        (stance.country, stance.topic.slug): stance
        for stance in CountryStance.objects.select_related("position__actor")
    }
    assert set(stances) == {(code, "combat-troops") for code in codes}
    assert stances["GB", "combat-troops"].position.actor.slug == "state-gb"
    assert stances["GB", "combat-troops"].statements == 2
    assert stances["GB", "combat-troops"].position != old


@pytest.mark.django_db
def test_a_source_added_by_someone_else_while_importing_is_reported_and_nothing_is_written(monkeypatch):
    from positions.exchange import importer

    match_positions = importer.Plan.match_positions

    def meanwhile(self):
        match_positions(self)
        SourceFactory(url="https://example.org/3")  # after the import looked its URL up

    monkeypatch.setattr(importer.Plan, "match_positions", meanwhile)
    report = import_file(csv_bytes(many_rows(5)), "a.csv")

    assert not report.ok and not report.written
    assert "the database refused the import" in report.lines()[1]
    assert Position.objects.count() == 0 and Source.objects.count() == 0


@pytest.mark.django_db
def test_the_cycle_collector_is_paused_while_importing_and_restored_after(monkeypatch):
    seen = []
    match = Plan.match

    def recorded(self):
        seen.append(gc.isenabled())
        return match(self)

    monkeypatch.setattr(Plan, "match", recorded)
    assert gc.isenabled()
    assert import_file(csv_bytes(many_rows(3)), "a.csv").written
    assert seen == [False] and gc.isenabled()

    # A refused file, and a collector someone else had switched off, are left as they were found.
    assert not import_file(csv_bytes([row(stance="maybe")]), "a.csv").written and gc.isenabled()
    gc.disable()
    try:
        import_file(csv_bytes(many_rows(1)), "a.csv")
        assert not gc.isenabled()
    finally:
        gc.enable()
