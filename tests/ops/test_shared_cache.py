"""CACHE_URL: one Redis shared by every app process, and pages that keep working when it is down."""

import importlib
import os

import pytest
from django.core.cache import caches
from django.test import override_settings

from tests.factories import PositionFactory
from tests.ops.redis_server import free_port, redis_cache
from web.cache import ResilientRedisCache


def test_cache_url_selects_the_shared_redis_cache(monkeypatch):
    import config.settings

    monkeypatch.setenv("SECRET_KEY", os.environ.get("SECRET_KEY", "x" * 50))
    monkeypatch.setenv("CACHE_URL", "redis://10.0.0.5:6379/1")
    try:
        cache = importlib.reload(config.settings).CACHES["default"]
        assert cache["BACKEND"] == "web.cache.ResilientRedisCache"
        assert cache["LOCATION"] == "redis://10.0.0.5:6379/1"
        monkeypatch.delenv("CACHE_URL")
        assert "LocMemCache" in importlib.reload(config.settings).CACHES["default"]["BACKEND"]
    finally:
        monkeypatch.delenv("CACHE_URL", raising=False)
        importlib.reload(config.settings)


def test_two_app_processes_share_one_redis(redis_url):
    ResilientRedisCache._skip_until = 0.0  # a down-Redis test in this process must not make this one skip
    # Two cache objects with their own connections stand for two app processes.
    first = ResilientRedisCache(redis_url, {})
    second = ResilientRedisCache(redis_url, {})
    first.set("fragment", "built once", 60)
    assert second.get("fragment") == "built once"
    second.add("count", 0, 60)
    first.incr("count")
    second.incr("count")
    assert first.get("count") == 2


@pytest.mark.django_db
def test_pages_fragments_and_limits_work_through_redis(client, redis_url):
    ResilientRedisCache._skip_until = 0.0
    PositionFactory(actor__country="GB")
    # One override for both settings: pytest-django's `settings` fixture changed inside this block
    # would restore, at teardown, the Redis CACHES of the block for every later test.
    with override_settings(CACHES=redis_cache(redis_url), API_RATE_LIMIT="2/minute"):
        caches["default"].clear()
        assert client.get("/").status_code == 200
        assert client.get("/countries/").status_code == 200
        # The home page's and /countries/' fragments now live in Redis, for every process.
        assert caches["default"]._cache.get_client().dbsize() > 0
        statuses = [client.get("/api/v1/topics/").status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
    caches["default"].clear()


@pytest.mark.django_db
def test_pages_still_answer_when_redis_is_down(client, caplog):
    PositionFactory(actor__country="GB")
    dead = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    ResilientRedisCache._last_logged = 0.0  # logged at most once a minute per process
    ResilientRedisCache._skip_until = 0.0
    with override_settings(CACHES=redis_cache(dead)):
        for url in ("/", "/countries/", "/positions/?country=gb", "/api/v1/topics/"):
            assert client.get(url).status_code == 200, url
        assert caches["default"].get("anything", "default") == "default"
        assert caches["default"].incr("count", 3) == 3
    assert "Redis cache unreachable" in caplog.text


def test_after_a_failure_redis_is_left_alone_for_a_few_seconds(monkeypatch):
    cache = ResilientRedisCache(f"redis://127.0.0.1:{free_port()}/0", {})
    ResilientRedisCache._skip_until = 0.0
    tried = []
    real = cache._cache.get
    monkeypatch.setattr(cache._cache, "get", lambda *a, **k: tried.append(1) or real(*a, **k))
    assert cache.get("a") is None and cache.get("b") is None
    assert len(tried) == 1
    ResilientRedisCache._skip_until = 0.0
