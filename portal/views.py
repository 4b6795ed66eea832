from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse


def robots_txt(request):
    """Crawlers may read everything but the newsroom, previews and search results,
    and learn where the sitemaps are."""
    context = {
        "sitemap_url": request.build_absolute_uri(reverse("sitemap")),
        "news_sitemap_url": request.build_absolute_uri(reverse("sitemap-news")),
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


def favicon(request):
    # Browsers and crawlers ask for /favicon.ico whatever the pages link to.
    return HttpResponsePermanentRedirect(static("favicon.svg"))
