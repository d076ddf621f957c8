from django.urls import path, re_path

from . import views

app_name = "api"
urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi, name="openapi"),
    path("releases/", views.release_list, name="release-list"),
    path("releases/<str:pk>/", views.release_detail, name="release-detail"),
    path("officials/", views.official_list, name="official-list"),
    path("officials/<str:slug>/", views.official_detail, name="official-detail"),
    path("topics/", views.topic_list, name="topic-list"),
    path("topics/<str:slug>/", views.topic_detail, name="topic-detail"),
    path("letters/", views.letter_list, name="letter-list"),
    path("letters/<str:pk>/", views.letter_detail, name="letter-detail"),
    # Anything else under /api/v1/ that ends in a slash is a JSON 404, not the site's HTML one;
    # without the slash, CommonMiddleware first redirects here.
    re_path(r"^.*/$", views.not_found, name="not-found"),
]
