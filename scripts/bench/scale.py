"""Scale test: nginx → two gunicorn app servers → PostgreSQL primary + one streaming replica, Redis.

Everything runs on 127.0.0.1 and is stopped by its own PID however the run ends; the whole
run is bounded in time. Not part of `make test`. Needs PostgreSQL 15 (/usr/lib/postgresql/15/bin),
redis-server and nginx installed, and a primary that accepts replication connections from
127.0.0.1 (scripts/postgres.sh's servers do: initdb -A trust). Run as root or as the user
PostgreSQL runs as (the replica is started through runuser as `postgres` when run as root).

    .venv/bin/python scripts/bench/scale.py --database-url postgres://postgres@127.0.0.1:55432/bench \\
        --clients 64 --seconds 60 --out /tmp/scale

What happens (docs/performance.md records the figures):
1. pg_basebackup of the primary into a streaming replica (-R), started on a free port;
   redis-server; collectstatic; two gunicorn instances (deploy/: gunicorn.conf.py at the project
   root when present) with DATABASE_REPLICA_URLS and CACHE_URL; nginx with deploy/nginx/proxy.conf
   and gzip.conf in front of them.
2. `--clients` browsers for `--seconds` through nginx, cycling the everyday pages (home, filtered
   list, country, actor, position, feed). Each keeps its validators and revalidates
   (If-None-Match), as a browser does once max-age has passed.
3. During the run: an edit made with app server A's settings, and how long until app server B
   (asked directly, reading from the replica) shows it; app server B stopped (SIGTERM) a third of
   the way in; the replica stopped two thirds of the way in. Errors are counted per phase.
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import GUNICORN, PYTHON, ROOT, environment, free_port  # noqa: E402

PG_BIN = Path("/usr/lib/postgresql/15/bin")
DEADLINE_SECONDS = 900  # the whole run, set-up included


def as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def wait_for(check, seconds: float, what: str) -> None:
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} not ready after {seconds:.0f} s")


def http_get(port: int, path: str, headers=None, timeout: float = 30) -> tuple[int, bytes, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


@contextmanager
def process(command: list[str], log: Path, env=None, cwd=ROOT):
    """A process stopped by its PID (SIGTERM, then SIGKILL) however the block ends."""
    handle = log.open("w")
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT)
    try:
        yield child
    finally:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
            try:
                child.wait(30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        handle.close()


@contextmanager
def replica(primary_url: str, work: Path):
    """A streaming replica of the primary on a free port; yields (url, stop function)."""
    parts = urlsplit(primary_url)
    data = work / "replica"
    work.chmod(0o777)
    port = free_port()
    started = time.monotonic()
    subprocess.run(
        as_postgres(
            [
                str(PG_BIN / "pg_basebackup"),
                "-h",
                parts.hostname,
                "-p",
                str(parts.port),
                "-U",
                parts.username or "postgres",
            ]
            + ["-D", str(data), "-R", "-X", "stream", "-c", "fast"]
        ),
        check=True,
        cwd="/",
    )
    print(f"  base backup in {time.monotonic() - started:.0f} s", flush=True)
    options = (
        f"-p {port} -c listen_addresses=127.0.0.1 -k {work} -c hot_standby=on -c shared_buffers=1GB"
        " -c random_page_cost=1.1"  # SSD; docs/deployment.md
    )
    pg_ctl = [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(work / "replica.log"), "-w", "-t", "120"]
    subprocess.run(as_postgres([*pg_ctl, "-o", options, "start"]), check=True, cwd="/", stdout=subprocess.DEVNULL)
    stopped = []

    def stop():
        if not stopped:
            stopped.append(True)
            subprocess.run(as_postgres([*pg_ctl, "-m", "fast", "stop"]), cwd="/", stdout=subprocess.DEVNULL)

    try:
        yield parts._replace(netloc=f"{parts.username or 'postgres'}@127.0.0.1:{port}").geturl(), stop
    finally:
        stop()
        shutil.rmtree(data, ignore_errors=True)


def nginx_config(work: Path, port: int, upstreams: list[int], page_cache: bool) -> Path:
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in upstreams)
    temp = work / "nginx-temp"
    temp.mkdir()
    temp.chmod(0o777)
    cache_path = f"proxy_cache_path {temp}/cache levels=1:2 keys_zone=tracker:10m max_size=256m inactive=10m;"
    # The bench counts nginx's hits from a header the shipped cache.conf leaves out on purpose.
    cache = (
        f"include {ROOT}/deploy/nginx/cache.conf; add_header X-Cache-Status $upstream_cache_status always;"
        if page_cache
        else ""
    )
    config = work / "nginx.conf"
    config.write_text(f"""
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    {cache_path}
    upstream tracker_app {{
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        include {ROOT}/deploy/nginx/gzip.conf;
        location /static/ {{ alias {ROOT}/staticfiles/; expires 1y; }}
        location / {{ include {ROOT}/deploy/nginx/proxy.conf; {cache} }}
    }}
}}
""")
    return config


def gunicorn_command(port: int, workers: int) -> list[str]:
    command = [GUNICORN, "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    if (ROOT / "gunicorn.conf.py").exists():
        command[1:1] = ["--config", str(ROOT / "gunicorn.conf.py")]
    return command + ["--graceful-timeout", "20"]


def targets(env: dict) -> dict:
    """The everyday pages' addresses in this database: the busiest actor, the newest position."""
    script = (
        "import json; from django.db.models import Count; from positions.models import Actor, Position; "
        "actor = Actor.objects.annotate(n=Count('positions')).order_by('-n').values_list('slug', flat=True).first(); "
        "position = Position.objects.order_by('-id').values_list('id', flat=True).first(); "
        "print(json.dumps({'actor': actor, 'position': position}))"
    )
    found = json.loads(
        subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    return {
        "home": "/",
        "filtered list": "/positions/?country=UA&stance=rules_out",
        "country": "/countries/ua/",
        "actor": f"/actors/{found['actor']}/",
        "position": f"/positions/{found['position']}/",
        "feed": "/feeds/positions/",
    }


class Load:
    """Browsers cycling through the pages with revalidation; results per phase of the run."""

    def __init__(self, port: int, paths: list[str], clients: int, seconds: float, new_reader_every: int = 0):
        self.port, self.paths, self.clients, self.seconds = port, paths, clients, seconds
        # Every n-th pass through the pages is a new reader's, without copies (no validators).
        self.new_reader_every = new_reader_every
        self.lock = threading.Lock()
        # (start offset, ms, status, path, nginx cache status); status 0 = failed
        self.records: list[tuple[float, float, int, str, str]] = []
        self.started = 0.0

    def browser(self, offset: int) -> None:
        validators: dict[str, str] = {}
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        turn = offset
        stop = self.started + self.seconds
        while time.perf_counter() < stop:
            path = self.paths[turn % len(self.paths)]
            turn += 1
            began = time.perf_counter()
            headers = {"Accept-Encoding": "gzip"}
            if self.new_reader_every and turn % (len(self.paths) * self.new_reader_every) == 0:
                validators.clear()  # a new reader: this pass through the pages is without copies
            if path in validators:
                headers["If-None-Match"] = validators[path]
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                cached = response.getheader("X-Cache-Status") or ""
                if response.getheader("ETag"):
                    validators[path] = response.getheader("ETag")
                if status >= 400:
                    status = 0
            except (OSError, http.client.HTTPException):
                status, cached = 0, ""
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            with self.lock:
                self.records.append((began - self.started, (time.perf_counter() - began) * 1000, status, path, cached))
        connection.close()

    def run(self) -> threading.Thread:
        self.started = time.perf_counter()
        threads = [threading.Thread(target=self.browser, args=(n,)) for n in range(self.clients)]
        for thread in threads:
            thread.start()
        joiner = threading.Thread(target=lambda: [t.join() for t in threads])
        joiner.start()
        return joiner

    def page_summary(self, path: str) -> dict:
        ms = sorted(r[1] for r in self.records if r[3] == path) or [0.0]
        return {
            "requests": sum(1 for r in self.records if r[3] == path),
            "errors": sum(1 for r in self.records if r[3] == path and r[2] == 0),
            "not_modified": sum(1 for r in self.records if r[3] == path and r[2] == 304),
            "p50_ms": round(statistics.median(ms), 1),
            "p95_ms": round(ms[round(0.95 * (len(ms) - 1))], 1),
        }

    def summary(self, start: float = 0, end: float = float("inf")) -> dict:
        rows = [r for r in self.records if start <= r[0] < end]
        if not rows:
            return {"requests": 0}
        ms = sorted(r[1] for r in rows)
        span = min(end, self.seconds) - start
        return {
            "requests": len(rows),
            "rps": round(len(rows) / span, 1),
            "p50_ms": round(statistics.median(ms), 1),
            "p95_ms": round(ms[round(0.95 * (len(ms) - 1))], 1),
            "errors": sum(1 for r in rows if r[2] == 0),
            "not_modified": sum(1 for r in rows if r[2] == 304),
            "from_nginx_cache": sum(1 for r in rows if r[4] in ("HIT", "STALE", "UPDATING", "REVALIDATED")),
        }


def propagation(env_a: dict, port_b: int, path: str, marker: str, result: dict) -> None:
    """How long after an edit saved with server A's settings server B's page shows it.

    `visible_s`: from the edit's commit to the start of the first request to B that showed it
    (the data's delay); `answered_s`: to that request's answer (adds B's latency under load).
    """
    script = (
        "from positions.models import Actor; "
        f"actor = Actor.objects.get(slug={path.strip('/').split('/')[-1]!r}); "
        f"actor.description = {marker!r}; actor.save()"
    )
    saved = subprocess.run([PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env_a, capture_output=True)
    if saved.returncode:
        result["error"] = saved.stderr.decode()[-500:]
        return
    edited = time.perf_counter()
    while time.perf_counter() - edited < 20:
        asked = time.perf_counter()
        try:
            status, body, _headers = http_get(port_b, path)
        except OSError as error:
            result["error"] = f"server B: {error}"
            return
        if status == 200 and marker.encode() in body:
            result["visible_s"] = round(asked - edited, 2)
            result["answered_s"] = round(time.perf_counter() - edited, 2)
            return
        time.sleep(0.05)
    result["error"] = "not visible within 20 s"


def out_of_time(signum, frame):
    raise TimeoutError(f"the scale test ran past {DEADLINE_SECONDS} s")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", required=True, help="the primary, e.g. postgres://postgres@127.0.0.1:55432/bench"
    )
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server")
    parser.add_argument("--out", type=Path, default=Path("/tmp/scale"))
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="nginx without deploy/nginx/cache.conf: every request reaches an app server",
    )
    parser.add_argument(
        "--new-reader-every",
        type=int,
        default=10,
        help="every n-th pass of a browser through the pages is a new reader's, without validators "
        "(0: after its first pass each browser only revalidates)",
    )
    options = parser.parse_args(argv)
    if urlsplit(options.database_url).hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit("the scale test runs on 127.0.0.1 only")
    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(DEADLINE_SECONDS)  # bounded: the run stops (and cleans up) whatever happens
    options.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="tracker-scale-"))
    report: dict = {
        "clients": options.clients,
        "seconds": options.seconds,
        "page_cache": not options.no_page_cache,
        "new_reader_every": options.new_reader_every,
        "load_before": os.getloadavg(),
    }
    try:
        with ExitStack() as stack:
            print("replica…", flush=True)
            replica_url, stop_replica = stack.enter_context(replica(options.database_url, work))
            redis_port, port_a, port_b, nginx_port = free_port(), free_port(), free_port(), free_port()
            stack.enter_context(
                process(
                    [
                        "redis-server",
                        "--port",
                        str(redis_port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--maxmemory",
                        "256mb",
                        "--maxmemory-policy",
                        "allkeys-lru",
                    ],
                    work / "redis.log",
                )
            )
            env = {
                **environment(options.database_url),
                "DATABASE_REPLICA_URLS": replica_url,
                "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
                "REPLICA_MAX_LAG_SECONDS": "5",
                "HTTP_SHARED_MAX_AGE": "1",
                # The app's own page cache stays on (as deployed) unless PAGE_CACHE_SECONDS=0 is given;
                # --no-page-cache takes away nginx's only.
                "PAGE_CACHE_SECONDS": os.environ.get("PAGE_CACHE_SECONDS", "600"),
            }
            subprocess.run(
                [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
            )
            pages = targets(env)
            stack.enter_context(process(gunicorn_command(port_a, options.workers), work / "a.log", env))
            server_b = stack.enter_context(process(gunicorn_command(port_b, options.workers), work / "b.log", env))
            for port in (port_a, port_b):
                wait_for(lambda port=port: http_get(port, "/healthz")[0] == 200, 60, f"gunicorn on {port}")
            config = nginx_config(work, nginx_port, [port_a, port_b], not options.no_page_cache)
            stack.enter_context(process(["nginx", "-c", str(config)], work / "nginx.log"))
            wait_for(lambda: http_get(nginx_port, "/healthz")[0] == 200, 30, "nginx")
            for path in pages.values():  # every page once, so the run measures steady state, not first renders
                http_get(nginx_port, path, timeout=120)
            print(
                f"load: {options.clients} clients for {options.seconds:.0f} s through nginx on {nginx_port}", flush=True
            )
            load = Load(nginx_port, list(pages.values()), options.clients, options.seconds, options.new_reader_every)
            joiner = load.run()
            time.sleep(options.seconds * 0.1)
            marker = f"Scale test edit {time.time():.0f}"
            report["edit_on_a_seen_on_b"] = edit = {}
            editor = threading.Thread(target=propagation, args=(env, port_b, pages["actor"], marker, edit))
            editor.start()
            time.sleep(max(0.0, options.seconds / 3 - (time.perf_counter() - load.started)))
            editor.join(30)  # B stops once the edit has been seen through it
            b_stopped = time.perf_counter() - load.started
            server_b.send_signal(signal.SIGTERM)  # graceful: finishes what it is answering
            time.sleep(max(0.0, options.seconds * 2 / 3 - (time.perf_counter() - load.started)))
            replica_stopped = time.perf_counter() - load.started
            stop_replica()
            joiner.join()
            editor.join()
            report["load_after"] = os.getloadavg()
            report["pages"] = pages
            report["whole_run"] = load.summary()
            report["both_servers_and_replica"] = load.summary(0, b_stopped)
            report["after_server_b_stopped"] = load.summary(b_stopped, replica_stopped)
            report["after_replica_stopped"] = load.summary(replica_stopped)
            report["b_stopped_at_s"], report["replica_stopped_at_s"] = round(b_stopped, 1), round(replica_stopped, 1)
            report["per_page"] = {name: load.page_summary(path) for name, path in pages.items()}
            errors = sorted({r[3] for r in load.records if r[2] == 0})
            report["failed_paths"] = errors[:10]
    finally:
        for log in work.glob("*.log"):
            shutil.copy(log, options.out / log.name)
        shutil.rmtree(work, ignore_errors=True)
    (options.out / "scale.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    whole = report["whole_run"]
    met = whole["rps"] >= 200 and whole["errors"] == 0 and whole["p95_ms"] <= 500
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
