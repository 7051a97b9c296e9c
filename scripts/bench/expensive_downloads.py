"""Do anonymous picture and workbook downloads hold up short requests? /healthz timed under attack.

Serves a SQLite database of generated positions with gunicorn and the committed gunicorn.conf.py
on 127.0.0.1 (page cache on, as deployed), then for a bounded time runs attacker threads that
each loop over `/map.png?v=N`, `/timeline/chart.png?v=N` and `/positions/export.xlsx?v=N` with
a fresh N every time (following the redirect to the canonical address, as a browser would), plus
`/timeline/chart.png?date_from=…` with a random real date (a new picture each time: these meet
the bounds). Meanwhile /healthz is timed every 50 ms. The server is stopped by its own PID.

    .venv/bin/python scripts/bench/expensive_downloads.py [--positions 5000] [--attackers 6] [--seconds 30] [--map-only]

With --map-only the attackers only loop over `/map.png?v=N` (the review's six curl loops).

Prints the answers the attackers got, /healthz's p50, p95 and worst time, and exits non-zero
when p95 is over 100 ms (the goal of issue 24).
"""

import argparse
import http.client
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serving import GUNICORN, PYTHON, ROOT, environment, free_port, get, serve  # noqa: E402

P95_GOAL_MS = 100
HEALTH_EVERY_SECONDS = 0.05
MAX_SECONDS = 300
MAX_ATTACKERS = 32


def prepare(database: Path, positions: int) -> dict:
    env = environment(f"sqlite:///{database}")
    env |= {"PAGE_CACHE_SECONDS": "600", "EXPORT_CACHE_DIR": str(database.parent / "exports")}
    for command in (["migrate", "--noinput"], ["generate_data", "--positions", str(positions)]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True, timeout=900)
    return env


def fetch(port: int, path: str) -> int:
    """The final status of a GET, after at most one redirect; the body is read and dropped."""
    for _ in range(2):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            while response.read(1 << 16):
                pass
            if response.status not in (301, 302):
                return response.status
            path = response.getheader("Location")
        finally:
            conn.close()
    return response.status


def attack_paths(map_only: bool) -> list[str]:
    n = random.randrange(1 << 30)
    if map_only:
        return [f"/map.png?v={n}"]
    day = f"20{random.randint(20, 25)}-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}"
    return [
        f"/map.png?v={n}",
        f"/timeline/chart.png?v={n}",
        f"/positions/export.xlsx?v={n}",
        f"/timeline/chart.png?date_from={day}",
    ]


def run(env: dict, attackers: int, seconds: float, map_only: bool, log: Path) -> dict:
    port = free_port()
    command = [GUNICORN, "config.wsgi:application", "--config", str(ROOT / "gunicorn.conf.py")]
    command += ["--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null"]
    answers: Counter = Counter()
    lock = threading.Lock()
    with serve(command, env, port, "/healthz", log) as server:
        stop = time.monotonic() + seconds

        def attacker():
            while time.monotonic() < stop:
                for path in attack_paths(map_only):
                    status = fetch(port, path)
                    with lock:
                        answers[f"{path.split('?')[0]}{' (new date)' if 'date_from' in path else ''} {status}"] += 1

        threads = [threading.Thread(target=attacker) for _ in range(attackers)]
        for thread in threads:
            thread.start()
        health = []
        while time.monotonic() < stop:
            status, _size, ms = get(port, "/healthz")
            assert status == 200, status
            health.append(ms)
            time.sleep(HEALTH_EVERY_SECONDS)
        for thread in threads:
            thread.join(MAX_SECONDS)
        pid = server.pid
    health.sort()
    return {
        "server_pid": pid,
        "answers": dict(sorted(answers.items())),
        "healthz_samples": len(health),
        "healthz_p50_ms": round(statistics.median(health), 1),
        "healthz_p95_ms": round(health[round(0.95 * (len(health) - 1))], 1),
        "healthz_max_ms": round(health[-1], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positions", type=int, default=5000)
    parser.add_argument("--attackers", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--map-only", action="store_true", help="only /map.png?v=N, the review's attack")
    options = parser.parse_args()
    attackers = min(options.attackers, MAX_ATTACKERS)
    seconds = min(options.seconds, MAX_SECONDS)
    with tempfile.TemporaryDirectory() as folder:
        env = prepare(Path(folder) / "bench.sqlite3", options.positions)
        attack = "/map.png only" if options.map_only else "pictures and workbooks"
        print(f"{options.positions} positions, {attackers} attackers ({attack}) for {seconds:.0f} s, gunicorn.conf.py")
        result = run(env, attackers, seconds, options.map_only, Path(folder) / "gunicorn.log")
    for answer, count in result.pop("answers").items():
        print(f"  {answer}: {count}")
    print(result)
    ok = result["healthz_p95_ms"] <= P95_GOAL_MS
    print(f"OK: /healthz p95 within {P95_GOAL_MS} ms" if ok else f"FAIL: /healthz p95 over {P95_GOAL_MS} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
