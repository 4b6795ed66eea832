from pathlib import Path

from django.contrib.auth.models import Group, Permission, User
from django.core.management.base import BaseCommand
from django.db import transaction

from articles.importer import parse_article_text
from articles.models import Article
from articles.services import author_from_byline, import_article
from newsroom.permissions import sync_editors_group
from topics.models import Topic
from topics.taxonomy import ensure_initial_topics

SEED = Path(__file__).resolve().parents[2] / "seeds" / "ruxolitinib-vitiligo.txt"
SEED_TOPIC = "vitiligo"
SEED_BYLINE = "Alex Morgan, MD, FAAD"
SEED_AUTHOR_BIO = (
    "Alex Morgan is a fictional byline used for the demo content of this portal; "
    "no real person wrote this article under that name."
)
SEED_TAGS = ["ruxolitinib", "Opzelura", "JAK inhibitors", "TRuE-V1", "TRuE-V2", "EMA"]
EDITOR_USERNAME = "editor"
EDITOR_PASSWORD = "demo-editor-2026"  # a published demo credential, printed on purpose
SITE_URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = (
        "Load the demo: the topics, the seed article, and a staff user 'editor' in the "
        "Editors group. Safe to run again; nothing is duplicated."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            created_topics = ensure_initial_topics(Topic)
            article, created = self.import_seed()
            editor = self.ensure_editor()

        self.stdout.write(f"Topics: {created_topics} created, {Topic.objects.count()} in all.")
        self.stdout.write(
            f'Article "{article.headline}" {"created" if created else "updated"}: '
            f"{SITE_URL.rstrip('/')}{article.get_absolute_url()}"
        )
        self.stdout.write("")
        self.stdout.write(f"Site:  {SITE_URL}")
        self.stdout.write(f"Admin: {SITE_URL}admin/")
        self.stdout.write(f"Log in as {editor.username!r} with password {EDITOR_PASSWORD!r}.")
        self.stdout.write(
            "These are demo credentials, printed on purpose: never use them on a public server."
        )

    def import_seed(self):
        parsed = parse_article_text(SEED.read_text(encoding="utf-8-sig"))
        author = author_from_byline(SEED_BYLINE)
        if not author.bio:
            author.bio = SEED_AUTHOR_BIO
            author.save(update_fields=["bio"])
        article, created = import_article(
            parsed,
            topics=[Topic.objects.get(slug=SEED_TOPIC)],
            authors=[author],
            status=Article.Status.PUBLISHED,
        )
        article.tags.add(*SEED_TAGS)
        return article, created

    def ensure_editor(self):
        editors = sync_editors_group(Group, Permission)
        user, _ = User.objects.get_or_create(username=EDITOR_USERNAME)
        user.is_staff = True
        user.is_superuser = False
        user.is_active = True
        user.set_password(EDITOR_PASSWORD)
        user.save()
        user.groups.add(editors)
        return user
