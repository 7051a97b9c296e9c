"""What the API sends for positions, actors, countries, topics and authorisation bodies.

Stored values go out as they are stored (stance, verification, kinds, date precision); every
date comes with its precision; nested objects are small (ids, names, addresses) and a position's
quote and source grow to their full fields with `?expand=quote,source`. Every field is described
for the OpenAPI schema (a test holds that). Positions and countries are rendered from `values()`
rows nested as dicts (positions/api/queries.py), the other resources from model instances.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from positions.choices import ActorKind, BodyKind, OfficeRank, Requirement, Scope, Stance
from positions.stance_rule import CellState
from sources.dates import DatePrecision
from sources.models import Attribution, Translation, Verification

from .fields import (
    AbsoluteUrlField,
    AgeDaysField,
    ApiUrlField,
    BlankAsNullField,
    CountryAddressField,
    CountryCodeField,
    FilteredListUrlField,
    KnownUrlField,
    PageUrlField,
    StaleField,
    expanded,
)
from .source_serializers import QuoteSerializer, SourceRefSerializer

PRECISION_HELP = _("How much of the date is known: day, month (stored as the 1st) or year (stored as 1 January).")
AGE_DAYS_HELP = _(
    "Days from the last day the date may stand for (the end of its month or year when only that is known) "
    "to today, in the site's time zone."
)
STALE_HELP = _(
    "Whether the statement is older than the site's staleness threshold (STALE_AFTER_MONTHS, counted as "
    "age_days is): the site's pages mark such a stance stale."
)
ATTRIBUTION_HELP = _(
    "How the quote's words reached us: direct (the actor's own words on the record), spokesperson "
    "(an authorised spokesperson or office for the actor), paraphrase (an outlet's paraphrase, no direct "
    "quote) or anonymous (a report citing unnamed sources; never confirmed)."
)
TRANSLATION_HELP = _(
    "What the quote's English text is: original (the words as said), translation (a translation of them) or "
    "machine (a machine translation: names and nuances may be wrong)."
)


class ActorRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text=_("The actor's identifier in addresses, e.g. david-lammy."))
    name = serializers.CharField(help_text=_("The actor's name."))
    kind = serializers.ChoiceField(choices=ActorKind.choices, help_text=_("Kind of actor."))
    country = CountryCodeField(help_text=_("The actor's country (ISO 3166 alpha-2), null for organisations."))
    url = PageUrlField("positions:actor_detail", source="slug")
    api_url = ApiUrlField("api:actor-detail", source="slug")


class TopicRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text=_("The topic's identifier, e.g. combat-troops."))
    name = serializers.CharField(help_text=_("The topic's name."))
    url = FilteredListUrlField(
        "positions:position_list", "topic", source="slug", help_text=_("The site's list of positions on this topic.")
    )
    api_url = ApiUrlField("api:topic-detail", source="slug")


class RoleSerializer(serializers.Serializer):
    title = serializers.CharField(help_text=_("The office, e.g. Foreign Secretary."))
    country = CountryCodeField(help_text=_("The state whose office this is; null for an organisation's office."))
    organisation = ActorRefSerializer(
        allow_null=True, help_text=_("The organisation whose office this is; null for a state's office.")
    )
    start_on = serializers.DateField(help_text=_("First day in office."))
    end_on = serializers.DateField(allow_null=True, help_text=_("Last day in office; null while in office."))


class PositionSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The position's id."))
    url = PageUrlField("positions:position_detail")
    api_url = ApiUrlField("api:position-detail")
    actor = ActorRefSerializer(help_text=_("Who stated the position."))
    role = RoleSerializer(
        allow_null=True, help_text=_("The role the actor held on the day of the statement; null if none is recorded.")
    )
    topic = TopicRefSerializer(help_text=_("What the position is about."))
    stance = serializers.ChoiceField(
        choices=Stance.choices,
        help_text=_("The stated stance: supports, open, undecided, opposes, rules_out, or commentary (no side)."),
    )
    stated_on = serializers.DateField(help_text=_("When the position was stated, to the precision given."))
    date_precision = serializers.ChoiceField(choices=DatePrecision.choices, help_text=PRECISION_HELP)
    age_days = AgeDaysField(help_text=AGE_DAYS_HELP)
    stale = StaleField(help_text=STALE_HELP)
    conditions = serializers.CharField(help_text=_("Conditions attached, e.g. only after a ceasefire; may be empty."))
    summary = serializers.CharField(help_text=_("The editors' summary and coding notes; may be empty."))
    country = CountryCodeField(help_text=_("The actor's country (ISO 3166 alpha-2), null for organisations."))
    actor_kind = serializers.ChoiceField(choices=ActorKind.choices, help_text=_("The actor's kind."))
    verification = serializers.ChoiceField(
        choices=Verification.choices,
        help_text=_(
            "What an editor checked of the quote: confirmed (the primary source was opened and the words found), "
            "reported (a reputable outlet reports them and the editor read that report) or unverified."
        ),
    )
    attribution = serializers.ChoiceField(choices=Attribution.choices, help_text=ATTRIBUTION_HELP)
    translation = serializers.ChoiceField(
        choices=Translation.choices, source="quote.translation", help_text=TRANSLATION_HELP
    )
    quote = QuoteSerializer(help_text=_("The quote the position rests on; full with expand=quote."))
    source = SourceRefSerializer(
        source="quote.source", help_text=_("Where the quote comes from; full with expand=source.")
    )
    created_at = serializers.DateTimeField(help_text=_("When the position was added to the tracker."))
    updated_at = serializers.DateTimeField(help_text=_("When the position was last changed."))

    def to_representation(self, instance):
        data = super().to_representation(instance)
        wanted = expanded(self.context.get("request"))
        if "quote" not in wanted:
            data["quote"] = {key: data["quote"][key] for key in QuoteSerializer.BRIEF}
        if "source" not in wanted:
            data["source"] = {key: data["source"][key] for key in SourceRefSerializer.BRIEF}
        return data


class ActorSerializer(ActorRefSerializer):
    id = serializers.IntegerField(help_text=_("The actor's id."))
    aliases = serializers.ListField(
        source="alias_list",
        child=serializers.CharField(),
        help_text=_("Other spellings and transliterations (found by search)."),
    )
    wikidata_id = BlankAsNullField(help_text=_("Wikidata id (Q12345), null when not recorded."))
    description = serializers.CharField(help_text=_("A short description; may be empty."))
    roles = RoleSerializer(many=True, help_text=_("Offices held over time, latest first."))
    positions_url = FilteredListUrlField(
        "api:position-list", "actor", source="slug", help_text=_("The API's list of this actor's positions.")
    )


class TopicSerializer(TopicRefSerializer):
    id = serializers.IntegerField(help_text=_("The topic's id."))
    description = serializers.CharField(help_text=_("What the topic covers; may be empty."))
    involves_deployment = serializers.BooleanField(
        help_text=_("Whether the topic is about sending troops to Ukraine (positions then need authorisations).")
    )
    order = serializers.IntegerField(help_text=_("Display order: topics are listed by it, then by name."))
    positions_url = FilteredListUrlField(
        "api:position-list", "topic", source="slug", help_text=_("The API's list of positions on this topic.")
    )


class AuthorisationBodySerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The body's id."))
    url = AbsoluteUrlField()
    api_url = ApiUrlField("api:authorisationbody-detail")
    country = CountryCodeField(help_text=_("The country (ISO 3166 alpha-2) whose law gives the body its role."))
    name = serializers.CharField(help_text=_("The body, e.g. Bundestag."))
    body_kind = serializers.ChoiceField(choices=BodyKind.choices, help_text=_("Kind of body."))
    scope = serializers.ChoiceField(
        choices=Scope.choices,
        help_text=_("deploy_abroad: sending the country's own troops abroad; admit_foreign: admitting foreign troops."),
    )
    requirement = serializers.ChoiceField(choices=Requirement.choices, help_text=_("What the body's role is."))
    legal_basis = serializers.CharField(help_text=_("The law or article that gives the role; may be empty."))
    legal_basis_url = KnownUrlField(help_text=_("Address of the legal text; null when not recorded."))
    confirmed = serializers.BooleanField(help_text=_("Whether the entry was checked against a reliable source."))
    explanation = serializers.CharField(
        help_text=_(
            "What the body does, in plain words, as shown on the site; may be empty. Editors' notes are never published."
        )
    )


class PositionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The position's id."))
    url = PageUrlField("positions:position_detail")
    api_url = ApiUrlField("api:position-detail")


class StanceCellSerializer(serializers.Serializer):
    """One country's current stance on one topic, as in the home page's matrix (the rule: /about/#country-stance)."""

    topic = TopicRefSerializer(help_text=_("The topic."))
    state = serializers.ChoiceField(
        choices=CellState.choices,
        help_text=_(
            "decided: a stance decided by the highest office on the record; mixed: offices of the same rank "
            "disagreed within 30 days; reported: nothing on the record, only reports."
        ),
    )
    stance = serializers.ChoiceField(
        choices=Stance.choices,
        allow_null=True,
        help_text=_("The stance decided; null when the state is mixed or reported."),
    )
    office = serializers.ChoiceField(
        choices=OfficeRank.choices,
        allow_null=True,
        help_text=_("The office the shown statement's actor spoke from that day."),
    )
    disagreeing = serializers.IntegerField(
        source="dissent_count",
        help_text=_("How many other on-record statements within the window take another side."),
    )
    reported = serializers.IntegerField(
        help_text=_("Of the statements, how many are paraphrases or anonymous reports, which never decide.")
    )
    stated_on = serializers.DateField(source="position.stated_on", help_text=_("When it was stated."))
    date_precision = serializers.ChoiceField(
        choices=DatePrecision.choices, source="position.date_precision", help_text=PRECISION_HELP
    )
    age_days = AgeDaysField(source="position", help_text=AGE_DAYS_HELP)
    stale = StaleField(source="position", help_text=STALE_HELP)
    verification = serializers.ChoiceField(
        choices=Verification.choices, source="position.verification", help_text=_("The quote's verification.")
    )
    attribution = serializers.ChoiceField(
        choices=Attribution.choices, source="position.attribution", help_text=ATTRIBUTION_HELP
    )
    translation = serializers.ChoiceField(
        choices=Translation.choices, source="position.quote.translation", help_text=TRANSLATION_HELP
    )
    statements = serializers.IntegerField(
        help_text=_(
            "How many statements by the country's state, officials, legislature or parties there are on this topic."
        )
    )
    actor = ActorRefSerializer(source="position.actor", help_text=_("Who made the shown statement."))
    position = PositionRefSerializer(
        help_text=_("The statement shown: the deciding one, the newest of a mix, or the newest report.")
    )


class CountrySerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("ISO 3166 alpha-2 code, in capitals."))
    name = serializers.CharField(help_text=_("The country's name in English."))
    url = CountryAddressField("positions:country_detail", help_text=_("Address of the country's public page."))
    api_url = CountryAddressField("api:country-detail", help_text=_("Address of this country in the API."))
    positions_url = FilteredListUrlField(
        "api:position-list",
        "country",
        source="code",
        help_text=_("The API's list of positions by this country's actors."),
    )
    stances = StanceCellSerializer(
        many=True,
        help_text=_(
            "Current stance per topic: the latest position of the state or its officials; topics without one are left out."
        ),
    )
