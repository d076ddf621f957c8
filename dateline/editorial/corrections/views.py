"""Adding a correction in the admin, and the public list of corrections at /corrections/."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.models import Page, Site

from dateline.core.models import CitySettings
from dateline.core.paging import paginate
from dateline.editorial.pageviews import PageDeskMixin
from dateline.editorial.schedule.times import page_zone, when_text
from dateline.releases.models import NewsReleasePage

from . import records

CORRECTIONS_PER_PAGE = 20


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label="Correction",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What was wrong and what is right now, in a sentence or two. Readers see it "
        "above the release, after “Correction, [date]:”.",
        error_messages={"required": "Write the correction: what was wrong and what is right."},
    )
    corrected_at = forms.DateTimeField(
        label="Corrected at",
        widget=AdminDateTimeInput,
        help_text="In the city's time. Leave as now unless you are recording an earlier "
        "correction.",
        error_messages={"required": "Enter when the correction was made, or leave it as now."},
    )


def _release_for(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, NewsReleasePage):
        raise Http404("Only news releases take corrections.")
    if not records.can_correct(request.user, page):
        raise PermissionDenied
    return page


class AddCorrectionView(PageDeskMixin, TemplateView):
    crumb = "Corrections"
    template_name = "editorial/corrections/add.html"
    header_icon = "warning"

    def dispatch(self, request, page_id, *args, **kwargs):
        self.page = _release_for(request, page_id)
        self.zone = page_zone(self.page)
        # Times typed in the form mean City Hall's clock, whatever the editor's own setting.
        with timezone.override(self.zone):
            return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return "Add a correction"

    def post(self, request, *args, **kwargs):
        form = CorrectionForm(request.POST)
        if form.is_valid():
            try:
                records.add_correction(
                    self.page,
                    form.cleaned_data["text"],
                    user=request.user,
                    corrected_at=form.cleaned_data["corrected_at"],
                )
            except records.CorrectionRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request,
                    f"Correction added to “{self.page.title}”. Readers see it above the "
                    "release, and on the Corrections page.",
                    buttons=[messages.button(self.page.url or "", "View the release")]
                    if self.page.url
                    else None,
                )
                return redirect("dateline_corrections:add", page_id=self.page.pk)
        messages.error(request, "The correction was not saved. See the problem below.")
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = kwargs.get("form") or CorrectionForm(
            initial={"corrected_at": timezone.localtime(timezone.now(), self.zone)}
        )
        context.update(
            page=self.page,
            form=form,
            corrections=[
                {"correction": c, "when": when_text(c.corrected_at, self.zone)}
                for c in self.page.corrections.select_related("created_by").order_by(
                    "-corrected_at", "-pk"
                )
            ],
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
        )
        return context


@require_GET
def corrections_index(request):
    """Every correction to a public release, newest first."""
    site = Site.find_for_request(request)
    page_obj = paginate(request, records.public_corrections(site), CORRECTIONS_PER_PAGE)
    city = CitySettings.for_request(request)
    return render(request, "editorial/corrections/index.html", {"page_obj": page_obj, "city": city})
