"""The interface language is chosen by the address alone: `/uk/…` is Ukrainian, every other address English.

Neither the browser's Accept-Language nor a cookie changes it, so a shared link shows the
same page to everyone, and caches need not vary by request headers. The public pages are
mounted twice by `i18n_patterns(..., prefix_default_language=False)` in config/urls.py; the
admin, the health check and anything outside those patterns stay English.
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from django.utils.encoding import escape_uri_path
from django.utils.translation import get_language_info


class AddressLocaleMiddleware:
    """Activate the language named by the address's prefix, or the default language when there is none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Only for this request: the next one in this thread (or test) starts from the default again.
        with translation.override(language):
            response = self.get_response(request)
        # Not Vary: Accept-Language, since the answer never depends on it.
        response.headers.setdefault("Content-Language", language)
        return response


def path_in_language(path: str, language: str) -> str:
    """The same page's path in another language.

    translate_url knows the URLconf (the admin has no /uk/ twin); an address it cannot resolve,
    such as a 404's, has its prefix swapped by hand, which is exact as no path segment is translated.
    Such an address is anybody's: it is escaped (a backslash, a tab) and starts with one slash
    only, since `//evil.example/x` (or a backslash for the second slash) in a link leads to another site.
    """
    try:
        resolve(path)
    except Resolver404:
        current = translation.get_language_from_path(path)
        bare = "/" + escape_uri_path(path[len(current) + 1 :] if current else path).lstrip("/")
        return bare if language == settings.LANGUAGE_CODE else f"/{language}{bare}"
    return translate_url(path, language)


def languages(request: HttpRequest) -> dict:
    """Context: each language's link to the current page with its query string, for the switcher and hreflang."""
    try:
        request.get_host()
    except DisallowedHost:
        # The 400 page for a refused Host header: no absolute links can be built for it.
        return {}
    query = request.GET.urlencode() if request.GET else ""
    links = []
    for code, _name in settings.LANGUAGES:
        path = path_in_language(request.path, code)
        url = f"{path}?{query}" if query else path
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == translation.get_language(),
            }
        )
    return {"language_links": links, "default_language_link": links[0]}
