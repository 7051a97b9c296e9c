from django.utils.functional import SimpleLazyObject

# How many releases the embed dialog offers, newest first; /data/ lists them all.
EMBED_CHOICES = 12


def latest_release(request) -> dict:
    """The newest releases, read only by a template that uses them (the embed dialog's "as of release X")."""

    def newest():
        from releases.models import Release

        return list(Release.objects.only("number", "made_at", "files").order_by("-made_at", "-id")[:EMBED_CHOICES])

    return {"embed_releases": SimpleLazyObject(newest)}
