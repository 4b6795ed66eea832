"""Each view declares the HTTP methods it takes (portal/methods.py); a method it
does not declare gets 405 with the site's own page and an Allow header, before
CSRF's check. Every page outside the newsroom must declare: the walk of the
URLconf below fails for a new page that does not."""

import importlib

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, clear_url_caches, get_resolver, reverse
from django.views.generic import TemplateView, View

import portal.urls
from portal.methods import declared_methods, read_only
from tests.builders import make_article, make_author, make_reference, make_topic
from tests.drugs.builders import make_drug
from tests.pages import parse

pytestmark = pytest.mark.django_db

NEWSROOM = "admin"  # the admin's namespace, wherever ADMIN_URL puts it


def views(patterns=None, prefix=""):
    """(route, view) of every URL pattern outside the newsroom."""
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if NEWSROOM in (entry.namespace, entry.app_name):
                continue
            found += views(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            found.append((prefix + str(entry.pattern), entry.callback))
    return found


def rebuild_urls():
    importlib.reload(portal.urls)
    clear_url_caches()


@pytest.fixture(params=["as configured", "serving media"])
def site_views(request):
    """The URLconf's views; also as the local demo builds it, serving uploads."""
    if request.param == "as configured":
        yield views()
        return
    with override_settings(SERVE_MEDIA=True):
        rebuild_urls()
        yield views()
    rebuild_urls()


def test_every_page_outside_the_newsroom_declares_its_methods(site_views):
    undeclared = [route for route, view in site_views if declared_methods(view) is None]

    assert undeclared == [], (
        "Declare the methods of these views: http_method_names on the class, or "
        "portal.methods.allow_methods (read_only) on a function or a view that is not ours"
    )


def test_the_walk_sees_every_kind_of_page(site_views):
    routes = {route for route, _ in site_views}
    assert {
        "",  # the home page, a class-based view
        "articles/<slug:slug>/references.ris",  # an export
        "feed/",  # a feed
        "drugs/<slug:slug>/feed/atom/",
        "sitemap.xml",  # Django's sitemap views
        "sitemap-news.xml",  # ours
        "search/",
        "robots.txt",
        "healthz",
    } <= routes
    assert not any(route.startswith("admin/") for route in routes)


def test_the_newsroom_declares_nothing_and_is_left_alone():
    newsroom = [
        entry.callback
        for resolver in get_resolver().url_patterns
        if isinstance(resolver, URLResolver) and resolver.namespace == NEWSROOM
        for entry in resolver.url_patterns
        if isinstance(entry, URLPattern)
    ]
    assert newsroom
    assert all(declared_methods(view) is None for view in newsroom)


def test_a_declaration_in_as_view_counts():
    assert declared_methods(TemplateView.as_view()) is None
    assert declared_methods(TemplateView.as_view(http_method_names=["get"])) == ("GET",)
    assert declared_methods(View.as_view()) is None


@pytest.fixture
def article(db):
    topic = make_topic("Methods topic", slug="methods-topic")
    article = make_article(
        "Methods article",
        slug="methods-article",
        authors=[make_author("Methods Author", slug="methods-author")],
        primary_topic=topic,
        tags=["methods tag"],
    )
    make_reference(article, 1)
    make_drug(articles=[article])
    return article


def one_of_each(article):
    return {
        "page": article.get_absolute_url(),
        "feed": reverse("feeds:topic", kwargs={"slug": article.primary_topic.slug}),
        "drug feed": reverse("feeds:drug_atom", kwargs={"slug": "tralokinumab"}),
        "sitemap": reverse("sitemap"),
        "sitemap section": reverse("sitemap-section", kwargs={"section": "articles"}),
        "news sitemap": reverse("sitemap-news"),
        "export": reverse("articles:references_bibtex", kwargs={"slug": article.slug}),
        "search": reverse("search:results") + "?q=methods",
        "health": reverse("healthz"),
    }


def assert_our_405(response, allow="GET, HEAD"):
    assert response.status_code == 405
    assert response["Allow"] == allow
    page = parse(response)
    assert page.find("h1").text == "Not allowed here"
    assert page.find("title").text.startswith("Not allowed here")
    # The site's own page, with its navigation, not Django's empty answer.
    assert page.find("nav", **{"aria-label": "Topics"}) is not None


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_writing_to_a_reader_address_gets_our_405_not_csrfs_403(article, method):
    client = Client(enforce_csrf_checks=True)
    for kind, url in one_of_each(article).items():
        response = client.generic(
            method, url, b"email=a%40b.org", "application/x-www-form-urlencoded"
        )

        assert response.status_code == 405, (kind, method)
        assert_our_405(response)


def test_head_reads_like_get(article):
    client = Client()
    for kind, url in one_of_each(article).items():
        get, head = client.get(url), client.head(url)

        assert (kind, head.status_code) == (kind, get.status_code) == (kind, 200)
        assert head["Content-Type"] == get["Content-Type"]
        assert head.content == b""


def test_options_is_not_a_readers_method(article):
    response = Client().options(article.get_absolute_url())
    assert_our_405(response)


def test_an_address_that_is_no_page_keeps_its_404(db):
    response = Client(enforce_csrf_checks=True).post("/no-such-page/here/")
    assert response.status_code == 404


def test_the_decorator_refuses_on_its_own_too(article):
    """Without the middleware (a view called directly) the declaration still holds."""
    robots = read_only(lambda request: None)
    response = robots(RequestFactory().post("/robots.txt"))

    assert_our_405(response)


@pytest.mark.urls("tests.methods_urls")
class TestAViewThatDeclaresPost:
    def test_a_class_based_view_takes_a_post_with_its_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        token = client.get("/subscribe/").content.decode()

        response = client.post("/subscribe/", {"email": "a@b.org", "csrfmiddlewaretoken": token})

        assert response.status_code == 200
        assert response.content == b"subscribed a@b.org"

    def test_a_function_view_takes_a_post_with_its_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        token = client.get("/unsubscribe/").content.decode()

        response = client.post("/unsubscribe/", {"csrfmiddlewaretoken": token})

        assert response.status_code == 200
        assert response.content == b"unsubscribed"

    @pytest.mark.parametrize("url", ["/subscribe/", "/unsubscribe/"])
    def test_without_the_token_csrf_refuses_it(self, url):
        response = Client(enforce_csrf_checks=True).post(url, {"email": "a@b.org"})

        assert response.status_code == 403
        assert parse(response).find("h1").text == "This form has expired"

    def test_a_method_it_does_not_declare_gets_our_405_naming_what_it_takes(self):
        client = Client(enforce_csrf_checks=True)

        assert_our_405(client.put("/subscribe/"), allow="GET, HEAD, POST, OPTIONS")
        assert_our_405(client.delete("/unsubscribe/"), allow="GET, HEAD, POST")

    def test_options_answers_as_django_does_when_declared(self):
        response = Client().options("/subscribe/")

        assert response.status_code == 200
        assert response["Allow"] == "GET, HEAD, POST, OPTIONS"

    def test_a_view_that_declares_nothing_is_left_alone(self):
        # As the admin: no declaration, no refusal here (CSRF still checks a POST).
        client = Client()
        for method in ["POST", "PUT", "DELETE", "PATCH"]:
            assert client.generic(method, "/undeclared/").content == f"{method} taken".encode()
