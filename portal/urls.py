from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.static import serve

from articles.urls import topic_patterns
from articles.views import HomeView
from syndication.sitemaps import SITEMAPS, news_sitemap

from .health import healthz
from .methods import read_only
from .views import favicon, robots_txt

admin.site.site_header = "Dermatology News newsroom"
admin.site.site_title = "Newsroom"
admin.site.index_title = "Write, edit and publish"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("syndication.urls")),
    # Django's sitemap views and ours declare their methods here (portal/methods.py).
    path(
        "sitemap.xml",
        read_only(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    # Before the sections, which would take "news" for a section name.
    path("sitemap-news.xml", read_only(news_sitemap), name="sitemap-news"),
    path(
        "sitemap-<slug:section>.xml",
        read_only(sitemap_views.sitemap),
        # Our template gives lastmod to the second, as news sitemaps should.
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/sitemap.xml"},
        name="sitemap-section",
    ),
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("", include("images.urls")),
    path("", include("newsroom.urls")),
    path("topics/", include((topic_patterns, "topics"))),
    path("search/", include("search.urls")),
    path("drugs/", include("drugs.urls")),
    path("", include("articles.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Local demo only; production serves uploads from object storage or the proxy.
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [
        re_path(
            rf"^{media_prefix}/(?P<path>.*)$",
            read_only(serve),
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
