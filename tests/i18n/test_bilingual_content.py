"""Records in both languages: Ukrainian text where it exists, English marked lang="en" where not, and search in both."""

import re

import pytest
from django.core.management import call_command

from positions.models import Actor, AuthorisationBody, Position, Role, Topic
from sources.models import Quote
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, TopicFactory
from tests.positions.test_views_queries import (
    CONCENTRATED_COUNTS,
    SPREAD_COUNTS,
    concentrated,
    concentrated_urls,
    spread,
    spread_urls,
)

pytestmark = pytest.mark.django_db


def ids(client, url: str) -> list[str]:
    """Ids of the positions a results page links to, in either language."""
    html = client.get(url).content.decode()
    return sorted(set(re.findall(r'href="(?:/uk)?/positions/(\d+)/"', html)))


def test_ukrainian_pages_show_the_ukrainian_names(client, seeded):
    html = client.get("/uk/countries/gb/").content.decode()
    assert "Кір Стармер" in html and "Девід Леммі" in html
    assert "прем&#x27;єр-міністр Великої Британії" in html
    assert "Бойові підрозділи" in html
    english = client.get("/countries/gb/").content.decode()
    assert "Keir Starmer" in english and "Кір Стармер" not in english


def test_missing_ukrainian_text_falls_back_to_english_marked_as_such(client, seeded):
    ActorFactory(name="Mark Rutte", slug="mark-rutte", country="NL")
    html = client.get("/uk/actors/mark-rutte/").content.decode()
    assert '<h1><span lang="en">Mark Rutte</span></h1>' in html
    assert "<title>Mark Rutte ·" in html  # no markup inside the page title
    assert "<h1>Mark Rutte</h1>" in client.get("/actors/mark-rutte/").content.decode()


def test_authorisation_bodies_have_their_official_ukrainian_names(client, seeded):
    html = client.get("/uk/authorisations/").content.decode()
    assert "Верховна Рада України" in html and "Палата громад" in html
    assert AuthorisationBody.objects.filter(name_uk="").count() == 0


def test_seed_fills_ukrainian_fields_without_overwriting_an_editor(seeded):
    lammy = Actor.objects.get(slug="david-lammy")
    assert lammy.name_uk == "Девід Леммі" and "Девід Леммі" in lammy.alias_list
    assert Topic.objects.filter(name_uk="").count() == 0
    assert Position.objects.filter(summary_uk="").count() == 0
    assert Role.objects.get(title="Foreign Secretary").title_uk == "міністр закордонних справ Великої Британії"
    lammy.name_uk = "Девід Леммі (ред.)"
    lammy.save()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    lammy.refresh_from_db()
    assert lammy.name_uk == "Девід Леммі (ред.)"
    assert lammy.alias_list.count("Девід Леммі") == 1


def test_semenyuk_quotes_have_no_made_up_ukrainian_original(seeded):
    """The article's Ukrainian text was not found: a back-translation must never pose as the original."""
    quotes = Quote.objects.filter(positions__actor__slug="taras-semenyuk").distinct()
    assert quotes.exists()
    assert list(quotes.exclude(original_text="").values_list("pk", flat=True)) == []


def test_an_original_in_ukrainian_comes_first_on_ukrainian_pages(client, seeded):
    quote = QuoteFactory(
        text="We will not send troops.", original_text="Ми не надішлемо війська.", original_language="uk"
    )
    position = PositionFactory(quote=quote, actor=ActorFactory(country="UA"), stated_on=quote.said_on)
    ukrainian = client.get(f"/uk/positions/{position.pk}/").content.decode()
    english = client.get(f"/positions/{position.pk}/").content.decode()
    assert ukrainian.index("Ми не надішлемо війська.") < ukrainian.index("We will not send troops.")
    assert english.index("We will not send troops.") < english.index("Ми не надішлемо війська.")
    assert "Оригінал (українська)" in ukrainian and "Original (Ukrainian)" in english
    # In lists too: the row quotes the original on a Ukrainian page.
    actor_page = client.get(f"/uk/actors/{position.actor.slug}/").content.decode()
    assert '<p class="position-quote" lang="uk">«Ми не надішлемо війська.»</p>' in actor_page
    assert "We will not send troops." not in actor_page.split('class="position-list"')[1]


@pytest.mark.parametrize(
    ("ukrainian", "english", "slug"),
    [
        ("Стармер", "Starmer", "keir-starmer"),
        ("Леммі", "Lammy", "david-lammy"),
        ("Семенюк", "Semenyuk", "taras-semenyuk"),
    ],
)
def test_search_by_a_ukrainian_name_finds_the_actors_positions(client, seeded, ukrainian, english, slug):
    """The Ukrainian name finds the actor's positions, as the English name does (which may find more: English
    quotes that name the actor)."""
    theirs = sorted(str(pk) for pk in Position.objects.filter(actor__slug=slug).values_list("pk", flat=True))
    assert theirs
    assert ids(client, f"/uk/positions/?q={ukrainian}") == theirs
    assert ids(client, f"/positions/?q={ukrainian}") == theirs
    assert set(theirs) <= set(ids(client, f"/positions/?q={english}"))


def test_search_reads_name_uk_itself_not_only_the_aliases(client, db):
    actor = ActorFactory(name="Mark Rutte", slug="mark-rutte", country="NL")
    position = PositionFactory(actor=actor, topic=TopicFactory(), quote=QuoteFactory())
    assert ids(client, "/positions/?q=Рютте") == []
    actor.name_uk = "Марк Рютте"
    actor.save()  # PostgreSQL: the actor trigger recomputes the stored search vector
    assert ids(client, "/positions/?q=Рютте") == [str(position.pk)]
    assert list(Position.objects.search("Рютте")) == [position]


def test_search_reads_the_ukrainian_summary(db):
    position = PositionFactory(topic=TopicFactory(), quote=QuoteFactory(), summary_uk="Миротворці після перемир'я")
    assert list(Position.objects.search("Миротворці")) == [position]


@pytest.mark.parametrize("url", spread_urls())
def test_ukrainian_list_pages_run_the_english_number_of_queries(client, django_assert_num_queries, url):
    spread(3)
    with django_assert_num_queries(SPREAD_COUNTS[url]):
        response = client.get("/uk" + url)
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["country", "actor", "position", "source"])
def test_ukrainian_detail_pages_run_the_english_number_of_queries(client, django_assert_num_queries, page):
    urls = dict(zip(["country", "actor", "position", "source"], concentrated_urls(concentrated(3))))
    with django_assert_num_queries(CONCENTRATED_COUNTS[page]):
        response = client.get("/uk" + urls[page])
    assert response.status_code == 200
