"""Keeping each article's search vector current: the one place that does it.

On PostgreSQL an article's ``search_vector`` is derived from its own text and
from its tags, topics, authors and reference titles. The receivers below note
which articles a write touched (whichever path wrote: admin, import, service,
shell) and refresh each of them once, after the transaction commits, with one
UPDATE computed in SQL from the related tables. On SQLite they do nothing:
search there reads the text columns directly.

Writes that skip signals (``QuerySet.update()``, ``bulk_create``) are not seen;
``manage.py reindex_search`` rebuilds every vector.
"""

from functools import partial

from django.apps import apps as global_apps
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.db import connections, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save

from pagecache import services as pagecache_services

# The text search configuration of the vectors and of every query against them.
CONFIG = "english"

# Article columns that feed the vector: a save touching none of them changes nothing.
INDEXED_FIELDS = {"headline", "deck", "body", "primary_topic"}


def vector(apps=global_apps):
    """The weighted search vector of an article, as an expression for UPDATE.

    A headline match weighs most (A); deck, tags and topics next (B); body,
    authors and reference titles least (C).
    """
    Article = apps.get_model("articles", "Article")
    Topic = apps.get_model("topics", "Topic")

    def joined(model, link, field):
        rows = model._default_manager.filter(**{link: OuterRef("pk")}).order_by()
        return Subquery(
            rows.values(link).annotate(text=StringAgg(field, delimiter=" ")).values("text")[:1]
        )

    primary_topic = Subquery(Topic.objects.filter(pk=OuterRef("primary_topic_id")).values("name"))
    return (
        SearchVector("headline", weight="A", config=CONFIG)
        + SearchVector(
            "deck",
            joined(apps.get_model("articles", "TaggedArticle"), "content_object", "tag__name"),
            primary_topic,
            joined(Article.topics.through, "article", "topic__name"),
            weight="B",
            config=CONFIG,
        )
        + SearchVector(
            "body",
            joined(apps.get_model("articles", "Byline"), "article", "author__name"),
            joined(apps.get_model("articles", "Reference"), "article", "title"),
            weight="C",
            config=CONFIG,
        )
    )


def refresh(article_ids=None, *, using="default", apps=global_apps):
    """Recompute the vectors of these articles (all when None) in one UPDATE."""
    if connections[using].vendor != "postgresql":
        return 0
    articles = apps.get_model("articles", "Article")._base_manager.using(using)
    if article_ids is not None:
        articles = articles.filter(pk__in=article_ids)
    count = articles.update(search_vector=vector(apps))
    # Search results read the vectors: cached result pages must go once they change,
    # and this UPDATE sends no signal (it may also run after the write's own
    # invalidation, as another commit callback).
    if count:
        pagecache_services.invalidate(using=using)
    return count


def schedule(article_ids, *, using="default"):
    """Refresh these articles once the current transaction commits (now, outside one)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    ids = {pk for pk in article_ids if pk is not None}
    if not ids:
        return
    pending = connection.__dict__.setdefault("search_pending_ids", set())
    pending |= ids
    # One callback per write, but the first to run takes every pending id and the
    # others find nothing left: one UPDATE per transaction. Ids left over by a
    # rolled-back transaction are refreshed with the next ones, which is harmless.
    transaction.on_commit(partial(_flush, using), using=using)


def _flush(using):
    pending = connections[using].__dict__.get("search_pending_ids")
    if pending:
        ids = set(pending)
        pending.clear()
        refresh(ids, using=using)


# Receivers, connected in SearchConfig.ready().


def article_saved(sender, instance, using, update_fields=None, **kwargs):
    if update_fields is None or INDEXED_FIELDS & set(update_fields):
        schedule([instance.pk], using=using)


def part_changed(sender, instance, using, **kwargs):
    """A reference, byline or tag of one article was saved or deleted."""
    article_id = getattr(instance, "article_id", None) or getattr(
        instance, "content_object_id", None
    )
    schedule([article_id], using=using)


def topics_changed(sender, instance, action, reverse, pk_set, using, **kwargs):
    if not reverse:
        if action in {"post_add", "post_remove", "post_clear"}:
            schedule([instance.pk], using=using)
    elif action in {"post_add", "post_remove"}:
        schedule(pk_set or [], using=using)
    elif action == "pre_clear":
        # topic.articles.clear(): the articles are known only before.
        rows = sender._default_manager.using(using).filter(topic_id=instance.pk)
        schedule(rows.values_list("article_id", flat=True), using=using)


def name_changed(sender, instance, using, created, **kwargs):
    """A tag, topic or author was saved: its name is in its articles' vectors."""
    if created or connections[using].vendor != "postgresql":
        return
    Article = global_apps.get_model("articles", "Article")
    lookups = {
        "Tag": ["tagged_items__tag"],
        "Topic": ["primary_topic", "topics"],
        "Author": ["bylines__author"],
    }[sender.__name__]
    ids = set()
    for lookup in lookups:
        ids |= set(
            Article._base_manager.using(using)
            .filter(**{lookup: instance})
            .values_list("pk", flat=True)
        )
    schedule(ids, using=using)


def connect():
    Article = global_apps.get_model("articles", "Article")
    post_save.connect(article_saved, sender=Article, dispatch_uid="search.article_saved")
    for name in ("Reference", "Byline", "TaggedArticle"):
        model = global_apps.get_model("articles", name)
        for signal in (post_save, post_delete):
            signal.connect(part_changed, sender=model, dispatch_uid=f"search.{name}.{signal}")
    m2m_changed.connect(
        topics_changed, sender=Article.topics.through, dispatch_uid="search.topics_changed"
    )
    for model in (
        global_apps.get_model("articles", "Tag"),
        global_apps.get_model("articles", "Author"),
        global_apps.get_model("topics", "Topic"),
    ):
        post_save.connect(name_changed, sender=model, dispatch_uid=f"search.{model.__name__}")
