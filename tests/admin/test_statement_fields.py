"""The add-statement screen's fields for new rows are the models' own: one definition of each."""

import pytest
from django.utils import translation

from positions.admin.forms import StatementForm
from positions.models import Actor, Role
from sources.models import Outlet, Quote, Source

# Each "new row" field of the form and the model field it stands for.
NEW_ROW_FIELDS = {
    "new_actor_name": (Actor, "name"),
    "new_actor_kind": (Actor, "kind"),
    "new_actor_country": (Actor, "country"),
    "new_role_title": (Role, "title"),
    "new_role_office_rank": (Role, "office_rank"),
    "new_role_start_on": (Role, "start_on"),
    "new_quote_text": (Quote, "text"),
    "new_quote_original_text": (Quote, "original_text"),
    "new_quote_original_language": (Quote, "original_language"),
    "new_quote_translation": (Quote, "translation"),
    "new_quote_verification": (Quote, "verification"),
    "new_quote_attribution": (Quote, "attribution"),
    "new_outlet_name": (Outlet, "name"),
    "new_outlet_kind": (Outlet, "kind"),
    "new_source_title": (Source, "title"),
    "new_source_url": (Source, "url"),
    "new_source_published_on": (Source, "published_on"),
    "new_source_published_precision": (Source, "published_precision"),
    "new_source_language": (Source, "language"),
    "new_source_archive_url": (Source, "archive_url"),
}


def test_every_new_row_field_is_listed_here():
    assert {
        name for name in StatementForm.base_fields if name.startswith("new_") and name != "new_source_outlet"
    } == set(NEW_ROW_FIELDS)


@pytest.mark.parametrize(("name", "model_field"), [(n, m._meta.get_field(f)) for n, (m, f) in NEW_ROW_FIELDS.items()])
def test_a_new_row_field_takes_its_size_choices_and_default_from_the_model(name, model_field):
    field = StatementForm.base_fields[name]
    assert not field.required  # the new row as a whole is wanted or not
    if model_field.choices:
        model_values = [value for value, _label in model_field.flatchoices]
        assert [value for value, _label in field.choices if value] == model_values
    elif model_field.get_internal_type() in {"CharField", "URLField"}:
        assert field.max_length == model_field.max_length
    if model_field.has_default() and name != "new_quote_translation":
        assert field.initial == model_field.get_default()


def test_the_models_help_is_shown_on_hover_in_the_pages_language():
    with translation.override("uk"):
        form = StatementForm()
        html = str(form["new_source_url"])
        assert f'title="{Source._meta.get_field("url").help_text}"' in html
        assert "ніколи не вгадуйте" in html
    with translation.override("en"):
        assert 'title="What you checked.' in str(StatementForm()["new_quote_verification"])
