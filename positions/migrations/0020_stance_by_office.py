"""A country's stance decided by office, not by entry order (issue 25.2).

Positions carry the rank of the office their actor held that day; CountryStance says whether a
cell is decided, mixed or reported only, and why. The migration ranks the existing positions
and weighs every pair again by the rule of positions/stance_rule.py (pure functions over plain
rows), with the historical models.
"""

import itertools

import django.db.models.deletion
from django.db import migrations, models


# Written out rather than imported: the vocabulary as it stands in this migration.
RANKS = ("head", "spokesperson", "foreign_defence", "minister", "parliament", "member", "other")
OFFICE_OF_KIND = {"state": "spokesperson", "legislature": "parliament", "party": "member", "official": "other"}


def weigh(apps, schema_editor):
    from positions.stance_rule import STATEMENT_COLUMNS, Statement, decide, decide_by_month

    alias = schema_editor.connection.alias
    Position = apps.get_model("positions", "Position")
    Role = apps.get_model("positions", "Role")
    CountryStance = apps.get_model("positions", "CountryStance")
    MonthStance = apps.get_model("positions", "MonthStance")
    roles = {}
    for role in Role.objects.using(alias).order_by():
        roles.setdefault(role.actor_id, []).append(role)

    def held(actor_id, day):
        covering = [r for r in roles.get(actor_id, ()) if r.start_on <= day and (r.end_on is None or r.end_on >= day)]
        return max(covering, key=lambda r: (r.start_on, r.pk), default=None)

    changed = {}
    for pk, actor_id, kind, day in Position.objects.using(alias).values_list(
        "id", "actor_id", "actor_kind", "stated_on"
    ):
        if kind in OFFICE_OF_KIND:
            role = held(actor_id, day)
            changed.setdefault(RANKS.index(role.office_rank if role else OFFICE_OF_KIND[kind]), []).append(pk)
    for rank, ids in changed.items():
        for start in range(0, len(ids), 1000):
            Position.objects.using(alias).filter(id__in=ids[start : start + 1000]).update(office_rank=rank)

    CountryStance.objects.using(alias).all().delete()
    MonthStance.objects.using(alias).all().delete()
    rows = (
        Position.objects.using(alias)
        .filter(office_rank__isnull=False)
        .exclude(country="")
        .order_by("country", "topic_id", "stated_on", "id")
        .values_list(*STATEMENT_COLUMNS, "country", "topic_id")
    )
    stances, months = [], []
    for (country, topic_id), group in itertools.groupby(rows.iterator(), key=lambda row: row[-2:]):
        statements = [Statement(*row[: len(STATEMENT_COLUMNS)]) for row in group]
        decision = decide(statements)
        if decision is not None:
            shown = decision.shown
            role = held(shown.actor_id, shown.stated_on)
            stances.append(
                CountryStance(
                    country=country,
                    topic_id=topic_id,
                    state=decision.state,
                    stance=decision.stance,
                    position_id=shown.id,
                    role_id=role.pk if role else None,
                    statements=decision.statements,
                    reported=decision.reported,
                    newest_report_id=decision.newest_report.id if decision.newest_report else None,
                    dissent=[other.id for other in decision.dissent],
                    dissent_count=decision.dissent_count,
                )
            )
        for month, decision in decide_by_month(statements):
            months.append(
                MonthStance(
                    country=country,
                    topic_id=topic_id,
                    month=month,
                    stated_on=decision.shown.stated_on,
                    stance=decision.chart_stance,
                    date_precision=decision.shown.date_precision,
                )
            )
    CountryStance.objects.using(alias).bulk_create(stances, batch_size=1000)
    MonthStance.objects.using(alias).bulk_create(months, batch_size=1000)


class Migration(migrations.Migration):
    # Each step commits on its own: on PostgreSQL, adding the foreign keys to a filled
    # countrystance table in the same transaction as the other columns failed with "pending
    # trigger events" when migrating a database that holds data (the ranking runs in its own).
    atomic = False

    dependencies = [
        ("positions", "0019_office_rank"),
    ]

    operations = [
        migrations.AddField(
            model_name="countrystance",
            name="dissent",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="Ids of the newest on-record statements within the window that take another side, at most ten.",
                verbose_name="disagreeing statements",
            ),
        ),
        migrations.AddField(
            model_name="countrystance",
            name="dissent_count",
            field=models.PositiveIntegerField(db_default=0, default=0, verbose_name="disagreeing statements"),
        ),
        migrations.AddField(
            model_name="countrystance",
            name="newest_report",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="positions.position",
                verbose_name="newest report",
            ),
        ),
        migrations.AddField(
            model_name="countrystance",
            name="reported",
            field=models.PositiveIntegerField(
                db_default=0,
                default=0,
                help_text="Of the statements, paraphrases and anonymous reports.",
                verbose_name="reported",
            ),
        ),
        migrations.AddField(
            model_name="countrystance",
            name="role",
            field=models.ForeignKey(
                blank=True,
                help_text="The office its actor held that day.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="positions.role",
                verbose_name="role",
            ),
        ),
        migrations.AddField(
            model_name="countrystance",
            name="stance",
            field=models.CharField(
                blank=True,
                db_default="",
                default="",
                help_text="Empty unless decided.",
                max_length=12,
                verbose_name="stance",
            ),
        ),
        migrations.AddField(
            model_name="countrystance",
            name="state",
            field=models.CharField(
                choices=[("decided", "decided"), ("mixed", "mixed"), ("reported", "reported only")],
                db_default="decided",
                default="decided",
                max_length=10,
                verbose_name="state",
            ),
        ),
        migrations.AddField(
            model_name="historicalposition",
            name="office_rank",
            field=models.PositiveSmallIntegerField(
                blank=True,
                editable=False,
                help_text="The rank of the office the actor spoke from that day (0 is the highest, see OfficeRank); empty for actors who never decide a country's stance.",
                null=True,
                verbose_name="office rank",
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="office_rank",
            field=models.PositiveSmallIntegerField(
                blank=True,
                editable=False,
                help_text="The rank of the office the actor spoke from that day (0 is the highest, see OfficeRank); empty for actors who never decide a country's stance.",
                null=True,
                verbose_name="office rank",
            ),
        ),
        migrations.RemoveIndex(
            model_name="monthstance",
            name="monthstance_topic_date_idx",
        ),
        migrations.AddIndex(
            model_name="monthstance",
            index=models.Index(fields=["topic", "month"], name="monthstance_topic_month_idx"),
        ),
        migrations.RunPython(weigh, migrations.RunPython.noop),
    ]
