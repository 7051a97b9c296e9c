"""Adding a statement in one admin screen, history of every change, and the two groups' rights."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from positions.models import Actor, Position
from sources.models import Outlet, Quote, Source
from tests.admin.rendered_form import change_form_data
from tests.factories import (
    ActorFactory,
    OutletFactory,
    PositionFactory,
    QuoteFactory,
    SourceFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:positions_position_add")


def statement(actor, topic, **extra):
    data = {
        "actor": actor.pk,
        "topic": topic.pk,
        "stance": "rules_out",
        "stated_on": "2024-11-26",
        "date_precision": "day",
        "conditions": "",
        "summary": "Rejected sending troops.",
        "new_quote_verification": "reported",
        "new_source_published_precision": "day",
        "new_source_language": "en",
    }
    data.update(extra)
    return data


def test_editor_adds_statement_with_new_quote_and_new_source(client, editor):
    client.force_login(editor)
    actor, topic, outlet = ActorFactory(country="GB"), TopicFactory(), OutletFactory(name="LBC")
    response = client.post(
        ADD_URL,
        statement(
            actor,
            topic,
            new_quote_text="Not committing UK troops to the theatre of action.",
            new_source_outlet=outlet.pk,
            new_source_title="Lammy at the G7",
            new_source_published_on="2024-11-26",
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    position = Position.objects.get()
    assert position.quote.text == "Not committing UK troops to the theatre of action."
    assert position.quote.said_on == datetime.date(2024, 11, 26)
    assert position.quote.verification == "reported" == position.verification
    assert position.quote.source.outlet == outlet and position.quote.source.url == ""
    assert position.country == "GB"


def test_editor_adds_statement_with_new_quote_from_existing_source(client, editor):
    client.force_login(editor)
    source = SourceFactory()
    response = client.post(
        ADD_URL,
        statement(
            ActorFactory(),
            TopicFactory(),
            new_quote_text="We are open to it.",
            existing_source=source.pk,
            date_precision="month",
            stated_on="2024-11-17",
        ),
    )
    assert response.status_code == 302
    quote = Quote.objects.get(text="We are open to it.")
    assert quote.source == source and quote.said_on == datetime.date(2024, 11, 1) and quote.date_precision == "month"


def test_editor_adds_statement_from_existing_quote(client, editor):
    client.force_login(editor)
    quote = QuoteFactory()
    response = client.post(ADD_URL, statement(ActorFactory(), TopicFactory(), quote=quote.pk, stated_on="2024-11-25"))
    assert response.status_code == 302
    assert Position.objects.get().quote == quote


def test_statement_without_any_quote_is_refused_with_a_clear_message(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, statement(ActorFactory(), TopicFactory()))
    assert response.status_code == 200
    assert "Pick an existing quote or write the new quote&#x27;s text." in response.content.decode()
    assert Position.objects.count() == 0 and Quote.objects.count() == 0


def test_new_source_with_taken_url_is_refused_and_nothing_is_saved(client, editor):
    client.force_login(editor)
    SourceFactory(url="https://example.org/taken")
    response = client.post(
        ADD_URL,
        statement(
            ActorFactory(),
            TopicFactory(),
            new_quote_text="Words",
            new_source_outlet=OutletFactory().pk,
            new_source_title="T",
            new_source_url="https://example.org/taken",
        ),
    )
    assert response.status_code == 200
    assert "A source with this URL already exists." in response.content.decode()
    assert Source.objects.count() == 1 and Quote.objects.count() == 0 and Position.objects.count() == 0


def test_duplicate_position_for_same_quote_is_refused(client, editor):
    client.force_login(editor)
    existing = PositionFactory()
    response = client.post(ADD_URL, statement(existing.actor, existing.topic, quote=existing.quote.pk))
    assert response.status_code == 200
    assert "This actor already has a position on this topic from this quote." in response.content.decode()


def test_add_page_offers_autocomplete_for_actor_quote_source_and_outlet(client, editor):
    client.force_login(editor)
    page = client.get(ADD_URL).content.decode()
    for field in ("actor", "quote", "existing_source", "new_source_outlet"):
        assert f'name="{field}"' in page
    assert page.count("admin-autocomplete") >= 4


def test_every_change_is_recorded_with_who_and_can_be_reverted(client, editor, admin_user):
    client.force_login(editor)
    actor = ActorFactory(name="David Lamy")
    url = reverse("admin:positions_actor_change", args=[actor.pk])
    form = {
        "name": "David Lammy",
        "slug": actor.slug,
        "kind": actor.kind,
        "country": "GB",
        "aliases": "David Lamy",
        "wikidata_id": "",
        "description": "",
        "roles-TOTAL_FORMS": 0,
        "roles-INITIAL_FORMS": 0,
    }
    assert client.post(url, form).status_code == 302
    history = list(actor.history.order_by("history_date"))
    assert [h.history_type for h in history] == ["+", "~"]
    assert history[-1].history_user == editor and history[-1].name == "David Lammy"
    # Revert to the first version through the admin's history pages (needs change permission).
    client.force_login(admin_user)
    revert_url = reverse("admin:positions_actor_simple_history", args=[actor.pk, history[0].history_id])
    assert client.get(revert_url).status_code == 200
    form["name"] = history[0].name
    assert client.post(revert_url, form).status_code == 302
    actor.refresh_from_db()
    assert actor.name == "David Lamy"
    assert actor.history.count() == 3


def test_history_records_deletes_made_in_code():
    outlet = OutletFactory()
    pk = outlet.pk
    outlet.delete()
    assert Outlet.history.filter(id=pk).latest("history_date").history_type == "-"


def test_history_page_is_visible_to_viewers(client, viewer):
    actor = ActorFactory()
    client.force_login(viewer)
    response = client.get(reverse("admin:positions_actor_history", args=[actor.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("model", ["actor", "position", "quote", "source", "outlet"])
def test_editors_add_and_change_but_never_delete(client, editor, model):
    client.force_login(editor)
    app = "sources" if model in ("quote", "source", "outlet") else "positions"
    assert client.get(reverse(f"admin:{app}_{model}_add")).status_code == 200
    assert client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 200
    assert not editor.has_perm(f"{app}.delete_{model}")


@pytest.mark.parametrize(
    "app, model",
    [("positions", m) for m in ("actor", "position", "role", "topic", "authorisationbody")]
    + [("sources", m) for m in ("quote", "source", "outlet")],
)
def test_viewers_only_view(client, viewer, app, model):
    client.force_login(viewer)
    assert client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:{app}_{model}_add")).status_code == 403
    for action in ("add", "change", "delete"):
        assert not viewer.has_perm(f"{app}.{action}_{model}")


def test_admin_position_list_filters_and_search(client, editor, seeded):
    client.force_login(editor)
    url = reverse("admin:positions_position_changelist")
    # Starmer (reported), Lammy and the Prime Minister's spokesperson's two answers.
    assert client.get(url, {"country": "GB"}).context["cl"].result_count == 4
    assert client.get(url, {"q": "Cyrus"}).context["cl"].result_count >= 1
    assert client.get(url, {"stance__exact": "commentary"}).context["cl"].result_count == 7
    assert Actor.objects.filter(aliases__icontains="Lamy").exists()


def rendered_add_form(client) -> dict[str, list[str]]:
    """The add screen's fields as the browser would post them, read from the page."""
    response = client.get(ADD_URL)
    assert response.status_code == 200
    return change_form_data(response)


def test_editor_enters_new_actor_role_outlet_and_translated_quote_in_one_form(client, editor):
    client.force_login(editor)
    topic = TopicFactory(name="Reassurance force")
    data = rendered_add_form(client)
    for name, value in {
        "new_actor_name": "Anna Łęcka",
        "new_actor_kind": "official",
        "new_actor_country": "PL",
        "new_role_title": "Minister of National Defence",
        "new_role_office_rank": "foreign_defence",
        "topic": str(topic.pk),
        "stance": "rules_out",
        "stated_on": "2025-03-04",
        "new_quote_text": "Poland will not send its soldiers.",
        "new_quote_original_text": "Polska nie wyśle swoich żołnierzy.",
        "new_quote_original_language": "pl",
        "new_quote_translation": "translation",
        "new_outlet_name": "Dziennik Testowy",
        "new_outlet_kind": "newspaper",
        "new_source_url": "https://dziennik.example.pl/lecka",
        "new_source_published_on": "2025-03-04",
    }.items():
        assert name in data, f"the page has no field {name}"
        data[name] = [value]
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    position = Position.objects.get()
    actor = position.actor
    assert (actor.name, actor.slug, actor.kind, actor.country.code) == ("Anna Łęcka", "anna-lecka", "official", "PL")
    role = actor.roles.get()
    assert (role.title, role.office_rank, role.start_on) == (
        "Minister of National Defence",
        "foreign_defence",
        datetime.date(2025, 3, 4),
    )
    assert position.role == role and position.country == "PL"
    source = position.quote.source
    assert (source.outlet.name, source.outlet.slug, source.url) == (
        "Dziennik Testowy",
        "dziennik-testowy",
        "https://dziennik.example.pl/lecka",
    )
    assert position.quote.translation == "translation" and position.quote.original_language == "pl"
    assert actor.history.get().history_user == editor


def test_a_cross_field_error_stands_at_its_field_and_nothing_is_saved(client, editor):
    client.force_login(editor)
    response = client.post(
        ADD_URL,
        statement(
            ActorFactory(),
            TopicFactory(),
            new_actor_name="",
            new_quote_text="Words",
            new_quote_original_text="Słowa",
            new_quote_original_language="pl",
            new_quote_translation="original",
            new_outlet_name="Dziennik Testowy",
            new_source_url="https://dziennik.example.pl/a",
        ),
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["new_quote_translation"] == [
        "With an original text beside it, the English text is a translation, not the original."
    ]
    assert "__all__" not in form.errors
    page = response.content.decode()
    assert "fieldBox field-new_quote_translation errors" in page
    assert Outlet.objects.count() == 0 and Source.objects.count() == 0 and Quote.objects.count() == 0


def test_an_actor_is_picked_or_named(client, editor):
    client.force_login(editor)
    data = statement(ActorFactory(), TopicFactory(), new_quote_text="Words", existing_source=SourceFactory().pk)
    data["actor"] = ""
    response = client.post(ADD_URL, data)
    assert response.context["adminform"].form.errors["actor"] == ["Pick the actor, or give a new actor's name."]
    assert Position.objects.count() == 0


def test_a_new_outlet_whose_name_is_taken_is_refused_at_its_field(client, editor):
    client.force_login(editor)
    OutletFactory(name="Le Monde")
    response = client.post(
        ADD_URL,
        statement(
            ActorFactory(),
            TopicFactory(),
            new_quote_text="Words",
            new_outlet_name="le monde",
            new_source_url="https://example.org/new",
        ),
    )
    assert response.context["adminform"].form.errors["new_outlet_name"] == ["An outlet with this name already exists."]
    assert Outlet.objects.count() == 1 and Source.objects.count() == 0


def test_new_actor_slug_does_not_take_an_existing_one(client, editor):
    client.force_login(editor)
    ActorFactory(name="Anna Nowak", slug="anna-nowak")
    data = statement(
        ActorFactory(),
        TopicFactory(),
        new_actor_name="Anna Nowak",
        new_actor_kind="official",
        new_quote_text="Words",
        existing_source=SourceFactory(published_on=datetime.date(2024, 11, 27)).pk,
    )
    data["actor"] = ""
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Position.objects.get().actor.slug == "anna-nowak-2"


def test_add_screen_opens_no_pop_up_windows(client, editor):
    client.force_login(editor)
    page = client.get(ADD_URL).content.decode()
    assert "related-widget-wrapper-link" not in page and "_popup=1" not in page


def test_the_screen_adds_no_row_the_user_may_not_add(client):
    """A user who may add positions but not actors gets no new actor through the statement screen."""
    user = UserFactory(is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["add_position", "view_position", "add_quote", "add_source"])
    )
    client.force_login(user)
    data = statement(
        ActorFactory(),
        TopicFactory(),
        new_actor_name="Anna Nowak",
        new_quote_text="Words",
        existing_source=SourceFactory(published_on=datetime.date(2024, 11, 27)).pk,
    )
    data["actor"] = ""
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["new_actor_name"] == ["You may not add a new actor."]
    assert not Actor.objects.filter(name="Anna Nowak").exists() and Position.objects.count() == 0
