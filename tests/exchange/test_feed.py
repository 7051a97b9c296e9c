"""The Atom feed of new positions: valid Atom, the list's filters, escaped text, 400 on invalid filters."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from positions.models import Position
from tests.factories import ActorFactory, PositionFactory, QuoteFactory

pytestmark = pytest.mark.django_db
FEED_URL = reverse("positions:feed")
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    # Atom requires an id, a title and an updated date on the feed and each entry.
    for element in [root, *root.findall(f"{ATOM}entry")]:
        for required in ("id", "title", "updated"):
            assert element.find(f"{ATOM}{required}") is not None, required
    return root.findall(f"{ATOM}entry")


def test_feed_url_is_the_one_the_url_contract_promises():
    assert FEED_URL == "/feeds/positions/"


def test_feed_lists_newest_added_positions_first(client):
    older = PositionFactory(stated_on=datetime.date(2024, 11, 26))
    newer = PositionFactory(stated_on=datetime.date(2024, 11, 1), date_precision="month")
    found = entries(client.get(FEED_URL))
    assert [entry.find(f"{ATOM}link").get("href") for entry in found] == [
        f"http://testserver{newer.get_absolute_url()}",
        f"http://testserver{older.get_absolute_url()}",
    ]
    assert found[0].find(f"{ATOM}title").text == str(newer)
    assert "Nov 2024" in found[0].find(f"{ATOM}title").text


def test_feed_takes_the_lists_filters(client):
    france = ActorFactory(country="FR", name="France", kind="state")
    PositionFactory(actor=france)
    PositionFactory(actor=ActorFactory(country="GB"))
    found = entries(client.get(f"{FEED_URL}?country=fr"))
    assert [entry.find(f"{ATOM}author/{ATOM}name").text for entry in found] == ["France"]
    root = ET.fromstring(client.get(f"{FEED_URL}?country=fr").content)
    assert "France" in root.find(f"{ATOM}title").text
    # The feed's own links carry the query as the reader wrote it; addresses write codes lower case.
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/feeds/positions/?country=fr"
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://testserver/positions/?country=fr"
    assert [entry.find(f"{ATOM}author/{ATOM}name").text for entry in entries(client.get(f"{FEED_URL}?country=FR"))] == [
        "France"
    ]


def test_feed_escapes_user_text_in_its_html_summary(client):
    PositionFactory(summary="<script>alert(1)</script>", quote=QuoteFactory(text="A & B <b>bold</b>"))
    [entry] = entries(client.get(FEED_URL))
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # Once the XML is read, the HTML still shows the text, never a tag.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary.text
    assert "A &amp; B &lt;b&gt;bold&lt;/b&gt;" in summary.text
    assert "<script>" not in summary.text


def test_feed_is_capped_to_the_newest_fifty(client):
    PositionFactory.create_batch(52)
    assert len(entries(client.get(FEED_URL))) == 50
    assert Position.objects.count() == 52


@pytest.mark.parametrize("query", ["country=zz", "stance=maybe", "date_to=tomorrow", "actor=nobody"])
def test_invalid_filters_give_400_with_the_reason(client, query):
    response = client.get(f"{FEED_URL}?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.content.decode()


def test_feed_refuses_post(client):
    assert client.post(FEED_URL).status_code == 405


@pytest.mark.parametrize(
    ("prefix", "conditions_word", "verification"), [("", "Conditions", "reported"), ("/uk", "Умови", "за даними ЗМІ")]
)
def test_feed_summary_shows_summary_conditions_quote_and_source_in_the_feeds_language(
    client, prefix, conditions_word, verification
):
    from sources.models import Verification

    PositionFactory(
        summary="Would send troops",
        summary_uk="Надішле війська",
        conditions="After a ceasefire",
        quote=QuoteFactory(text="We are ready.", verification=Verification.REPORTED),
    )
    entry = ET.fromstring(client.get(f"{prefix}{FEED_URL}").content).find(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary").text
    expected = "Надішле війська" if prefix else "Would send troops"
    assert summary.startswith(f"<p>{expected}</p><p>{conditions_word}: After a ceasefire</p>")
    assert '<blockquote lang="en">We are ready.</blockquote>' in summary
    assert f" ({verification})</p>" in summary
    # Then how the words reached us, with its definition (tests/sources/test_attribution.py).
    assert summary.strip().endswith(")</p>") and summary.index(f"({verification})") < summary.rindex("<p>")


@pytest.mark.parametrize(
    ("translation", "said"),
    [
        ("machine", "English text: a machine translation (A machine translation of what was said"),
        ("translation", "English text: a translation (A human translation of what was said"),
        ("original", "English text: the original words (The English text is what was said.)"),
    ],
)
def test_feed_entry_says_the_quotes_translation_status(client, translation, said):
    original = {} if translation == "original" else {"original_text": "Мы готовы.", "original_language": "ru"}
    PositionFactory(quote=QuoteFactory(text="We are ready.", translation=translation, **original))
    summary = entries(client.get(FEED_URL))[0].find(f"{ATOM}summary").text
    assert said in summary


@pytest.mark.parametrize(
    ("precision", "said"),
    [("day", "Stated: 25 Nov 2024 (known to the day)"), ("month", "Stated: Nov 2024 (known to the month)")],
)
def test_feed_entry_says_the_date_to_its_precision(client, precision, said):
    day = datetime.date(2024, 11, 25) if precision == "day" else datetime.date(2024, 11, 1)
    PositionFactory(stated_on=day, date_precision=precision, quote=QuoteFactory(said_on=day, date_precision=precision))
    summary = entries(client.get(FEED_URL))[0].find(f"{ATOM}summary").text
    assert f"<p>{said}</p>" in summary
