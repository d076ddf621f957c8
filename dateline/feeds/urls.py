from django.urls import path

from . import views

app_name = "feeds"

_KIND = "<str:kind>/<slug:slug>"
urlpatterns = [
    path("feeds/rss.xml", views.rss, name="all-rss"),
    path("feeds/atom.xml", views.atom, name="all-atom"),
    path("feeds/feed.json", views.json, name="all-json"),
    path(f"feeds/{_KIND}/rss.xml", views.rss, name="rss"),
    path(f"feeds/{_KIND}/atom.xml", views.atom, name="atom"),
    path(f"feeds/{_KIND}/feed.json", views.json, name="json"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemaps/<str:name>/<int:number>.xml", views.sitemap_section, name="sitemap-section"),
    path("news-sitemap.xml", views.news_sitemap, name="news-sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
