"""Admin pages of the editorial desk: a page's preview links, and the editorial calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from . import calendar, previews
from .models import PreviewLink
from .schedule import city_zone, when_text


def _page_for(request, page_id: int) -> Page:
    page = get_object_or_404(Page, pk=page_id).specific
    if not previews.may_manage(page, request.user):
        raise PermissionDenied
    return page


class PreviewLinkForm(forms.Form):
    recipient = forms.CharField(
        label="Who is it for?",
        max_length=200,
        help_text="A name or role, e.g. “Parks Director”. Only you and other editors see it.",
    )
    days = forms.TypedChoiceField(
        label="Link works for",
        choices=previews.EXPIRY_CHOICES,
        coerce=int,
        initial=3,
        widget=forms.RadioSelect,
    )


class PreviewLinksView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/desk/preview_links.html"
    header_icon = "link"

    def dispatch(self, request, page_id, *args, **kwargs):
        self.page = _page_for(request, page_id)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return "Share a preview link"

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": str(self.page),
            },
            {"url": "", "label": "Preview links"},
        ]

    def post(self, request, *args, **kwargs):
        form = PreviewLinkForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        link = previews.create(
            self.page,
            user=request.user,
            recipient=form.cleaned_data["recipient"],
            days=form.cleaned_data["days"],
        )
        messages.success(request, f"Preview link for {link.recipient} created. Copy it below.")
        return redirect(f"{request.path}?new={link.pk}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        zone = city_zone(self.page)
        now = timezone.now()
        links = []
        new = self.request.GET.get("new", "")
        for link in PreviewLink.objects.filter(page=self.page).select_related("created_by"):
            if link.revoked_at:
                state = f"Withdrawn {when_text(link.revoked_at, zone)}"
            elif link.expires_at <= now:
                state = f"Expired {when_text(link.expires_at, zone)}"
            else:
                state = f"Works until {when_text(link.expires_at, zone)}"
            links.append(
                {
                    "link": link,
                    "url": previews.url_for(link, self.request),
                    "state": state,
                    "usable": link.revoked_at is None and link.expires_at > now,
                    "is_new": str(link.pk) == new,
                    "created": when_text(link.created_at, zone),
                }
            )
        context.update(
            page=self.page,
            form=kwargs.get("form") or PreviewLinkForm(),
            links=links,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
        )
        return context


@require_POST
def revoke_preview_link(request, page_id: int, link_id: int):
    page = _page_for(request, page_id)
    link = get_object_or_404(PreviewLink, pk=link_id, page=page)
    if previews.revoke(link, user=request.user):
        messages.success(
            request, f"The preview link for {link.recipient or 'a reader'} no longer works."
        )
    return redirect("dateline_desk:preview_links", page_id=page.pk)


class CalendarView(WagtailAdminTemplateMixin, TemplateView):
    """A week (Monday first) or one day of what is scheduled, in the city's time."""

    template_name = "editorial/desk/calendar.html"
    page_title = "Calendar"
    header_icon = "date"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        zone = city_zone()
        today = timezone.now().astimezone(zone).date()
        view = "day" if self.request.GET.get("view") == "day" else "week"
        try:
            chosen = date.fromisoformat(self.request.GET.get("date", ""))
            notice = ""
            if not 1900 <= chosen.year <= 2999:  # far dates would overflow the week links
                raise ValueError(chosen)
        except ValueError:
            chosen = today
            notice = (
                "That date was not understood; showing today."
                if self.request.GET.get("date")
                else ""
            )
        if view == "day":
            first, count, step = chosen, 1, timedelta(days=1)
            heading = f"{first:%A}, {calendar.apstyle.ap_date(first)}"
        else:
            first, count, step = calendar.week_start(chosen), 7, timedelta(days=7)
            last = first + timedelta(days=6)
            heading = (
                f"Week of {calendar.apstyle.ap_date(first)} to {calendar.apstyle.ap_date(last)}"
            )
        base = reverse("dateline_desk:calendar")
        other = "week" if view == "day" else "day"
        context.update(
            view=view,
            heading=heading,
            days=calendar.days(first, count, zone),
            zone_name=datetime.now(zone).tzname(),
            previous_url=f"{base}?view={view}&date={(first - step).isoformat()}",
            next_url=f"{base}?view={view}&date={(first + step).isoformat()}",
            today_url=f"{base}?view={view}",
            other_view_url=f"{base}?view={other}&date={first.isoformat()}",
            other_view_label="Week view" if view == "day" else "Day view",
            notice=notice,
            base_url=base,
        )
        context["empty"] = not any(day.items for day in context["days"])
        return context
