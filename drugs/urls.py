from django.urls import path

from . import views

app_name = "drugs"

urlpatterns = [
    path("", views.DrugIndexView.as_view(), name="index"),
    path("<slug:slug>/", views.DrugDetailView.as_view(), name="detail"),
]
