"""factory_boy factories for every model, with sensible defaults."""

import datetime

import factory
from django.contrib.auth.models import Group, User

from positions.choices import ActorKind, Stance
from positions.models import Actor, AuthorisationBody, Position, Role, Topic
from sources.dates import DatePrecision
from sources.models import Outlet, Quote, Source, Translation, Verification


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password-42")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.set(Group.objects.filter(name__in=names))
        self.save()


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.Sequence(lambda n: f"outlet-{n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    outlet = factory.SubFactory(OutletFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    url = factory.Sequence(lambda n: f"https://example.org/articles/{n}")
    published_on = datetime.date(2024, 11, 25)


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    source = factory.SubFactory(SourceFactory)
    text = factory.Sequence(lambda n: f"Statement number {n} about troops.")
    original_text = ""
    said_on = datetime.date(2024, 11, 25)
    date_precision = DatePrecision.DAY
    verification = Verification.CONFIRMED
    translation = factory.LazyAttribute(lambda quote: Translation.default_for(quote.original_text))


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Actor {n}")
    slug = factory.Sequence(lambda n: f"actor-{n}")
    kind = ActorKind.OFFICIAL
    country = "GB"


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    actor = factory.SubFactory(ActorFactory)
    title = "Foreign Secretary"
    country = "GB"
    start_on = datetime.date(2024, 7, 5)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    actor = factory.SubFactory(ActorFactory)
    topic = factory.SubFactory(TopicFactory)
    quote = factory.SubFactory(QuoteFactory, said_on=factory.SelfAttribute("..stated_on"))
    stance = Stance.OPEN
    stated_on = datetime.date(2024, 11, 25)
    date_precision = DatePrecision.DAY


class AuthorisationBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuthorisationBody

    country = "GB"
    name = factory.Sequence(lambda n: f"Parliament {n}")
    body_kind = "parliament"
    scope = "deploy_abroad"
    requirement = "prior_approval"
