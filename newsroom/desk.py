"""The newsroom desk: what waits for staff, on the admin's home page.

Each section is one list query (its first rows) and all the counts are one
aggregate query, so the desk costs the same number of queries however many
articles there are. The menu shows the counts on every admin page.
"""

from dataclasses import dataclass, field
from datetime import datetime, time

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from articles.models import Article, Reference

ROWS = 10  # per section; the section's link leads to all of them

COLUMNS = ["pk", "headline", "status", "published_at", "modified_at", "review_requested_at"]


@dataclass
class Section:
    key: str
    title: str
    count: int
    changelist_url: str
    articles: list = field(default_factory=list)
    empty: str = "Nothing here."

    @property
    def more(self):
        return max(self.count - len(self.articles), 0)


def may_see(user):
    """The desk lists articles: for staff who may see them (writers and editors)."""
    return user.has_perm("articles.view_article") or user.has_perm("articles.change_article")


def _start_of_today(now):
    local = timezone.localtime(now)
    return timezone.make_aware(datetime.combine(local.date(), time.min), local.tzinfo)


def _filters(user, now):
    """Each section's rows, as a Q on articles (annotated with ``flagged``)."""
    return {
        "review": Q(status=Article.Status.REVIEW),
        "drafts": Q(status=Article.Status.DRAFT, created_by_id=user.pk),
        "scheduled": Q(status=Article.Status.PUBLISHED, published_at__gt=now),
        "today": Q(
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
            published_at__gte=_start_of_today(now),
        ),
        "warnings": ~Q(import_warnings=""),
        "retractions": Q(flagged=True),
    }


def _articles():
    flagged = Reference.objects.filter(article=OuterRef("pk")).exclude(notice="")
    return Article.objects.annotate(flagged=Exists(flagged))


def counts(user, now=None):
    """{section key: number of articles}, in one query."""
    now = now or timezone.now()
    filters = _filters(user, now)
    return _articles().aggregate(
        **{key: Count("pk", filter=condition) for key, condition in filters.items()}
    )


def _changelist(**params):
    url = reverse("admin:articles_article_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def sections(user, now=None):
    """The desk's sections, in the order an editor works through them."""
    now = now or timezone.now()
    filters = _filters(user, now)
    numbers = counts(user, now)
    local = timezone.localtime(now)
    base = _articles().only(*COLUMNS)
    waiting_since = Coalesce("review_requested_at", "modified_at")
    plan = [
        (
            "review",
            "Waiting for review",
            base.annotate(waiting_since=waiting_since).order_by(waiting_since.asc(), "pk"),
            _changelist(state="review"),
            "No article is waiting for review.",
        ),
        (
            "drafts",
            "My drafts",
            base.order_by("-modified_at", "-pk"),
            _changelist(state="draft", mine="yes"),
            "You have no drafts.",
        ),
        (
            "scheduled",
            "Scheduled",
            base.order_by("published_at", "pk"),
            _changelist(state="scheduled"),
            "Nothing is scheduled.",
        ),
        (
            "today",
            "Published today",
            base.order_by("-published_at", "-pk"),
            _changelist(
                state="published",
                published_at__year=local.year,
                published_at__month=local.month,
                published_at__day=local.day,
            ),
            "Nothing published yet today.",
        ),
        (
            "warnings",
            "Import warnings",
            base.order_by("-modified_at", "-pk"),
            _changelist(import_warnings="yes"),
            "No import left warnings to resolve.",
        ),
        (
            "retractions",
            "Retraction alerts",
            base.order_by("-published_at", "-pk"),
            _changelist(cites_flagged="any"),
            "No article cites a retracted, corrected or questioned paper.",
        ),
    ]
    return [
        Section(
            key=key,
            title=title,
            count=numbers[key],
            changelist_url=url,
            articles=list(queryset.filter(filters[key])[:ROWS]) if numbers[key] else [],
            empty=empty,
        )
        for key, title, queryset, url, empty in plan
    ]
