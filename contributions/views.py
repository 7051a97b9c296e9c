"""The readers' side: suggest a statement, report an error, and the pages that follow.

The two form pages answer GET, HEAD and POST; everything else on the public site is read-only.
Order of checks on a POST: rate limit (429; the post is counted first), honeypot (discarded as if
accepted), the form, duplicates; a post that stores nothing is uncounted.
"""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from contributions.abuse import give_back_contribution, honeypot_filled, take_contribution
from contributions.duplicates import Duplicates, find_duplicates
from contributions.forms import ErrorReportForm, SuggestionForm, actor_names, initial_from_query
from positions.models import Position

FORM_METHODS = ["GET", "HEAD", "POST"]


def common_context() -> dict:
    return {"retention_days": settings.CONTRIBUTION_EMAIL_RETENTION_DAYS}


def too_many(request, wait_seconds: int):
    response = render(
        request, "contributions/rate_limited.html", {"limit": settings.CONTRIBUTION_RATE_LIMIT}, status=429
    )
    # When the sender's hour ends, not a full hour from now: the window started at their first post.
    response["Retry-After"] = str(wait_seconds)
    return response


@require_http_methods(FORM_METHODS)
def suggest(request):
    duplicates = Duplicates()
    if request.method == "POST":
        wait = take_contribution(request)
        if wait:
            return too_many(request, wait)
        if honeypot_filled(request):
            return redirect("contributions:suggest_thanks")
        form = SuggestionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            duplicates = find_duplicates(data["source_url"], form.instance.actor)
            if not duplicates or data["confirm_new"]:
                form.save()
                return redirect("contributions:suggest_thanks")
        give_back_contribution(request)
        country = request.POST.get("country", "")
    else:
        initial = initial_from_query(request.GET)
        form = SuggestionForm(initial=initial)
        country = initial.get("country", "")
    context = {
        **common_context(),
        "form": form,
        "duplicates": duplicates,
        "actor_names": actor_names(country if len(country) == 2 else ""),
    }
    return render(request, "contributions/suggest.html", context)


@require_safe
def suggest_thanks(request):
    return render(request, "contributions/thanks.html", {**common_context(), "position": None})


@require_http_methods(FORM_METHODS)
def report(request, pk: int):
    position = get_object_or_404(Position.objects.select_related("actor", "topic", "quote"), pk=pk)
    if request.method == "POST":
        wait = take_contribution(request)
        if wait:
            return too_many(request, wait)
        if honeypot_filled(request):
            return redirect("contributions:report_thanks", pk=position.pk)
        form = ErrorReportForm(request.POST)
        if form.is_valid():
            form.instance.position = position
            form.save()
            return redirect("contributions:report_thanks", pk=position.pk)
        give_back_contribution(request)
    else:
        form = ErrorReportForm()
    return render(request, "contributions/report.html", {**common_context(), "form": form, "position": position})


@require_safe
def report_thanks(request, pk: int):
    position = get_object_or_404(Position.objects.select_related("actor", "topic"), pk=pk)
    return render(request, "contributions/thanks.html", {**common_context(), "position": position})
