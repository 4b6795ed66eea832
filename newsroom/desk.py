"""The newsroom desk: what waits for staff, on the admin's home page.

Each section is one list query (its first rows) and all the counts are one
aggregate query, so the desk costs the same number of queries however many
articles there are. The menu shows the counts on every admin page. Apps built on
articles add sections of their own (``add_waiting_section``: imports' re-imports
waiting for review).
"""

from collections.abc import Callable
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
    # The line under each headline: "waiting" (its age: article.waiting_since),
    # "goes_live", "live_since", or "saved" (state and last save).
    when: str = "saved"
    # Where each headline leads: a URL name taking the article's id.
    row_url: str = "admin:articles_article_change"

    @property
    def more(self):
        return max(self.count - len(self.articles), 0)


@dataclass(frozen=True)
class WaitingSection:
    """A section another app adds to the desk (``add_waiting_section``): articles
    waiting for something of that app, oldest first, with their age."""

    key: str
    title: str
    menu_label: str
    # (user) -> Q on articles: the rows this user is shown.
    condition: Callable
    # What the age counts from: an expression on articles, e.g. F("other__created_at").
    waiting_since: object
    changelist: dict
    empty: str
    row_url: str
    after: str


# Sections of the apps built on articles, which this module does not import.
WAITING_SECTIONS = []

# The menu on every admin page: (section key, label).
MENU = [
    ("review", "Review"),
    ("scheduled", "Scheduled"),
    ("warnings", "Import warnings"),
    ("retractions", "Retraction alerts"),
]


def add_waiting_section(
    key, title, *, menu_label, condition, waiting_since, changelist, empty, row_url, after
):
    """Show a section of another app on the desk, after the section ``after``, and its
    count in the menu. Called from that app's admin module (imports' re-imports
    waiting for review), so this module imports none of them. ``changelist``: the
    article list's query for the section's title link."""
    # Once per key, however often the calling module is imported.
    WAITING_SECTIONS[:] = [extra for extra in WAITING_SECTIONS if extra.key != key]
    WAITING_SECTIONS.append(
        WaitingSection(
            key=key,
            title=title,
            menu_label=menu_label,
            condition=condition,
            waiting_since=waiting_since,
            changelist=changelist,
            empty=empty,
            row_url=row_url,
            after=after,
        )
    )


def menu_items():
    """(key, label) of the menu, the other apps' sections after theirs."""
    return _inserted(
        MENU, [(extra.after, (extra.key, extra.menu_label)) for extra in WAITING_SECTIONS]
    )


def _inserted(items, extras):
    """``items`` (tuples keyed by their first value) with each extra placed after the
    item whose key it names (at the end if there is none)."""
    result = list(items)
    for after, item in extras:
        keys = [existing[0] for existing in result]
        position = keys.index(after) + 1 if after in keys else len(result)
        result.insert(position, item)
    return result


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
        **{extra.key: extra.condition(user) for extra in WAITING_SECTIONS},
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
    change = Section.row_url
    plan = [
        (
            "review",
            "Waiting for review",
            base.annotate(waiting_since=waiting_since).order_by(waiting_since.asc(), "pk"),
            _changelist(state="review"),
            "No article is waiting for review.",
            "waiting",
            change,
        ),
        (
            "drafts",
            "My drafts",
            base.order_by("-modified_at", "-pk"),
            _changelist(state="draft", mine="yes"),
            "You have no drafts.",
            "saved",
            change,
        ),
        (
            "scheduled",
            "Scheduled",
            base.order_by("published_at", "pk"),
            _changelist(state="scheduled"),
            "Nothing is scheduled.",
            "goes_live",
            change,
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
            "live_since",
            change,
        ),
        (
            "warnings",
            "Import warnings",
            base.order_by("-modified_at", "-pk"),
            _changelist(import_warnings="yes"),
            "No import left warnings to resolve.",
            "saved",
            change,
        ),
        (
            "retractions",
            "Retraction alerts",
            base.order_by("-published_at", "-pk"),
            _changelist(cites_flagged="any"),
            "No article cites a retracted, corrected or questioned paper.",
            "saved",
            change,
        ),
    ]
    plan = _inserted(
        plan,
        [
            (
                extra.after,
                (
                    extra.key,
                    extra.title,
                    base.annotate(waiting_since=extra.waiting_since).order_by(
                        "waiting_since", "pk"
                    ),
                    _changelist(**extra.changelist),
                    extra.empty,
                    "waiting",
                    extra.row_url,
                ),
            )
            for extra in WAITING_SECTIONS
        ],
    )
    return [
        Section(
            key=key,
            title=title,
            count=numbers[key],
            changelist_url=url,
            articles=list(queryset.filter(filters[key])[:ROWS]) if numbers[key] else [],
            empty=empty,
            when=when,
            row_url=row_url,
        )
        for key, title, queryset, url, empty, when, row_url in plan
    ]
