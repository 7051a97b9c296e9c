"""Serving and timing for the benchmark: gunicorn on 127.0.0.1, timed GETs, downloads, load.

Servers are started by the benchmark and stopped by their own PID however a run ends.
"""

import csv
import http.client
import os
import signal
import socket
import statistics
import subprocess
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
REPEAT = 15
PAGE_BUDGET_SECONDS = 20


def environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-secret-key-not-for-production-0123456789abcdefghij",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        # The benchmark times page builds: repeated GETs must not be answered from the page cache.
        "PAGE_CACHE_SECONDS": os.environ.get("PAGE_CACHE_SECONDS", "0"),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def admin_connection(database_url: str):
    import psycopg

    parts = urlsplit(database_url)
    return psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True)


@contextmanager
def serve(command: list[str], env: dict, port: int, ready_path: str, log: Path):
    """A server on 127.0.0.1, stopped by its own PID however the block ends."""
    with log.open("w") as handle:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    try:
        for _ in range(300):
            try:
                status, _body, _ms = get(port, ready_path)
                if status < 500:
                    break
            except OSError:
                pass
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited; see {log}")
            time.sleep(0.2)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def gunicorn(env: dict, port: int, workers: int, log: Path):
    command = [
        GUNICORN,
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "900",
        "--access-logfile",
        "-",
    ]
    return serve(command, env, port, "/healthz", log)


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def get(port: int, path: str, sink=None) -> tuple[int, int, float]:
    """(status, body bytes, milliseconds) of one GET on a fresh connection, the body read in full."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        size = 0
        while chunk := response.read(1 << 16):
            size += len(chunk)
            if sink:
                sink.write(chunk)
        return response.status, size, (time.perf_counter() - started) * 1000
    finally:
        conn.close()


def time_page(port: int, path: str, budget: float = PAGE_BUDGET_SECONDS) -> dict:
    """Median and p95 of up to REPEAT runs after a warm-up; fewer (at least 3) for a page slower than the budget."""
    get(port, path)
    runs, stop = [], time.perf_counter() + budget
    while len(runs) < REPEAT and (len(runs) < 3 or time.perf_counter() < stop):
        runs.append(get(port, path))
    times = sorted(ms for _status, _size, ms in runs)
    return {
        "status": runs[-1][0],
        "p50": statistics.median(times),
        "p95": times[round(0.95 * (len(times) - 1))],
        "runs": len(runs),
    }


def download(port: int, path: str, target: Path) -> dict:
    with target.open("wb") as sink:
        status, size, ms = get(port, path, sink)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = max(0, sum(1 for _ in csv.reader(handle)) - 1)
    return {"status": status, "rows": rows, "mb": size / 1e6, "seconds": ms / 1000, "rows_per_s": rows / (ms / 1000)}


def load(port: int, paths: list[str], clients: int, seconds: float) -> dict:
    """Requests per second with `clients` concurrent clients cycling through the pages, and errors."""
    done, errors, stop = [0], [0], time.perf_counter() + seconds
    lock = threading.Lock()

    def client(offset: int):
        turn = offset
        while time.perf_counter() < stop:
            try:
                status, _size, _ms = get(port, paths[turn % len(paths)])
                failed = status >= 400
            except OSError:
                failed = True
            with lock:
                done[0] += 1
                errors[0] += failed
            turn += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "clients": clients,
        "rps": done[0] / (time.perf_counter() - started),
        "requests": done[0],
        "errors": errors[0],
    }
