"""Reading exports back in tests: bytes of a streamed response, CSV rows, JSON objects."""

import csv
import io
import json

from django.http import StreamingHttpResponse


def body(response) -> bytes:
    assert isinstance(response, StreamingHttpResponse), type(response)
    return b"".join(response.streaming_content)


def csv_rows(data: bytes, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def csv_dicts(data: bytes, delimiter: str = ",") -> list[dict]:
    header, *rows = csv_rows(data, delimiter)
    return [dict(zip(header, row)) for row in rows]


def json_rows(data: bytes) -> list[dict]:
    return json.loads(data.decode("utf-8"))
