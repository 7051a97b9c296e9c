"""The actors list in the alphabetical order of the names it shows: Ukrainian names under /uk/."""

import re

import pytest
from django.test import override_settings

from positions.views import actors as actor_views
from tests.factories import ActorFactory

# (slug, English name, Ukrainian name): in code-point order І, Ї and Є come before А, and Ґ after Я.
ACTORS = [
    ("ivan", "Ivan Franko", "Іван Франко"),
    ("yeva", "Yeva Kotliar", "Єва Котляр"),
    ("andrii", "Andrii Sybiha", "Андрій Сибіга"),
    ("hanna", "Hanna Maliar", "Ґанна Маляр"),
    ("hnat", "Hnat Khotkevych", "Гнат Хоткевич"),
    ("yizhak", "Yizhak Poltava", "Їжак Полтава"),
    ("zed", "Zed Alley", ""),  # no Ukrainian name: shown in English, after the Cyrillic names
    ("anna", "Anna Lindh", ""),
]
UKRAINIAN_ORDER = ["andrii", "hnat", "hanna", "yeva", "ivan", "yizhak", "anna", "zed"]
ENGLISH_ORDER = ["andrii", "anna", "hanna", "hnat", "ivan", "yeva", "yizhak", "zed"]


@pytest.fixture
def named(db):
    for slug, name, name_uk in ACTORS:
        ActorFactory(slug=slug, name=name, name_uk=name_uk)


def listed(client, prefix: str, **query) -> list[str]:
    html = client.get(f"{prefix}/actors/", query).content.decode()
    return re.findall(rf'<th scope="row"><a href="{prefix}/actors/([^/]+)/">', html)


@override_settings(PAGE_CACHE_SECONDS=0)
@pytest.mark.parametrize(("prefix", "order"), [("/uk", UKRAINIAN_ORDER), ("", ENGLISH_ORDER)])
def test_actors_are_listed_by_the_name_the_page_shows(client, named, prefix, order):
    assert listed(client, prefix) == order


@override_settings(PAGE_CACHE_SECONDS=0)
@pytest.mark.parametrize(("prefix", "order"), [("/uk", UKRAINIAN_ORDER), ("", ENGLISH_ORDER)])
def test_pages_follow_one_another_without_gaps_or_repeats(client, named, monkeypatch, prefix, order):
    monkeypatch.setattr(actor_views, "PER_PAGE", 3)
    ActorFactory(slug="andrii-2", name="Andrii Sybiha", name_uk="Андрій Сибіга")  # the same name: the id decides
    pages = [listed(client, prefix, page=number) for number in (1, 2, 3)]
    assert [slug for page in pages for slug in page] == [order[0], "andrii-2", *order[1:]]


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_filtered_ukrainian_list_keeps_the_order(client, named):
    ActorFactory(slug="other", name="Other", name_uk="Оля", country="FR")
    assert listed(client, "/uk", country="gb") == UKRAINIAN_ORDER


@pytest.mark.django_db
def test_on_postgresql_the_ukrainian_order_is_read_from_its_index():
    from django.db import connection
    from django.utils import translation

    from positions.models import Actor

    if connection.vendor != "postgresql":
        pytest.skip("the index is PostgreSQL's (migration 0027)")
    with translation.override("uk"):
        sql, params = Actor.objects.by_name().values("id")[:50].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "positions_actor_name_uk_order_idx" in plan and "Sort" not in plan
