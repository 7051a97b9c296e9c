from django.utils.functional import SimpleLazyObject


def latest_release(request) -> dict:
    """The newest release, read only by a template that uses it (the embed dialog's "as of release")."""

    def newest():
        from releases.models import Release

        return Release.objects.only("number", "made_at").order_by("-made_at", "-id").first()

    return {"latest_release": SimpleLazyObject(newest)}
