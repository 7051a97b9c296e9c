"""CSRF is enforced on every form: admin login, every add, change and delete form, and logout."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tests.security.test_admin_access import DOMAIN_MODELS, FACTORIES, admin_url, model_id

PASSWORD = "a-long-test-password-42"


@pytest.fixture
def strict_client() -> Client:
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


def csrf_token(client: Client, url: str) -> str:
    """Load a form as a browser would, and return the token it was given."""
    assert client.get(url).status_code == 200
    return client.cookies["csrftoken"].value


def test_login_without_a_csrf_token_is_refused(strict_client, superuser):
    response = strict_client.post(reverse("admin:login"), {"username": superuser.username, "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in strict_client.session


def test_login_with_the_csrf_token_succeeds(strict_client, superuser):
    token = csrf_token(strict_client, reverse("admin:login"))
    response = strict_client.post(
        reverse("admin:login"),
        {"username": superuser.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert strict_client.session["_auth_user_id"] == str(superuser.pk)


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=model_id)
def test_admin_forms_refuse_posts_without_a_csrf_token(strict_client, superuser, model):
    strict_client.force_login(superuser)
    obj = FACTORIES[model]()
    count = model.objects.count()
    before = model.objects.filter(pk=obj.pk).values().get()

    assert strict_client.post(admin_url(model, "add"), {}).status_code == 403
    assert strict_client.post(admin_url(model, "change", obj.pk), {}).status_code == 403
    assert strict_client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    bulk_delete = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    assert strict_client.post(admin_url(model, "changelist"), bulk_delete).status_code == 403

    assert model.objects.count() == count
    assert model.objects.filter(pk=obj.pk).values().get() == before


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=model_id)
def test_admin_forms_accept_posts_with_the_csrf_token(strict_client, superuser, model):
    # The control: with its token the same empty form gets past CSRF to form validation.
    strict_client.force_login(superuser)
    token = csrf_token(strict_client, admin_url(model, "add"))
    response = strict_client.post(admin_url(model, "add"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors


def test_logout_without_a_csrf_token_is_refused(strict_client, superuser):
    strict_client.force_login(superuser)
    assert strict_client.post(reverse("admin:logout")).status_code == 403
    assert strict_client.session["_auth_user_id"] == str(superuser.pk)
