"""Property-based fuzzing of every public URL and its query parameters: no input gives a server error.

Hypothesis sends random and hostile strings, huge numbers, unicode, SQL and HTML fragments,
broken percent-encoding, and repeated or missing parameters, both in the query string and in
path parameters. Each URL gets its explicit hostile examples and the Hypothesis profile's number
of random ones (tests/conftest.py: few in `make test`, many in `make fuzz`).
"""

from urllib.parse import urlencode

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.security.public_urls import QUERY_PARAMETERS, Route, public_routes, real_values

pytestmark = pytest.mark.fuzz
ROUTES = public_routes()

# Shows up unescaped in a page only if user input reaches HTML unescaped.
XSS_MARKER = "<script>tpt_xss()</script>"

HOSTILE = [
    "' OR '1'='1",
    "1; DROP TABLE positions_position; --",
    '" OR ""="',
    "%' AND 1=0 UNION SELECT username, password FROM auth_user --",
    XSS_MARKER,
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}{% debug %}",
    "${jndi:ldap://127.0.0.1/a}",
    "../../../../etc/passwd",
    "\x00",
    "a\x00b",
    "\r\nSet-Cookie: evil=1",
    "\u202egb",
    "İı",
    "Україна",
    "😀" * 50,
    "9" * 400,
    "-1",
    "0",
    "1e309",
    "NaN",
    "-9223372036854775809",
    "99999999999999999999999999",
    "0000-00-00",
    "2024-02-30",
    "9999-12-31",
    "0001-01-01",
    "10000-01-01",
    "2024-13-01",
    "",
    " ",
    "-",
    "--",
    "?",
    "&",
    "=",
    "%",
    "*",
    "x" * 10_000,
]
# Tried in each parameter on its own: no data, far past and future dates, overflow, markup.
EDGE_VALUES = ["\x00", "0001-01-01", "9999-12-31", "9" * 400, "-1", XSS_MARKER]
VALID_LOOKING = [
    "gb",
    "GB",
    "ua",
    "fr",
    "combat-troops",
    "reassurance-force",
    "keir-starmer",
    "supports",
    "rules_out",
    "commentary",
    "official",
    "state",
    "confirmed",
    "unverified",
    "2024-11-26",
    "2024-11",
    "2024",
    "date",
    "-date",
    "actor",
    "-country",
    "-stance",
    "relevance",
    "1",
    "2",
    "semicolon",
    "troops",
    "le-monde",
]

values = st.one_of(
    st.sampled_from(VALID_LOOKING),
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(lambda day: day.isoformat()),
)


def encode(known: dict[str, list[str]], unknown: list[tuple[str, str]], raw: str) -> str:
    pairs = [(name, value) for name, repeated in known.items() for value in repeated] + unknown
    return urlencode(pairs) + raw


# Each filter parameter is missing, given once or repeated; made-up names come along too.
query_strings = st.builds(
    encode,
    st.fixed_dictionaries({}, optional={name: st.lists(values, min_size=1, max_size=3) for name in QUERY_PARAMETERS}),
    st.lists(st.tuples(st.text(min_size=1, max_size=15), values), max_size=2),
    # Percent-encoding no browser would send, and empty or valueless parameters.
    st.sampled_from(["", "&%FF%FE=%C0%AF", "&&&", "&=", "&country", "&q=%00", "&page=%ZZ", "&sort=%E2%80"]),
)


def path_values(route: Route, converter: str, name: str):
    real = real_values(route, name)
    generated = {
        "int": st.integers(min_value=0, max_value=10**25).map(str),
        "slug": st.from_regex(r"\A[-a-zA-Z0-9_]{1,80}\Z"),
        "path": st.text(min_size=1, max_size=80),
    }.get(converter, st.text(min_size=1, max_size=40).filter(lambda s: "/" not in s))
    hostile = st.sampled_from([v for v in HOSTILE if v and "/" not in v])
    if converter in {"int", "slug"}:
        # Anything else would not match the route and only test the 404 page.
        hostile = st.nothing()
    return st.one_of(st.sampled_from(real), generated, hostile) if real else st.one_of(generated, hostile)


def assert_no_server_error(response, url: str) -> None:
    assert response.status_code < 500, f"GET {url} answered {response.status_code}"
    content_type = response.get("Content-Type", "")
    if ("html" in content_type or "xml" in content_type) and not response.streaming:
        assert XSS_MARKER not in response.content.decode("utf-8", "replace"), f"unescaped input in {url}"


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_no_input_gives_a_server_error(client, seeded_module, db, route):
    parameters = st.fixed_dictionaries(
        {name: path_values(route, converter, name) for converter, name in route.parameters}
    )

    # Besides the random examples: every filter parameter set to each hostile value at once, and
    # each parameter alone set to each edge value (alone, so no other invalid filter hides it).
    real_path = {name: (real_values(route, name) or ["1"])[0] for _, name in route.parameters}
    hostile_examples = [urlencode({name: value for name in QUERY_PARAMETERS}) for value in HOSTILE]
    hostile_examples += [urlencode({name: value}) for name in QUERY_PARAMETERS for value in EDGE_VALUES]

    @given(path=parameters, query=query_strings)
    def request_is_answered(path: dict, query: str) -> None:
        url = route.fill(path) + ("?" + query if query else "")
        response = client.get(url)
        assert_no_server_error(response, url)
        if response.streaming:
            # Streamed exports fail while streaming, so read them to the end.
            b"".join(response.streaming_content)

    for query in hostile_examples:
        request_is_answered = example(path=real_path, query=query)(request_is_answered)
    request_is_answered()
