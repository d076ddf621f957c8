"""Admin pages for a release's emails: what happened to them, retries and second approval.

The rules (who may do what) live in staff.py; these views only show and ask.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Max, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import page_permission_policy

from dateline.releases.models import NewsReleasePage

from . import staff

RECENT = timedelta(days=30)
PER_PAGE = 25


def may_see_alerts(user) -> bool:
    """Whether the Email alerts menu is worth showing: the person can publish something."""
    return user.is_active and (
        user.is_superuser or page_permission_policy.user_has_permission(user, "publish")
    )


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _release_for(request, page_id: int) -> NewsReleasePage:
    release = get_object_or_404(NewsReleasePage, pk=page_id)
    if not staff.can_manage(request.user, release):
        raise PermissionDenied
    return release


class AlertsIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "alerts/admin/index.html"
    page_title = "Email alerts"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_alerts(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def releases(self):
        since = timezone.now() - RECENT
        releases = (
            NewsReleasePage.objects.filter(
                Q(alert_messages__isnull=False) | Q(first_published_at__gte=since)
            )
            .annotate(last_message_at=Max("alert_messages__created_at"))
            .order_by("-first_published_at", "-pk")
        )
        user = self.request.user
        if not user.is_superuser:
            publishable = page_permission_policy.instances_user_has_permission_for(user, "publish")
            releases = releases.filter(pk__in=publishable.values("pk"))
        return releases

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_obj = Paginator(self.releases(), PER_PAGE).get_page(self.request.GET.get("p"))
        counts = staff.counts_by_release(r.pk for r in page_obj)
        rows = []
        for release in page_obj:
            entry = counts.get(release.pk, {})
            alerts = entry.get("alerts", staff.empty_counts())
            corrections = entry.get("corrections", staff.empty_counts())
            rows.append(
                {
                    "release": release,
                    "alerts": alerts,
                    "total": sum(alerts.values()),
                    "corrections_sent": corrections["sent"],
                    "held": alerts["held"] + corrections["held"],
                    "problems": sum(c["failed"] + c["bounced"] for c in (alerts, corrections)),
                    "url": reverse("dateline_alerts:release", args=[release.pk]),
                }
            )
        context.update(page_obj=page_obj, rows=rows)
        return context


class ReleaseAlertsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "alerts/admin/release.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.release = _release_for(request, kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Email alerts for ‘{self.release.title}’"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("dateline_alerts:index"), "label": "Email alerts"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = staff.report(self.release)
        user = self.request.user
        shown = [
            ("queued", "Waiting to be sent"),
            ("sent", "Sent"),
            ("failed", "Failed"),
            ("bounced", "Bounced (address refused the email)"),
            ("suppressed", "Not sent (address blocked or unsubscribed)"),
            ("held", "Waiting for a second approval"),
            ("cancelled", "Cancelled"),
        ]
        context.update(
            release=self.release,
            report=report,
            rows=[
                (label, report.alerts[key], report.corrections[key], key) for key, label in shown
            ],
            held_message=_plural(report.held, "email is", "emails are")
            + " waiting for a second approval",
            approval_refusal=staff.approval_refusal(user, self.release) if report.held else "",
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.release.pk]),
        )
        return context


def _back(release):
    return redirect("dateline_alerts:release", release.pk)


@require_POST
def retry(request, page_id: int):
    release = _release_for(request, page_id)
    count = staff.retry_failed(release, request.user)
    if count:
        messages.success(
            request,
            f"{_plural(count, 'failed email', 'failed emails')} will be sent again in a "
            "moment. Check back here in a few minutes.",
        )
    else:
        messages.info(request, "There were no failed emails to send again.")
    return _back(release)


@require_POST
def approve(request, page_id: int):
    release = _release_for(request, page_id)
    try:
        count = staff.approve_held(release, request.user)
    except staff.NotAllowed as refusal:
        messages.error(request, str(refusal))
        return _back(release)
    if count:
        messages.success(
            request, f"Approved: {_plural(count, 'email', 'emails')} will be sent now."
        )
    else:
        messages.info(request, "Nothing was waiting for approval; no email was changed.")
    return _back(release)


@require_POST
def cancel(request, page_id: int):
    release = _release_for(request, page_id)
    try:
        count = staff.cancel_held(release, request.user)
    except staff.NotAllowed as refusal:
        messages.error(request, str(refusal))
        return _back(release)
    if count:
        messages.success(
            request, f"Cancelled: {_plural(count, 'email', 'emails')} will not be sent."
        )
    else:
        messages.info(request, "Nothing was waiting for approval; no email was changed.")
    return _back(release)
