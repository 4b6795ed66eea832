from django.urls import path

from . import feeds, views

app_name = "drugs"

urlpatterns = [
    path("", views.DrugIndexView.as_view(), name="index"),
    path("<slug:slug>/", views.DrugDetailView.as_view(), name="detail"),
    path("<slug:slug>/feed/", feeds.DrugFeed(), name="feed"),
    path("<slug:slug>/feed/atom/", feeds.DrugAtomFeed(), name="feed_atom"),
]
