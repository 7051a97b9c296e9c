"""Lighthouse's accessibility, best-practices and SEO audits on the main pages, /data/ and a release page.

Lighthouse (pinned in scripts/test.sh, installed in LIGHTHOUSE_DIR) drives Debian's Chromium
against the live server, one Chromium for all pages (scripts/lighthouse/run.mjs). Every page
scores 100 in the three categories, so the threshold is 100: any lost point is a regression
(docs/testing.md).
"""

import json
import os
import subprocess

import pytest

from positions.corrections import record_correction
from positions.models import Position
from releases.build import make_release

from .conftest import BROWSER_DB, CHROMIUM, ROOT

pytestmark = [pytest.mark.browser, BROWSER_DB]

LIGHTHOUSE_DIR = os.environ.get("LIGHTHOUSE_DIR", str(ROOT / ".lighthouse"))
RUNNER = ROOT / "scripts" / "lighthouse" / "run.mjs"
CATEGORIES = ["accessibility", "best-practices", "seo"]
THRESHOLDS = {"accessibility": 100, "best-practices": 100, "seo": 100}
# LIGHTHOUSE_PERFORMANCE=1 adds the performance category, printed for the record, never asserted:
# its score swings with the machine's load.
PERFORMANCE = os.environ.get("LIGHTHOUSE_PERFORMANCE") == "1"


def audited_pages() -> dict[str, str]:
    release = make_release()
    corrected = Position.objects.order_by("id").first()
    before = Position.objects.get(pk=corrected.pk)
    corrected.stance = "rules_out" if corrected.stance != "rules_out" else "opposes"
    corrected.save()
    record_correction(before, corrected, ["stance"], "The minister's office corrected the transcript.")
    return {
        "home": "/",
        "country": "/countries/gb/",
        "positions": "/positions/",
        "timeline": "/timeline/",
        "map": "/map/",
        "data": "/data/",
        "release": release.get_absolute_url(),
        "corrections": "/corrections/",
        "position": corrected.get_absolute_url(),
    }


def lighthouse(site: str, paths: list[str], categories: list[str]) -> list[dict]:
    if not os.path.exists(os.path.join(LIGHTHOUSE_DIR, "node_modules", "lighthouse")):
        pytest.fail(f"Lighthouse is missing from {LIGHTHOUSE_DIR}: scripts/test.sh installs it")
    result = subprocess.run(
        ["node", str(RUNNER), LIGHTHOUSE_DIR, ",".join(categories), *(site + path for path in paths)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_pages_pass_lighthouse(site):
    pages = audited_pages()
    reports = lighthouse(site, list(pages.values()), CATEGORIES + ["performance"] * PERFORMANCE)
    assert len(reports) == len(pages)
    problems = []
    for report in reports:
        assert report["error"] is None, report
        print(report["url"].removeprefix(site), report["scores"], f"{report['seconds']} s")  # shown with pytest -s
        for category, threshold in THRESHOLDS.items():
            if report["scores"][category] < threshold:
                lost = [
                    f"{item['audit']} {item['items']}" for item in report["failing"] if item["category"] == category
                ]
                problems.append(f"{report['url']}: {category} {report['scores'][category]} < {threshold}: {lost}")
    assert problems == []
