from django.urls import path

from . import corrections_views

app_name = "corrections"
urlpatterns = [path("", corrections_views.corrections_index, name="index")]
