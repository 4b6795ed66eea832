from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.static import serve

from articles import feeds
from articles.sitemaps import SITEMAPS, news_sitemap
from articles.views import HomeView

from .health import healthz
from .methods import read_only
from .views import favicon, robots_txt

admin.site.site_header = "Dermatology News newsroom"
admin.site.site_title = "Newsroom"
admin.site.index_title = "Write, edit and publish"

# Each feed in RSS 2.0 and, at .../atom/, in Atom. Tag slugs may hold letters
# beyond ASCII, as on the tag page.
feed_patterns = [
    path("feed/", feeds.LatestArticlesFeed(), name="latest"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="latest_atom"),
    path("topics/<slug:slug>/feed/", feeds.TopicFeed(), name="topic"),
    path("topics/<slug:slug>/feed/atom/", feeds.TopicAtomFeed(), name="topic_atom"),
    re_path(r"^tags/(?P<slug>[-\w]+)/feed/$", feeds.TagFeed(), name="tag"),
    re_path(r"^tags/(?P<slug>[-\w]+)/feed/atom/$", feeds.TagAtomFeed(), name="tag_atom"),
    path("authors/<slug:slug>/feed/", feeds.AuthorFeed(), name="author"),
    path("authors/<slug:slug>/feed/atom/", feeds.AuthorAtomFeed(), name="author_atom"),
]

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include((feed_patterns, "feeds"))),
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
    path("topics/", include("topics.urls")),
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
