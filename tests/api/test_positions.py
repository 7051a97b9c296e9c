"""The positions API: the export's rows in the export's order, cursor pages, 400s naming the parameter."""

import io

import pytest
from django.core.management import call_command

from tests.exchange.helpers import body, csv_dicts
from tests.shared_data import kept_for_the_module

API = "/api/v1/positions/"
EXPORT = "/positions/export.csv"

# Plain, combined, each sort, searches (one hostile), and filters that match nothing.
FILTERS = [
    "",
    "country=gb",
    "country=GB&country=fr",
    "stance=rules_out&date_from=2024-01-01",
    "actor_kind=official&verification=reported",
    "topic=combat-troops&date_to=2025-06-30",
    "sort=date",
    "sort=actor",
    "sort=-actor",
    "sort=country",
    "sort=-country",
    "sort=stance",
    "sort=-stance&country=fr",
    "sort=relevance&q=troops",
    "q=ceasefire",
    "q=troops&country=de&sort=date",
    "q=<script>alert(1)</script>",
    "q=%27%20OR%20%271%27%3D%271",
    "date_from=2024-11-01&date_to=2024-11-30",
    "unknown_parameter=1",
]
# Invalid in the FilterSet: the API and the export both refuse them, naming the same parameters.
INVALID = {
    "country=xx": {"country"},
    "date_from=2024-13-01": {"date_from"},
    "date_from=2025-01-01&date_to=2024-01-01": {"date_to"},
    "stance=maybe&actor_kind=king": {"stance", "actor_kind"},
    "sort=random": {"sort"},
    "actor=nobody-at-all": {"actor"},
    "outlet=no-such-outlet": {"outlet"},
    "q=" + "x" * 201: {"q"},
}


@pytest.fixture(scope="module")
def generated_module(django_db_setup, django_db_blocker):
    # The seed and 250 generated positions take longer than any test here: loaded once for the
    # module, each test's writes undone (tests/shared_data.py).
    with kept_for_the_module(django_db_blocker):
        call_command("seed_demo", stdout=io.StringIO())
        call_command("generate_data", positions=250, seed=3, stdout=io.StringIO())
        yield


@pytest.fixture
def generated(generated_module, db):
    pass


def export_ids(client, query: str) -> list[int]:
    response = client.get(f"{EXPORT}?{query}")
    assert response.status_code == 200, response.content
    return [int(row["id"]) for row in csv_dicts(body(response))]


def api_ids(client, query: str, page_size: int) -> list[int]:
    ids, url, pages = [], f"{API}?{query}&page_size={page_size}", 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        data = response.json()
        ids += [row["id"] for row in data["results"]]
        url, pages = data["next"], pages + 1
        assert pages < 1000
    return ids


@pytest.mark.parametrize("query", FILTERS)
def test_api_returns_the_exports_rows_in_the_exports_order(client, generated, query):
    expected = export_ids(client, query)
    if query == "" or query.startswith("sort=") and "&" not in query:
        assert len(expected) > 250
    for page_size in (9, 500):
        assert api_ids(client, query, page_size) == expected, page_size


def test_an_existing_outlet_filters_like_the_export(client, generated):
    from sources.models import Outlet

    outlet = Outlet.objects.order_by("id").first()
    expected = export_ids(client, f"outlet={outlet.slug}")
    assert expected
    assert api_ids(client, f"outlet={outlet.slug}", 3) == expected


@pytest.mark.parametrize("sort", ["-date", "actor", "stance", "-country"])
def test_previous_links_walk_back_through_the_same_pages(client, generated, sort):
    pages, url = [], f"{API}?sort={sort}&page_size=40"
    while url:
        data = client.get(url).json()
        pages.append([row["id"] for row in data["results"]])
        url = data["next"]
    assert len(pages) > 3
    assert client.get(f"{API}?sort={sort}&page_size=40").json()["previous"] is None
    # From the last page, follow `previous` back to the first.
    url, back = client.get(last_page_url(client, sort)).json()["previous"], [pages[-1]]
    while url:
        data = client.get(url).json()
        back.append([row["id"] for row in data["results"]])
        url = data["previous"]
    assert list(reversed(back)) == pages


def last_page_url(client, sort: str) -> str:
    url = f"{API}?sort={sort}&page_size=40"
    while True:
        following = client.get(url).json()["next"]
        if following is None:
            return url
        url = following


@pytest.mark.parametrize(("query", "names"), INVALID.items(), ids=list(INVALID))
def test_invalid_filters_answer_400_naming_the_parameter(client, generated, query, names):
    response = client.get(f"{API}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == names
    export = client.get(f"{EXPORT}?{query}")
    assert export.status_code == 400
    assert all(f"- {name}:" in export.content.decode() for name in names)


@pytest.mark.parametrize(
    "query",
    ["cursor=abc", "cursor=", "page_size=0", "page_size=501", "page_size=ten", "page_size=-1", "expand=everything"],
)
def test_bad_paging_or_expand_answers_400_naming_it(client, generated, query):
    response = client.get(f"{API}?{query}")
    name = query.split("=")[0]
    if query == "cursor=":
        assert response.status_code == 200  # no cursor: the first page
        return
    assert response.status_code == 400
    assert set(response.json()) == {name}


def test_a_cursor_from_another_sort_is_refused(client, generated):
    following = client.get(f"{API}?page_size=5").json()["next"]
    cursor = following.split("cursor=")[1].split("&")[0]
    response = client.get(f"{API}?sort=actor&cursor={cursor}")
    assert response.status_code == 400
    assert set(response.json()) == {"cursor"}


def test_a_tampered_cursor_is_refused(client, generated):
    following = client.get(f"{API}?page_size=5").json()["next"]
    cursor = following.split("cursor=")[1].split("&")[0]
    response = client.get(f"{API}?cursor=x{cursor[1:]}")
    assert response.status_code == 400


@pytest.mark.parametrize("expand", ["", "quote,source"])
@pytest.mark.parametrize("page_size", [1, 50])
def test_queries_do_not_grow_with_the_page_size(client, generated, django_assert_num_queries, page_size, expand):
    following = client.get(f"{API}?page_size=60&expand={expand}").json()["next"]
    # A deep page by cursor: the data version (ETag), the FilterSet's two menu-size probes, the
    # page's ids and sort keys, its rows' values with actor, topic, quote, source and outlet
    # (one query, expanded or not), the actors' roles; and the client's rate-limit count.
    with django_assert_num_queries(7):
        response = client.get(following.replace("page_size=60", f"page_size={page_size}"))
    assert response.status_code == 200
    assert len(response.json()["results"]) == page_size


def test_expand_adds_the_quote_and_source_in_full(client, generated):
    brief = client.get(API).json()["results"][0]
    assert set(brief["quote"]) == {"id", "url"}
    assert set(brief["source"]) == {"id", "title", "url", "api_url"}
    full = client.get(f"{API}?expand=quote,source").json()["results"][0]
    assert {"text", "said_on", "date_precision", "verification"} <= set(full["quote"])
    assert {"outlet", "document_url", "published_on", "published_precision"} <= set(full["source"])


def test_a_position_carries_its_addresses_and_stored_values(client, generated):
    from positions.models import Position

    position = Position.objects.with_related().order_by("id").first()
    data = client.get(f"{API}{position.pk}/").json()
    assert data["url"] == f"http://testserver/positions/{position.pk}/"
    assert data["api_url"] == f"http://testserver{API}{position.pk}/"
    assert (data["stance"], data["verification"]) == (position.stance, position.verification)
    assert (data["stated_on"], data["date_precision"]) == (position.stated_on.isoformat(), position.date_precision)
    assert data["actor"]["slug"] == position.actor.slug
    assert client.get(f"{API}{position.pk}/").json() == data


def test_a_detail_ignores_list_filters(client, generated):
    from positions.models import Position

    position = Position.objects.exclude(country="FR").first()
    assert client.get(f"{API}{position.pk}/?country=fr").status_code == 200
    assert client.get(f"{API}999999/").status_code == 404
