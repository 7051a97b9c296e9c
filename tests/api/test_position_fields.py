"""Positions as a client reads them: each field's type, the role held that day, expand, a detail equal to its row."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from positions.choices import ActorKind, Stance
from positions.models import Position, Role
from sources.dates import DatePrecision
from sources.models import Translation, Verification
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, RoleFactory

API = "/api/v1/positions/"
FIELDS = [
    "id",
    "url",
    "api_url",
    "actor",
    "role",
    "topic",
    "stance",
    "stated_on",
    "date_precision",
    "age_days",
    "stale",
    "conditions",
    "summary",
    "country",
    "actor_kind",
    "verification",
    "attribution",
    "translation",
    "quote",
    "source",
    "created_at",
    "updated_at",
]


def listed(client, query: str = "") -> list[dict]:
    rows, url = [], f"{API}?sort=date&page_size=500&{query}"
    while url:
        data = client.get(url).json()
        rows += data["results"]
        url = data["next"]
    return rows


def on(day: str) -> datetime.date:
    return datetime.date.fromisoformat(day)


@pytest.fixture
def minister(db):
    """An official whose roles change over time, with statements before, during, between and after them."""
    actor = ActorFactory(name="Ann Minister", slug="ann-minister", country="GB")
    RoleFactory(actor=actor, title="Defence Minister", start_on=on("2020-01-01"), end_on=on("2022-06-30"))
    RoleFactory(actor=actor, title="Prime Minister", start_on=on("2022-07-01"))
    # Two roles starting together: the later-added (higher id) one counts, as on the site.
    RoleFactory(actor=actor, title="Envoy", start_on=on("2024-01-01"), end_on=on("2024-12-31"))
    RoleFactory(actor=actor, title="Special envoy", start_on=on("2024-01-01"), end_on=on("2024-12-31"))
    days = ["2019-12-31", "2021-03-01", "2022-06-30", "2022-07-01", "2024-05-01", "2025-02-01"]
    for day in days:
        PositionFactory(actor=actor, stated_on=on(day), summary=day)
    return actor


def test_each_statement_carries_the_role_held_that_day(client, minister):
    roles = {row["summary"]: row["role"] and row["role"]["title"] for row in listed(client)}
    assert roles == {
        "2019-12-31": None,
        "2021-03-01": "Defence Minister",
        "2022-06-30": "Defence Minister",  # the last day in office still counts
        "2022-07-01": "Prime Minister",
        "2024-05-01": "Special envoy",  # latest start, then the higher id
        "2025-02-01": "Prime Minister",
    }


def test_the_role_is_the_models_role_for_every_statement(client, db):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("generate_data", positions=150, seed=4, stdout=io.StringIO())
    nato = ActorFactory(name="NATO", slug="nato", kind=ActorKind.ORGANISATION, country="")
    official = PositionFactory(stated_on=on("2024-06-03")).actor
    Role.objects.create(actor=official, title="Secretary General", organisation=nato, start_on=on("2020-01-01"))
    rows = listed(client)
    positions = Position.objects.with_related().prefetch_related("actor__roles__organisation").in_bulk()
    for row in rows:
        role = positions[row["id"]].role
        if role is None:
            assert row["role"] is None
            continue
        sent = row["role"]
        assert (sent["title"], sent["start_on"]) == (role.title, role.start_on.isoformat())
        assert sent["end_on"] == (role.end_on.isoformat() if role.end_on else None)
        assert sent["country"] == (role.country.code or None)
        assert (sent["organisation"] or {}).get("slug") == (role.organisation.slug if role.organisation else None)
    # Not vacuous: states' and organisations' offices and statements with no role at all.
    assert any(row["role"] and row["role"]["organisation"] for row in rows)
    assert any(row["role"] and not row["role"]["organisation"] for row in rows)
    assert any(row["role"] is None for row in rows)
    nato_office = next(row["role"] for row in rows if row["role"] and row["role"]["organisation"])
    assert nato_office["organisation"] == {
        "slug": "nato",
        "name": "NATO",
        "kind": "organisation",
        "country": None,
        "url": "http://testserver/actors/nato/",
        "api_url": "http://testserver/api/v1/actors/nato/",
    }


def test_every_field_has_the_type_the_schema_promises(client, minister):
    row = listed(client)[1]
    assert list(row) == FIELDS
    assert row["url"] == f"http://testserver/positions/{row['id']}/"
    assert row["api_url"] == f"http://testserver{API}{row['id']}/"
    assert row["actor"]["url"] == "http://testserver/actors/ann-minister/"
    assert row["topic"]["url"].startswith("http://testserver/positions/?topic=")
    assert row["stance"] in Stance.values and row["verification"] in Verification.values
    assert row["date_precision"] in DatePrecision.values
    assert (row["stated_on"], row["country"], row["actor_kind"]) == ("2021-03-01", "GB", "official")
    assert row["role"] == {
        "title": "Defence Minister",
        "country": "GB",
        "organisation": None,
        "start_on": "2020-01-01",
        "end_on": "2022-06-30",
    }
    for stamp in (row["created_at"], row["updated_at"]):
        assert datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00")).tzinfo is not None
    quote_id, source_id = row["quote"]["id"], row["source"]["id"]
    assert row["quote"] == {"id": quote_id, "url": f"http://testserver/sources/{source_id}/#quote-{quote_id}"}
    assert set(row["source"]) == {"id", "title", "url", "api_url"}


@pytest.mark.parametrize("expand", ["quote", "source", "quote,source"])
def test_expand_sends_the_quote_or_source_in_full(client, minister, expand):
    row = listed(client, f"expand={expand}")[0]
    quote_keys = {"id", "url", "text", "original_text", "original_language", "said_on", "date_precision"}
    quote_keys |= {"verification", "translation", "attribution"}
    source_keys = {"id", "title", "url", "api_url", "outlet", "document_url", "published_on", "published_precision"}
    source_keys |= {"language", "archive_url", "accessed_on", "notes"}
    assert set(row["quote"]) == (quote_keys if "quote" in expand else {"id", "url"})
    assert set(row["source"]) == (source_keys if "source" in expand else {"id", "title", "url", "api_url"})
    if "source" in expand:
        outlet = row["source"]["outlet"]
        assert outlet["url"] == f"http://testserver/sources/?outlet={outlet['slug']}"


@pytest.mark.parametrize("expand", ["", "quote,source"])
def test_a_position_reads_as_its_row_in_the_list(client, minister, expand):
    for row in listed(client, f"expand={expand}"):
        assert client.get(f"{API}{row['id']}/?expand={expand}").json() == row


def test_an_unknown_position_is_not_found(client, db):
    assert client.get(f"{API}999999/").status_code == 404


def test_each_position_carries_its_age_and_whether_it_is_stale(client, db):
    today = timezone.localdate()
    old = PositionFactory(stated_on=on("2024-11-25"), date_precision=DatePrecision.DAY)
    month = PositionFactory(stated_on=on("2024-11-01"), date_precision=DatePrecision.MONTH)
    fresh = PositionFactory(stated_on=today - datetime.timedelta(days=3), date_precision=DatePrecision.DAY)
    rows = {row["id"]: row for row in listed(client)}
    assert (rows[old.pk]["age_days"], rows[old.pk]["stale"]) == ((today - on("2024-11-25")).days, True)
    # Known only to the month: counted from the month's last day, never made older than it may be.
    assert rows[month.pk]["age_days"] == (today - on("2024-11-30")).days
    assert (rows[fresh.pk]["age_days"], rows[fresh.pk]["stale"]) == (3, False)
    assert (rows[fresh.pk]["stated_on"], rows[fresh.pk]["date_precision"]) == (fresh.stated_on.isoformat(), "day")
    detail = client.get(f"{API}{old.pk}/").json()
    assert (detail["age_days"], detail["stale"]) == (rows[old.pk]["age_days"], True)


@pytest.mark.parametrize("status", Translation.values)
def test_each_position_says_its_quotes_translation_status(client, db, status):
    original = (
        {} if status == Translation.ORIGINAL else {"original_text": "Nous sommes prêts.", "original_language": "fr"}
    )
    position = PositionFactory(quote=QuoteFactory(translation=status, **original))
    (row,) = listed(client)
    assert (row["id"], row["translation"]) == (position.pk, status)
    assert client.get(f"{API}{position.pk}/").json()["translation"] == status
