"""The embed dialog offers the live view or the latest release's; the release's frame shows its values for good."""

import html

import pytest
from django.urls import reverse

from releases.build import make_release
from tests.factories import ActorFactory, PositionFactory

pytestmark = pytest.mark.django_db


def test_the_country_page_offers_a_live_and_a_frozen_embed(client):
    PositionFactory(actor=ActorFactory(country="FR"))
    page = client.get(reverse("positions:country_detail", args=["FR"])).content.decode()
    assert "embed-code-frozen" not in page  # no release yet: live only
    release = make_release()
    page = html.unescape(client.get(reverse("positions:country_detail", args=["FR"])).content.decode())
    assert f"as of release {release.number} (never changes)" in page
    assert f'<iframe src="http://testserver/embed/data/{release.number}/countries/fr/"' in page
    assert '<iframe src="http://testserver/embed/countries/fr/"' in page


def test_a_frozen_embed_shows_the_release_values_after_edits_and_may_be_framed(client):
    position = PositionFactory(actor=ActorFactory(name="Macron", country="FR"), stance="open")
    PositionFactory(actor=ActorFactory(name="Starmer", country="GB"))
    release = make_release()
    url = reverse("releases:embed_country", args=[release.number, "FR"])
    position.stance = "rules_out"
    position.save()
    response = client.get(url)
    assert response.status_code == 200
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    page = response.content.decode()
    assert f"statements as of release {release.number}" in page
    assert "Macron" in page and "Starmer" not in page
    assert "stance-open" in page and "stance-rules_out" not in page
    assert client.get(reverse("releases:embed_country", args=["2020.1.1", "FR"])).status_code == 404
