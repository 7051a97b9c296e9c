"""The site's HTTP layer: middleware and admin plumbing shared by every app.

It points one way: the apps (positions, sources, contributions) may import it, it imports none
of them; what it needs from them is named in settings (DATA_VERSION)."""
