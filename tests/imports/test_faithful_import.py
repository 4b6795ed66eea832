"""Real articles in the seed's format, imported through the admin and read as a reader.

The articles in tests/imports/articles/ were written for these tests: tables
(tab-separated), bulleted lists, subheadings, citation markers after numbers
and percentages, ranges, and unicode (μg, ≥, en dashes, accents). Each is
imported through the real admin import page (upload, preview, confirm) and its
public page is parsed: what is asserted is what a reader sees.
"""

import re
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.builders import form_data_from, make_editor
from tests.pages import parse
from topics.models import Topic

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).parent / "articles"
NEMOLIZUMAB = "nemolizumab-prurigo.txt"
BIMEKIZUMAB = "bimekizumab-psoriasis.txt"
PEMBROLIZUMAB = "pembrolizumab-melanoma.txt"


def upload(client, name, **options):
    data = (ARTICLES / name).read_bytes()
    files = [SimpleUploadedFile(name, data, content_type="text/plain")]
    return client.post(reverse("admin:articles_article_import"), {"files": files, **options})


def preview_row(preview, name):
    """The preview table's row for this file as {column heading: cell element}."""
    table = parse(preview).find("table", id="import-preview")
    headings = [cell.text for cell in table.find("thead").find_all("th")]
    for row in table.find("tbody").find_all("tr"):
        cells = [cell for cell in row.children if cell.tag in ("th", "td")]
        if cells[0].text == name:
            return dict(zip(headings, cells, strict=True))
    raise AssertionError(f"{name} is not in the preview")


def topic_pk(slug):
    return Topic.objects.get(slug=slug).pk


def import_and_publish(client, name, **options):
    """Upload, confirm the preview as rendered, and return (preview, article)."""
    preview = upload(client, name, publish="on", **options)
    assert preview.status_code == 200
    assert preview_row(preview, name)["Errors"].text == ""
    data = form_data_from(preview.content.decode(), "import-confirm-form")
    data["confirm"] = "Import"
    response = client.post(reverse("admin:articles_article_import"), data)
    assert response.status_code == 302
    article = Article.objects.get(source_key__isnull=False, headline=first_headline(name))
    return preview, article


def first_headline(name):
    for line in (ARTICLES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.strip().startswith("\u2022"):
            return line.strip()
    raise AssertionError("no headline")


def article_page(client, article):
    client.logout()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return parse(response)


def article_body(client, article):
    client.logout()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return parse(response).find("div", cls="article__body")


def without_citations(client, article):
    """The article body's text as a reader sees it, leaving out the citation superscripts."""
    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    html = re.sub(r'<sup class="citation">.*?</sup>', "", html, flags=re.DOTALL)
    return parse(html).find("div", cls="article__body").text


def citations(body):
    """The reference numbers each citation superscript links to, in reading order."""
    return [
        [int(href.removeprefix("#ref-")) for href, _ in sup.links()]
        for sup in body.find_all("sup", cls="citation")
    ]


@pytest.fixture
def editor(client):
    client.force_login(make_editor())
    return client


NEMOLIZUMAB_CITATIONS = [
    [3],  # "in August 2024.3": a marker after a year
    [1, 2],
    [4],
    [1],  # "(n=274).1"
    [1],  # "37.7% vs 11.0%.1": after a percentage and a full stop
    [1],  # "OLYMPIA 2.1 In": the ambiguous one, read as "2." + marker 1
    [2],
    [1],  # in a list item
    [4],
    [2, 3, 4],  # "2–4": every number of a range is linked
    [3],
    [5],
    [1, 2, 3],  # "1-3"
]


def test_every_marker_links_to_its_reference(editor):
    _, article = import_and_publish(editor, NEMOLIZUMAB, topic=topic_pk("drug-watch"))

    body = article_body(editor, article)

    assert citations(body) == NEMOLIZUMAB_CITATIONS
    text = without_citations(editor, article)
    assert "in August 2024. The decision" in text
    assert "37.7% vs 11.0%. Sleep" in text
    assert "in OLYMPIA 2. In OLYMPIA 1" in text
    assert "%.1" not in text and "2024.3" not in text


def test_the_marker_read_by_rule_is_shown_in_the_preview_and_after_import(editor):
    sentence = (
        "\u201cSleep improved as early as week 4 in OLYMPIA 2.1 In OLYMPIA 1, results were "
        "consistent across subgroups.2\u201d"
    )
    preview = upload(editor, NEMOLIZUMAB, topic=topic_pk("drug-watch"))

    row = preview_row(preview, NEMOLIZUMAB)
    assert row["Body"].text == ("7 paragraphs, 3 subheadings, 1 list, 1 table; 13 citations")
    warnings = [item.text for item in row["Warnings"].find_all("li")]
    [marker] = [warning for warning in warnings if warning.startswith("citation")]
    assert marker.startswith("citation 1 read as a marker by rule")
    assert "\u201c2.1\u201d could be a decimal" in marker
    assert sentence in marker

    data = form_data_from(preview.content.decode(), "import-confirm-form")
    response = editor.post(reverse("admin:articles_article_import"), {**data, "confirm": "Import"})
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert any(sentence in message for message in shown)


def cells(table):
    """The table's rows as lists of cell texts, the header row first."""
    return [
        [cell.text for cell in row.find_all() if cell.tag in ("th", "td")]
        for row in table.find_all("tr")
    ]


def test_subheadings_lists_and_tables_reach_the_page(editor):
    _, article = import_and_publish(editor, BIMEKIZUMAB)  # "Psoriasis" is in the headline

    assert "## Who was included\n\n- adults with moderate" in article.body
    assert "| PASI 90 | 85.0% | 82.5% |" in article.body
    body = article_body(editor, article)
    assert [h2.text for h2 in body.find_all("h2")] == ["Who was included", "Efficacy at year 3"]
    [items] = body.find_all("ul")
    assert [li.text for li in items.find_all("li")] == [
        "adults with moderate to severe plaque psoriasis",
        "a PASI of 12 or more and \u226510% body surface area involvement",
        "patients previously treated with a biologic, including adalimumab (40 mg) and ustekinumab",
    ]
    [table] = body.find_all("table")
    assert cells(table) == [
        ["Response", "Week 16", "Year 3"],
        ["PASI 90", "85.0%", "82.5%"],
        ["PASI 100", "61.1%", "62.4%"],
        ["DLQI 0/1", "71.2", "2.1"],  # a decimal in a cell is never a marker
    ]
    # The site navigation ("• Psoriasis", "• Psoriatic Arthritis") is not a list of the body.
    assert "Psoriatic Arthritis" not in [li.text for li in body.find_all("li")]
    assert citations(body) == [[1, 2], [1], [2], [3], [3]]
    assert "1.5 \u03bcg/mL" in body.text and "\u22129.5 points" in body.text


def test_three_subheadings_give_a_table_of_contents(editor):
    _, article = import_and_publish(editor, NEMOLIZUMAB, topic=topic_pk("drug-watch"))

    page = article_page(editor, article)
    toc = page.find("nav", cls="toc")
    assert toc is not None
    entries = [text for _, text in toc.links()]
    assert entries == ["Trial design", "Results", "Safety"]  # the dateline is no heading
    assert dateline(page)[0].startswith("Published August 13, 2024")
    body = page.find("div", cls="article__body")
    [table] = body.find_all("table")
    assert cells(table)[0] == ["End point", "Nemolizumab (n=183)", "Placebo (n=91)"]
    assert cells(table)[1] == ["PP-NRS \u22654 at week 16", "56.3%", "20.9%"]
    [items] = body.find_all("ul")
    assert len(items.find_all("li")) == 3
    # A quotation stays a paragraph, with its attribution.
    quote = [p for p in body.find_all("p") if p.text.startswith("\u201cItch is the symptom")]
    assert len(quote) == 1 and "said Sonja St\u00e4nder, MD" in quote[0].text


def dateline(page):
    published = page.find("span", cls="dateline__published")
    return published.text, published.find("time").attrs["datetime"]


def test_the_date_in_the_text_is_the_date_readers_see(editor):
    preview, article = import_and_publish(editor, PEMBROLIZUMAB, topic=topic_pk("skin-cancer"))

    assert preview_row(preview, PEMBROLIZUMAB)["Original date"].text == (
        "March 3, 2023 (from the text)"
    )
    assert parse(preview).find("input", type="date") is None  # nothing to ask
    page = article_page(editor, article)
    text, moment = dateline(page)
    assert text.startswith("Published March 3, 2023")
    assert page.find("span", cls="dateline__updated") is None  # an import is no update
    assert moment.startswith("2023-03-03")
    assert "Published on" not in article.body  # the dateline is not body text
    body = article_body(editor, article)
    assert citations(body) == [[1, 2, 3], [1], [1, 2], [4], [2], [2], [3, 4]]
    text = without_citations(editor, article)
    assert "vs 82.2%. Pembrolizumab" in text and "in 2021." in text
    [table] = body.find_all("table")
    assert cells(table) == [
        ["Stage", "Tumor thickness", "Ulceration"],
        ["IIB", ">2.0\u20134.0 mm", "Yes"],
        ["IIB", ">4.0 mm", "No"],
        ["IIC", ">4.0 mm", "Yes"],
    ]
    assert [h2.text for h2 in body.find_all("h2")] == [
        "Distant metastasis\u2013free survival",
        "Safety and quality of life",
    ]
    assert "co-author Mario Mandal\u00e0, MD." in text


def test_without_a_date_the_preview_says_it_is_a_guess_and_asks_for_it(editor):
    preview, article = import_and_publish(editor, BIMEKIZUMAB)

    row = preview_row(preview, BIMEKIZUMAB)
    assert row["Original date"].text == "no later than December 31, 2022 (a guess)"
    assert any("This is a guess" in item.text for item in row["Warnings"].find_all("li"))
    form = parse(preview).find("form", id="import-confirm-form")
    assert form.find("input", type="date", name="file_date") is not None
    assert form.find("label").text == f"Original date of {BIMEKIZUMAB}:"
    # Left empty: dated the last day of its copyright year (© 2022), never "today".
    text, _ = dateline(article_page(editor, article))
    assert text.startswith("Published December 31, 2022")


def test_the_date_given_in_the_preview_is_the_original_date(editor):
    preview = upload(editor, BIMEKIZUMAB, publish="on")
    data = form_data_from(preview.content.decode(), "import-confirm-form")
    data.update(file_date=["2022-06-14"], confirm="Import")

    editor.post(reverse("admin:articles_article_import"), data)

    article = Article.objects.get(headline=first_headline(BIMEKIZUMAB))
    text, moment = dateline(article_page(editor, article))
    assert text.startswith("Published June 14, 2022")
    assert moment.startswith("2022-06-14")


def test_a_date_that_is_no_date_is_refused(editor):
    preview = upload(editor, BIMEKIZUMAB, publish="on")
    data = form_data_from(preview.content.decode(), "import-confirm-form")
    data.update(file_date=["14/06/2022"], confirm="Import")

    response = editor.post(reverse("admin:articles_article_import"), data)

    assert not Article.objects.exists()
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown == [f"{BIMEKIZUMAB}: not imported: '14/06/2022' is not a date."]


def test_the_command_takes_the_text_date_before_published_at():
    out = StringIO()
    path = ARTICLES / PEMBROLIZUMAB

    call_command(
        "import_articles", str(path), "--topic", "skin-cancer", "--published-at", "2023-05-01",
        stdout=out,
    )  # fmt: skip

    article = Article.objects.get()
    assert timezone.localdate(article.published_at) == date(2023, 3, 3)
    assert (
        "warning: the text is dated March 3, 2023: that date was used, not the one given "
        "(May 1, 2023)." in out.getvalue()
    )


@pytest.mark.parametrize(
    ("name", "primary", "further"),
    [
        # No topic in the headline's words but "approves"; the body names atopic
        # dermatitis three times, eczema once (too few for a topic of its own).
        (NEMOLIZUMAB, "Drug Watch", ["Atopic Dermatitis"]),
        # "Melanoma" in the headline is Skin Cancer (the taxonomy describes it so),
        # and the body says "skin cancer" twice.
        (PEMBROLIZUMAB, "Skin Cancer", []),
        # Psoriatic arthritis, once in the body and in the site navigation, is not enough.
        (BIMEKIZUMAB, "Psoriasis", []),
    ],
)
def test_topics_come_from_the_whole_text(editor, name, primary, further):
    preview, article = import_and_publish(editor, name)  # no topic chosen

    assert preview_row(preview, name)["Primary topic"].text == primary
    assert article.primary_topic.name == primary
    assert [topic.name for topic in article.topics.all()] == further
    page = article_page(editor, article)
    also = page.find("p", cls="also-in")
    assert ([text for _, text in also.links()] if also else []) == further


def test_no_topic_anywhere_is_an_error_that_asks_for_one(editor):
    text = (ARTICLES / BIMEKIZUMAB).read_text(encoding="utf-8")
    for word in ("Psoriasis", "psoriasis", "Psoriatic", "psoriatic"):
        text = text.replace(word, "skin")
    files = [SimpleUploadedFile("none.txt", text.encode(), content_type="text/plain")]

    preview = editor.post(reverse("admin:articles_article_import"), {"files": files})

    row = preview_row(preview, "none.txt")
    assert row["Errors"].text == "no topic name occurs in the text: choose a topic"


def test_the_command_finds_topics_in_the_body_without_topic():
    out = StringIO()

    call_command("import_articles", str(ARTICLES / NEMOLIZUMAB), stdout=out)

    article = Article.objects.get()
    assert article.primary_topic.name == "Drug Watch"
    assert [topic.name for topic in article.topics.all()] == ["Atopic Dermatitis"]
    assert timezone.localdate(article.published_at) == date(2024, 8, 13)
