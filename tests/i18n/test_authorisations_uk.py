"""Who authorises a deployment, in Ukrainian: explanations for every reference row, Ukraine's legal bases."""

import io

import pytest
from django.core.management import call_command

from positions.demo.authorisations import EXPLANATIONS
from positions.demo.authorisations_uk import EXPLANATIONS_UK, LEGAL_BASES_UK
from positions.models import AuthorisationBody


def test_every_reference_row_is_explained_in_ukrainian():
    assert set(EXPLANATIONS_UK) == set(EXPLANATIONS)
    assert {key[0] for key in LEGAL_BASES_UK} == {"UA"}


@pytest.mark.django_db
def test_the_verkhovna_rada_row_is_ukrainian_and_other_legal_bases_are_marked_english(client, seeded):
    page = client.get("/uk/authorisations/").content.decode()
    assert "Верховна Рада законом схвалює указ Президента" in page
    assert "«Про порядок направлення підрозділів Збройних Сил України до інших держав»" in page
    assert "Foreign military units may enter Ukraine" not in page
    # Germany's legal basis has no Ukrainian text: shown as recorded, marked as English.
    assert '<span lang="en">Parlamentsbeteiligungsgesetz (ParlBG)' in page
    english = client.get("/authorisations/").content.decode()
    assert "Foreign military units may enter Ukraine" in english and "Верховна Рада законом" not in english


@pytest.mark.django_db
def test_seed_demo_gives_a_database_seeded_before_the_translations_every_ukrainian_explanation(client, seeded):
    # As a database seeded before the rows of the record's countries had Ukrainian explanations.
    AuthorisationBody.objects.filter(country__in=["CZ", "KR", "TR", "RU", "IE", "AT", "ES", "BG", "SK"]).update(
        explanation_uk=""
    )
    call_command("seed_demo", stdout=io.StringIO())

    assert not AuthorisationBody.objects.filter(explanation_uk="").exists()
    page = client.get("/uk/authorisations/").content.decode()
    assert "Рада Федерації, верхня палата, за поданням президента вирішує" in page
    assert "The Federation Council, the upper chamber" not in page
