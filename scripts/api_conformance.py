"""Run schemathesis against the API's own OpenAPI schema, on a live server on 127.0.0.1.

Usage, from the project root (a throwaway SQLite database with the demo data unless
DATABASE_URL names another; the server is gunicorn with the committed settings, DEBUG off):

    .venv/bin/python scripts/api_conformance.py --max-examples 30

Bounded: each operation gets at most --max-examples generated requests (strings may hold NUL
bytes), and the server is stopped by its PID however the run ends. The checks are the ones the
schema promises: every status answered is documented (status_code_conformance), and error bodies
and 200s match their schemas and media types. Exits with schemathesis's own status, so it can
run in CI.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "bench"))
from serving import PYTHON, environment, free_port, gunicorn  # noqa: E402

SCHEMATHESIS = str(ROOT / ".venv" / "bin" / "schemathesis")
CHECKS = "status_code_conformance,content_type_conformance,response_schema_conformance,not_a_server_error"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=30, help="generated requests per operation")
    parser.add_argument("--seed", type=int, default=24, help="Hypothesis seed, for a repeatable run")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="api-conformance-") as work:
        database = os.environ.get("DATABASE_URL") or f"sqlite:///{work}/api.sqlite3"
        env = {**environment(database), "API_RATE_LIMIT": "1000000/minute"}
        commands = (["migrate", "--verbosity", "0"], ["seed_demo"], ["collectstatic", "--noinput", "--verbosity", "0"])
        for command in commands:
            subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        with gunicorn(env, port, workers=2, log=Path(work) / "gunicorn.log"):
            run = subprocess.run(
                [
                    SCHEMATHESIS,
                    "run",
                    f"http://127.0.0.1:{port}/api/v1/schema/?format=json",
                    "--checks",
                    CHECKS,
                    "--max-examples",
                    str(arguments.max_examples),
                    "--seed",
                    str(arguments.seed),
                    "--workers",
                    "1",
                    "--request-timeout",
                    "30",
                    "--generation-allow-x00",
                    "true",
                ],
                cwd=work,
                env={**os.environ, "NO_COLOR": "1"},
            )
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
