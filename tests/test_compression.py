"""Pages travel compressed when the browser accepts it (Lighthouse counts the bytes)."""

import gzip

import pytest

from tests.pages import parse

pytestmark = pytest.mark.django_db


def test_reader_pages_are_gzipped_for_browsers_that_accept_it(client, seed_article):
    url = seed_article.get_absolute_url()
    plain = client.get(url)
    packed = client.get(url, headers={"accept-encoding": "gzip, deflate, br"})

    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) < len(plain.content) / 2
    page = parse(gzip.decompress(packed.content))
    assert page.find("h1").text == seed_article.headline
