"""The portal's URLs plus uploaded files, for browser tests that show lead images.

The portal serves uploads only when SERVE_MEDIA is on when its URLs are loaded
(the local demo); under test it is off, so a live server would show broken images.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from portal.urls import urlpatterns as portal_urlpatterns


def media(request, path):
    # MEDIA_ROOT is read per request: the test settings point it at a temporary folder.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    *portal_urlpatterns,
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", media),
]
