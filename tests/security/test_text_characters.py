"""Noncharacters are refused in every text field; bidi marks and invisible characters in names.

Adversarial review, Dec 2026: U+FFFE passed validation and made every export.xlsx unreadable;
U+200F, U+061C and zero-width characters passed in names, where they disguise one name as another.
"""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from contributions.models import Suggestion
from positions.models import Actor
from sources.text import NoBidiControls, NoControlCharacters, NoInvisibleCharacters, NoNoncharacters
from tests.contributions.helpers import suggestion_data
from tests.factories import ActorFactory, OutletFactory, PositionFactory, TopicFactory

pytestmark = pytest.mark.django_db

# Text the app writes itself, never a person: digests, tokens and the summary tables' copies.
INTERNAL = {
    "positions.PendingImport.digest",
    "positions.PendingImport.data_version",
    "positions.DataVersion.token",
    "positions.Position.country",
    "positions.CountryStance.country",
    "positions.CountryStance.stance",  # a Stance value or "", set by positions/derived.py only
    "positions.Correction.position_title",  # written from the position's own checked fields (positions/corrections.py)
    "positions.FacetCount.country",
    "positions.FacetCount.stance",
    "positions.FacetCount.actor_kind",
    "positions.FacetCount.verification",
    # Copies of positions' values kept in step for the stance chart (positions/derived.py).
    "positions.MonthStance.country",
    "positions.MonthStance.stance",
    "positions.MonthStance.date_precision",
    "positions.Actor.wikidata_id",  # Q12345 only
}
NONCHARACTERS = ["\ufffe", "\uffff", "\ufdd0", "\ufdef", "\U0001fffe", "\U0010ffff", "\ud800"]
NAME_FIELDS = [
    (ActorFactory.build, "name"),
    (ActorFactory.build, "slug"),
    (TopicFactory.build, "name"),
    (OutletFactory.build, "name"),
]


def text_fields():
    for app in ("positions", "sources", "contributions"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for field in model._meta.get_fields():
                label = f"{model._meta.label}.{field.name}"
                # An email address is ASCII but for its domain, which must encode as IDNA.
                if isinstance(field, models.CharField | models.TextField) and not field.choices:
                    if label not in INTERNAL and not isinstance(field, models.EmailField):
                        yield label, field


def test_every_text_field_refuses_control_characters_and_noncharacters():
    fields = dict(text_fields())
    assert len(fields) > 30 and "contributions.Suggestion.text" in fields and "sources.Source.url" in fields
    for label, field in fields.items():
        kinds = {type(validator) for validator in field.validators}
        assert {NoControlCharacters, NoNoncharacters} <= kinds, label


@pytest.mark.parametrize("character", NONCHARACTERS)
def test_a_noncharacter_is_refused_with_a_message(character):
    position = PositionFactory()
    position.summary = f"broken{character}file"
    with pytest.raises(ValidationError) as error:
        position.full_clean()
    assert f"Remove the character U+{ord(character):04X}" in str(error.value.message_dict["summary"])


@pytest.mark.parametrize("make, field", NAME_FIELDS)
@pytest.mark.parametrize(
    "character", ["\u200e", "\u200f", "\u061c", "\u200b", "\u2060", "\ufeff", "\u200c", "\u200d", "\ufffe"]
)
def test_names_refuse_bidi_marks_and_invisible_characters(make, field, character):
    obj = make()
    setattr(obj, field, f"ab{character}cd")
    with pytest.raises(ValidationError) as error:
        obj.full_clean()
    assert field in error.value.message_dict


@pytest.mark.parametrize(
    "name",
    [
        "Володимир Зеленський",
        "عبد الفتاح السيسي",
        "محمدجواد ظریف",
        "علی\u200cاکبر ولایتی",  # Persian spells with the zero-width non-joiner
        "नरेन्\u200dद्र मोदी",  # Devanagari, with the zero-width joiner after a virama
        "Jean-Noël Barrot",
    ],
)
def test_names_in_other_scripts_are_kept(name):
    ActorFactory.build(name=name).full_clean()
    NoInvisibleCharacters()(name)
    NoBidiControls()(name)


@pytest.mark.parametrize("name", ["Zel\u200densky", "\u200cعلی", "علی\u200c", "Зеле\u200cнський", "a\u200c\u200cb"])
def test_a_joiner_outside_a_word_of_a_script_that_uses_it_is_refused(name):
    with pytest.raises(ValidationError):
        NoInvisibleCharacters()(name)


def test_the_admin_says_which_invisible_character_to_remove(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "a-long-test-password-42")
    client.force_login(admin)
    response = client.post(
        reverse("admin:positions_actor_add"),
        {"name": "Keir\u200bStarmer", "slug": "keir-starmer", "kind": "official", "country": "GB"},
    )
    assert response.status_code == 200
    assert "Remove the invisible character U+200B" in response.content.decode()
    assert not Actor.objects.exists()


def test_the_public_suggestion_form_refuses_a_noncharacter(client):
    page = client.get(reverse("contributions:suggest")).content.decode()
    assert 'name="text"' in page and 'name="actor_name"' in page
    response = client.post(reverse("contributions:suggest"), suggestion_data(text="We will\ufffe send troops."))
    assert response.status_code == 200
    assert "Remove the character U+FFFE" in response.content.decode()
    response = client.post(reverse("contributions:suggest"), suggestion_data(actor_name="Keir\u202eStarmer"))
    assert "Remove the bidirectional control character U+202E" in response.content.decode()
    assert not Suggestion.objects.exists()
