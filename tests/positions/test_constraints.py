"""Each database constraint rejects bad rows even when forms are bypassed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from positions.models import Actor, Position, Role
from sources.models import Quote, Source
from tests.factories import ActorFactory, OutletFactory, PositionFactory, QuoteFactory, RoleFactory, SourceFactory

pytestmark = pytest.mark.django_db


def rejected(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_source_url_is_unique():
    SourceFactory(url="https://example.org/a")
    rejected(lambda: SourceFactory(url="https://example.org/a"))


def test_sources_without_url_may_share_blank_url_but_not_natural_key():
    outlet = OutletFactory()
    SourceFactory(outlet=outlet, url="", title="A", published_on=datetime.date(2024, 11, 1))
    SourceFactory(outlet=outlet, url="", title="B", published_on=datetime.date(2024, 11, 1))
    rejected(lambda: SourceFactory(outlet=outlet, url="", title="A", published_on=datetime.date(2024, 11, 1)))


def test_one_position_per_actor_topic_and_quote():
    position = PositionFactory()
    rejected(lambda: PositionFactory(actor=position.actor, topic=position.topic, quote=position.quote))


@pytest.mark.parametrize(
    "model, field, factory",
    [
        (Position, "stance", PositionFactory),
        (Actor, "kind", ActorFactory),
        (Quote, "verification", QuoteFactory),
        (Quote, "date_precision", QuoteFactory),
        (Position, "date_precision", PositionFactory),
        (Source, "published_precision", SourceFactory),
    ],
)
def test_choice_columns_take_only_listed_values(model, field, factory):
    row = factory()
    rejected(lambda: model.objects.filter(pk=row.pk).update(**{field: "bogus"}))


def test_authorisation_scope_and_requirement_take_only_listed_values():
    from tests.factories import AuthorisationBodyFactory

    body = AuthorisationBodyFactory()
    model = type(body)
    rejected(lambda: model.objects.filter(pk=body.pk).update(scope="invade"))
    rejected(lambda: model.objects.filter(pk=body.pk).update(requirement="maybe"))


def test_role_cannot_end_before_it_starts():
    rejected(lambda: RoleFactory(start_on=datetime.date(2024, 7, 5), end_on=datetime.date(2024, 7, 4)))


def test_role_constraint_message_is_readable():
    role = Role(actor=ActorFactory(), title="PM", start_on=datetime.date(2024, 7, 5), end_on=datetime.date(2024, 1, 1))
    with pytest.raises(ValidationError) as error:
        role.full_clean()
    assert "A role cannot end before it starts." in str(error.value)


def test_month_precision_date_cannot_carry_a_made_up_day():
    quote = QuoteFactory(said_on=datetime.date(2024, 11, 1), date_precision="month")
    rejected(lambda: Quote.objects.filter(pk=quote.pk).update(said_on=datetime.date(2024, 11, 17)))


def test_saving_truncates_month_and_year_precision():
    quote = QuoteFactory(said_on=datetime.date(2024, 11, 17), date_precision="month")
    assert quote.said_on == datetime.date(2024, 11, 1)
    assert quote.said_display == "Nov 2024"
    position = PositionFactory(stated_on=datetime.date(2024, 11, 17), date_precision="year", quote=quote)
    assert position.stated_on == datetime.date(2024, 1, 1)
    assert position.stated_display == "2024"


def test_original_text_needs_its_language():
    quote = QuoteFactory()
    rejected(lambda: Quote.objects.filter(pk=quote.pk).update(original_text="Текст", original_language=""))
