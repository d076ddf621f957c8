from django.urls import path

from . import views

urlpatterns = [
    path("pages/<int:page_id>/corrections/", views.AddCorrectionView.as_view(), name="add"),
]
