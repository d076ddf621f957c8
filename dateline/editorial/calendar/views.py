"""The editorial calendar in the admin: a week or a day of what is scheduled."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from dateline.core import apstyle
from dateline.core.models import CitySettings

from . import items


class CalendarView(WagtailAdminTemplateMixin, TemplateView):
    """A week (Monday first) or one day of what is scheduled, in the city's time."""

    template_name = "editorial/calendar/calendar.html"
    page_title = "Calendar"
    header_icon = "date"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        zone = CitySettings.zone_for()
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
            heading = f"{first:%A}, {apstyle.ap_date(first)}"
        else:
            first, count, step = items.week_start(chosen), 7, timedelta(days=7)
            last = first + timedelta(days=6)
            heading = f"Week of {apstyle.ap_date(first)} to {apstyle.ap_date(last)}"
        base = reverse("dateline_desk:calendar")
        other = "week" if view == "day" else "day"
        context.update(
            view=view,
            heading=heading,
            days=items.days(first, count, zone),
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
