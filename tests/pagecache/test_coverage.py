"""Writes to every model readers may see start a new page generation, with no list
of them kept by hand: every installed model is covered unless its app is on the
short deny-list in pagecache/signals.py (the machinery: logins, accounts, history,
login throttling), and a model or an app added later is covered by default."""

from pathlib import Path

import pytest
import reversion
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.test import Client
from django.test.utils import isolate_apps
from taggit.models import Tag as TaggitTag

from articles.models import Article, Correction
from newsroom.models import SiteSettings
from pagecache import services, signals
from redirects.models import Redirect
from tests.builders import make_article, make_editor, make_topic
from tests.drugs.builders import make_drug
from tests.evidence.builders import make_trial

pytestmark = pytest.mark.django_db


def receivers(signal, model):
    # What Signal.has_listeners() looks at, narrowed to one sender.
    sync_receivers, async_receivers = signal._live_receivers(model)
    return [*sync_receivers, *async_receivers]


def covered(model):
    return (
        signals.on_write in receivers(post_save, model)
        and signals.on_write in receivers(post_delete, model)
        and signals.on_links_changed in receivers(m2m_changed, model)
    )


def every_model():
    return apps.get_models(include_auto_created=True)


def denied(model):
    return (
        model._meta.app_label in signals.NOT_SEEN_BY_READERS
        or model._meta.label in signals.MODELS_NOT_SEEN_BY_READERS
    )


def test_every_model_outside_the_deny_list_invalidates():
    uncovered = [
        model._meta.label for model in every_model() if not denied(model) and not covered(model)
    ]

    assert uncovered == []


def test_the_models_denied_one_by_one_are_installed_and_few():
    """Each is named with its reason; the rest of its app stays covered (above)."""
    labels = {model._meta.label for model in every_model()}

    assert set(signals.MODELS_NOT_SEEN_BY_READERS) <= labels
    assert set(signals.MODELS_NOT_SEEN_BY_READERS) == {"imports.PendingImport"}
    assert all(signals.MODELS_NOT_SEEN_BY_READERS.values())


def test_the_machinery_on_the_deny_list_does_not():
    denied_models = [m for m in every_model() if denied(m)]

    assert {m._meta.label for m in denied_models} >= {
        "sessions.Session",
        "admin.LogEntry",
        "auth.User",
        "auth.User_groups",
        "contenttypes.ContentType",
        "reversion.Version",
        "axes.AccessAttempt",
        "imports.PendingImport",
    }
    assert not any(
        signals.on_write in receivers(post_save, model)
        or signals.on_write in receivers(post_delete, model)
        or signals.on_links_changed in receivers(m2m_changed, model)
        for model in denied_models
    )


def test_the_deny_list_names_only_installed_apps_and_none_of_the_portals():
    installed = {config.label: config for config in apps.get_app_configs()}
    # The project's own apps: top-level folders of the checkout (not its .venv).
    portal_apps = {
        label
        for label, config in installed.items()
        if Path(config.path).resolve().parent == Path(settings.BASE_DIR).resolve()
    }

    assert set(signals.NOT_SEEN_BY_READERS) <= set(installed)
    assert {"articles", "topics", "drugs", "newsroom"} <= portal_apps
    assert not portal_apps & set(signals.NOT_SEEN_BY_READERS)


def test_what_readers_saw_covered_before_is_still_covered():
    """The hand-kept list this rule replaced: the same models, their links and taggit's."""
    before = {
        "articles",
        "drugs",
        "evidence",
        "images",
        "newsroom",
        "redirects",
        "search",
        "taggit",
        "topics",
    }
    was_covered = {m for m in every_model() if m._meta.app_label in before}

    assert set(signals.reader_models()) == was_covered
    assert {"articles.Article_topics", "drugs.Drug_articles", "taggit.TaggedItem"} <= {
        m._meta.label for m in was_covered
    }


@isolate_apps("tests.pagecache.newsletter")
def test_a_new_app_and_its_models_are_covered_by_default(monkeypatch):
    class Newsletter(models.Model):  # noqa: DJ008
        name = models.CharField(max_length=50)

        class Meta:
            app_label = "newsletter"

    class Issue(models.Model):  # noqa: DJ008
        newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE)
        related = models.ManyToManyField(Newsletter, related_name="+")

        class Meta:
            app_label = "newsletter"

    registry = Newsletter._meta.apps
    found = signals.reader_models(registry)
    assert {m._meta.label for m in found} == {
        "newsletter.Newsletter",
        "newsletter.Issue",
        "newsletter.Issue_related",
    }

    calls = count_invalidations(monkeypatch)
    signals.connect(found)
    try:
        post_save.send(sender=Issue, instance=Issue(), created=True, using="default")
        post_delete.send(sender=Newsletter, instance=Newsletter(), using="default")
        through = Issue.related.through
        m2m_changed.send(
            sender=through,
            instance=Issue(),
            action="post_add",
            reverse=False,
            model=Newsletter,
            pk_set={1},
            using="default",
        )
    finally:
        for model in found:
            for signal in (post_save, post_delete, m2m_changed):
                signal.disconnect(sender=model, dispatch_uid=uid(model, signal))

    assert calls == ["default"] * 3


def uid(model, signal):
    suffix = {post_save: "save", post_delete: "delete", m2m_changed: "links"}[signal]
    return f"pagecache.{model._meta.label_lower}.{suffix}"


def count_invalidations(monkeypatch):
    calls = []
    monkeypatch.setattr(services, "invalidate", lambda using="default": calls.append(using))
    return calls


@pytest.fixture
def article(db):
    return make_article("Covered article", primary_topic=make_topic("Covered topic"))


def written(calls, write):
    del calls[:]
    write()
    return bool(calls)


def test_real_writes_of_what_readers_see_invalidate(monkeypatch, article):
    calls = count_invalidations(monkeypatch)
    drug = make_drug()

    writes = {
        "a topic link (auto-created table)": lambda: article.topics.add(make_topic("Linked")),
        "a drug's articles (auto-created table)": lambda: drug.articles.add(article),
        "a tag (taggit through our TaggedArticle)": lambda: article.tags.add("new tag"),
        "taggit's own tag": lambda: TaggitTag.objects.create(name="taggit tag"),
        "a trial summary": lambda: make_trial(article),
        "a correction": lambda: Correction.objects.create(article=article, note="Fixed."),
        "the site settings": lambda: SiteSettings.objects.update_or_create(
            pk=1, defaults={"site_name": "Skin News"}
        ),
        "a recorded former address": lambda: Redirect.objects.create(
            old_path="/articles/old/", target=article
        ),
        "an article deleted": lambda: Article.objects.get(pk=article.pk).delete(),
    }
    assert [name for name, write in writes.items() if not written(calls, write)] == []


def test_logins_accounts_and_history_do_not(monkeypatch, article):
    calls = count_invalidations(monkeypatch)
    editor = make_editor()
    admin_login = "/" + settings.ADMIN_URL + "login/"

    def log_in():
        response = Client().post(admin_login, {"username": "editor", "password": "editor-pass-123"})
        assert response.status_code == 302

    def fail_to_log_in():
        response = Client().post(admin_login, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200

    def keep_history():
        with reversion.create_revision():
            reversion.set_user(editor)
            reversion.add_to_revision(article)

    writes = {
        "a login (session, last_login, axes' log)": log_in,
        "a failed login (axes' attempt)": fail_to_log_in,
        "a new account": lambda: User.objects.create_user("reader-account"),
        "the admin's log": lambda: LogEntry.objects.create(
            user=editor, object_repr="x", action_flag=1
        ),
        "a revision": keep_history,
    }
    assert [name for name, write in writes.items() if written(calls, write)] == []
