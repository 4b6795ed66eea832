"""Re-imports waiting for review, for tests that need one without importing a file."""

from imports.models import PendingImport


def make_pending_import(article, **overrides):
    """A re-import of ``article`` that changes its body, waiting since now."""
    fields = {
        "headline": article.headline,
        "deck": article.deck,
        "body": f"{article.body}\n\nA paragraph the re-import adds.",
        "references": [],
        "topic_ids": [article.primary_topic_id],
        "source_text": f"{article.headline}\n\n{article.deck}\n\n{article.body}",
    }
    fields.update(overrides)
    return PendingImport.objects.create(article=article, **fields)
