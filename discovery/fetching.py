"""Fetching a feed over HTTP, carefully: public addresses only, bounded in time and size, conditional.

Feed URLs are typed by editors and redirects are chosen by the feed's server, so every hop is
checked before it is requested: http or https, and a host that resolves only to public
addresses (loopback, private, link-local and reserved ranges are refused unless
DISCOVERY_ALLOWED_NETWORKS names them, which only the tests do). Redirects are followed by hand,
a few at most. The body is read in chunks and abandoned past DISCOVERY_MAX_FEED_BYTES (after
decompression) or DISCOVERY_FETCH_SECONDS.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings


class FeedError(Exception):
    """Why a feed could not be read; recorded on the feed, and the run goes on."""


@dataclass
class Fetched:
    url: str
    body: bytes | None  # None: not modified since the last run
    etag: str = ""
    last_modified: str = ""


def address_allowed(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if any(ip in ipaddress.ip_network(network) for network in settings.DISCOVERY_ALLOWED_NETWORKS):
        return True
    return ip.is_global and not ip.is_multicast


def check_url(url: str) -> None:
    """Refuse a URL that is not http(s) or whose host resolves to a non-public address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedError(f"Not an http or https address: {url[:200]}")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)}
    except (OSError, ValueError) as error:
        raise FeedError(f"Cannot resolve {parts.hostname}: {error}") from error
    refused = sorted(address for address in addresses if not address_allowed(address))
    if refused:
        raise FeedError(f"{parts.hostname} resolves to a private or reserved address ({', '.join(refused)}); refused")


def read_body(response: requests.Response, deadline: float) -> bytes:
    limit = settings.DISCOVERY_MAX_FEED_BYTES
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FeedError(f"The feed is larger than {limit} bytes ({declared} declared); refused")
    body = bytearray()
    for chunk in response.iter_content(chunk_size=64 * 1024):
        body += chunk
        if len(body) > limit:
            raise FeedError(f"The feed is larger than {limit} bytes; stopped reading")
        if time.monotonic() > deadline:
            raise FeedError(f"The feed took longer than {settings.DISCOVERY_FETCH_SECONDS} seconds; stopped reading")
    return bytes(body)


def fetch(url: str, etag: str = "", last_modified: str = "") -> Fetched:
    """The feed's body, or body=None when the server says it has not changed (304)."""
    headers = {
        "User-Agent": settings.DISCOVERY_USER_AGENT,
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + settings.DISCOVERY_FETCH_SECONDS
    timeout = (settings.DISCOVERY_CONNECT_SECONDS, settings.DISCOVERY_READ_SECONDS)
    with requests.Session() as session:
        session.trust_env = False  # no proxies or credentials from the environment
        for _hop in range(settings.DISCOVERY_MAX_REDIRECTS + 1):
            check_url(url)
            try:
                with session.get(url, headers=headers, timeout=timeout, allow_redirects=False, stream=True) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("Location", ""))
                        continue
                    if response.status_code == 304:
                        return Fetched(url, None, etag, last_modified)
                    if response.status_code != 200:
                        raise FeedError(f"HTTP {response.status_code} from {url[:200]}")
                    body = read_body(response, deadline)
                    return Fetched(
                        url,
                        body,
                        response.headers.get("ETag", "")[:500],
                        response.headers.get("Last-Modified", "")[:100],
                    )
            except requests.Timeout as error:
                raise FeedError(f"Timed out reading {url[:200]}") from error
            except requests.RequestException as error:
                raise FeedError(f"Could not fetch {url[:200]}: {type(error).__name__}") from error
    raise FeedError(f"More than {settings.DISCOVERY_MAX_REDIRECTS} redirects; stopped")
