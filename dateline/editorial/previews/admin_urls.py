from django.urls import path

from . import views

urlpatterns = [
    path(
        "pages/<int:page_id>/preview-links/",
        views.PreviewLinksView.as_view(),
        name="preview_links",
    ),
    path(
        "pages/<int:page_id>/preview-links/<int:link_id>/withdraw/",
        views.revoke_preview_link,
        name="revoke_preview_link",
    ),
]
