"""Admin logins are protected against brute force by django-axes, with a clear lock-out page."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "a-long-test-password-42"


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


def log_in(client, username: str, password: str):
    return client.post(reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"})


def fail(client, username: str, times: int) -> list[int]:
    return [log_in(client, username, "wrong-password").status_code for _ in range(times)]


def test_login_is_locked_after_too_many_failures_even_with_the_right_password(client, staff):
    limit = settings.AXES_FAILURE_LIMIT
    statuses = fail(client, staff.username, limit)
    assert statuses[:-1] == [200] * (limit - 1)  # the login form again, with its error
    assert statuses[-1] == 429

    response = log_in(client, staff.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lock_out_page_says_what_happened_and_what_to_do(client, staff):
    fail(client, staff.username, settings.AXES_FAILURE_LIMIT)
    response = log_in(client, staff.username, PASSWORD)
    page = response.content.decode()
    assert "Too many failed login attempts" in page
    assert f"blocked after {settings.AXES_FAILURE_LIMIT} failed attempts" in page
    assert staff.username in page
    assert "cool-off period" in page
    assert response["Content-Type"].startswith("text/html")


def test_fewer_failures_than_the_limit_do_not_lock_and_success_resets_the_count(client, staff):
    limit = settings.AXES_FAILURE_LIMIT
    fail(client, staff.username, limit - 1)
    assert log_in(client, staff.username, PASSWORD).status_code == 302
    client.logout()
    # The count started again after the success, so as many failures again are not yet a lock-out.
    assert fail(client, staff.username, limit - 1) == [200] * (limit - 1)
    assert log_in(client, staff.username, PASSWORD).status_code == 302


def test_lock_out_is_per_account_and_address_so_others_can_still_log_in(client, staff):
    other = UserFactory(is_staff=True)
    fail(client, staff.username, settings.AXES_FAILURE_LIMIT)
    assert log_in(client, other.username, PASSWORD).status_code == 302
