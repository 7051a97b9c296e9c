"""Read replicas: public reads from a healthy replica; writes, the admin, read-your-writes and failures on the primary.

The replica here is the test database under a second alias and connection (tests/settings.py),
so the tests see which alias each query went through, on SQLite and PostgreSQL alike. The rows
are committed (transaction=True): a second connection cannot see a test's open transaction.
"""

import time

import pytest
from django.core import signing
from django.db import OperationalError, connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from config import db_router
from positions.models import Position
from tests.factories import PositionFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=["default", "replica1"]),
]
REPLICA = override_settings(REPLICA_DATABASES=["replica1"])


@pytest.fixture(autouse=True)
def fresh_health():
    db_router.health.forget()
    yield
    db_router.health.forget()


@pytest.fixture
def position(db):
    return PositionFactory(actor__country="GB")


def queries_by_alias(client, method: str, url: str, **kwargs):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica1"]) as replica,
    ):
        response = getattr(client, method)(url, **kwargs)
    return response, len(primary), len(replica)


@REPLICA
def test_public_reads_go_to_the_replica(client, position):
    response, primary, replica = queries_by_alias(client, "get", f"/positions/{position.pk}/")
    assert response.status_code == 200
    assert replica > 0 and primary == 0


def test_without_replicas_everything_reads_from_the_primary(client, position):
    response, primary, replica = queries_by_alias(client, "get", f"/positions/{position.pk}/")
    assert response.status_code == 200 and primary > 0 and replica == 0


@REPLICA
def test_writes_and_reads_outside_requests_use_the_primary(position):
    router = db_router.ReplicaRouter()
    assert router.db_for_write(Position) == "default"
    assert router.db_for_read(Position) == "default"  # a management command, a shell, a test
    token = db_router.replica_reads.set(True)
    try:
        assert router.db_for_read(Position) == "replica1"
    finally:
        db_router.replica_reads.reset(token)
        db_router.replica_used.set(None)


@REPLICA
def test_the_admin_reads_from_the_primary(client, position):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response, primary, replica = queries_by_alias(client, "get", "/admin/positions/position/")
    assert response.status_code == 200 and primary > 0 and replica == 0


@REPLICA
def test_after_a_write_the_same_browser_reads_from_the_primary(client, position):
    response = client.post("/admin/login/", {"username": "nobody", "password": "wrong"})
    pin = response.cookies[db_router.PIN_COOKIE]
    assert pin["max-age"] == 15
    response, primary, replica = queries_by_alias(client, "get", f"/positions/{position.pk}/")
    assert response.status_code == 200 and primary > 0 and replica == 0
    # Another browser, which wrote nothing, still reads from the replica.
    client.cookies.pop(db_router.PIN_COOKIE)
    response, primary, replica = queries_by_alias(client, "get", f"/positions/{position.pk}/")
    assert replica > 0 and primary == 0


@REPLICA
@pytest.mark.parametrize("value", ["1", "yes", "1:forged:signature", ""])
def test_a_forged_pin_reads_from_the_replica(client, position, value):
    """Adversarial review, Dec 2026: any primary_reads value sent a client's reads to the primary."""
    client.cookies[db_router.PIN_COOKIE] = value
    response, primary, replica = queries_by_alias(client, "get", f"/positions/{position.pk}/")
    assert response.status_code == 200 and replica > 0 and primary == 0


@REPLICA
def test_an_expired_pin_reads_from_the_replica(client, position, monkeypatch):
    signer = signing.get_cookie_signer(salt=db_router.PIN_COOKIE + db_router.PIN_SALT)
    monkeypatch.setattr(signer, "timestamp", lambda: signing.b62_encode(int(time.time()) - 16))
    client.cookies[db_router.PIN_COOKIE] = signer.sign("1")
    response, primary, replica = queries_by_alias(client, "get", f"/positions/{position.pk}/")
    assert response.status_code == 200 and replica > 0 and primary == 0
    # The same cookie signed now pins: only its age differs.
    monkeypatch.undo()
    client.cookies[db_router.PIN_COOKIE] = signer.sign("1")
    response, primary, replica = queries_by_alias(client, "get", f"/positions/{position.pk}/")
    assert response.status_code == 200 and primary > 0 and replica == 0


def refuse(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1, port 5433 failed: Connection refused")


@REPLICA
def test_a_replica_that_is_down_is_skipped_without_an_error(client, position, monkeypatch):
    monkeypatch.setattr(connections["replica1"], "cursor", refuse)
    response, primary, _replica = queries_by_alias(client, "get", f"/positions/{position.pk}/")
    assert response.status_code == 200 and primary > 0
    assert db_router.health.checked["replica1"][1] is False


@REPLICA
def test_a_replica_failing_mid_request_is_answered_from_the_primary(client, position, monkeypatch):
    assert db_router.health.healthy("replica1")  # checked and trusted for a few seconds
    monkeypatch.setattr(connections["replica1"], "cursor", refuse)
    response, primary, _replica = queries_by_alias(client, "get", f"/positions/{position.pk}/")
    assert response.status_code == 200 and primary > 0
    assert db_router.health.checked["replica1"][1] is False


@REPLICA
@override_settings(REPLICA_MAX_LAG_SECONDS=5)
def test_a_lagging_replica_is_skipped(client, position, monkeypatch):
    monkeypatch.setattr(db_router, "LAG_SQL", "SELECT 60")
    monkeypatch.setattr(db_router.ReplicaHealth, "check", staticmethod(lag_check(60)))
    response, primary, replica = queries_by_alias(client, "get", f"/positions/{position.pk}/")
    assert response.status_code == 200 and primary > 0 and replica == 1  # the health check alone


def lag_check(seconds: float):
    original = db_router.ReplicaHealth.check

    def check(alias):
        connection = connections[alias]
        vendor = connection.vendor
        try:
            connection.vendor = "postgresql"  # take the lag query's path; SELECT 60 stands in for it
            return original(alias)
        finally:
            connection.vendor = vendor

    return check
