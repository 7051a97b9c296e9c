"""Security headers on every response, even the 400 for a disallowed Host; no `Server:` from gunicorn;
a POST to a public page without a CSRF token is refused (403) before its 405.

Adversarial review, Nov 2026: the disallowed-Host 400 carried no CSP or framing headers, gunicorn
named itself on every response, and SECURITY.md promised 405 where a token-less POST gets 403.
"""

import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import Client, override_settings

from tests.security.test_db_down import PROJECT_ROOT, closed_port
from tests.security.test_deploy_checklist import assert_security_headers


@pytest.mark.parametrize("ssl_redirect", [False, True])
def test_disallowed_host_answer_carries_the_security_headers(db, ssl_redirect):
    # With the HTTPS redirect on, the Host is checked inside SecurityMiddleware; without it, in CommonMiddleware.
    with override_settings(SECURE_SSL_REDIRECT=ssl_redirect):
        response = Client(HTTP_HOST="evil.example").get("/healthz")
    assert response.status_code == 400
    assert_security_headers(response)


def test_post_without_a_csrf_token_is_refused_before_the_method_check(db):
    response = Client(enforce_csrf_checks=True).post("/positions/")
    assert response.status_code == 403
    assert_security_headers(response)


def test_gunicorn_with_the_committed_config_sends_no_server_header():
    port = closed_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "test-secret-key-not-for-production-use-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "2",
    }
    process = subprocess.Popen(
        [
            # The gunicorn installed beside the Python running the tests, wherever its environment lives.
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "config.wsgi",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        response = None
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                # A disallowed Host needs no database: the answer comes from the middleware alone.
                conn.request("GET", "/", headers={"Host": "evil.example"})
                response = conn.getresponse()
                break
            except OSError:
                time.sleep(0.2)
        assert response is not None, "gunicorn did not start"
        assert response.status == 400
        assert response.getheader("Server") is None
        assert response.getheader("X-Frame-Options") == "DENY"
        assert "frame-ancestors 'none'" in response.getheader("Content-Security-Policy")
    finally:
        process.terminate()
        process.wait(30)


def test_committed_gunicorn_config_uses_threaded_workers():
    # Two parallel exports on two sync workers held /healthz for 5.9 s (scripts/bench/export_concurrency.py).
    settings = {}
    exec((PROJECT_ROOT / "gunicorn.conf.py").read_text(), settings)
    assert settings["worker_class"] == "gthread"
    assert settings["threads"] >= 4 and settings["workers"] >= 2


def test_workers_leave_the_loaded_application_out_of_full_collections(monkeypatch):
    """What a worker has loaded lives as long as it does: frozen, a full collection does not walk it."""
    import gc

    from gunicorn.http import wsgi

    # post_worker_init patches these process-wide: put them back after the test.
    monkeypatch.setattr(wsgi.Response, "default_headers", wsgi.Response.default_headers)
    monkeypatch.setattr(sys, "setswitchinterval", lambda interval: None)
    settings = {}
    exec((PROJECT_ROOT / "gunicorn.conf.py").read_text(), settings)
    try:
        settings["post_worker_init"](None)
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()
