from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from articles.views import HomeView

admin.site.site_header = "Dermatology News newsroom"
admin.site.site_title = "Newsroom"
admin.site.index_title = "Write, edit and publish"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("topics/", include("topics.urls")),
    path("search/", include("search.urls")),
    path("", include("articles.urls")),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Local demo only; production serves uploads from object storage or the proxy.
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]
