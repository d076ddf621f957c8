"""The publish checks in the admin: run on the release form, warnings shown after a save."""

from wagtail import hooks
from wagtail.admin import messages

from . import publishing

# After the embargo's rules (embargo/wagtail_hooks.py), which may move the dates read here.
CHECK_ORDER = 20


@hooks.register("check_release_form", order=CHECK_ORDER)
def check_before_publishing(form):
    publishing.validate_form(form)


@hooks.register("before_publish_page")
def carry_desk_warnings(request, page):
    # Publishing from the edit view loads the page afresh before after_edit_page runs; the
    # request takes the list past that.
    warnings = publishing.take_warnings(page)
    if warnings is not None:
        setattr(request, publishing.WARNINGS_ATTRIBUTE, warnings)


def _show_desk_warnings(request, page):
    warnings = publishing.take_warnings(page)
    if warnings is None:
        warnings = publishing.take_warnings(request) or []
    # Autosave posts in the background and wants JSON; its warnings would pile up unseen.
    if not request.accepts("text/html"):
        return
    for warning in warnings:
        messages.warning(request, warning)


@hooks.register("after_edit_page")
def show_desk_warnings_after_edit(request, page):
    _show_desk_warnings(request, page)


@hooks.register("after_create_page")
def show_desk_warnings_after_create(request, page):
    _show_desk_warnings(request, page)
