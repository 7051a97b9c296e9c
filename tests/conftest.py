"""Test settings and fixtures shared by every test."""

import os

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import UserFactory


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=open(os.devnull, "w"))


@pytest.fixture
def editor(db):
    return UserFactory(groups=["Editors"], is_staff=True)


@pytest.fixture
def viewer(db):
    return UserFactory(groups=["Viewers"], is_staff=True)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rolled-back tests reuse ids, so data versions repeat between tests."""
    cache.clear()
    yield
    cache.clear()
