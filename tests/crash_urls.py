"""The portal's URLs plus one view that fails, to see the 500 page a reader gets."""

from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def crash(request):
    raise RuntimeError("simulated failure")


urlpatterns = [*portal_urlpatterns, path("crash/", crash)]
