"""Preview links: the public page a link opens, and the admin page where editors share them."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.models import Page

from dateline.editorial.models import PreviewLink
from dateline.editorial.pageviews import PageDeskMixin
from dateline.editorial.schedule.times import embargo_text, page_zone, when_text

from . import links

# --- what a link's reader sees (/preview/<token>/) ----------------------------------------

UNUSABLE_TEXT = {
    "invalid": (
        404,
        "This preview link does not work",
        "The link is incomplete or was changed. Check that you copied the whole link, or ask "
        "the person who sent it for a new one.",
    ),
    "expired": (
        410,
        "This preview link has expired",
        "Preview links work for a few days only. Ask the person who sent it for a new one.",
    ),
    "revoked": (
        410,
        "This preview link was withdrawn",
        "The newsroom has withdrawn this link. Ask the person who sent it for a new one.",
    ),
    "cancelled": (
        410,
        "This preview link is no longer valid",
        "The newsroom has withdrawn this embargoed copy: its embargo was cancelled or the "
        "release was changed. Do not use the copy you read earlier. If the release is sent "
        "out again, you will get a new email with a new link.",
    ),
}


def private(response):
    """Headers that keep a preview out of caches, search engines and other sites' logs."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def serve(request, token: str):
    """The link's revision with a "not published" banner, the public page, or why it fails."""
    try:
        link = links.find(token)
        public = links.public_copy_url(link, request)
        if public:
            return private(HttpResponseRedirect(public))
        links.check_usable(link)
    except links.Unusable as problem:
        status, title, text = UNUSABLE_TEXT[problem.reason]
        response = TemplateResponse(
            request,
            "editorial/previews/unusable.html",
            {"title": title, "text": text},
            status=status,
        )
        # Django would log the 404/410 with the path, and so the token; nobody needs that.
        response._has_been_logged = True
        return private(response)
    page = link.revision.as_object()
    # What Wagtail's own preview sets, so templates treat this like the admin's preview.
    request.is_preview = True
    request.preview_mode = page.default_preview_mode
    context = page.get_context(request)
    embargo = getattr(page, "embargo_until", None)
    if embargo is not None and page.live:
        embargo = None  # lifted: the release is public now
    context.update(
        preview_base_template=page.get_template(request),
        preview_link=link,
        preview_embargo=embargo,
        preview_embargo_text=embargo_text(embargo, page_zone(page)) if embargo else "",
    )
    response = TemplateResponse(request, "editorial/previews/page.html", context)
    return private(response)


# --- sharing links, in the admin ----------------------------------------------------------


def _page_for(request, page_id: int) -> Page:
    page = get_object_or_404(Page, pk=page_id).specific
    if not links.may_manage(page, request.user):
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
        choices=links.EXPIRY_CHOICES,
        coerce=int,
        initial=3,
        widget=forms.RadioSelect,
    )


class PreviewLinksView(PageDeskMixin, TemplateView):
    crumb = "Preview links"
    template_name = "editorial/previews/links.html"
    header_icon = "link"

    def dispatch(self, request, page_id, *args, **kwargs):
        self.page = _page_for(request, page_id)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return "Share a preview link"

    def post(self, request, *args, **kwargs):
        form = PreviewLinkForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        link = links.create(
            self.page,
            user=request.user,
            recipient=form.cleaned_data["recipient"],
            days=form.cleaned_data["days"],
        )
        messages.success(request, f"Preview link for {link.recipient} created. Copy it below.")
        return redirect(f"{request.path}?new={link.pk}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        zone = page_zone(self.page)
        now = timezone.now()
        rows = []
        new = self.request.GET.get("new", "")
        for link in PreviewLink.objects.filter(page=self.page).select_related("created_by"):
            if link.revoked_at:
                state = f"Withdrawn {when_text(link.revoked_at, zone)}"
            elif link.expires_at <= now:
                state = f"Expired {when_text(link.expires_at, zone)}"
            else:
                state = f"Works until {when_text(link.expires_at, zone)}"
            rows.append(
                {
                    "link": link,
                    "url": links.url_for(link, self.request),
                    "state": state,
                    "usable": link.revoked_at is None and link.expires_at > now,
                    "is_new": str(link.pk) == new,
                    "created": when_text(link.created_at, zone),
                }
            )
        context.update(
            page=self.page,
            form=kwargs.get("form") or PreviewLinkForm(),
            links=rows,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
        )
        return context


@require_POST
def revoke_preview_link(request, page_id: int, link_id: int):
    page = _page_for(request, page_id)
    link = get_object_or_404(PreviewLink, pk=link_id, page=page)
    if links.revoke(link, user=request.user):
        messages.success(
            request, f"The preview link for {link.recipient or 'a reader'} no longer works."
        )
    return redirect("dateline_desk:preview_links", page_id=page.pk)
