"""The release editor's form and panels: what staff see and what is checked on save."""

from django.utils import timezone
from modelcluster.forms import BaseChildFormSet
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import HelpPanel, InlinePanel

from dateline.core.models import CitySettings
from dateline.core.validators import state_name, validate_release_date
from dateline.officials.detection import refresh_mentions


class RelatedStoriesFormSet(BaseChildFormSet):
    default_error_messages = {
        "too_many_forms": "A release shows at most %(num)d related stories. Remove the extra ones.",
    }


class RelatedStoriesPanel(InlinePanel):
    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = RelatedStoriesFormSet
        return options


class ArchiveNoticePanel(HelpPanel):
    """Tells the editor of an archived release what saving it will change."""

    class BoundPanel(HelpPanel.BoundPanel):
        def is_shown(self):
            return bool(getattr(self.form, "was_archived", False))


class NewsReleasePageForm(WagtailAdminPageForm):
    """Starts a new release with the city's own dateline place and media contact."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Archived content is kept as it was imported; once someone edits it, it is current
        # content again, shown without the Archive label and held to every publish check.
        self.was_archived = self.instance.archived
        self.instance.archived = False
        if self.instance.pk is None and self.parent_page is not None:
            site = self.parent_page.get_site()
            if site is not None:
                city = CitySettings.for_site(site)
                if not self.initial.get("dateline_city"):
                    self.initial["dateline_city"] = city.city_name
                if not self.initial.get("dateline_state"):
                    self.initial["dateline_state"] = city.state

    def save(self, commit=True):
        page = super().save(commit=False)
        site = self.parent_page.get_site() if self.parent_page is not None else None
        city = CitySettings.for_site(site) if site is not None else CitySettings()
        refresh_mentions(page, city.time_zone)
        if commit:
            page.save()
        return page

    def clean_dateline_state(self):
        value = self.cleaned_data.get("dateline_state", "")
        return state_name(value) if value else ""

    def clean_release_date(self):
        value = self.cleaned_data.get("release_date")
        if value is not None:
            # A year outside what lists, feeds and archives can page over is a typing slip.
            validate_release_date(timezone.localtime(value))
        return value

    def clean(self):
        cleaned = super().clean()
        # The desks above releases add their checks here (editorial: embargo and publish
        # checks), each adding errors to the form or warnings to desk_warnings.
        self.desk_warnings = []
        for check in hooks.get_hooks("check_release_form"):
            check(self)
        return cleaned
