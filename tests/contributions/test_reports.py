"""A reader reports an error in a position; an editor corrects the position and the report is accepted."""

import pytest
from django.core import mail
from django.urls import reverse

from contributions.models import ErrorReport, Status
from tests.contributions.helpers import HOSTILE, ErrorReportFactory
from tests.factories import PositionFactory

pytestmark = pytest.mark.django_db


def test_every_position_page_links_to_its_report_form(client):
    position = PositionFactory()
    page = client.get(position.get_absolute_url()).content.decode()
    assert f'href="{reverse("contributions:report", args=[position.pk])}"' in page


def test_the_report_form_says_what_happens_and_how_long_the_address_is_kept(client, settings):
    settings.CONTRIBUTION_EMAIL_RETENTION_DAYS = 30
    page = client.get(reverse("contributions:report", args=[PositionFactory().pk])).content.decode()
    assert "What happens next" in page and "delete it 30 days after the decision" in page


def test_a_report_of_an_unknown_position_is_404(client):
    assert client.get("/positions/999999/report/").status_code == 404
    assert client.post("/positions/999999/report/", {}).status_code == 404


def test_a_report_leads_to_a_corrected_position(client, editor, django_capture_on_commit_callbacks):
    position = PositionFactory(summary="Said in 2023.")
    url = reverse("contributions:report", args=[position.pk])
    response = client.post(
        url,
        {
            "what_is_wrong": "The summary gives the wrong year.",
            "what_is_right": "It was said in 2024.",
            "source_url": "https://example.org/proof",
            "email": "reader@example.org",
            "website": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("contributions:report_thanks", args=[position.pk])
    report = ErrorReport.objects.get()
    assert report.position == position and report.status == Status.NEW

    client.force_login(editor)
    response = client.get(reverse("admin:contributions_errorreport_approve", args=[report.pk]))
    change_url = reverse("admin:positions_position_change", args=[position.pk]) + f"?report={report.pk}"
    assert response["Location"] == change_url
    form = client.get(change_url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(summary="Said in 2024.", stated_on=position.stated_on.isoformat())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    position.refresh_from_db()
    report.refresh_from_db()
    assert position.summary == "Said in 2024."
    assert position.history.first().history_user == editor
    assert report.status == Status.ACCEPTED and report.decided_by == editor
    assert len(mail.outbox) == 1 and "corrected the position" in mail.outbox[0].body


def test_the_report_queue_escapes_hostile_text(client, editor):
    report = ErrorReportFactory(what_is_wrong=HOSTILE, what_is_right=HOSTILE)
    client.force_login(editor)
    for url in (
        reverse("admin:contributions_errorreport_changelist"),
        reverse("admin:contributions_errorreport_change", args=[report.pk]),
    ):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "&lt;script&gt;" in page
