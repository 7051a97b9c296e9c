"""Citations in BibTeX, RIS and CSL-JSON read back by maintained parsers, with the release number."""

import json

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from django.urls import reverse

from releases.build import make_release
from tests.factories import ActorFactory, PositionFactory

pytestmark = pytest.mark.django_db


def cite_url(kind: str, key, fmt: str) -> str:
    return reverse("releases:cite", args=[kind, key, fmt])


def bibtex_entry(text: str) -> dict:
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    (entry,) = library.entries
    return {"type": entry.entry_type, "key": entry.key, **{field.key: field.value for field in entry.fields}}


@pytest.fixture
def hostile_position(db):
    """Names with every character BibTeX treats as markup, and a line break for RIS."""
    actor = ActorFactory(name="Smith & Co_ {50%} #1 $ ~ ^ \\ O'Neil", slug="smith-co")
    return PositionFactory(actor=actor, summary="Line one.\nLine two.")


def test_bibtex_of_each_kind_parses_and_says_the_release(client, hostile_position):
    release = make_release()
    for kind, key in (
        ("release", release.number),
        ("position", hostile_position.pk),
        ("country", "gb"),
        ("actor", "smith-co"),
    ):
        response = client.get(cite_url(kind, key, "bib"))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/x-bibtex")
        entry = bibtex_entry(response.content.decode())
        assert entry["version"] == release.number
        assert entry["url"].startswith("http://testserver/")
        assert entry["type"] == ("dataset" if kind == "release" else "misc")
    entry = bibtex_entry(client.get(cite_url("position", hostile_position.pk, "bib")).content.decode())
    # LaTeX prints \textasciicircum{} as "^"; pylatexenc decodes it as the modifier letter "ˆ".
    assert entry["title"].replace("ˆ", "^").startswith("Smith & Co_ {50%} #1 $ ~ ^ \\ O'Neil on ")
    assert entry["url"] == f"http://testserver/positions/{hostile_position.pk}/"


def test_ris_parses_with_type_title_and_edition(client, hostile_position):
    release = make_release()
    (record,) = rispy.loads(client.get(cite_url("release", release.number, "ris")).content.decode())
    assert record["type_of_reference"] == "DATA"
    assert record["edition"] == release.number
    assert record["title"] == f"Troop Positions Tracker, release {release.number}"
    (record,) = rispy.loads(client.get(cite_url("actor", "smith-co", "ris")).content.decode())
    assert record["type_of_reference"] == "ELEC"
    assert record["title"].startswith("Smith & Co_")


def test_csl_json_is_one_item_with_version(client, hostile_position):
    release = make_release()
    (item,) = json.loads(client.get(cite_url("position", hostile_position.pk, "json")).content)
    assert item["type"] == "webpage" and item["version"] == release.number
    assert item["URL"] == f"http://testserver/positions/{hostile_position.pk}/"


def test_a_position_changed_after_the_latest_release_is_cited_without_its_number(client):
    position = PositionFactory()
    make_release()
    position.stance = "rules_out"
    position.save()
    entry = bibtex_entry(client.get(cite_url("position", position.pk, "bib")).content.decode())
    assert "version" not in entry


def test_unknown_things_are_not_cited(client):
    assert client.get(cite_url("position", 999, "bib")).status_code == 404
    assert client.get(cite_url("country", "zz", "bib")).status_code == 404
    assert client.get(cite_url("release", "2020.1.1", "ris")).status_code == 404
    assert client.get("/cite/position/1.txt").status_code == 404


def test_position_page_offers_the_downloads_and_a_claim(client):
    position = PositionFactory(quote__text="We will </script><script>alert(1)</script> see.")
    page = client.get(position.get_absolute_url()).content.decode()
    for fmt in ("bib", "ris", "json"):
        assert f'href="{cite_url("position", position.pk, fmt)}"' in page
    start = page.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    claim = json.loads(page[start : page.index("</script>", start)])
    assert claim["@type"] == "Claim"
    assert claim["text"] == position.quote.text
    assert claim["author"]["name"] == position.actor.name
    assert claim["dateCreated"] == "2024-11-25"
    assert claim["appearance"]["url"] == position.quote.source.url
    assert "<script>alert(1)" not in page


def test_country_and_actor_pages_offer_the_downloads(client):
    position = PositionFactory()
    assert (
        cite_url("country", "gb", "ris")
        in client.get(reverse("positions:country_detail", args=["GB"])).content.decode()
    )
    assert (
        cite_url("actor", position.actor.slug, "bib") in client.get(position.actor.get_absolute_url()).content.decode()
    )
