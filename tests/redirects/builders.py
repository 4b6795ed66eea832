"""Articles readers have seen, and renames, for the redirect tests."""

from tests.builders import make_article, yesterday


def published(headline, **overrides):
    """A published article readers have seen (first published yesterday)."""
    overrides.setdefault("first_published_at", yesterday())
    return make_article(headline, **overrides)


def rename(obj, slug):
    obj.slug = slug
    obj.save()
    return obj
