"""Brute-force rules behind a reverse proxy: lock by username and the client's real address, and
slow a username guessed from many addresses, for a while only.

Adversarial review, Nov 2026: behind the recommended TLS proxy every request came from the proxy's
address, so five wrong passwords for a username locked it out for everyone.
"""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory, override_settings
from django.urls import reverse

from tests.factories import UserFactory
from web.logins import client_ip

PASSWORD = "a-long-test-password-42"
PROXY = "10.0.0.2"
LIMIT = 5  # AXES_FAILURE_LIMIT's default


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


def log_in(client, username: str, password: str, client_address: str, forwarded_for: str | None = None):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for or client_address,
    )


@override_settings(TRUSTED_PROXY_COUNT=1, AXES_FAILURE_LIMIT=LIMIT)
def test_failures_from_one_client_behind_the_proxy_do_not_lock_out_another(client, staff):
    for _ in range(LIMIT):
        log_in(client, staff.username, "wrong", "203.0.113.7")
    assert log_in(client, staff.username, PASSWORD, "203.0.113.7").status_code == 429
    assert log_in(client, staff.username, PASSWORD, "198.51.100.9").status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1, AXES_FAILURE_LIMIT=LIMIT)
def test_a_client_cannot_escape_the_lock_by_writing_its_own_forwarded_for(client, staff):
    for n in range(LIMIT):
        log_in(client, staff.username, "wrong", "", forwarded_for=f"192.0.2.{n}, 203.0.113.7")
    assert log_in(client, staff.username, PASSWORD, "", forwarded_for="192.0.2.99, 203.0.113.7").status_code == 429


def request_from(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    "count, remote, forwarded, expected",
    [
        (0, PROXY, "203.0.113.7", PROXY),  # no proxy trusted: the header is the client's own claim
        (1, PROXY, "203.0.113.7", "203.0.113.7"),
        (1, PROXY, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        (2, PROXY, "6.6.6.6, 203.0.113.7, 10.0.0.1", "203.0.113.7"),
        (2, PROXY, "203.0.113.7", PROXY),  # fewer entries than proxies: not through them all
        (1, PROXY, "not-an-address", PROXY),
        (1, PROXY, None, PROXY),
    ],
)
def test_client_ip_reads_the_address_the_trusted_proxies_saw(count, remote, forwarded, expected):
    with override_settings(TRUSTED_PROXY_COUNT=count):
        assert client_ip(request_from(remote, forwarded)) == expected


@override_settings(TRUSTED_PROXY_COUNT=1, AXES_FAILURE_LIMIT=LIMIT, USERNAME_FAILURE_LIMIT=8)
def test_a_username_guessed_from_many_addresses_is_slowed_then_freed(client, staff):
    for n in range(8):
        log_in(client, staff.username, "wrong", f"192.0.2.{n}")  # one or two tries per address, under LIMIT
    # Even the right password from a fresh address is refused while the failures are recent …
    response = log_in(client, staff.username, PASSWORD, "198.51.100.9")
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    assert "This account is paused" in response.content.decode()
    # … and accepted once they are older than the cool-off period: never a lock for good.
    AccessAttempt.objects.update(attempt_time=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert log_in(client, staff.username, PASSWORD, "198.51.100.10").status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1, AXES_FAILURE_LIMIT=LIMIT, USERNAME_FAILURE_LIMIT=8)
def test_the_username_backstop_leaves_other_usernames_alone(client, staff):
    other = UserFactory(is_staff=True)
    for n in range(8):
        log_in(client, staff.username, "wrong", f"192.0.2.{n}")
    assert log_in(client, other.username, PASSWORD, "198.51.100.9").status_code == 302
