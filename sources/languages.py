"""Languages by name: sources record ISO 639-1 codes ("uk"), readers see names ("Ukrainian")."""

from django.utils.translation import get_language_info


def language_name(code: str) -> str:
    """The language's name in the reader's language, from Django's list; the code itself if Django does not know it."""
    if not code:
        return ""
    try:
        return str(get_language_info(code.strip().lower())["name_translated"])
    except KeyError:
        return code
