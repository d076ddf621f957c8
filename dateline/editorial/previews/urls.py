from django.urls import path

from . import views

app_name = "preview"
urlpatterns = [
    path("<str:token>/", views.serve, name="page"),
]
