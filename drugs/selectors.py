from articles.selectors import with_published_counts

from .models import Drug


def drugs_with_article_counts():
    """Every drug, alphabetical, each with article_count and latest_published_at
    of its published articles; one query."""
    return with_published_counts(Drug.objects.all(), rows="articles", article="articles").order_by(
        "generic_name"
    )
