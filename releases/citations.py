"""Citations a reference manager reads: BibTeX, RIS and CSL-JSON for a release, a position, a country, an actor.

Each is built from one `Citation`, so the three formats and the page's "Cite this" text say the same.
"""

import dataclasses
import datetime
import json
import re

PUBLISHER = "Troop Positions Tracker"
# BibTeX's special characters, each written so LaTeX prints it as itself.
BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
BIBTEX_SPECIAL = re.compile("|".join(re.escape(character) for character in BIBTEX_ESCAPES))
LINE_BREAKS = re.compile(r"[\r\n\t\u2028\u2029]+")


@dataclasses.dataclass(frozen=True)
class Citation:
    key: str  # the BibTeX key and CSL id: letters, digits, hyphens
    title: str
    url: str
    issued: datetime.date  # the release's date, or the day the live page is cited
    accessed: datetime.date
    version: str = ""  # the release number, where one applies
    is_dataset: bool = True  # a whole release; else one page of the data (a position, a country, an actor)


def one_line(value: str) -> str:
    return LINE_BREAKS.sub(" ", value).strip()


def bibtex_text(value: str) -> str:
    return BIBTEX_SPECIAL.sub(lambda match: BIBTEX_ESCAPES[match.group()], one_line(value))


def bibtex(citation: Citation) -> str:
    fields = [
        ("title", "{" + bibtex_text(citation.title) + "}"),
        ("author", "{" + bibtex_text(PUBLISHER) + "}"),
        ("publisher", bibtex_text(PUBLISHER)),
        ("year", str(citation.issued.year)),
        ("month", str(citation.issued.month)),
        ("url", citation.url.replace("{", "%7B").replace("}", "%7D")),
        ("urldate", citation.accessed.isoformat()),
    ]
    if citation.version:
        fields.append(("version", bibtex_text(citation.version)))
        fields.append(("note", f"Release {bibtex_text(citation.version)}"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    kind = "dataset" if citation.is_dataset else "misc"
    return f"@{kind}{{{citation.key},\n{body}\n}}\n"


def ris(citation: Citation) -> str:
    lines = [
        ("TY", "DATA" if citation.is_dataset else "ELEC"),
        ("TI", citation.title),
        ("AU", PUBLISHER),
        ("PB", PUBLISHER),
        ("PY", str(citation.issued.year)),
        ("DA", citation.issued.strftime("%Y/%m/%d")),
        ("UR", citation.url),
        ("Y2", citation.accessed.strftime("%Y/%m/%d")),
    ]
    if citation.version:
        lines.append(("ET", citation.version))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {one_line(value)}\r\n" for tag, value in lines)


def csl_json(citation: Citation) -> str:
    item = {
        "id": citation.key,
        "type": "dataset" if citation.is_dataset else "webpage",
        "title": one_line(citation.title),
        "author": [{"literal": PUBLISHER}],
        "publisher": PUBLISHER,
        "issued": {"date-parts": [[citation.issued.year, citation.issued.month, citation.issued.day]]},
        "accessed": {"date-parts": [[citation.accessed.year, citation.accessed.month, citation.accessed.day]]},
        "URL": citation.url,
    }
    if citation.version:
        item["version"] = citation.version
    if not citation.is_dataset:
        item["container-title"] = PUBLISHER
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


FORMATS = {
    "bib": (bibtex, "application/x-bibtex; charset=utf-8"),
    "ris": (ris, "application/x-research-info-systems; charset=utf-8"),
    "json": (csl_json, "application/vnd.citationstyles.csl+json; charset=utf-8"),
}
