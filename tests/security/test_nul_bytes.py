"""A NUL byte anywhere in a request's address, cookies or form answers 400, never a server error.

Adversarial review, Dec 2026: on PostgreSQL, `/suggest/?country=%00A`, the admin's autocomplete
and list filters and `/admin/positions/actor/1%00/history/` answered 500: psycopg refuses text
holding U+0000. Run on PostgreSQL too (DATABASE_URL), where the 500s were.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contributions.models import Suggestion
from tests.contributions.helpers import suggestion_data
from tests.factories import ActorFactory, PositionFactory
from tests.security.public_urls import example_url, public_routes

pytestmark = pytest.mark.django_db
SUGGEST = reverse("contributions:suggest")


@pytest.fixture
def data(db):
    return PositionFactory(actor=ActorFactory(name="Keir Starmer", country="GB"))


def test_the_suggestion_form_refuses_a_nul_in_its_query_or_its_fields(client, data):
    assert client.get(SUGGEST + "?country=%00A").status_code == 400
    assert client.get(SUGGEST + "?actor=%00").status_code == 400
    assert client.post(SUGGEST, suggestion_data(country="\x00A")).status_code == 400
    assert client.post(SUGGEST, suggestion_data(actor_name="Keir\x00")).status_code == 400
    assert not Suggestion.objects.exists()
    assert client.get(SUGGEST + "?country=GB").status_code == 200


def test_the_admin_refuses_a_nul_in_searches_filters_ids_and_autocomplete(client, data, editor):
    client.force_login(editor)
    autocomplete = reverse("admin:autocomplete")
    for url in (
        "/admin/positions/position/?q=%00",
        "/admin/positions/position/?actor__country=%00",
        "/admin/positions/position/?stance__exact=open%00",
        f"/admin/positions/actor/{data.actor.pk}%00/history/",
        f"/admin/positions/actor/{data.actor.pk}%00/change/",
        f"{autocomplete}?term=%00&app_label=positions&model_name=position&field_name=actor",
        f"{autocomplete}?term=Keir&app_label=positions%00&model_name=position&field_name=actor",
    ):
        assert client.get(url).status_code == 400, url
    assert client.get(f"/admin/positions/actor/{data.actor.pk}/history/").status_code == 200


def test_a_login_with_a_nul_in_the_user_name_is_refused_before_it_is_recorded(client, data):
    response = client.post("/admin/login/", {"username": "root\x00", "password": "x"})
    assert response.status_code == 400


def test_a_session_cookie_holding_a_nul_is_refused(client, data):
    # Django reads "\000" in a quoted cookie value as a NUL byte, and looks the session up with it.
    assert client.get("/", HTTP_COOKIE='sessionid="\\000aaaaaaaaaaaaaaaa"').status_code == 400
    assert client.get("/", HTTP_COOKIE="sessionid=aaaaaaaaaaaaaaaa").status_code == 200


def test_every_public_page_refuses_a_nul_in_its_path_or_query(client, data):
    for route in public_routes():
        url = "/" + example_url(route).lstrip("/")
        separator = "&" if "?" in url else "?"
        assert client.get(f"{url}{separator}q=%00").status_code == 400, url
        assert client.get(f"{url}{separator}%00=1").status_code == 400, url
    assert client.get("/positions/%00/").status_code == 400
    assert client.get("/uk/countries/g%00/").status_code == 400


def test_an_uploaded_file_may_hold_nul_bytes(client, django_user_model):
    # A workbook is a zip: its bytes are the import view's to read, not a form field's.
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "a-long-password-42"))
    upload = SimpleUploadedFile("positions.xlsx", b"PK\x03\x04\x00\x00binary")
    response = client.post(reverse("admin:positions_position_import"), {"file": upload})
    assert response.status_code == 200 and "file" in response.context["form"].errors
