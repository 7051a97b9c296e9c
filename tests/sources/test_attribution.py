"""How a quote's words reached us (attribution), apart from what an editor checked (verification).

Each value travels to every place the quote's data goes (exports, API, feed), the filter finds it,
and an anonymous report is never confirmed, whichever way the row is written.
"""

import html
import io
import json
from xml.etree import ElementTree

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from positions.exchange.format import COLUMNS
from positions.exchange.importer import import_file
from positions.models import Position
from sources.models import Attribution, Quote
from tests.admin.rendered_form import change_form_data, submitted_data
from tests.admin.test_statement import ADD_URL
from tests.exchange.helpers import body, csv_dicts, json_rows
from tests.exchange.test_import import counts, csv_bytes, errors_of, row
from tests.factories import ActorFactory, OutletFactory, PositionFactory, QuoteFactory, TopicFactory

pytestmark = pytest.mark.django_db
ALL = Attribution.values


def position_with(attribution: str, verification: str = "reported") -> Position:
    quote = QuoteFactory(attribution=attribution, verification=verification, text=f"Words, {attribution}.")
    return PositionFactory(quote=quote)


def test_the_four_values_and_their_definitions_are_one_list():
    assert ALL == ["direct", "spokesperson", "paraphrase", "anonymous"]
    assert set(Attribution.definitions()) == set(ALL)


def test_a_position_copies_its_quotes_attribution_and_follows_a_change():
    position = position_with("paraphrase")
    assert position.attribution == "paraphrase"
    quote = position.quote
    quote.attribution = "spokesperson"
    quote.save()
    position.refresh_from_db()
    assert position.attribution == "spokesperson"


# The model: the CHECK constraint and full_clean say the same thing.


def test_the_database_refuses_an_anonymous_confirmed_quote():
    with pytest.raises(IntegrityError), transaction.atomic():
        QuoteFactory(attribution="anonymous", verification="confirmed")


def test_full_clean_refuses_it_with_a_readable_message():
    quote = QuoteFactory.build(source=QuoteFactory().source, attribution="anonymous", verification="confirmed")
    with pytest.raises(Exception) as caught:
        quote.full_clean()
    assert "cannot be confirmed" in str(caught.value)
    quote.verification = "reported"
    quote.full_clean()


# The admin: what the rendered pages submit.


def test_the_quote_page_refuses_anonymous_confirmed_and_saves_anonymous_reported(client, editor):
    client.force_login(editor)
    quote = QuoteFactory(verification="confirmed")
    url = reverse("admin:sources_quote_change", args=[quote.pk])
    response = client.get(url)
    page = response.content.decode()
    for value in ALL:
        assert f'value="{value}"' in page
    data = change_form_data(response)
    data["attribution"] = ["anonymous"]
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "cannot be confirmed" in refused.content.decode()
    quote.refresh_from_db()
    assert quote.attribution == "direct"
    data = change_form_data(refused)
    data["verification"] = ["reported"]
    assert client.post(url, data).status_code == 302
    quote.refresh_from_db()
    assert (quote.attribution, quote.verification) == ("anonymous", "reported")


def test_the_source_pages_quote_rows_carry_the_attribution(client, editor):
    client.force_login(editor)
    quote = QuoteFactory(attribution="spokesperson")
    response = client.get(reverse("admin:sources_source_change", args=[quote.source_id]))
    data = submitted_data(response.content.decode(), "source_form")
    assert data["quotes-0-attribution"] == ["spokesperson"]


def test_the_statement_page_writes_the_new_quotes_attribution_and_refuses_anonymous_confirmed(client, editor):
    client.force_login(editor)
    data = submitted_data(client.get(ADD_URL).content.decode(), "position_form")
    assert data["new_quote_attribution"] == ["direct"]  # the form's default, as rendered
    actor, topic, outlet = ActorFactory(country="GB"), TopicFactory(), OutletFactory()
    data.update(
        actor=[actor.pk],
        topic=[topic.pk],
        stance=["opposes"],
        stated_on=["2024-11-25"],
        new_quote_text=["There are no plans."],
        new_source_outlet=[outlet.pk],
        new_source_title=["Downing Street briefing"],
        new_source_published_on=["2024-11-25"],
        new_quote_attribution=["anonymous"],
        new_quote_verification=["confirmed"],
        _save=["Save"],
    )
    refused = client.post(ADD_URL, data)
    assert refused.status_code == 200
    assert "cannot be confirmed" in refused.content.decode()
    assert not Position.objects.exists() and not Quote.objects.exists()
    data["new_quote_attribution"] = ["spokesperson"]
    assert client.post(ADD_URL, data).status_code == 302
    position = Position.objects.get()
    assert position.quote.attribution == "spokesperson" == position.attribution


@pytest.mark.parametrize("value", ALL)
def test_the_admin_lists_filter_by_attribution(client, editor, value):
    client.force_login(editor)
    for other in ALL:
        position_with(other)
    for name in ("sources_quote", "positions_position"):
        response = client.get(reverse(f"admin:{name}_changelist") + f"?attribution__exact={value}")
        assert response.status_code == 200
        assert response.context["cl"].result_count == 1


# The importer.


def test_a_file_without_the_column_imports_new_quotes_as_direct():
    old_columns = [column for column in COLUMNS if column != "attribution"]
    report = import_file(csv_bytes([row()], columns=old_columns), "old.csv")
    assert report.ok and report.written
    assert Quote.objects.get().attribution == "direct" == Position.objects.get().attribution


def test_an_old_file_leaves_an_existing_quotes_attribution_as_it_is():
    report = import_file(csv_bytes([row(attribution="paraphrase")]), "a.csv")
    assert report.ok
    old_columns = [column for column in COLUMNS if column != "attribution"]
    report = import_file(csv_bytes([row()], columns=old_columns), "old.csv")
    assert report.ok and report.changes == []
    assert Quote.objects.get().attribution == "paraphrase"


@pytest.mark.parametrize("value", ALL)
def test_each_value_imports_from_csv_and_json(value):
    assert import_file(csv_bytes([row(attribution=value)]), "a.csv").ok
    assert Quote.objects.get().attribution == value == Position.objects.get().attribution
    item = row(attribution=value, quote="Other words.", topic="instructors")
    assert import_file(json.dumps([item]).encode(), "a.json").ok
    assert Quote.objects.get(text="Other words.").attribution == value


def test_json_null_says_nothing():
    assert import_file(json.dumps([row(attribution=None)]).encode(), "a.json").ok
    assert Quote.objects.get().attribution == "direct"


def test_an_unknown_value_is_refused_with_its_line():
    report = import_file(csv_bytes([row(), row(attribution="rumour", topic="instructors")]), "a.csv")
    assert "attribution “rumour” is not one of" in errors_of(report)[3]
    assert counts()["Position"] == 0


def test_anonymous_confirmed_is_refused_with_its_line_and_nothing_is_imported():
    rows = [row(), row(topic="instructors", quote="Other.", attribution="anonymous", verification="confirmed")]
    report = import_file(csv_bytes(rows), "a.csv")
    assert list(errors_of(report)) == [3]
    assert "cannot be confirmed" in errors_of(report)[3]
    assert set(counts().values()) == {0}


def test_a_blank_cell_that_would_leave_an_existing_anonymous_quote_confirmed_is_refused():
    assert import_file(csv_bytes([row(attribution="anonymous", verification="reported")]), "a.csv").ok
    report = import_file(csv_bytes([row(attribution="", verification="confirmed")]), "a.csv")
    assert list(errors_of(report)) == [2]
    assert "cannot be confirmed" in errors_of(report)[2]
    assert Quote.objects.get().verification == "reported"


def test_an_import_changes_an_existing_quotes_attribution_and_its_positions_copy():
    assert import_file(csv_bytes([row()]), "a.csv").ok
    report = import_file(csv_bytes([row(attribution="paraphrase")]), "a.csv")
    assert report.ok and report.changes
    assert Quote.objects.get().attribution == "paraphrase" == Position.objects.get().attribution


# Everywhere the quote's data goes out.


@pytest.mark.parametrize("value", ALL)
def test_each_value_goes_out_in_the_csv_json_and_xlsx_exports(client, value):
    position_with(value)
    [csv_row] = csv_dicts(body(client.get(reverse("positions:export_csv"))))
    assert csv_row["attribution"] == value
    [json_row] = json_rows(body(client.get(reverse("positions:export_json"))))
    assert json_row["attribution"] == value
    # After the columns that were there before it (new columns only ever come at the end).
    assert list(json_row).index("attribution") == list(json_row).index("quote_translation") + 1
    sheet = load_workbook(io.BytesIO(body(client.get(reverse("positions:export_xlsx"))))).active
    header, values = list(sheet.iter_rows(values_only=True))
    assert values[header.index("attribution")] == value


@pytest.mark.parametrize("value", ALL)
def test_each_value_goes_out_in_the_api(client, value):
    position = position_with(value)
    [item] = client.get("/api/v1/positions/").json()["results"]
    assert item["attribution"] == value
    detail = client.get(f"/api/v1/positions/{position.pk}/?expand=quote").json()
    assert detail["attribution"] == value == detail["quote"]["attribution"]


def test_the_api_schema_names_the_enum(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    assert schema["components"]["schemas"]["AttributionEnum"]["enum"] == ALL


@pytest.mark.parametrize("value", ALL)
def test_each_value_is_said_with_its_definition_in_the_feed(client, value):
    position_with(value)
    feed = ElementTree.fromstring(client.get(reverse("positions:feed")).content)
    [summary] = [element.text for element in feed.iter() if element.tag.endswith("summary")]
    label, definition = Attribution(value).label, Attribution.definitions()[value]
    assert f"<p>Attribution: {label} ({definition})</p>" in html.unescape(summary)


# The filter every list, export, API and feed shares.


def test_the_filter_takes_one_value_or_several():
    made = {value: position_with(value) for value in ALL}
    from positions.filtersets import PositionFilter

    def found(query: str) -> set[int]:
        from django.http import QueryDict

        return set(PositionFilter(QueryDict(query), queryset=Position.objects.all()).qs.values_list("pk", flat=True))

    for value, position in made.items():
        assert found(f"attribution={value}") == {position.pk}
    assert found("attribution=paraphrase&attribution=anonymous") == {made["paraphrase"].pk, made["anonymous"].pk}
    assert found("") == {position.pk for position in made.values()}


def test_the_filter_works_on_the_export_api_and_feed_and_refuses_a_bad_value(client):
    direct, anonymous = position_with("direct"), position_with("anonymous")
    rows = csv_dicts(body(client.get(reverse("positions:export_csv") + "?attribution=anonymous")))
    assert [int(r["id"]) for r in rows] == [anonymous.pk]
    results = client.get("/api/v1/positions/?attribution=direct").json()["results"]
    assert [item["id"] for item in results] == [direct.pk]
    assert client.get(reverse("positions:export_csv") + "?attribution=rumour").status_code == 400
    assert client.get(reverse("positions:feed") + "?attribution=rumour").status_code == 400


# Shown as a badge with its definition wherever the quote appears.


def badge_of(value: str) -> str:
    return f'href="/about/#attribution-{value}" title="{Attribution.definitions()[value]}"'.replace("'", "&#x27;")


@pytest.mark.parametrize("value", ALL)
def test_each_value_is_shown_with_its_definition_on_the_position_page(client, value):
    position = position_with(value)
    page = client.get(position.get_absolute_url()).content.decode()
    assert badge_of(value) in page
    assert f'class="attribution attribution-{value}">{Attribution(value).label}<' in page
    for other in set(ALL) - {value}:
        assert f"attribution-{other}" not in page


@pytest.mark.parametrize("value", ALL)
def test_each_value_is_shown_on_the_source_page(client, value):
    position = position_with(value)
    page = client.get(position.quote.source.get_absolute_url()).content.decode()
    assert badge_of(value) in page


def test_about_defines_each_value_beside_verification_and_the_anonymous_rule(client):
    page = client.get(reverse("positions:about")).content.decode()
    for value in ALL:
        assert f'id="attribution-{value}"' in page
        assert str(Attribution.definitions()[value]).replace("'", "&#x27;") in page
    assert page.index('id="attribution-direct"') < page.index('id="verification-confirmed"')
    assert "A report citing anonymous sources is never “confirmed”" in page


@pytest.mark.parametrize("value", ALL)
def test_each_value_is_shown_with_its_definition_in_the_rows_of_every_list(client, value):
    position = position_with(value)
    actor = position.actor
    actor.country = "GB"
    actor.save()
    pages = {
        "list": reverse("positions:position_list"),
        "home": reverse("positions:home"),
        "country": reverse("positions:country_detail", args=["gb"]),
        "actor": actor.get_absolute_url(),
    }
    for name, url in pages.items():
        page = client.get(url).content.decode()
        assert badge_of(value) in page, name
        assert f">{Attribution(value).label}<" in page, name


def test_the_list_filters_by_attribution_and_says_so(client):
    direct, anonymous = position_with("direct"), position_with("anonymous")
    page = client.get(reverse("positions:position_list") + "?attribution=anonymous").content.decode()
    assert anonymous.quote.text in page and direct.quote.text not in page
    assert 'name="attribution"' in page
