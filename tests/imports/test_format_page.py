"""The import format's rules (imports/FORMAT.md) as a page of the newsroom."""

import pytest
from django.urls import reverse

from imports.admin import FORMAT_PATH
from tests.builders import make_editor, make_writer
from tests.pages import parse

pytestmark = pytest.mark.django_db


def test_the_import_page_links_the_format_page_which_shows_the_rules(client):
    client.force_login(make_editor())
    upload_page = parse(client.get(reverse("admin:articles_article_import")))
    links = {text: href for href, text in upload_page.find(id="content-main").links()}
    assert links["the import format"] == "/admin/articles/article/import/format/"
    assert "imports/FORMAT.md" not in upload_page.text

    page = client.get(links["the import format"])

    assert page.status_code == 200
    rules = parse(page).find("div", cls="import-format-rules")
    first_heading = FORMAT_PATH.read_text().splitlines()[0].lstrip("# ")
    assert rules.find("h1").text == first_heading
    assert rules.find_all("li")  # the rules are lists, rendered as lists
    assert parse(page).find("title").text.startswith("The import format")


def test_the_format_page_is_for_staff_only(client):
    url = "/admin/articles/article/import/format/"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(make_writer())
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405
