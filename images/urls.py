from django.urls import path

from . import views

app_name = "images"

urlpatterns = [
    path("topics/<slug:slug>/images/", views.TopicGalleryView.as_view(), name="gallery"),
]
