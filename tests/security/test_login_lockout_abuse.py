"""One address cannot lock a username out for good, and the real user is told plainly what is going on.

Adversarial review, Dec 2026: django-axes kept counting attempts from an address it had already
locked, and the per-username backstop added those up, so about 30 requests an hour from one
address kept an editor out for good; the editor only saw "enter the correct username and
password". Now only attempts that reached the password check count, a user whose name is paused
still logs in from an address they have logged in from before, and from anywhere else is told
the account is paused and until when.
"""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from web.logins import paused_until, recent_failures

PASSWORD = "a-long-test-password-42"
PROXY = "10.0.0.2"
LIMIT = 5
USERNAME_LIMIT = 8
ATTACKER = "203.0.113.66"
HOME = "198.51.100.20"  # where the editor usually logs in from
CAFE = "198.51.100.77"  # somewhere the editor never logged in from
WRONG_PASSWORD_MESSAGE = "enter the correct username and password"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("settings_for_the_proxy"),
]


@pytest.fixture
def settings_for_the_proxy():
    with override_settings(TRUSTED_PROXY_COUNT=1, AXES_FAILURE_LIMIT=LIMIT, USERNAME_FAILURE_LIMIT=USERNAME_LIMIT):
        yield


@pytest.fixture
def editor_account(db):
    return UserFactory(username="editor", is_staff=True, groups=["Editors"])


def log_in(client, password: str, address: str, username: str = "editor"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_locked_address_adds_nothing_to_the_usernames_count_nor_to_its_own_lock(client, editor_account):
    for _ in range(LIMIT):
        log_in(client, "wrong", ATTACKER)
    locked_at = AccessAttempt.objects.get(ip_address=ATTACKER).attempt_time
    assert recent_failures("editor") == LIMIT

    for _ in range(40):  # more than an hour's worth of the review's ~30 requests
        assert log_in(client, "wrong", ATTACKER).status_code == 429
    assert recent_failures("editor") == LIMIT
    assert AccessAttempt.objects.get(ip_address=ATTACKER).attempt_time == locked_at  # the lock is not extended

    # The real user, from an address never used before, gets in with the right password.
    response = log_in(client, PASSWORD, CAFE)
    assert response.status_code == 302 and logged_in(client)


def test_one_address_cannot_keep_a_username_out_hour_after_hour(client, editor_account):
    for _hour in range(3):
        for _ in range(30):
            log_in(client, "wrong", ATTACKER)
        assert recent_failures("editor") == LIMIT < USERNAME_LIMIT
        # An hour later the address's lock has aged out (and with it its five failures).
        AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(hours=1, minutes=1))
    assert log_in(client, PASSWORD, CAFE).status_code == 302


def many_addresses_guess(client, times: int = USERNAME_LIMIT):
    for n in range(times):
        log_in(client, "wrong", f"192.0.2.{n}")  # one try each: no address reaches its own limit


def test_a_paused_username_still_logs_in_from_an_address_it_has_logged_in_from(client, editor_account):
    assert log_in(client, PASSWORD, HOME).status_code == 302
    client.logout()
    many_addresses_guess(client)
    assert paused_until("editor") is not None

    response = log_in(client, PASSWORD, HOME)
    assert response.status_code == 302 and logged_in(client)


def test_elsewhere_the_real_user_is_told_the_account_is_paused_and_until_when(client, editor_account):
    many_addresses_guess(client)
    response = log_in(client, PASSWORD, CAFE)
    assert response.status_code == 429 and not logged_in(client)
    page = response.content.decode()
    assert WRONG_PASSWORD_MESSAGE not in page
    assert "This account is paused" in page
    newest_reaching_the_limit = AccessAttempt.objects.order_by("-attempt_time")[USERNAME_LIMIT - 1].attempt_time
    until = newest_reaching_the_limit + datetime.timedelta(hours=1)
    assert f"paused until {until:%H:%M} UTC on {until.day} {until:%B %Y}" in page
    assert "from an address you have logged in from before, your password works now" in page


def test_attempts_refused_by_the_pause_are_not_counted_and_the_pause_ends_on_time(client, editor_account):
    many_addresses_guess(client)
    until = paused_until("editor")
    for n in range(20):
        assert log_in(client, "wrong", f"192.0.2.{100 + n}").status_code == 429
    assert recent_failures("editor") == USERNAME_LIMIT
    assert paused_until("editor") == until

    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(hours=1, minutes=1))
    assert paused_until("editor") is None
    assert log_in(client, PASSWORD, CAFE).status_code == 302


def test_the_address_lock_page_says_until_when(client, editor_account):
    for _ in range(LIMIT):
        log_in(client, "wrong", ATTACKER)
    response = log_in(client, PASSWORD, ATTACKER)
    page = response.content.decode()
    until = AccessAttempt.objects.get(ip_address=ATTACKER).attempt_time + datetime.timedelta(hours=1)
    assert response.status_code == 429
    assert "Too many failed login attempts" in page and WRONG_PASSWORD_MESSAGE not in page
    assert f"at {until:%H:%M} UTC" in page
