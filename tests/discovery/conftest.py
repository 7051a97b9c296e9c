import pytest

from positions.choices import ActorKind
from tests.discovery.feed_server import running_feed_server
from tests.factories import ActorFactory, TopicFactory


@pytest.fixture
def feed_server(settings):
    # The test's own server is on loopback: only it is let through, and only here.
    settings.DISCOVERY_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.DISCOVERY_CONNECT_SECONDS = 2
    settings.DISCOVERY_READ_SECONDS = 1
    settings.DISCOVERY_FETCH_SECONDS = 3
    settings.DISCOVERY_MAX_FEED_BYTES = 64 * 1024
    with running_feed_server() as server:
        yield server


@pytest.fixture
def macron(db):
    TopicFactory(slug="combat-troops", name="Combat troops")
    TopicFactory(slug="reassurance-force", name="Reassurance force")
    return ActorFactory(
        name="Emmanuel Macron",
        name_uk="Емманюель Макрон",
        slug="emmanuel-macron",
        kind=ActorKind.OFFICIAL,
        country="FR",
    )
