"""What a release's files mean, for programs (datapackage.json) and for people (codebook.md).

The columns are the exchange format's (positions/exchange/format.py); this module says only what
each one holds. A test fails when the format gains a column this module does not describe.
"""

import json

from django.utils import translation

from positions.choices import ActorKind, OfficeRank, Stance
from positions.definitions import (
    ATTRIBUTION_DEFINITIONS,
    STANCE_DEFINITIONS,
    TRANSLATION_DEFINITIONS,
    VERIFICATION_DEFINITIONS,
)
from positions.exchange.format import COLUMNS
from positions.stance_rule import CellState
from sources.dates import DatePrecision
from sources.models import Attribution, Translation, Verification

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
TITLE = "Troop Positions Tracker"
DESCRIPTION = (
    "Who has said what about sending foreign troops to Ukraine: stated positions of governments, officials, "
    "parliaments, parties, organisations and analysts, each with a dated quote and its source."
)


def _enum(choices) -> dict:
    return {"enum": list(choices.values)}


# Each column: its Table Schema type and format ("default" for a date: ISO 8601, YYYY-MM-DD), its
# constraints, and what it means.
FIELDS = {
    "id": ("integer", None, {"required": True, "unique": True}, "The position's number; its page is /positions/<id>/."),
    "stated_on": (
        "date",
        "default",
        {"required": True},
        "When the actor said it, to the precision in date_precision (a month or a year is given as its first day).",
    ),
    "date_precision": (
        "string",
        None,
        {"required": True, **_enum(DatePrecision)},
        "How much of stated_on is known: the day, the month or only the year.",
    ),
    "actor": ("string", None, {"required": True}, "Who took the position, by name."),
    "actor_slug": (
        "string",
        None,
        {"required": True, "pattern": "[-a-zA-Z0-9_]+"},
        "The actor's key; their page is /actors/<actor_slug>/.",
    ),
    "actor_kind": (
        "string",
        None,
        {"required": True, **_enum(ActorKind)},
        "What kind of actor: a state, an official, a legislature, an organisation, an analyst or a party.",
    ),
    "country": (
        "string",
        None,
        {"pattern": "[A-Z]{2}"},
        "The actor's country as an ISO 3166-1 alpha-2 code; empty for international organisations and their officials.",
    ),
    "role": ("string", None, {}, "The office the actor held on the day, if any."),
    "topic": (
        "string",
        None,
        {"required": True},
        "What the position is about, by the topic's key (e.g. combat-troops).",
    ),
    "stance": (
        "string",
        None,
        {"required": True, **_enum(Stance)},
        "Where the actor stands; see the stance definitions in the codebook.",
    ),
    "conditions": (
        "string",
        None,
        {},
        "Conditions the actor set, in the editors' words (e.g. only after a ceasefire).",
    ),
    "summary": ("string", None, {}, "The position in one or two sentences, in the editors' words."),
    "quote": (
        "string",
        None,
        {"required": True},
        "The quote in English, as said or translated (see quote_translation).",
    ),
    "quote_original": ("string", None, {}, "The quote in the language it was said in, when that was not English."),
    "quote_language": ("string", None, {}, "The language of quote_original, as a language code (e.g. fr)."),
    "verification": (
        "string",
        None,
        {"required": True, **_enum(Verification)},
        "What an editor checked; see the verification definitions in the codebook.",
    ),
    "source_title": ("string", None, {}, "The title of the source the quote is from."),
    "source_url": ("string", "uri", {}, "Where the source was published."),
    "outlet": ("string", None, {"required": True}, "Who published the source."),
    "published_on": ("date", "default", {}, "When the source was published, to the precision in published_precision."),
    "published_precision": ("string", None, {**_enum(DatePrecision)}, "How much of published_on is known."),
    "archive_url": ("string", "uri", {}, "An archived copy of the source."),
    "quote_translation": (
        "string",
        None,
        {**_enum(Translation)},
        "Whether quote is the words as said, a human translation or a machine translation.",
    ),
    "attribution": (
        "string",
        None,
        {**_enum(Attribution)},
        "How the words reached us; see the attribution definitions in the codebook.",
    ),
    "date_evidence": (
        "string",
        None,
        {},
        "Where the day comes from when the source gives only the month or year, or why the date is less precise than it seems.",
    ),
    "page_url": ("string", None, {}, "The position's page on the tracker (informational; never read on import)."),
}

CHANGE_FIELDS = {
    "change": (
        "string",
        None,
        {"required": True, "enum": ["added", "removed", "changed"]},
        "What happened to the position since the previous release.",
    ),
    "id": ("integer", None, {"required": True}, "The position's number."),
    "country": (
        "string",
        None,
        {"pattern": "[A-Z]{2}"},
        "The actor's country (in this release, or in the previous one for a removed position).",
    ),
    "actor": ("string", None, {}, "The actor's name."),
    "field": ("string", None, {}, "For a changed position: the column that changed."),
    "old": ("string", None, {}, "For a changed position: the column's value in the previous release."),
    "new": ("string", None, {}, "For a changed position: the column's value in this release."),
}

OFFICE_FIELDS = {
    "id": ("integer", None, {"required": True, "unique": True}, "The position's number, as in positions.csv."),
    "office_rank": (
        "string",
        None,
        {**_enum(OfficeRank)},
        "The office the actor spoke from that day, from the highest (head) to the lowest (other); empty for "
        "actors whose words never decide a country's stance (analysts, organisations). The stance rule in the "
        "codebook reads it.",
    ),
}

STANCE_FIELDS = {
    "country": (
        "string",
        None,
        {"required": True, "pattern": "[A-Z]{2}"},
        "The country, as an ISO 3166-1 alpha-2 code.",
    ),
    "topic": ("string", None, {"required": True}, "The topic's key, as in positions.csv."),
    "state": (
        "string",
        None,
        {"required": True, **_enum(CellState)},
        "decided: the stance below decides; mixed: offices of the same rank took different sides within 30 days; "
        "reported: nothing on the record, only reports.",
    ),
    "stance": (
        "string",
        None,
        {**_enum(Stance)},
        "The country's stance on the topic; empty when mixed or reported only.",
    ),
    "statements": ("integer", None, {"required": True}, "The country's statements on the topic that can count."),
    "reported": ("integer", None, {"required": True}, "Of them, paraphrases and reports citing unnamed sources."),
    "dissent_count": ("integer", None, {"required": True}, "Statements of the country taking another side."),
    "position_id": (
        "integer",
        None,
        {"required": True},
        "The statement the cell shows (positions.csv's id): the deciding one, or the newest of a mix or report.",
    ),
    "position_stance": ("string", None, {"required": True, **_enum(Stance)}, "That statement's own stance."),
    "stated_on": ("date", "default", {"required": True}, "That statement's date."),
    "date_precision": ("string", None, {"required": True, **_enum(DatePrecision)}, "How much of stated_on is known."),
    "verification": ("string", None, {"required": True, **_enum(Verification)}, "That statement's verification."),
    "actor_slug": ("string", None, {"required": True}, "Who made that statement, by key (actors.csv names them)."),
}

TOPIC_FIELDS = {
    "topic": ("string", None, {"required": True, "unique": True}, "The topic's key, as in positions.csv."),
    "name": ("string", None, {"required": True}, "The topic's name in English."),
    "name_uk": ("string", None, {}, "The topic's name in Ukrainian, where given."),
    "order": ("integer", None, {"required": True}, "Where the topic stands among the columns of the site's matrix."),
}

ACTOR_FIELDS = {
    "actor_slug": ("string", None, {"required": True, "unique": True}, "The actor's key, as in positions.csv."),
    "name": ("string", None, {"required": True}, "The actor's name in English, as in positions.csv."),
    "name_uk": ("string", None, {}, "The actor's name in Ukrainian, where given."),
}


def table_schema(fields: dict, primary_key: str | None = None) -> dict:
    schema_fields = []
    for name, (kind, fmt, constraints, meaning) in fields.items():
        field = {"name": name, "type": kind, "description": meaning}
        if fmt:
            field["format"] = fmt
        if constraints:
            field["constraints"] = constraints
        schema_fields.append(field)
    schema = {"fields": schema_fields, "missingValues": [""]}
    if primary_key:
        schema["primaryKey"] = [primary_key]
    return schema


def csv_resource(name: str, path: str, title: str, schema: dict, entry: dict) -> dict:
    return {
        "name": name,
        "path": path,
        "title": title,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": entry["bytes"],
        "hash": f"sha256:{entry['sha256']}",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True},
        "schema": schema,
    }


def other_resource(name: str, path: str, title: str, fmt: str, mediatype: str, entry: dict) -> dict:
    return {
        "name": name,
        "path": path,
        "title": title,
        "format": fmt,
        "mediatype": mediatype,
        "bytes": entry["bytes"],
        "hash": f"sha256:{entry['sha256']}",
    }


def datapackage(number: str, made_at, site_url: str, entries: dict[str, dict], contributors: list[str]) -> bytes:
    """The release's datapackage.json (Frictionless Data Package v1, read by frictionless and dataset tools).

    The CSV files are tabular resources with their schemas, so `frictionless validate` checks every
    cell; the JSON and Excel copies hold the same rows and are listed with their sizes and hashes.
    """
    resources = [
        csv_resource("positions", "positions.csv", "Positions", table_schema(FIELDS, "id"), entries["positions.csv"]),
        csv_resource(
            "changes",
            "changes.csv",
            "Changes since the previous release",
            table_schema(CHANGE_FIELDS),
            entries["changes.csv"],
        ),
    ]
    offices = table_schema(OFFICE_FIELDS, "id")
    offices["foreignKeys"] = [{"fields": ["id"], "reference": {"resource": "positions", "fields": ["id"]}}]
    resources += [
        csv_resource("offices", "offices.csv", "Each position's office rank", offices, entries["offices.csv"]),
        csv_resource(
            "stances",
            "stances.csv",
            "Each country's stance per topic, by the rule in the codebook",
            table_schema(STANCE_FIELDS),
            entries["stances.csv"],
        ),
        csv_resource("topics", "topics.csv", "Topics", table_schema(TOPIC_FIELDS, "topic"), entries["topics.csv"]),
        csv_resource(
            "actors", "actors.csv", "Actors' names", table_schema(ACTOR_FIELDS, "actor_slug"), entries["actors.csv"]
        ),
    ]
    for name, title, fmt, mediatype in (
        ("positions.json", "Positions (JSON: an array of objects with the CSV's columns)", "json", "application/json"),
        (
            "positions.xlsx",
            "Positions (Excel workbook with the CSV's columns)",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("changes.json", "Changes since the previous release (JSON)", "json", "application/json"),
        ("codebook.md", "Codebook: what each column and value means", "md", "text/markdown"),
    ):
        resources.append(other_resource(name.replace(".", "-"), name, title, fmt, mediatype, entries[name]))
    package = {
        "profile": "data-package",
        "name": "troop-positions",
        "title": f"{TITLE}, release {number}",
        "description": DESCRIPTION,
        "version": number,
        "created": made_at.isoformat(timespec="seconds"),
        "homepage": site_url + f"/data/{number}/",
        "licenses": [LICENCE],
        "sources": [
            {"title": "Published statements, with each quote's source in source_url", "path": site_url + "/positions/"}
        ],
        "contributors": [{"title": TITLE, "role": "publisher", "path": site_url + "/"}]
        + [{"title": name, "role": "contributor"} for name in contributors],
        "keywords": ["Ukraine", "troops", "foreign policy", "statements"],
        "resources": resources,
    }
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode()


def column_lines(fields: dict) -> list[str]:
    """The codebook's line for each column: its name, type, meaning and allowed values."""
    lines = []
    for name, (kind, _fmt, constraints, meaning) in fields.items():
        allowed = f" Allowed values: {', '.join(constraints['enum'])}." if "enum" in constraints else ""
        lines.append(f"- `{name}` ({kind}): {meaning}{allowed}")
    return lines


def codebook(number: str, made_at) -> bytes:
    """The codebook as Markdown, in English: the columns, and the definitions /about/ gave at this release."""
    with translation.override("en"):
        lines = [
            f"# {TITLE} — codebook for release {number}",
            "",
            f"Made {made_at:%Y-%m-%d %H:%M} UTC. {DESCRIPTION}",
            "",
        ]
        lines += ["## Columns (positions.csv, positions.json, positions.xlsx)", ""]
        lines += column_lines({name: FIELDS[name] for name in COLUMNS})
        lines += ["", "## Columns (offices.csv)", "", *column_lines(OFFICE_FIELDS)]
        lines += ["", "## Columns (stances.csv)", "", *column_lines(STANCE_FIELDS)]
        lines += ["", "## Columns (topics.csv)", "", *column_lines(TOPIC_FIELDS)]
        lines += ["", "## Columns (actors.csv)", "", *column_lines(ACTOR_FIELDS)]
        for heading, definitions in (
            ("Stances", {key: text for key, text in STANCE_DEFINITIONS.items()}),
            ("Verification", VERIFICATION_DEFINITIONS),
            ("Attribution", ATTRIBUTION_DEFINITIONS),
            ("Quote translation", {key: pair[1] for key, pair in TRANSLATION_DEFINITIONS.items()}),
            (
                "Date precision",
                {
                    "day": "The day is known.",
                    "month": "Only the month is known; the date is given as the month's first day.",
                    "year": "Only the year is known; the date is given as 1 January.",
                },
            ),
        ):
            lines += ["", f"## {heading}", ""]
            lines += [f"- `{key}`: {text}" for key, text in definitions.items()]
        lines += [
            "",
            "## Licence",
            "",
            "CC BY 4.0: reuse freely, crediting the Troop Positions Tracker and the release number.",
            "",
        ]
    return "\n".join(lines).encode()
