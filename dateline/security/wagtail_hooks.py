"""The two pages between the password and the admin, under /admin/two-factor/."""

from django.urls import include, path
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_security_urls():
    urls = [
        path("set-up/", views.setup, name="setup"),
        path("verify/", views.verify, name="verify"),
    ]
    return [
        path(
            "two-factor/",
            include((urls, "dateline_security"), namespace="dateline_security"),
        )
    ]
