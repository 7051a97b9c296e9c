"""The fixed vocabularies of the positions app (the domain vocabulary of docs/design.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActorKind(models.TextChoices):
    STATE = "state", _("state")
    OFFICIAL = "official", _("official")
    LEGISLATURE = "legislature", _("legislature")
    ORGANISATION = "organisation", _("organisation")
    ANALYST = "analyst", _("analyst")
    PARTY = "party", _("party")


# A country's government as a whole and its officials.
GOVERNMENT_KINDS = (ActorKind.STATE, ActorKind.OFFICIAL)


class Stance(models.TextChoices):
    """An ordered scale from support to ruling out, plus commentary that takes no side."""

    SUPPORTS = "supports", _("supports")
    OPEN = "open", _("open")
    UNDECIDED = "undecided", _("undecided")
    OPPOSES = "opposes", _("opposes")
    RULES_OUT = "rules_out", _("rules out")
    COMMENTARY = "commentary", _("commentary")

    @classmethod
    def scale_position(cls, value: str) -> int | None:
        """Place on the support → rule-out scale; None for commentary."""
        scale: list[str] = [cls.SUPPORTS, cls.OPEN, cls.UNDECIDED, cls.OPPOSES, cls.RULES_OUT]
        return scale.index(value) if value in scale else None


class OfficeRank(models.TextChoices):
    """Which office spoke, from the highest: of a country's statements, the highest office's decides its stance.

    Listed in rank order; `rank_of` gives the place (0 is highest). Analysts never decide a
    country's stance whatever their rank (they are not governmental, see GOVERNMENT_KINDS).
    """

    HEAD = "head", _("head of state or government")
    SPOKESPERSON = "spokesperson", _("government spokesperson")
    FOREIGN_DEFENCE = "foreign_defence", _("foreign or defence minister")
    MINISTER = "minister", _("other minister")
    PARLIAMENT = "parliament", _("parliament as a body")
    MEMBER = "member", _("member of parliament or party leader")
    OTHER = "other", _("other office")

    @classmethod
    def rank_of(cls, value: str) -> int:
        """0 for the highest office; an unknown or empty value ranks with `other`."""
        values: list[str] = list(cls.values)
        return values.index(value) if value in values else values.index(cls.OTHER)

    @classmethod
    def of_rank(cls, rank: int) -> "OfficeRank":
        return cls(cls.values[rank])


# The office an actor speaks from when it holds no role that day: a government speaking as a body
# ranks with its spokesperson, a legislature as parliament, a party with members and party
# leaders, an official without a recorded office as "other". Kinds not listed (analysts,
# international organisations) never decide a country's stance.
OFFICE_OF_KIND: dict[str, str] = {
    ActorKind.STATE: OfficeRank.SPOKESPERSON,
    ActorKind.LEGISLATURE: OfficeRank.PARLIAMENT,
    ActorKind.PARTY: OfficeRank.MEMBER,
    ActorKind.OFFICIAL: OfficeRank.OTHER,
}
# Whose statements can make a country's stance.
STANCE_KINDS = tuple(OFFICE_OF_KIND)


def office_rank_for(kind: str, role_rank: str | None) -> int | None:
    """The rank a statement speaks with (0 highest): its role's that day, else its kind's; None never decides."""
    if kind not in OFFICE_OF_KIND:
        return None
    return OfficeRank.rank_of(role_rank or OFFICE_OF_KIND[kind])


class Scope(models.TextChoices):
    DEPLOY_ABROAD = "deploy_abroad", _("sending own troops abroad")
    ADMIT_FOREIGN = "admit_foreign", _("admitting foreign troops")


class Requirement(models.TextChoices):
    """What a body's part in a deployment is, from deciding it to having none; listed in that order."""

    DECISION = "decision", _("takes the decision")
    PRIOR_APPROVAL = "prior_approval", _("must approve it first")
    APPROVAL_TO_CONTINUE = "approval_to_continue", _("must approve it to go on past a time limit")
    CONSULTATION = "consultation", _("must be consulted")
    NOTIFICATION = "notification", _("must be informed")
    CONVENTION = "convention", _("expected by custom, not required by law")
    NONE = "none", _("no role")

    @classmethod
    def with_a_part(cls) -> list[str]:
        """Requirements that give a body a part in a deployment: who decides, approves or is told."""
        return [value for value in cls.values if value != cls.NONE]


class BodyKind(models.TextChoices):
    PARLIAMENT = "parliament", _("parliament")
    HEAD_OF_STATE = "head_of_state", _("head of state")
    GOVERNMENT = "government", _("government")
