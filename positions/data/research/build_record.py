"""Build the reference record from the verified research files.

Writes, from the corrected research files (see apply_verification.py) and the
checkers' blind second coding (verified-*.csv beside this file):

- positions/data/research/codings.csv: both codings of every kept row, with
  the settled stance and how it was settled (step 2 of the verification pass);
- positions/data/record.csv: the record in the exchange format
  (docs/exchange-format.md, every column, `id` blank);
- positions/data/record_codings.csv: the codings keyed by the record's natural
  key (actor_slug, topic, stated_on, source_url).

Run from the repository root: .venv/bin/python positions/data/research/build_record.py
"""

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[3]))

from apply_verification import corrected  # noqa: E402

from positions.exchange.format import COLUMNS  # noqa: E402

HERE = Path(__file__).parent
OUT = Path("positions/data")

# The exchange format's own columns (positions/exchange/format.py), all of them.
# page_url is informational (each position's page on a running tracker): a record file has none.
EXCHANGE_COLUMNS = [column for column in COLUMNS if column != "page_url"]

# Where a statement is dated to the day but its page only to the month or year, where the day
# comes from: the researcher's note of what the page says (statements-*.csv, coding_note), which
# the importer requires (docs/exchange-format.md, date_evidence). Keyed by actor and date.
DATE_EVIDENCE = {
    ("kyriakos-mitsotakis", "2024-02-26"): (
        "Researcher's note of the page: he spoke after Macron's Paris conference, on Monday afternoon "
        "(26 Feb 2024); the page prints no date of its own."
    ),
    ("jake-sullivan", "2024-06-05"): (
        "Researcher's note of the page: said on 5 June en route to the D-Day anniversary in France, the "
        "year from the page's context (Syrskyi's remarks of 27 May 2024); the page shows no publication date."
    ),
    ("richard-marles", "2024-12-17"): (
        "Researcher's note of the page: a press conference in London on 17 December (2024, the AUKMIN "
        "meeting); the page shows no publication date."
    ),
    ("dick-schoof", "2025-02-15"): (
        "Researcher's note of the page: said on Saturday on the sidelines of the Munich Security "
        "Conference (15 Feb 2025); the page is dated by its URL's month."
    ),
    ("ilie-bolojan", "2025-03-06"): (
        "Researcher's note of the page: said after the special European Council of 6 March 2025; the "
        "page is dated by its URL's month."
    ),
    ("emmanuel-macron", "2025-03-27"): (
        "Researcher's note of the page: the press conference after the March 27 coalition-of-the-willing "
        "summit the page names; the page (an RFE/RL mirror) shows no publication date."
    ),
    ("steve-witkoff", "2025-08-17"): (
        "Researcher's note of the page: said on CNN's State of the Union, 17 August 2025; the page shows "
        "no publication date."
    ),
    ("donald-trump", "2025-08-18"): (
        "Researcher's note of the page: the White House meeting on Monday 18 August 2025 (the page "
        "mentions the 15 August Alaska meeting); the page shows no publication date."
    ),
    ("hakan-fidan", "2026-01-06"): (
        "Researcher's note of the page: said late on Tuesday at the Turkish Embassy in Paris after the "
        "coalition summit (6 Jan 2026); the page shows no date of its own."
    ),
}


def dated_roles():
    """(actor_slug, title) -> [(start, end)] of the offices record_actors.csv dates."""
    roles = {}
    with open(OUT / "record_actors.csv", encoding="utf-8", newline="") as f:
        for actor in csv.DictReader(f):
            for role in filter(None, actor["roles"].split(";")):
                title, start, end = role.split("|")
                roles.setdefault((actor["actor_slug"], title), []).append((start, end or "9999-12-31"))
    return roles


def role_on_date(row, title, roles):
    """The role's title, or blank where the statement's date (only as precise as its page) falls
    before the office the actor is known to have held: the importer would refuse the row, and
    the role held that day is not known."""
    periods = roles.get((row["actor_slug"], title))
    if periods and not any(start <= row["stated_on"] <= end for start, end in periods):
        print("role left blank, date before the office:", row["actor_slug"], row["stated_on"], title)
        return ""
    return title


# The seed article's actors (positions/demo/seed.py) hold these offices under the seed's titles;
# the record uses the same titles so that loading both gives each office once.
SEED_ROLE_TITLES = {
    ("emmanuel-macron", "President of France"): "President of the French Republic",
    ("david-lammy", "Foreign Secretary of the United Kingdom"): "Foreign Secretary",
}

# Where the researcher's coding (coding_1) and the checker's blind coding
# (coding_2) differ, the stance settled by the definitions in
# positions/data/research/BRIEF-research.md; the less categorical value when in doubt.
SETTLED = {
    ("west", 21): (
        "undecided",
        "'completely premature ... wrong time to have this discussion' refuses the question; "
        "no stance on troops as such: undecided (less categorical than opposes)",
    ),
    ("west", 26): (
        "open",
        "makes European guarantees conditional on a US backup not yet given; prescribes, not merely describes: open",
    ),
    ("west", 29): (
        "open",
        "'This could also include the deployment of European forces' is hedged: open rather than supports",
    ),
    ("west", 63): (
        "open",
        "'We are prepared' but tied to a ceasefire and to talks with parliament still to come; "
        "in doubt the less categorical: open",
    ),
    ("west", 65): (
        "rules_out",
        "'there will be no German soldiers on Ukrainian soil' is the definition's own example; "
        "'as long as the war is not over' is the topic's scope (combat troops during the war)",
    ),
    ("west", 70): (
        "open",
        "'could perhaps include troops' is hedged: open rather than supports",
    ),
    ("west", 77): (
        "open",
        "procedural: a deployment only after a peace deal and subject to a Commons vote; "
        "in doubt the less categorical: open",
    ),
    ("west", 79): (
        "opposes",
        "outlet's paraphrase 'denied the U.S. could have non-combat participation' has no "
        "'never'; in doubt the less categorical: opposes",
    ),
    ("west", 80): (
        "undecided",
        "his own words only set the present focus ('Our focus right now ...') while the page "
        "lead says he ruled peacekeepers out: mixed signals, undecided",
    ),
    ("west", 87): (
        "open",
        "'ready to participate' only once a ceasefire is decided, with a mandate, contribution "
        "still to be set: conditions not yet met, open",
    ),
    ("west", 95): (
        "open",
        "the US president promises 'a lot of help' to a European-led force without naming "
        "troops: his own side's position, not commentary; open",
    ),
    ("west", 96): (
        "open",
        "'Europe will be first in' with US help (page context): the US president's position on "
        "the force, not commentary; US troops neither offered nor excluded: open",
    ),
    ("west", 104): (
        "open",
        "the motion asks the cabinet for a 'constructive position' on participation: not yet a commitment, open",
    ),
    ("east", 12): (
        "open",
        "'in principle, ready' if a European presence 'becomes necessary': conditional, in "
        "doubt the less categorical: open",
    ),
    ("east", 34): (
        "open",
        "page paraphrase 'prepared to participate ... if a potential peace agreement is "
        "reached': condition not met, open",
    ),
    ("east", 40): (
        "opposes",
        "the office's statement refuses consent now and gives reasons, without a permanent "
        "exclusion in the quoted words: opposes",
    ),
    ("east", 56): (
        "open",
        "'should not be excluded' takes a side and matches the definition of open "
        "('nothing should be ruled out'); an analyst's actor_kind does not make it commentary",
    ),
    ("east", 57): (
        "supports",
        "'Europeans should deploy several divisions ... right now' argues for sending troops: "
        "supports (actor_kind analyst keeps it apart from governments)",
    ),
    ("east", 83): (
        "opposes",
        "topic is a mandated peacekeeping mission; he rejects forces without a UN Security "
        "Council mandate and leaves that route open: opposes, not rules_out",
    ),
    ("east", 84): (
        "undecided",
        "page paraphrase: the idea 'should be discussed at the talks', no willingness shown and no decision: undecided",
    ),
    ("east", 98): (
        "opposes",
        "'certainly is not preparing to send' is about now, without 'never': opposes",
    ),
}

# One spelling of a role across both files.
ROLE_NAMES = {
    "Foreign Secretary": "Foreign Secretary of the United Kingdom",
    "Prime Minister's Official Spokesperson": "Prime Minister's Official Spokesperson (United Kingdom)",
    "Spokesperson of the US State Department": "Spokesperson of the United States Department of State",
    "Spokesperson of the US National Security Council": "Spokesperson of the United States National Security Council",
    "Spokeswoman of the Russian Foreign Ministry": "Spokeswoman of the Ministry of Foreign Affairs of Russia",
    "US Special Envoy": "Special Envoy of the United States",
    "US Special Envoy for Ukraine": "Special Envoy of the United States for Ukraine",
}

# An actor has one country in the exchange format; Kaja Kallas speaks in the
# record mostly as the EU's High Representative (blank, like other EU officials).
ACTOR_COUNTRY = {"kaja-kallas": ""}


# Rows added after the verification pass (statements-added.csv) were gathered
# and coded by one engineer in two passes, the second with the first coding
# hidden (added-codings.csv); no independent checker saw them.
ADDED = Path(__file__).parent / "statements-added.csv"
ADDED_CODINGS = Path(__file__).parent / "added-codings.csv"


def stance_2(region):
    path = ADDED_CODINGS if region == "added" else HERE / f"verified-{region}.csv"
    with open(path, encoding="utf-8") as f:
        return {int(v["row"]): v["stance_2"] for v in csv.DictReader(f)}


def added_rows():
    with open(ADDED, encoding="utf-8", newline="") as f:
        return list(enumerate(csv.DictReader(f), start=1))


def kept_rows():
    """Yield (region, original_row, row, coding_2) for every kept research row."""
    for region in ("west", "east", "added"):
        second = stance_2(region)
        kept = added_rows() if region == "added" else corrected(region)[1]
        for number, row in kept:
            yield region, number, row, second[number]


def settle(region, number, coding_1, coding_2):
    if coding_1 == coding_2:
        if region == "added":
            return coding_1, "agreed (one engineer, two passes)"
        return coding_1, "agreed"
    stance, why = SETTLED[(region, number)]
    if stance not in (coding_1, coding_2):
        raise ValueError(f"{region} {number}: settled value is neither coding")
    return stance, "definition: " + why


def write_csv(path, columns, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main():
    codings, record = [], []
    seen = set()
    roles = dated_roles()
    for region, number, row, coding_2 in kept_rows():
        settled, how = settle(region, number, row["stance"], coding_2)
        codings.append(
            {
                "file": region,
                "row": number,
                "coding_1": row["stance"],
                "coding_2": coding_2,
                "settled": settled,
                "how_settled": how,
            }
        )
        key = (row["actor_slug"], row["topic"], row["stated_on"], row["quote"])
        if key in seen:
            print("duplicate dropped:", region, number, key[:3])
            continue
        seen.add(key)
        out = {column: row.get(column, "") for column in EXCHANGE_COLUMNS}
        out["id"] = ""
        out["stance"] = settled
        role = ROLE_NAMES.get(row["role"], row["role"])
        out["role"] = role_on_date(row, SEED_ROLE_TITLES.get((row["actor_slug"], role), role), roles)
        out["date_evidence"] = DATE_EVIDENCE.get((row["actor_slug"], row["stated_on"]), "")
        out["country"] = ACTOR_COUNTRY.get(row["actor_slug"], row["country"])
        out["_codings"] = (row["stance"], coding_2, settled, how)
        record.append(out)

    write_csv(
        Path(__file__).parent / "codings.csv",
        ["file", "row", "coding_1", "coding_2", "settled", "how_settled"],
        codings,
    )

    record.sort(key=lambda r: (r["stated_on"], r["actor_slug"]))
    write_csv(OUT / "record.csv", EXCHANGE_COLUMNS, ({k: r[k] for k in EXCHANGE_COLUMNS} for r in record))
    write_csv(
        OUT / "record_codings.csv",
        ["actor_slug", "topic", "stated_on", "source_url", "coding_1", "coding_2", "settled", "how_settled"],
        (
            dict(
                zip(
                    [
                        "actor_slug",
                        "topic",
                        "stated_on",
                        "source_url",
                        "coding_1",
                        "coding_2",
                        "settled",
                        "how_settled",
                    ],
                    (r["actor_slug"], r["topic"], r["stated_on"], r["source_url"], *r["_codings"]),
                )
            )
            for r in record
        ),
    )
    print("codings", len(codings), "record", len(record))


if __name__ == "__main__":
    main()
