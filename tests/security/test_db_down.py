"""With the database unreachable the site answers a friendly 503, and recovers by itself when it returns.

The first tests break the test database's connection in-process (on PostgreSQL a real refused
connection to a closed port; the in-memory SQLite test database cannot be stopped, so there new
connections fail as an unreachable server's would). The last test is the real thing: it starts
its own PostgreSQL server, serves the app with gunicorn, stops the server under it and starts it
again.
"""

import io
import logging
import os
import pwd
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import InterfaceError, OperationalError, connection
from django.test import RequestFactory

from tests.security.public_urls import example_url, public_routes
from tests.security.test_deploy_checklist import assert_security_headers
from web.errors import server_error

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FRIENDLY = "Temporarily unavailable"

# Replacing connections needs real transactions; serialized_rollback restores migration data after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def database_unreachable():
    if connection.vendor == "postgresql":
        connection.close()
        with mock.patch.dict(connection.settings_dict, {"HOST": "127.0.0.1", "PORT": str(closed_port())}):
            yield
        connection.close()
    else:
        # Closing would destroy the in-memory database, so set its connection aside meanwhile.
        kept = connection.connection
        connection.connection = None
        try:
            refuse = mock.patch.object(
                connection, "get_new_connection", side_effect=sqlite3.OperationalError("unable to open database file")
            )
            with refuse:
                yield
        finally:
            connection.connection = kept


# Pages that read nothing from the database and so stay up without it.
NO_DATABASE = {"/api/v1/docs/"}


@pytest.fixture
def urls(seeded) -> list[str]:
    # A release to name, so the release pages are tried with a number that exists (releases/).
    call_command("make_release", stdout=io.StringIO())
    return [url for url in (example_url(route) for route in public_routes()) if url not in NO_DATABASE]


def assert_friendly_503(response, url: str) -> None:
    assert response.status_code == 503, f"{url} answered {response.status_code}"
    if url == "/healthz":
        assert response.json()["database"] == "down"
        return
    page = response.content.decode()
    assert FRIENDLY in page
    assert "Traceback" not in page and "OperationalError" not in page
    assert response["Retry-After"]
    assert response["Cache-Control"] == "no-store"


def test_every_public_page_answers_a_friendly_503_while_the_database_is_down(client, urls, caplog):
    with database_unreachable(), caplog.at_level(logging.WARNING):
        # Every page reads the database, if only for the footer's "data last updated".
        for url in urls:
            assert_friendly_503(client.get(url), url)
    assert not [record for record in caplog.records if record.exc_info], "a traceback was logged"


def test_the_503_page_keeps_the_security_headers(client, urls):
    with database_unreachable():
        response = client.get("/positions/")
    assert response.status_code == 503
    assert_security_headers(response)


def test_the_admin_answers_a_friendly_503_while_the_database_is_down(client, editor):
    client.force_login(editor)
    with database_unreachable():
        assert_friendly_503(client.get("/admin/"), "/admin/")
        assert_friendly_503(client.get("/admin/positions/position/"), "/admin/positions/position/")


def test_pages_recover_without_a_restart_when_the_database_returns(client, urls):
    with database_unreachable():
        assert client.get("/healthz").status_code == 503
    for url in urls:
        assert client.get(url).status_code in {200, 301, 302}, url


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_error_outside_a_view_also_gets_the_503_page(error):
    # handler500 sees errors raised by middleware too, e.g. while saving a session.
    request = RequestFactory().get("/")
    try:
        raise error("server closed the connection unexpectedly")
    except error:
        response = server_error(request)
    assert response.status_code == 503
    assert FRIENDLY in response.content.decode()


def test_handler500_is_wired_for_errors_raised_in_middleware(client, db):
    client.raise_request_exception = False
    lost = OperationalError("server closed the connection unexpectedly")
    with mock.patch("django.contrib.sessions.middleware.SessionMiddleware.process_response", side_effect=lost):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert FRIENDLY in response.content.decode()


def test_other_errors_still_get_the_500_page():
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


# The real thing, on PostgreSQL: stop the server under a running gunicorn, then start it again.

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
BOUNDED_WAIT = 300  # tries, 0.1 s apart: a bound for a busy machine, not a performance figure


def as_postgres(*command: str) -> list[str]:
    # PostgreSQL refuses to run as root.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


def run(command: list[str], **kwargs) -> None:
    subprocess.run(command, check=True, capture_output=True, timeout=120, cwd="/", **kwargs)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_for(url: str, status: int) -> None:
    for _ in range(BOUNDED_WAIT):
        try:
            if fetch(url)[0] == status:
                return
        except OSError:
            pass
        time.sleep(0.1)
    pytest.fail(f"{url} never answered {status}")


@pytest.fixture
def own_postgres():
    """A PostgreSQL server of this test's own, so stopping it disturbs nobody."""
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip("needs PostgreSQL: DATABASE_URL is not a PostgreSQL URL")
    if not (PG_BIN / "pg_ctl").exists():
        pytest.skip(f"needs PostgreSQL's server programs in {PG_BIN}")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("PostgreSQL refuses to run as root and there is no postgres user")
    folder = Path(tempfile.mkdtemp(prefix="tracker-dbdown-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = closed_port()
    data = folder / "data"
    pg_ctl = [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w"]
    options = ["-o", f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off"]
    try:
        run(as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"))
        run(as_postgres(*pg_ctl, *options, "start"))
        run(as_postgres(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "tracker"))
        yield {
            "url": f"postgres://postgres@127.0.0.1:{port}/tracker",
            "stop": lambda: run(as_postgres(*pg_ctl, "-m", "fast", "stop")),
            "start": lambda: run(as_postgres(*pg_ctl, *options, "start")),
        }
    finally:
        subprocess.run(as_postgres(*pg_ctl, "-m", "immediate", "stop"), capture_output=True, timeout=60, cwd="/")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def live_app(own_postgres):
    """gunicorn serving the app from the fixture's database, as in production (DEBUG off)."""
    env = {
        **os.environ,
        "DATABASE_URL": own_postgres["url"],
        # Test settings: production settings over plain HTTP, without collectstatic.
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "CONN_MAX_AGE": "60",
    }
    env.pop("DEBUG", None)
    for command in (["migrate", "--noinput"], ["seed_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=PROJECT_ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
    port = closed_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz", 200)
        yield {"base": base, "server": server, **own_postgres}
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.postgres
def test_stopping_postgresql_under_the_running_app_gives_503_and_starting_it_recovers(live_app):
    base, server = live_app["base"], live_app["server"]
    pages = ["/", "/positions/", "/actors/keir-starmer/", "/countries/gb/", "/sources/"]
    for page in pages:
        assert fetch(base + page)[0] == 200, page

    live_app["stop"]()
    assert fetch(base + "/healthz")[0] == 503
    for page in pages:
        status, body = fetch(base + page)
        assert status == 503, page
        assert FRIENDLY in body and "Traceback" not in body

    live_app["start"]()
    wait_for(base + "/healthz", 200)
    for page in pages:
        assert fetch(base + page)[0] == 200, page
    assert server.poll() is None, "the app was restarted"
