from django.urls import path

from . import previews

app_name = "preview"
urlpatterns = [
    path("<str:token>/", previews.serve, name="page"),
]
