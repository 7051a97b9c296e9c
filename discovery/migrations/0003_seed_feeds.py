"""A starting set of real feeds of governments and newsrooms, all paused until an editor turns one on.

None of these addresses could be fetched from where this was written (no network to them);
docs/discovery.md lists which were seen in public lists of feeds and which are unchecked.
"""

from django.db import migrations

# (name, url, language, country)
FEEDS = [
    ("Kremlin — President of Russia, news", "http://en.kremlin.ru/events/president/news/feed", "en", "RU"),
    (
        "GOV.UK — Prime Minister's Office",
        "https://www.gov.uk/government/organisations/prime-ministers-office-10-downing-street.atom",
        "en",
        "GB",
    ),
    (
        "GOV.UK — Ministry of Defence",
        "https://www.gov.uk/government/organisations/ministry-of-defence.atom",
        "en",
        "GB",
    ),
    (
        "GOV.UK — Foreign, Commonwealth & Development Office",
        "https://www.gov.uk/government/organisations/foreign-commonwealth-development-office.atom",
        "en",
        "GB",
    ),
    ("The Guardian — Ukraine", "https://www.theguardian.com/world/ukraine/rss", "en", "GB"),
    ("BBC News — Europe", "https://feeds.bbci.co.uk/news/world/europe/rss.xml", "en", "GB"),
    ("Ukrainska Pravda (English)", "https://www.pravda.com.ua/eng/rss/", "en", "UA"),
    ("Ukrainska Pravda", "https://www.pravda.com.ua/rss/", "uk", "UA"),
    ("Ukrinform (English)", "https://www.ukrinform.net/rss/block-lastnews", "en", "UA"),
    ("Ukrinform", "https://www.ukrinform.ua/rss/block-lastnews", "uk", "UA"),
    ("UNIAN", "https://rss.unian.net/site/news_ukr.rss", "uk", "UA"),
    ("Kyiv Post", "https://www.kyivpost.com/feed", "en", "UA"),
    ("Euromaidan Press", "https://euromaidanpress.com/feed/", "en", "UA"),
    ("Le Monde — International", "https://www.lemonde.fr/international/rss_full.xml", "fr", "FR"),
    ("DW — all English news", "https://rss.dw.com/rdf/rss-en-all", "en", "DE"),
    ("tagesschau.de", "https://www.tagesschau.de/xml/rss2", "de", "DE"),
    ("NZZ — latest", "https://www.nzz.ch/recent.rss", "de", "CH"),
    ("Notes from Poland", "https://notesfrompoland.com/feed/", "en", "PL"),
    ("Rzeczpospolita", "https://www.rp.pl/rss_main", "pl", "PL"),
    ("TVN24 — latest", "https://tvn24.pl/najnowsze.xml", "pl", "PL"),
    ("Onet Wiadomości", "https://wiadomosci.onet.pl/.feed", "pl", "PL"),
    ("The Moscow Times", "https://www.themoscowtimes.com/rss/news", "en", "RU"),
    ("Meduza (English)", "https://meduza.io/rss/en/all", "en", "RU"),
]
NOTE = "Seeded paused; not fetched when it was added. Check it in a browser, then turn it on."


def seed(apps, schema_editor):
    WatchedFeed = apps.get_model("discovery", "WatchedFeed")
    for name, url, language, country in FEEDS:
        WatchedFeed.objects.get_or_create(
            url=url, defaults={"name": name, "language": language, "country": country, "active": False, "note": NOTE}
        )


def unseed(apps, schema_editor):
    apps.get_model("discovery", "WatchedFeed").objects.filter(
        url__in=[url for _n, url, _l, _c in FEEDS], note=NOTE
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("discovery", "0002_permissions")]

    # Unapplying leaves the rows: editors may have changed them, and 0001 drops the table anyway.
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
