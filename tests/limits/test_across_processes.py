"""The limits hold across gunicorn's workers: real processes with the committed gunicorn.conf.py.

Review, Dec 2026: with the per-process cache, 70 API requests in a row from one address were
never refused (they spread over the workers) and 40 simultaneous suggestions were accepted 29
times against a limit of 5.
"""

import http.client
import os
import re
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.urls import reverse

from tests.contributions.helpers import suggestion_data
from tests.security.test_db_down import PROJECT_ROOT, closed_port

pytestmark = pytest.mark.django_db(transaction=True)


def database_url(tmp_path: Path) -> str:
    """PostgreSQL: the test database itself (committed rows, transaction=True); SQLite: a migrated file."""
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"
    url = f"sqlite:///{tmp_path / 'limits.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    subprocess.run(
        [str(PROJECT_ROOT / ".venv/bin/python"), "manage.py", "migrate", "--noinput"],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return url


def collect_static(env: dict) -> None:
    """With DEBUG off, pages name the hashed static files: the manifest must exist (staticfiles/ is not committed)."""
    if not (PROJECT_ROOT / "staticfiles" / "staticfiles.json").exists():
        manage = [str(PROJECT_ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput", "-v0"]
        subprocess.run(manage, cwd=PROJECT_ROOT, env=env, check=True, timeout=300)


@pytest.fixture
def gunicorn(tmp_path):
    """Two workers of eight threads behind one trusted proxy (the tests name clients in X-Forwarded-For)."""
    port = closed_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url(tmp_path),
        "SECRET_KEY": "test-secret-key-not-for-production-use-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "8",
        "TRUSTED_PROXY_COUNT": "1",
        "API_RATE_LIMIT": "60/minute",
        "CONTRIBUTION_RATE_LIMIT": "5",
        "CACHE_URL": "",
    }
    collect_static(env)
    command = [str(PROJECT_ROOT / ".venv/bin/gunicorn"), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [*command, "config.wsgi"], cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(150):
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(30)


def request(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read()
    finally:
        conn.close()


def test_api_requests_from_one_address_are_counted_across_workers(gunicorn):
    statuses = [
        request(gunicorn, "GET", "/api/v1/topics/", headers={"X-Forwarded-For": "198.51.100.4"})[0] for _ in range(70)
    ]
    assert statuses == [200] * 60 + [429] * 10


def test_simultaneous_suggestions_are_accepted_at_most_the_limit(gunicorn):
    path = reverse("contributions:suggest")
    client = {"X-Forwarded-For": "2001:db8:5:5::1"}
    _status, cookie, page = request(gunicorn, "GET", path, headers=client)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    csrf_cookie = cookie.split(";")[0]

    def post(n: int) -> int:
        data = suggestion_data(source_url=f"https://example.org/said/{n}", csrfmiddlewaretoken=token)
        headers = {
            "Cookie": csrf_cookie,
            "Content-Type": "application/x-www-form-urlencoded",
            # One subscriber's /64, a different address each time.
            "X-Forwarded-For": f"2001:db8:5:5::{n + 2:x}",
        }
        return request(gunicorn, "POST", path, urlencode(data).encode(), headers)[0]

    with ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(post, range(40)))
    assert statuses.count(302) == 5
    assert statuses.count(429) == 35
