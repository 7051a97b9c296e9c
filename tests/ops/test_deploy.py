"""The deployment files in deploy/ are valid as shipped: nginx parses the site, systemd accepts the unit.

Each file is checked with its own tool after only the paths a deployment would change (the
install folder, the certificate, the cache folder) are pointed at this checkout and a
throwaway folder. No server is started: `nginx -t` parses and checks, `systemd-analyze verify`
loads the unit. The scale test (scripts/bench/scale.py) runs the nginx snippets for real.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
SYSTEMD_ANALYZE = shutil.which("systemd-analyze")


def site_config(tmp_path: Path, site: str) -> Path:
    """A main nginx.conf around the site, with every path nginx writes inside tmp_path."""
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(tmp_path / "key.pem"),
            "-out",
            str(tmp_path / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    live = "/etc/letsencrypt/live/tracker.example.org"
    site = (
        site.replace("/srv/tracker", str(ROOT))
        .replace(f"{live}/fullchain.pem", str(tmp_path / "cert.pem"))
        .replace(f"{live}/privkey.pem", str(tmp_path / "key.pem"))
        .replace("/var/cache/nginx/tracker", str(tmp_path / "cache"))
    )
    (tmp_path / "site.conf").write_text(site)
    temp_paths = " ".join(
        f"{name}_temp_path {tmp_path / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"pid {tmp_path / 'nginx.pid'};\n"
        f"error_log {tmp_path / 'error.log'};\n"
        "events {}\n"
        f"http {{ include /etc/nginx/mime.types; access_log off; {temp_paths} include {tmp_path / 'site.conf'}; }}\n"
    )
    return config


def nginx_test(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run([NGINX, "-t", "-q", "-c", str(config)], capture_output=True, text=True)


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed (scripts/test.sh installs it)")
def test_the_nginx_site_and_its_snippets_parse(tmp_path):
    site = (DEPLOY / "nginx" / "site.conf").read_text()
    for snippet in ("proxy.conf", "gzip.conf", "cache.conf"):
        assert f"include /srv/tracker/deploy/nginx/{snippet};" in site
    result = nginx_test(site_config(tmp_path, site))
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed (scripts/test.sh installs it)")
def test_the_nginx_check_catches_a_broken_site(tmp_path):
    # The check above would pass on anything if nginx were not really reading the files.
    site = (DEPLOY / "nginx" / "site.conf").read_text().replace("proxy_cache_path", "proxy_cache_pathh", 1)
    assert nginx_test(site_config(tmp_path, site)).returncode != 0


def verify_unit(tmp_path: Path, text: str) -> subprocess.CompletedProcess:
    unit = tmp_path / "tracker@8001.service"
    unit.write_text(text.replace("/srv/tracker", str(ROOT)))
    return subprocess.run([SYSTEMD_ANALYZE, "verify", str(unit)], capture_output=True, text=True, cwd=tmp_path)


@pytest.mark.skipif(SYSTEMD_ANALYZE is None, reason="systemd-analyze is not available here")
@pytest.mark.skipif(not (ROOT / ".venv/bin/gunicorn").exists(), reason="needs the project's .venv with gunicorn")
def test_the_systemd_unit_verifies(tmp_path):
    result = verify_unit(tmp_path, (DEPLOY / "tracker@.service").read_text())
    # systemd-analyze only warns (exit 0) on some mistakes, such as an unknown value: none may be printed.
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


@pytest.mark.skipif(SYSTEMD_ANALYZE is None, reason="systemd-analyze is not available here")
@pytest.mark.skipif(not (ROOT / ".venv/bin/gunicorn").exists(), reason="needs the project's .venv with gunicorn")
def test_the_unit_check_catches_a_broken_unit(tmp_path):
    broken = (DEPLOY / "tracker@.service").read_text().replace("Type=notify", "Type=notifyy")
    result = verify_unit(tmp_path, broken)
    assert result.returncode != 0 or result.stderr


def test_the_unit_and_the_scale_test_use_the_projects_gunicorn_settings():
    assert "--config /srv/tracker/gunicorn.conf.py" in (DEPLOY / "tracker@.service").read_text()
    scale = (ROOT / "scripts" / "bench" / "scale.py").read_text()
    assert '"gunicorn.conf.py"' in scale and "deploy/nginx/proxy.conf" in scale


def test_the_nginx_cache_tells_nobody_whether_a_page_was_a_hit():
    """Adversarial review, Dec 2026: X-Cache-Status told anyone whether somebody else had opened an address."""
    cache = (DEPLOY / "nginx" / "cache.conf").read_text()
    directives = [line.strip() for line in cache.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert not any("upstream_cache_status" in line or line.startswith("add_header") for line in directives)
    # It passes on exactly the cookies the app checks itself (config/page_cache.py, config/db_router.py).
    assert "proxy_cache_bypass $cookie_sessionid $cookie_primary_reads;" in directives
    assert "proxy_no_cache $cookie_sessionid $cookie_primary_reads;" in directives
