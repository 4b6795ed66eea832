"""`manage.py backup` and `manage.py restore`: the whole site comes back from one
archive into a freshly migrated, empty database, byte for byte as readers saw it.

These tests commit for real (migrations, a restore's transaction): transactional
database, with the migrations' own rows put back afterwards (serialized_rollback).
"""

import io
import json
import shutil
import tarfile

import pytest
import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from reversion.models import Version

from articles.models import Article, Correction, Reference, Tag
from backups.archive import backed_up_models
from newsroom.models import SiteSettings
from redirects.models import Redirect
from tests.builders import get_topic, make_article, make_author, make_editor
from tests.drugs.builders import FDA_APPROVAL, make_drug
from tests.evidence.builders import make_trial
from tests.images.builders import make_image, stored_files
from tests.migrations import migrate_new_database
from tests.pages import parse

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SIX_TAGS = ["ruxolitinib", "Opzelura", "JAK inhibitors", "TRuE-V1", "TRuE-V2", "EMA"]


@pytest.fixture
def media_root(settings, tmp_path):
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def build_site():
    """One of everything a reader or the newsroom would miss after a restore."""
    editor = make_editor()
    editor.user_permissions.add(Permission.objects.get(codename="view_logentry"))
    portrait = make_image(600, 600, name="portrait.jpg", alt_text="Dana Roe", credit="Staff")
    author = make_author("Dana Roe", photo=portrait)
    article = make_article(
        "Ruxolitinib cream repigments vitiligo",
        authors=[author],
        references=3,
        tags=SIX_TAGS,
        topics=[get_topic("atopic-dermatitis")],
        lead_image=make_image(name="hands.jpg"),
        body="Repigmentation at week 52 [1]. Safety held [2,3].",
    )
    with reversion.create_revision():
        reversion.set_user(editor)
        reversion.set_comment("Deck tightened.")
        article.deck = "Half the patients regained pigment on the face."
        article.save()
    Correction.objects.create(
        article=article, note="The trial had 344 patients, not 330.", created_by=editor
    )
    make_trial(article, reference=article.references.get(number=1))
    make_drug("ruxolitinib", articles=[article], milestones=[FDA_APPROVAL])
    old_slug = article.slug
    article.slug = "ruxolitinib-cream-vitiligo"
    article.save()  # readers saw it: its former address now redirects
    assert Redirect.objects.filter(old_path=f"/articles/{old_slug}/").exists()
    make_article("An older story", tags=SIX_TAGS[:2])
    SiteSettings.objects.create(site_name="Skin Weekly", publisher_name="Skin Weekly Ltd")
    return Article.objects.get(pk=article.pk)


def reader_pages(client, article):
    paths = ["/", "/topics/vitiligo/", article.get_absolute_url(), "/feed/", "/drugs/ruxolitinib/"]
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content
    return pages


def every_row():
    """Each model's rows as serialized, contenttypes and permissions by natural key."""
    from django.core import serializers

    rows = {}
    for model in backed_up_models():
        label = model._meta.label_lower
        natural = label in {"contenttypes.contenttype", "auth.permission"}
        data = serializers.serialize(
            "python",
            model._base_manager.order_by("pk"),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=natural,
        )
        rows[label] = sorted(json.dumps(row, sort_keys=True, default=str) for row in data)
    return rows


def test_a_backup_restores_into_an_empty_database_with_nothing_lost(client, tmp_path, media_root):
    article = build_site()
    before = reader_pages(client, article)
    rows_before = every_row()
    files_before = stored_files(media_root)
    assert any(name.startswith("renditions/") for name in files_before)
    archive = tmp_path / "site.tar.gz"

    call_command("backup", str(archive), stdout=io.StringIO())
    migrate_new_database()  # a new server: migrated, no content, no media
    shutil.rmtree(media_root)
    media_root.mkdir()
    assert not Article.objects.exists()
    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)

    assert "restored" in out.getvalue()
    assert every_row() == rows_before
    assert stored_files(media_root) == files_before
    assert reader_pages(client, article) == before
    # What the compared pages hold, as a reader sees it.
    page = parse(client.get(article.get_absolute_url()))
    tag_links = {link.text for link in page.find_all("a") if "/tags/" in link.attrs["href"]}
    assert set(SIX_TAGS) <= tag_links
    assert len(page.find("ol", cls="reference-list").find_all("li")) == 3
    assert "344 patients" in page.text
    # The newsroom's side: logins, permissions, revisions, the former address.
    editor = User.objects.get(username="editor")
    assert client.login(username="editor", password="editor-pass-123")
    assert editor.has_perm("admin.view_logentry")
    assert Group.objects.get(name="Editors").permissions.filter(codename="publish_article")
    assert Version.objects.get_for_object(article).first().revision.comment == "Deck tightened."
    assert Reference.objects.filter(article=article).count() == 3
    assert sorted(Article.objects.get(pk=article.pk).tags.names()) == sorted(SIX_TAGS)
    former = Redirect.objects.get().old_path
    assert client.get(former)["Location"] == article.get_absolute_url()


def rewritten(archive, target, *, manifest=None, extra_rows=""):
    """A copy of the archive with its manifest changed or rows added to its data."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "manifest.json" and manifest:
                content = json.dumps(manifest(json.loads(content))).encode()
            if member.name == "data.jsonl":
                content += extra_rows.encode()
            member.size = len(content)
            copy.addfile(member, io.BytesIO(content))
    return target


def test_restore_refuses_a_database_that_holds_content(tmp_path, media_root):
    build_site()
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    with pytest.raises(CommandError, match=r"already holds content \(.*2 articles"):
        call_command("restore", str(archive))


def test_a_restore_that_fails_half_way_writes_nothing(client, tmp_path, media_root):
    """--force on the live site with a broken archive: the flush, the rows loaded
    before the bad one and the media files written are all undone."""
    article = build_site()
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    Article.objects.filter(pk=article.pk).update(headline="Edited after the backup")
    before = reader_pages(client, article)
    rows_before = every_row()
    for name in stored_files(media_root):
        (media_root / name).unlink()  # so a restore would write them again
    bad_row = {"model": "articles.byline", "pk": 999, "fields": {"article": 1, "author": 12345}}
    broken = rewritten(archive, tmp_path / "broken.tar.gz", extra_rows=json.dumps(bad_row))

    with pytest.raises(CommandError, match="nothing was restored"):
        call_command("restore", str(broken), "--force")

    assert every_row() == rows_before
    assert reader_pages(client, article) == before
    assert stored_files(media_root) == []


def test_restore_refuses_a_backup_made_at_other_migrations(tmp_path, media_root):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    def newer(manifest):
        return {**manifest, "migrations": [*manifest["migrations"], "articles.9999_future"]}

    future = rewritten(archive, tmp_path / "future.tar.gz", manifest=newer)
    with pytest.raises(CommandError, match=r"Not applied here: articles.9999_future"):
        call_command("restore", str(future))


def test_restore_explains_a_file_that_is_not_a_backup(tmp_path):
    not_a_backup = tmp_path / "notes.tar.gz"
    not_a_backup.write_text("hello")

    with pytest.raises(CommandError, match="is not a .tar.gz backup"):
        call_command("restore", str(not_a_backup))
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing.tar.gz"))


def test_plain_dumpdata_with_natural_keys_keeps_every_tag_across_a_new_database(tmp_path):
    """The operator's own route, with both natural-key flags, into a new database."""
    article = make_article("Ruxolitinib cream", tags=SIX_TAGS)
    fixture = tmp_path / "site.json"
    call_command(
        "dumpdata",
        natural_foreign=True,
        natural_primary=True,
        exclude=["sessions", "contenttypes", "auth.permission"],
        output=str(fixture),
    )
    migrate_new_database()

    call_command("loaddata", str(fixture), verbosity=0)

    assert sorted(Article.objects.get(pk=article.pk).tags.names()) == sorted(SIX_TAGS)
    assert Tag.objects.count() == 6


def as_made_before_the_correction_moved(archive, target):
    """The archive as the release before the move wrote it: Correction in newsroom
    (its rows, content type and permissions), the move's two migrations not applied."""
    move = {"articles.0012_correction", "newsroom.0009_correction_moves_to_articles"}

    def manifest(data):
        rows = {
            ("newsroom.correction" if label == "articles.correction" else label): n
            for label, n in data["rows"].items()
        }
        return {**data, "migrations": sorted(set(data["migrations"]) - move), "rows": rows}

    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "manifest.json":
                content = json.dumps(manifest(json.loads(content))).encode()
            if member.name == "data.jsonl":
                text = content.decode()
                for new, old in [
                    ('"model": "articles.correction"', '"model": "newsroom.correction"'),
                    (
                        '"app_label": "articles","model": "correction"',
                        '"app_label": "newsroom","model": "correction"',
                    ),
                    ('"articles","correction"]', '"newsroom","correction"]'),
                ]:
                    assert new in text
                    text = text.replace(new, old)
                assert "articles.correction" not in text
                assert '"articles","correction"' not in text
                content = text.encode()
            member.size = len(content)
            copy.addfile(member, io.BytesIO(content))
    return target


def test_a_backup_made_before_correction_moved_to_articles_restores(client, tmp_path, media_root):
    """Archives made before Correction moved from newsroom to articles name it
    newsroom.correction: its rows, content type, permissions and whatever points at
    them (grants, the admin log). A restore reads them as articles.correction."""
    article = build_site()
    correction = Correction.objects.get()
    editor = User.objects.get(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="delete_correction"))
    correction_type = ContentType.objects.get_for_model(Correction)
    LogEntry.objects.create(
        user=editor,
        content_type=correction_type,
        object_id=str(correction.pk),
        object_repr=str(correction),
        action_flag=CHANGE,
        change_message="[]",
    )
    before = reader_pages(client, article)
    rows_before = every_row()
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    old = as_made_before_the_correction_moved(archive, tmp_path / "old.tar.gz")
    migrate_new_database()
    shutil.rmtree(media_root)
    media_root.mkdir()

    out = io.StringIO()
    call_command("restore", str(old), stdout=out)

    assert "restored" in out.getvalue()
    assert every_row() == rows_before
    assert reader_pages(client, article) == before
    assert not ContentType.objects.filter(app_label="newsroom", model="correction").exists()
    correction_type = ContentType.objects.get_for_model(Correction)
    editor = User.objects.get(username="editor")
    assert editor.has_perm("articles.change_correction")  # the Editors group's grant
    assert editor.has_perm("articles.delete_correction")  # the editor's own
    assert LogEntry.objects.get(content_type=correction_type).object_id == str(correction.pk)
