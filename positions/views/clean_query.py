"""Lists submitted with empty fields land on their clean address, with or without JavaScript.

A filter form sends every field, so "?q=Lamy&topic=&stance=" is what a browser asks for; the
reader should land on (and share, and cite) "?q=Lamy". The redirect is a plain 302 on the server.
"""

from functools import wraps

from django.http import HttpResponseRedirect


def drop_empty_parameters(view):
    """Redirect (302) to the same address without its empty parameters, when it has any."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        kept = [(name, value) for name, values in request.GET.lists() for value in values if value.strip()]
        if len(kept) < sum(len(values) for _name, values in request.GET.lists()):
            query = request.GET.copy()
            query.clear()
            for name, value in kept:
                query.appendlist(name, value)
            encoded = query.urlencode()
            return HttpResponseRedirect(f"{request.path}?{encoded}" if encoded else request.path)
        return view(request, *args, **kwargs)

    return wrapper
