"""What discovery refuses before and after fetching: non-public addresses, other schemes, entities, non-feeds."""

import pytest

from discovery.fetching import FeedError, address_allowed, check_url
from discovery.parsing import parse
from discovery.similarity import near_identical


def test_no_address_is_allowed_by_default():
    from config import settings as production

    assert production.DISCOVERY_ALLOWED_NETWORKS == []


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "0.0.0.0",
        "::1",
        "fc00::1",
        "fe80::1",
        "224.0.0.1",
    ],
)
def test_private_loopback_link_local_and_reserved_addresses_are_refused(address, settings):
    settings.DISCOVERY_ALLOWED_NETWORKS = []
    assert not address_allowed(address)


def test_a_public_address_is_allowed(settings):
    settings.DISCOVERY_ALLOWED_NETWORKS = []
    assert address_allowed("8.8.8.8") and address_allowed("2001:4860:4860::8888")


def test_the_setting_allows_only_the_networks_it_names(settings):
    settings.DISCOVERY_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    assert address_allowed("127.0.0.1") and not address_allowed("127.0.0.2") and not address_allowed("10.0.0.1")


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/feed.xml",
        "http://[::1]:8000/feed",
        "https://169.254.169.254/latest/meta-data/",
        "ftp://example.org/feed",
        "file:///etc/passwd",
        "http:///feed",
    ],
)
def test_urls_to_other_schemes_or_private_addresses_are_refused_before_any_request(url, settings):
    settings.DISCOVERY_ALLOWED_NETWORKS = []
    with pytest.raises(FeedError):
        check_url(url)  # literal addresses: resolved without a network


@pytest.mark.parametrize(
    "body, message",
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "x">]><rss version="2.0"><channel>&e;</channel></rss>',
            "entities",
        ),
        (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><rss>&e;</rss>', "entities"),
        (b"<rss><channel>", "not well-formed"),
        (b"<html><body>hello</body></html>", "Not an RSS or Atom feed"),
    ],
)
def test_unsafe_or_broken_xml_is_refused(body, message):
    with pytest.raises(FeedError, match=message):
        parse(body)


def test_an_atom_feed_is_read_and_links_that_are_not_web_addresses_are_skipped():
    body = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ministry</title><id>urn:x</id><updated>2026-12-01T10:00:00Z</updated>
<entry><title>Statement &amp; more</title><id>urn:1</id><link href="https://example.org/a"/>
<updated>2026-12-01T10:00:00Z</updated><summary type="html">&lt;p&gt;The minister &lt;b&gt;spoke&lt;/b&gt;.&lt;/p&gt;</summary></entry>
<entry><title>Bad</title><id>urn:2</id><link href="javascript:alert(1)"/><updated>2026-12-01T10:00:00Z</updated></entry>
</feed>"""
    items = parse(body)
    assert [(item.title, item.text, item.link) for item in items] == [
        ("Statement & more", "The minister spoke.", "https://example.org/a")
    ]
    assert items[0].published.isoformat() == "2026-12-01T10:00:00+00:00"


def test_near_identical_words_are_recognised_and_different_words_are_not():
    said = "We are ready to put British troops on the ground in Ukraine if there is a peace deal."
    assert near_identical("Starmer: we are ready to put British troops on the ground in Ukraine.", [said])
    assert not near_identical("Poland will not send its soldiers to Ukraine, Tusk said on Monday.", [said])
