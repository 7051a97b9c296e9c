"""generate_data's quotes survive our own export and import: one quote per source, words and date."""

import collections
import io

import pytest
from django.core.management import call_command

from positions.demo.profile import POSITION_COLUMNS, QUOTE_COLUMNS
from positions.demo.seed import TOPICS
from positions.demo.synthetic import SyntheticData
from positions.exchange.importer import import_file
from tests.exchange.helpers import body

TEXT, SAID_ON, SOURCE, VERIFICATION = (
    QUOTE_COLUMNS.index(name) for name in ("text", "said_on", "source_id", "verification")
)
QUOTE, POSITION_VERIFICATION = POSITION_COLUMNS.index("quote_id"), POSITION_COLUMNS.index("verification")


def statements(positions: int, seed: int) -> tuple[list[tuple], list[tuple]]:
    """The quotes and positions generate_data would write, drawn without a database."""
    tables = ("actor", "role", "outlet", "source", "quote", "position")
    topic_ids = {slug: number for number, (slug, *_rest) in enumerate(TOPICS, start=1)}
    data = SyntheticData(seed, positions, dict.fromkeys(tables, 1), topic_ids, set())
    data.actor_rows()
    _outlet_rows, outlets = data.outlet_rows()
    for _source in data.source_rows(outlets):
        pass
    quotes, position_rows = [], []
    for chunk_quotes, chunk_positions in data.statement_chunks():
        quotes += chunk_quotes
        position_rows += chunk_positions
    return quotes, position_rows


# At this size the words, source and date of two quotes met several times before each quote was made distinct.
@pytest.mark.parametrize("seed", [1, 2])
def test_no_two_quotes_share_source_words_and_date_so_an_export_imports_back(seed):
    quotes, positions = statements(40_000, seed)

    keys = collections.Counter((quote[SOURCE], quote[TEXT], quote[SAID_ON]) for quote in quotes)
    assert [key for key, count in keys.items() if count > 1] == []
    # Positions of one quote carry the quote's verification.
    verification = {quote[0]: quote[VERIFICATION] for quote in quotes}
    assert all(position[POSITION_VERIFICATION] == verification[position[QUOTE]] for position in positions)


@pytest.mark.django_db
def test_our_export_of_generated_data_imports_back_creating_and_changing_nothing(client):
    call_command("generate_data", positions=1500, seed=4, stdout=io.StringIO())

    report = import_file(body(client.get("/positions/export.csv")), "export.csv")

    assert report.ok, report.lines()[:5]
    assert report.changes == []
