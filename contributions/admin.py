"""The moderation queue: new suggestions and error reports, newest first, and an editor's three decisions.

Approve opens the position admin (pre-filled for a suggestion, the position's change form for a
report); saving there accepts the contribution (contributions/receivers.py). Reject and Mark as
duplicate take a reason on a page of their own. Readers' text is shown read-only and escaped; their
email address is never shown.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from contributions.decisions import decide
from contributions.duplicates import url_variants
from contributions.models import MAX_NOTE, ErrorReport, Origin, Status, Suggestion
from positions.models import Position
from sources.dates import format_partial_date
from web.admin_dates import admin_datetime
from web.admin_lookups import FilterLookupsOnly


def external_link(url: str):
    if not url.lower().startswith(("http://", "https://")):
        return url or "—"
    return format_html('<a href="{}" rel="noopener noreferrer nofollow">{}</a>', url, url)


def short_link(url: str, length: int = 40):
    """A link whose text is the address cut to fit a column (host first), the whole address on hover."""
    if not url.lower().startswith(("http://", "https://")):
        return url or "—"
    shown = url.split("://", 1)[1].removeprefix("www.")
    return format_html(
        '<a href="{}" title="{}" rel="noopener noreferrer nofollow">{}</a>', url, url, excerpt(shown, length)
    )


def excerpt(text: str, length: int = 90) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Sent to the reader if they left an address. Plain text."),
    )


class DuplicateForm(DecisionForm):
    position = forms.ModelChoiceField(
        label=_("Position it duplicates (id, optional)"),
        queryset=Position.objects.all(),
        required=False,
        widget=forms.NumberInput,
        help_text=_("Its public page is sent to the reader."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = False


class ModerationAdmin(FilterLookupsOnly, admin.ModelAdmin):
    """What the two queues share: read-only reader input, and approve, reject and duplicate views."""

    change_form_template = "admin/contributions/change_form.html"
    list_filter = ["status"]
    date_hierarchy = "submitted_at"
    list_per_page = 50
    decision_fields = ["status", "submitted", "decided", "decided_by", "decision_reason", "has_email"]

    class Media:
        css = {"all": ["css/admin-queue.css"]}

    @admin.display(description=_("submitted"), ordering="submitted_at")
    def submitted(self, obj) -> str:
        return admin_datetime(obj.submitted_at)

    @admin.display(description=_("decided"), ordering="decided_at")
    def decided(self, obj) -> str:
        return admin_datetime(obj.decided_at)

    def awaiting_review(self) -> tuple[int, str]:
        """How many await review and the list of them, for the admin index (web/admin_site.py)."""
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        return self.model.objects.pending().count(), f"{url}?status__exact={Status.NEW}"

    def has_add_permission(self, request):
        return False  # readers add; editors decide

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/approve/", wrap(self.approve_view), name=f"{prefix}_approve"),
            path("<path:object_id>/reject/", wrap(self.reject_view), name=f"{prefix}_reject"),
            path("<path:object_id>/duplicate/", wrap(self.duplicate_view), name=f"{prefix}_duplicate"),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            # Nothing on this page is editable; a post would only re-save what was loaded.
            return HttpResponseNotAllowed(["GET", "HEAD"])
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "show_delete": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def pending_or_refuse(self, request, object_id):
        if not str(object_id).isdigit():
            raise Http404
        contribution = get_object_or_404(self.model, pk=object_id)
        if not self.has_change_permission(request, contribution):
            raise PermissionDenied
        return contribution

    def already_decided(self, request, contribution):
        messages.warning(
            request,
            _("This was already decided (%(status)s) by %(user)s on %(when)s.")
            % {
                "status": contribution.get_status_display(),
                "user": contribution.decided_by or _("an editor"),
                "when": admin_datetime(contribution.decided_at),
            },
        )
        return redirect(contribution.get_admin_url())

    def approve_view(self, request, object_id):
        raise NotImplementedError  # each queue approves in its own way: into the data, or as a correction

    def reject_view(self, request, object_id):
        return self.decision_view(request, object_id, Status.REJECTED, DecisionForm, _("Reject"))

    def duplicate_view(self, request, object_id):
        return self.decision_view(request, object_id, Status.DUPLICATE, DuplicateForm, _("Mark as duplicate"))

    def decision_view(self, request, object_id, status, form_class, title):
        contribution = self.pending_or_refuse(request, object_id)
        if not contribution.is_pending:
            return self.already_decided(request, contribution)
        form = form_class(request.POST or None)
        if request.method == "POST" and form.is_valid():
            position = form.cleaned_data.get("position")
            url = request.build_absolute_uri(position.get_absolute_url()) if position else ""
            if decide(
                contribution,
                status,
                request.user,
                reason=form.cleaned_data["reason"],
                position=position,
                position_url=url,
            ):
                messages.success(request, _("Decided: %(status)s.") % {"status": contribution.get_status_display()})
                return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))
            contribution.refresh_from_db()
            return self.already_decided(request, contribution)
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "original": contribution,
            "form": form,
        }
        return TemplateResponse(request, "admin/contributions/decide.html", context)

    @admin.display(description=_("source"))
    def source_link(self, obj):
        return external_link(obj.source_url)

    @admin.display(description=_("source"), ordering="source_url")
    def source_short(self, obj):
        return short_link(obj.source_url)

    @admin.display(description=_("email left"), boolean=True)
    def has_email(self, obj) -> bool:
        return bool(obj.email)


@admin.register(Suggestion)
class SuggestionAdmin(ModerationAdmin):
    list_display = [
        "submitted",
        "status",
        "who",
        "topic",
        "stated",
        "words",
        "matched",
        "found",
        "source_short",
        "has_email",
    ]
    list_display_links = ["submitted", "who"]
    list_filter = ["status", "origin", "found_in", "topic"]
    list_select_related = ["actor", "topic", "found_in"]
    search_fields = ["actor_name", "text", "source_url"]
    # Shown only for what statement discovery found in a feed.
    found_fields = ["found", "item_title", "published_at", "stance_hint"]
    fields = [
        "found",
        "item_title",
        "published_at",
        "stance_hint",
        "who",
        "country",
        "topic",
        "stance",
        "stated_on",
        "date_precision",
        "highlighted_words",
        "source_link",
        "archive_link",
        "note_text",
        "in_the_data",
        "position_link",
        *ModerationAdmin.decision_fields,
    ]

    def approve_view(self, request, object_id):
        suggestion = self.pending_or_refuse(request, object_id)
        if not suggestion.is_pending:
            return self.already_decided(request, suggestion)
        if suggestion.note:
            messages.info(request, _("The reader's note: %(note)s") % {"note": suggestion.note})
        if suggestion.found_automatically:
            messages.info(
                request,
                _(
                    "Found automatically in %(feed)s. Read the item before saving; the words suggest the stance "
                    "“%(hint)s”, which you decide."
                )
                % {"feed": suggestion.found_in or _("a feed"), "hint": suggestion.get_stance_hint_display() or "—"},
            )
        if suggestion.actor is None:
            messages.info(
                request,
                _("“%(name)s” is not an actor in the data yet: check the new actor's name, kind and role below.")
                % {"name": suggestion.actor_name},
            )
        return redirect(reverse("admin:positions_position_add") + "?" + urlencode({"suggestion": suggestion.pk}))

    @admin.display(description=_("stated on"), ordering="stated_on")
    def stated(self, obj: Suggestion) -> str:
        return format_partial_date(obj.stated_on, obj.date_precision)

    @admin.display(description=_("who said it"), ordering="actor_name")
    def who(self, obj: Suggestion):
        if obj.actor_id:
            return format_html("{} ({})", obj.actor_name, _("in the data"))
        return obj.actor_name

    @admin.display(description=_("the words"))
    def words(self, obj: Suggestion) -> str:
        return excerpt(obj.text)

    @admin.display(description=_("the words"))
    def highlighted_words(self, obj: Suggestion):
        # The words are escaped by the template; only the marks around matched words are markup.
        return render_to_string("admin/contributions/highlighted_words.html", {"parts": obj.word_parts()})

    @admin.display(description=_("matched words"))
    def matched(self, obj: Suggestion) -> str:
        words = dict.fromkeys(text for text, marked in obj.word_parts() if marked)
        return ", ".join(words) or "—"

    @admin.display(description=_("found"), ordering="origin")
    def found(self, obj: Suggestion):
        if obj.origin != Origin.FEED:
            return _("sent by a reader")
        return format_html("{} — {}", _("found automatically"), obj.found_in or _("a deleted feed"))

    @admin.display(description=_("archived copy"))
    def archive_link(self, obj: Suggestion):
        return external_link(obj.archive_url)

    @admin.display(description=_("note"))
    def note_text(self, obj: Suggestion) -> str:
        return obj.note or "—"

    @admin.display(description=_("same source in the data"))
    def in_the_data(self, obj: Suggestion):
        positions = Position.objects.filter(quote__source__url__in=url_variants(obj.source_url)).select_related(
            "actor", "topic"
        )[:20]
        if not positions:
            return "—"
        return format_html_join(
            ", ", '<a href="{}">{} — {}</a>', ((p.get_absolute_url(), p.actor.name, p.topic.name) for p in positions)
        )

    @admin.display(description=_("position"))
    def position_link(self, obj: Suggestion):
        if obj.position_id is None:
            return "—"
        url = reverse("admin:positions_position_change", args=[obj.position_id])
        return format_html('<a href="{}">{}</a>', url, obj.position)

    def get_fields(self, request, obj=None):
        fields = list(self.fields)
        if obj is not None and obj.is_pending:
            fields.remove("position_link")
        if obj is not None and not obj.found_automatically:
            fields = [name for name in fields if name not in self.found_fields]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return self.fields


@admin.register(ErrorReport)
class ErrorReportAdmin(ModerationAdmin):
    list_display = ["submitted", "status", "position_link", "wrong", "source_short", "has_email"]
    list_display_links = ["submitted", "wrong"]
    list_select_related = ["position__actor", "position__topic"]
    search_fields = ["what_is_wrong", "what_is_right", "source_url"]
    fields = ["position_link", "what_is_wrong", "what_is_right", "source_link", *ModerationAdmin.decision_fields]

    def approve_view(self, request, object_id):
        report = self.pending_or_refuse(request, object_id)
        if not report.is_pending:
            return self.already_decided(request, report)
        if report.position_id is None:
            messages.error(request, _("The position this report is about no longer exists."))
            return redirect(report.get_admin_url())
        messages.info(
            request,
            _("Reported as wrong: %(wrong)s — Reported as right: %(right)s")
            % {"wrong": report.what_is_wrong, "right": report.what_is_right},
        )
        url = reverse("admin:positions_position_change", args=[report.position_id])
        return redirect(url + "?" + urlencode({"report": report.pk}))

    @admin.display(description=_("what is wrong"))
    def wrong(self, obj: ErrorReport) -> str:
        return excerpt(obj.what_is_wrong)

    @admin.display(description=_("position"))
    def position_link(self, obj: ErrorReport):
        position = obj.position
        if position is None:
            return _("deleted")
        return format_html('<a href="{}">{}</a>', position.get_absolute_url(), position)
