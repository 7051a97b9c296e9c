"""Do long exports block short pages? Two parallel JSON exports, and /healthz timed meanwhile.

Serves a SQLite database of generated positions with gunicorn on 127.0.0.1: first with the
committed gunicorn.conf.py (threaded workers), then, for comparison, with two sync workers (the
set-up the adversarial review measured). Each server is stopped by its own PID.

    .venv/bin/python scripts/bench/export_concurrency.py [--positions 30000] [--workers 2]

Prints the exports' times and /healthz's worst and median time while they ran; exits non-zero
when, with the committed configuration, /healthz took more than a second.
"""

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serving import GUNICORN, PYTHON, ROOT, environment, free_port, get, serve  # noqa: E402

HEALTH_BUDGET_MS = 1000
RUN_LIMIT_SECONDS = 120


def prepare(database: Path, positions: int) -> dict:
    env = environment(f"sqlite:///{database}")
    for command in (["migrate", "--noinput"], ["generate_data", "--positions", str(positions)]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True, timeout=900)
    return env


def measure(env: dict, extra: list[str], workers: int, log: Path) -> dict:
    port = free_port()
    command = [GUNICORN, "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers), *extra]
    with serve(command, env, port, "/healthz", log):
        get(port, "/healthz")
        exports: list[float] = []

        def export():
            status, size, ms = get(port, "/positions/export.json")
            assert status == 200 and size > 0, status
            exports.append(ms)

        threads = [threading.Thread(target=export) for _ in range(2)]
        for thread in threads:
            thread.start()
        health: list[float] = []
        deadline = time.monotonic() + RUN_LIMIT_SECONDS
        time.sleep(0.3)  # let both exports start
        while any(thread.is_alive() for thread in threads) and time.monotonic() < deadline:
            status, _size, ms = get(port, "/healthz")
            assert status == 200, status
            health.append(ms)
            time.sleep(0.1)
        for thread in threads:
            thread.join(RUN_LIMIT_SECONDS)
    health.sort()
    return {
        "exports_s": [round(ms / 1000, 2) for ms in sorted(exports)],
        "healthz_max_ms": round(health[-1]) if health else None,
        "healthz_median_ms": round(health[len(health) // 2]) if health else None,
        "healthz_samples": len(health),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positions", type=int, default=30000)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = prepare(Path(folder) / "bench.sqlite3", options.positions)
        print(f"{options.positions} positions, {options.workers} workers")
        threaded = measure(
            env, ["--config", str(ROOT / "gunicorn.conf.py")], options.workers, Path(folder) / "gthread.log"
        )
        print("committed gunicorn.conf.py (gthread):", threaded)
        sync = measure(
            env,
            ["--config", "/dev/null", "--worker-class", "sync", "--timeout", "300"],
            options.workers,
            Path(folder) / "sync.log",
        )
        print("sync workers, for comparison:        ", sync)
    ok = threaded["healthz_max_ms"] is not None and threaded["healthz_max_ms"] <= HEALTH_BUDGET_MS
    print("OK: /healthz within 1 s during the exports" if ok else "FAIL: /healthz slower than 1 s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
