"""Who must authorise sending troops abroad or admitting foreign troops, by country and scope."""

from itertools import groupby

from django.shortcuts import render
from django.views.decorators.http import require_safe

from positions.choices import Requirement
from positions.country_codes import in_address
from positions.models import AuthorisationBody


@require_safe
def authorisation_list(request):
    # Within a scope, who decides first, then who must approve, be consulted or be told.
    rank = {value: index for index, value in enumerate(Requirement.values)}
    bodies = sorted(
        AuthorisationBody.objects.all(),
        key=lambda body: (body.country.name, body.scope, rank.get(body.requirement, len(rank)), body.name),
    )
    groups = [
        {
            "country": country,
            "anchor": in_address(country.code),  # as AuthorisationBody.get_absolute_url writes it
            "scopes": [
                (scope_bodies[0].get_scope_display(), scope_bodies)
                for scope_bodies in (
                    list(items) for _scope, items in groupby(country_bodies, key=lambda body: body.scope)
                )
            ],
        }
        for country, country_bodies in (
            (country, list(items)) for country, items in groupby(bodies, key=lambda b: b.country)
        )
    ]
    return render(request, "positions/authorisation_list.html", {"groups": groups})
