from django.urls import path

from . import views

app_name = "facts"
urlpatterns = [path("suggest/<int:pk>/", views.suggest, name="suggest")]
