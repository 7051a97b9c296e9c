#!/usr/bin/env bash
# Install what the tests need and run the whole suite on SQLite, then on PostgreSQL 15.
# Extra arguments go to pytest (e.g. scripts/test.sh -k export).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Python packages, pinned, in a project venv: the app's and the test tools.
if [ ! -x .venv/bin/python ]; then "$PYTHON" -m venv .venv; fi
# pip reaches the network only when a pinned version is not installed yet.
if ! .venv/bin/pip install --quiet --disable-pip-version-check --no-index -r requirements-dev.txt 2>/dev/null; then
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
fi

# Debian's Chromium for the browser tests, PostgreSQL 15 for the second run, gettext's msgfmt and
# xgettext for checking the translations.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x "$PG_BIN/initdb" ] || missing+=(postgresql-15)
command -v npm >/dev/null || missing+=(npm)
command -v msgfmt >/dev/null || missing+=(gettext)
# nginx and openssl check the deploy/ site (nginx -t); systemd-analyze, where present, the unit.
[ -x /usr/sbin/nginx ] || missing+=(nginx)
# redis-server for the shared cache's tests (each starts its own on a free port of 127.0.0.1).
command -v redis-server >/dev/null || missing+=(redis-server)
command -v openssl >/dev/null || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian's packages"
  as_root apt-get update -q
  # A server package must not start its service on installation (nginx would listen on port
  # 80 of every interface, Redis on 6379): policy-rc.d refuses, for this install only.
  policy=/usr/sbin/policy-rc.d made_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod +x "$policy"
    made_policy=1
  fi
  status=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null || status=$?
  if [ -n "$made_policy" ]; then as_root rm -f "$policy"; fi
  [ "$status" = 0 ] || exit "$status"
fi

# axe-core for the browser tests' accessibility checks (node_modules/ is not committed); the
# network only when it is missing, like the system packages above.
AXE_VERSION=4.14.1
if ! grep -qs "\"version\": \"$AXE_VERSION\"" node_modules/axe-core/package.json; then
  npm install --no-save --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
fi

# Lighthouse for tests/browser/test_lighthouse.py, in a folder of its own: a second `npm install
# --no-save` into node_modules/ removes what the first installed (axe-core). 12.x: 13 needs Node 22.
LIGHTHOUSE_VERSION=12.8.2
export LIGHTHOUSE_DIR=${LIGHTHOUSE_DIR:-$PWD/.lighthouse}
if ! grep -qs "\"version\": \"$LIGHTHOUSE_VERSION\"" "$LIGHTHOUSE_DIR/node_modules/lighthouse/package.json"; then
  npm install --prefix "$LIGHTHOUSE_DIR" --no-save --no-audit --no-fund --silent "lighthouse@$LIGHTHOUSE_VERSION"
fi

# The compiled translations (.mo) are committed and not rebuilt here: tests/i18n/test_catalogue.py
# fails when one no longer matches its .po (run `make messages` and commit the .mo).

# The suite on both cores (pytest-xdist), on each database. Property-based tests run with
# Hypothesis's quick profile (tests/conftest.py); `make fuzz` runs them at length. On the second
# database the tests that cannot reach one (a fifth of the suite) are left out: they ran on the first.
run_suite() {
  .venv/bin/python -m pytest -n 2 -m "not browser" "$@"
}

# The browser tests in one process: they drive Chromium against a live server (one per module
# where the tests only read, tests/browser/conftest.py), and two at once only wait for each other. They run once, on PostgreSQL as in production: what they
# check (layout, accessibility, scripts, CSP, forms in a real browser) does not depend on the
# database, and every query behind the pages runs on both databases in the suite above.
run_browser_tests() {
  .venv/bin/python -m pytest -m browser "$@" || [ $? -eq 5 ]  # 5: -k left no browser test
}

status=0
echo "=== Test suite on SQLite ==="
(unset DATABASE_URL; run_suite "$@") || status=$?

echo "=== Test suite on PostgreSQL 15, then the browser tests ==="
source scripts/postgres.sh
start_postgres
(export DATABASE_URL="$PG_URL" SKIP_DATABASE_FREE_TESTS=1; run_suite "$@" || [ $? -eq 5 ]) || status=1  # 5: only database-free tests were asked for
(export DATABASE_URL="$PG_URL"; run_browser_tests "$@") || status=1
stop_postgres

if [ "$status" -ne 0 ]; then echo "Tests FAILED (exit $status)"; else echo "All tests passed on SQLite and PostgreSQL."; fi
exit "$status"
