"""The shared counters: one atomic count per client and window, IPv6 clients by /64."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from contributions.models import Suggestion
from limits import counters
from limits.counters import client_key, counter_key, give_back, hit, take
from limits.models import Counter
from tests.contributions.helpers import suggestion_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address, key",
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:0db8:0001:0002:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        (None, "unknown"),
        ("not an address", "not an address"),
    ],
)
def test_a_client_is_its_ipv4_address_or_its_ipv6_64(address, key):
    assert client_key(address) == key


def test_hits_count_up_within_a_window_and_start_again_after_it(monkeypatch):
    now = 1_800_000_000
    monkeypatch.setattr(counters.time, "time", lambda: now)
    assert hit("test:a", 60) == (1, now + 60)
    assert hit("test:a", 60) == (2, now + 60)
    assert hit("test:b", 60) == (1, now + 60)
    now += 60
    assert hit("test:a", 60) == (1, now + 60)


def test_take_answers_the_seconds_left_once_over_the_limit(monkeypatch):
    now = 1_800_000_000
    monkeypatch.setattr(counters.time, "time", lambda: now)
    assert [take("test", "203.0.113.7", 2, 60) for _ in range(3)] == [0, 0, 60]
    now += 45
    assert take("test", "203.0.113.7", 2, 60) == 15


def test_a_hit_given_back_frees_its_place():
    key = counter_key("test", "203.0.113.7")
    hit(key, 60)
    hit(key, 60)
    give_back(key)
    assert Counter.objects.get(key=key).hits == 1


def test_addresses_are_stored_only_as_hashes():
    take("contributions", "203.0.113.7", 5, 60)
    assert "203.0.113.7" not in Counter.objects.get().key


def test_prune_limits_deletes_only_ended_windows():
    Counter.objects.create(key="test:old", hits=3, expires=1)
    hit("test:new", 60)
    out = StringIO()
    call_command("prune_limits", stdout=out)
    assert list(Counter.objects.values_list("key", flat=True)) == ["test:new"]
    assert "1" in out.getvalue()


def test_a_hit_never_prunes():
    Counter.objects.create(key="test:old", hits=3, expires=1)
    for _ in range(300):
        hit("test:new", 60)
    assert Counter.objects.filter(key="test:old").exists()


def test_one_ipv6_64_shares_one_contribution_limit(client, settings):
    """Review, Dec 2026: 12 addresses of one /64 sent 12 suggestions against a limit of 5."""
    settings.CONTRIBUTION_RATE_LIMIT = 5
    statuses = [
        client.post(
            reverse("contributions:suggest"),
            suggestion_data(source_url=f"https://example.org/statement/{n}"),
            REMOTE_ADDR=f"2001:db8:7:7::{n + 1:x}",
        ).status_code
        for n in range(12)
    ]
    assert statuses == [302] * 5 + [429] * 7
    assert Suggestion.objects.count() == 5
    # The next /64 is another subscriber.
    response = client.post(reverse("contributions:suggest"), suggestion_data(), REMOTE_ADDR="2001:db8:7:8::1")
    assert response.status_code == 302


def test_a_form_to_correct_does_not_use_up_the_limit(client, settings):
    settings.CONTRIBUTION_RATE_LIMIT = 1
    url = reverse("contributions:suggest")
    for _ in range(3):
        assert client.post(url, suggestion_data(text="")).status_code == 200
    assert client.post(url, suggestion_data()).status_code == 302
    assert client.post(url, suggestion_data(source_url="https://example.org/2")).status_code == 429


def test_one_ipv6_64_shares_one_api_limit(client, settings):
    settings.API_RATE_LIMIT = "3/minute"
    statuses = [client.get("/api/v1/topics/", REMOTE_ADDR=f"2001:db8:9:9::{n + 1:x}").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
