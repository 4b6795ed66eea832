"""Test articles in the seed's format, and importing them as an editor's import would."""

from pathlib import Path

from imports.parser import parse_article_text
from imports.services import import_article
from tests.builders import make_topic

ARTICLES = Path(__file__).with_name("articles")
SEED = Path(__file__).resolve().parents[2] / "demo" / "seeds" / "ruxolitinib-vitiligo.txt"


def article_text(name):
    path = SEED if name == "seed" else ARTICLES / f"{name}.txt"
    return path.read_text(encoding="utf-8")


def import_file(name, **options):
    topic = make_topic()
    return import_article(
        parse_article_text(article_text(name)), topics=[topic], authors=[], **options
    )
