"""Production settings: Django's deployment checklist passes and every response carries the security headers."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.security.public_urls import example_url, public_routes

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run manage.py with the production settings module and only the given variables set."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env() -> dict[str, str]:
    return {"SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "tracker.example.org"}


def test_check_deploy_reports_nothing_with_production_defaults():
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG", **production_env())
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout, result.stdout + result.stderr


def test_debug_is_off_unless_asked_for():
    show_debug = ["shell", "--no-imports", "-c", "from django.conf import settings; print(settings.DEBUG)"]
    assert run_manage(*show_debug, **production_env()).stdout.strip() == "False"
    assert run_manage(*show_debug, **production_env(), DEBUG="0").stdout.strip() == "False"
    assert run_manage(*show_debug, **production_env(), DEBUG="1").stdout.strip() == "True"


def test_secret_key_is_required_when_debug_is_off():
    result = run_manage("check", ALLOWED_HOSTS="tracker.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_settings_error_is_shown_as_such_for_every_command():
    # makemigrations used to end in "AppRegistryNotReady: Models aren't loaded yet" instead.
    result = run_manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 1
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert "AppRegistryNotReady" not in result.stderr and "Traceback" not in result.stderr


def test_https_protections_are_on_by_default_and_switch_off_together():
    show = [
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)",
    ]
    assert run_manage(*show, **production_env()).stdout.split() == ["True"] * 4
    assert run_manage(*show, **production_env(), SECURE_SSL_REDIRECT="0").stdout.split() == ["False"] * 4


@pytest.fixture
def any_public_url(seeded) -> str:
    return example_url(next(route for route in public_routes() if route.parameters))


def assert_security_headers(response) -> None:
    policy = response["Content-Security-Policy"]
    directives = dict((part.split(" ", 1) + [""])[:2] for part in (d.strip() for d in policy.split(";")) if part)
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("url", ["/", "/admin/login/", "/healthz", "/no-such-page/"])
def test_security_headers_on_pages_admin_health_and_errors(client, db, url):
    assert_security_headers(client.get(url))


def test_security_headers_on_a_detail_page(client, any_public_url):
    response = client.get(any_public_url)
    assert response.status_code == 200
    assert_security_headers(response)
