"""/about/ tells readers what the reference record covers and how far its two codings agree,
computed from the shipped files."""

import pytest
from django.urls import reverse

from positions import record_summary as summary


@pytest.fixture
def fresh_summary():
    summary.record_summary.cache_clear()
    yield
    summary.record_summary.cache_clear()


def test_about_shows_the_records_coverage_and_agreement(client, db, fresh_summary):
    page = client.get(reverse("positions:about")).content.decode()
    shown = summary.record_summary()
    assert shown.statements >= 200 and shown.countries >= 30
    assert f"reference record of {shown.statements} public statements" in page
    assert f"{shown.agreement * 100:.1f}% of the statements (Cohen's kappa {shown.kappa:.2f})" in page
    assert "The newest page read was published on 27 Feb 2026." in page


def test_agreement_is_computed_from_the_codings_file(client, db, fresh_summary, tmp_path, monkeypatch):
    codings = tmp_path / "codings.csv"
    # observed 3/4; expected (2*3 + 2*1)/16 = 1/2; kappa = (0.75 - 0.5) / 0.5
    codings.write_text(
        "coding_1,coding_2\nsupports,supports\nsupports,supports\nopen,open\nopen,supports\n", encoding="utf-8"
    )
    monkeypatch.setattr(summary, "RECORD_CODINGS", codings)
    page = client.get(reverse("positions:about")).content.decode()
    assert "75.0% of the statements (Cohen's kappa 0.50). The 1 disagreements" in page
