# The two commands of the README: `make run` and `make test`; the rest are for contributors.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run messages test test-fast fuzz lint format venv dev-venv

$(PY): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(PY)

venv: $(PY)

$(VENV)/.dev: $(PY) requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

dev-venv: $(VENV)/.dev

## Set up SQLite with the seed article's demo data and serve the app on http://127.0.0.1:8000/
run: $(PY) messages
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed_demo
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

## Compile the translations (locale/*/LC_MESSAGES/django.po into the committed .mo files): run after
## editing a .po and commit both (tests/i18n/test_catalogue.py fails on a .mo that no longer matches)
messages: $(PY)
	@command -v msgfmt >/dev/null || { echo "Installing Debian's gettext package (msgfmt)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q gettext >/dev/null; }
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

## Install everything the tests need and run the whole suite on SQLite and PostgreSQL
test:
	bash scripts/test.sh

## The SQLite suite without the browser tests, on both cores: the quick check while working
test-fast: dev-venv messages
	env -u DATABASE_URL $(PY) -m pytest -q -n 2 -m "not browser"

## The property-based tests alone (marker fuzz) with many examples each: Hypothesis's deep profile
## (`make test` runs them with the quick one). SQLite, or PostgreSQL when DATABASE_URL is set.
fuzz: dev-venv messages
	HYPOTHESIS_PROFILE=deep $(PY) -m pytest -q -n 2 -m fuzz

## ruff's lint and format checks, and mypy over the packages listed in pyproject.toml, as CI runs them
lint: dev-venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

## Apply ruff's formatting and safe fixes
format: dev-venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
