"""The editorial desk in the Wagtail admin. Wagtail loads only this module of the app; each
feature registers its own hooks in its package's wagtail_hooks.py, imported here."""

from django.urls import include, path
from wagtail import hooks

from . import log_actions
from .calendar import admin_urls as calendar_urls
from .calendar import wagtail_hooks as calendar_hooks  # noqa: F401
from .checks import wagtail_hooks as checks_hooks  # noqa: F401
from .corrections import wagtail_hooks as corrections_hooks  # noqa: F401
from .embargo import wagtail_hooks as embargo_hooks  # noqa: F401
from .previews import admin_urls as preview_urls
from .previews import wagtail_hooks as previews_hooks  # noqa: F401


@hooks.register("register_admin_urls")
def register_desk_urls():
    # One namespace for the desk's own pages: the calendar and a page's preview links.
    urls = calendar_urls.urlpatterns + preview_urls.urlpatterns
    return [path("desk/", include((urls, "dateline_desk"), namespace="dateline_desk"))]


@hooks.register("register_log_actions")
def register_desk_log_actions(actions):
    log_actions.register(actions)
