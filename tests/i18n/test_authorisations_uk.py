"""Who authorises a deployment, in Ukrainian: explanations for every reference row, Ukraine's legal bases."""

import pytest

from positions.demo.authorisations import EXPLANATIONS
from positions.demo.authorisations_uk import EXPLANATIONS_UK, LEGAL_BASES_UK


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
