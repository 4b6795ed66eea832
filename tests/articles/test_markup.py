"""Article bodies: Markdown in, sanitised HTML out; nothing else on the page is trusted."""

import pytest

from articles.markup import citation_numbers, cited_numbers, render_body
from portal.addresses import web_address
from tests.builders import make_article
from tests.pages import parse

HOSTILE_BODY = """\
Intro paragraph.

<script>alert(1)</script>

<img src=x onerror="alert(1)">

A [click](javascript:alert(1)) link and a raw <a href="javascript:alert(1)">x</a> one.

<p onclick="alert(1)">Clickable</p>

<iframe src="https://evil.example"></iframe>
"""


def assert_harmless(html):
    lowered = html.lower()
    assert "<script" not in lowered
    assert "onerror" not in lowered
    assert "onclick" not in lowered
    assert "javascript:" not in lowered
    assert "<iframe" not in lowered
    assert "<img" not in lowered


def test_render_body_strips_scripts_handlers_and_javascript_urls():
    html = render_body(HOSTILE_BODY)

    assert_harmless(html)
    # The harmless text around them survives.
    assert "<p>Intro paragraph.</p>" in html
    assert "Clickable" in html
    assert ">click</a>" in html


@pytest.mark.parametrize(
    "url",
    [
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
    ],
)
def test_render_body_drops_other_dangerous_link_schemes(url):
    html = render_body(f"[x]({url})")

    assert html == '<p><a rel="noopener noreferrer">x</a></p>'


def test_empty_body_renders_nothing():
    assert render_body("") == ""
    assert render_body("  \n ") == ""


def test_headings_start_at_h2():
    html = render_body("# Top\n\n## Sub\n\n### Minor\n\n###### Tiny")

    assert "<h1" not in html
    assert '<h2 id="section-top">Top</h2>' in html
    assert '<h2 id="section-sub">Sub</h2>' in html
    assert '<h3 id="section-minor">Minor</h3>' in html
    assert '<h4 id="section-tiny">Tiny</h4>' in html


def test_markdown_features():
    html = render_body(
        "Some *emphasis* and **bold** with a [link](https://example.org/trial).\n\n"
        "- first\n- second\n\n"
        "1. one\n2. two\n\n"
        "> A quotation."
    )

    assert "<em>emphasis</em>" in html
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org/trial"' in html
    assert "<ul>\n<li>first</li>\n<li>second</li>\n</ul>" in html
    assert "<ol>\n<li>one</li>\n<li>two</li>\n</ol>" in html
    assert "<blockquote>\n<p>A quotation.</p>\n</blockquote>" in html


def test_citation_links_to_its_reference():
    html = render_body("Repigmentation improved [1].")

    assert (
        '<sup class="citation"><a href="#ref-1" id="cite-1" rel="noopener noreferrer">1</a></sup>'
        in html
    )


def test_citation_list():
    html = render_body("Two trials [1,2].")

    assert '<a href="#ref-1" id="cite-1"' in html
    assert '<a href="#ref-2" id="cite-2"' in html
    assert ">1</a>,<a" in html


def test_citation_range_links_its_ends_and_anchors_the_middle():
    html = render_body("Three trials [1-3].")

    assert '<a href="#ref-1" id="cite-1"' in html
    assert '<a href="#ref-3" id="cite-3"' in html
    assert ">1</a>\u2013<a" in html
    # The 2 has no link of its own but the reference list can still point back.
    assert '<span id="cite-2"></span>' in html
    assert cited_numbers(html) == {1, 2, 3}


def test_only_the_first_citation_of_a_reference_gets_the_anchor():
    html = render_body("First [1]. Again [1]. Both [1,2]. Later [2].")

    assert html.count('href="#ref-1"') == 3
    assert html.count('id="cite-1"') == 1
    assert html.count('href="#ref-2"') == 2
    assert html.count('id="cite-2"') == 1
    # The anchor sits on the first mention.
    assert html.index('id="cite-1"') < html.index("Again")
    assert html.index('id="cite-2"') < html.index("Later")


def test_anchors_start_afresh_for_each_body():
    render_body("Cites [1].")

    assert 'id="cite-1"' in render_body("Also cites [1].")


@pytest.mark.parametrize(
    "text",
    [
        "The TRuE-V1 and TRuE-V2 trials.",
        "A [link](https://example.org) with text.",
        "Dose of 1.5% twice daily.",
        "`[1]` in code.",
    ],
)
def test_text_that_is_not_a_citation_is_left_alone(text):
    html = render_body(text)

    assert "citation" not in html
    assert "#ref-" not in html


def test_trial_names_are_untouched():
    assert "TRuE-V1" in render_body("Results from TRuE-V1 [1].")


@pytest.mark.parametrize(
    ("marker", "numbers"),
    [("1", [1]), ("1,2", [1, 2]), ("1-3", [1, 2, 3]), ("1\u20133, 5", [1, 2, 3, 5])],
)
def test_citation_numbers(marker, numbers):
    assert citation_numbers(marker) == numbers


# Through the page: the stored body is the only HTML marked safe.


@pytest.mark.django_db
def test_article_page_shows_the_body_without_scripts(client):
    article = make_article("Hostile body", body=HOSTILE_BODY)
    assert_harmless(article.body_html)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<p>Intro paragraph.</p>" in html
    assert "alert(1)" not in html
    assert "onerror" not in html
    assert "javascript:" not in html.lower()
    assert "<iframe" not in html


@pytest.mark.django_db
def test_article_page_renders_the_body_as_html(client):
    article = make_article("Markdown body", body="## Results\n\nRepigmentation *improved* [1].")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="section-results">Results</h2>' in html
    assert "<em>improved</em>" in html
    assert 'href="#ref-1"' in html


@pytest.mark.django_db
def test_body_html_is_rendered_on_every_save():
    article = make_article("Saved twice", body="First [1].")
    article.body = "Second <script>x()</script> [2]."
    article.save(update_fields=["body"])

    article.refresh_from_db()
    assert "Second" in article.body_html
    assert "<script" not in article.body_html
    assert article.cited_numbers == {2}


@pytest.mark.django_db
def test_headline_and_deck_are_escaped_on_the_page(client):
    article = make_article(
        "Ruxolitinib <b>works</b> <script>alert(1)</script>",
        slug="ruxolitinib-works",
        deck="A deck with <i>markup</i>.",
    )

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ruxolitinib &lt;b&gt;works&lt;/b&gt;" in html
    assert "<b>works</b>" not in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;i&gt;markup&lt;/i&gt;" in html
    assert "<i>markup</i>" not in html


@pytest.mark.django_db
def test_headline_is_escaped_in_lists(client):
    make_article("Ruxolitinib <b>works</b>", slug="ruxolitinib-works")

    for url in ["/", "/topics/vitiligo/"]:
        html = client.get(url).content.decode()
        assert "Ruxolitinib &lt;b&gt;works&lt;/b&gt;" in html
        assert "<b>works</b>" not in html


def test_ids_from_the_bodys_own_html_are_dropped_and_ours_kept():
    html = render_body(
        '<span id="ref-2">a</span> <a id="main" name="main" href="#x">b</a> '
        '<sup id="cite-1">c</sup>\n\n<h2 id="section-results">Raw</h2>\n\n'
        '<h3 id="section-own">Own</h3>\n\n<h3 id="section-own">Again</h3>\n\n'
        "## Results\n\nCited [1] and [2-3]."
    )

    ids = [element.attrs["id"] for element in parse(html).descendants() if "id" in element.attrs]
    # Ours (citations, generated headings) and one raw section- heading id that
    # is not already taken; nothing else.
    assert sorted(ids) == ["cite-1", "cite-2", "cite-3", "section-own", "section-results"]
    assert parse(html).find("h2", id="section-results").text == "Results"
    assert all("name" not in element.attrs for element in parse(html).descendants())


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "\x01javascript:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html,x",
        "vbscript:msgbox(1)",
        "//evil.example/",
        "/relative/",
        "ftp://example.org/",
        "https:example.org",
    ],
)
def test_web_address_keeps_only_http_and_https(url):
    assert web_address(url) == ""


@pytest.mark.parametrize("url", ["https://doi.org/10.1/x", "HTTP://Example.org/a?b=c#d"])
def test_web_address_keeps_web_addresses(url):
    assert web_address(url) == url
