from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse

from .methods import read_only


@read_only
def robots_txt(request):
    """Crawlers may read everything but the newsroom, previews and search results,
    and learn where the sitemaps are.

    A newsroom moved from the well-known /admin/ (ADMIN_URL) is not named: this
    file is public, and would advertise the path to the bots it is moved away
    from. Every admin page tells crawlers "noindex" itself.
    """
    admin_url = reverse("admin:index")
    context = {
        "admin_url": admin_url if admin_url == "/admin/" else "",
        "sitemap_url": request.build_absolute_uri(reverse("sitemap")),
        "news_sitemap_url": request.build_absolute_uri(reverse("sitemap-news")),
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


@read_only
def favicon(request):
    # Browsers and crawlers ask for /favicon.ico whatever the pages link to.
    return HttpResponsePermanentRedirect(static("favicon.svg"))
