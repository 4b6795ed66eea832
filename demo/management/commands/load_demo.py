from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify

from articles.models import Author
from facts.review import accept_all
from imports.parser import parse_article_text
from imports.services import find_existing, import_article
from newsroom.permissions import EDITORS_GROUP, WRITERS_GROUP, sync_newsroom_groups
from topics.models import Topic
from topics.taxonomy import ensure_initial_topics

SEED = Path(__file__).resolve().parents[2] / "seeds" / "ruxolitinib-vitiligo.txt"
SEED_TOPIC = "vitiligo"
SEED_BYLINE = "Alex Morgan, MD, FAAD"
SEED_AUTHOR_BIO = (
    "Alex Morgan is a fictional byline used for the demo content of this portal; "
    "no real person wrote this article under that name."
)
SEED_AUTHOR_DISCLOSURES = "None (a fictional demo byline)."
FACTS_COMMENT = "load_demo: every fact suggested from the text accepted."
# (username, group, password): published demo credentials, printed on purpose.
DEMO_ACCOUNTS = [
    ("editor", EDITORS_GROUP, "demo-editor-2026"),
    ("writer", WRITERS_GROUP, "demo-writer-2026"),
]
SITE_URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = (
        "Load the demo: the topics, the seed article with the facts suggested from its "
        "text (as an editor accepting every one on the Suggest facts page), and the staff "
        "accounts 'editor' (Editors) and 'writer' (Writers). Creates only what is missing: "
        "an edited article, a changed password or topic, a disabled account is left as it "
        "is. Refuses to run with DEBUG off unless --allow-production is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default=SITE_URL,
            metavar="URL",
            help=f"The address the site is served at, for the links printed. Default: {SITE_URL}",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even though DEBUG is off (as `dev.py up` does for its local demo). "
            "The demo accounts have published passwords: never on a public server.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            # A production database must not get staff accounts whose passwords
            # are printed in this project's README.
            raise CommandError(
                "DEBUG is off: this looks like a production configuration, and the demo "
                "creates staff accounts with published passwords. Nothing was changed. "
                "For a local demo served like production, add --allow-production."
            )
        site_url = self.check_site_url(options["site_url"])
        with transaction.atomic():
            created_topics = ensure_initial_topics(Topic)
            article, article_created = self.ensure_seed_article()
            # Reviewed once, when the article is made: an existing article's facts are
            # the editors' (a deleted trial must not come back).
            review = (
                accept_all(article=article, by=None, comment=FACTS_COMMENT)
                if article_created
                else None
            )
            accounts = [self.ensure_account(*account) for account in DEMO_ACCOUNTS]

        self.stdout.write(f"Topics: {created_topics} created, {Topic.objects.count()} in all.")
        what = (
            "created and published"
            if article_created
            else f"already there ({article.state_label.lower()}), left as it is"
        )
        self.stdout.write(f'Article "{article.headline}" {what}:')
        self.stdout.write(f"  {site_url.rstrip('/')}{article.get_absolute_url()}")
        if review is not None:
            self.write_review(review)
        self.stdout.write("")
        self.stdout.write(f"Site:  {site_url}")
        self.stdout.write(f"Admin: {site_url.rstrip('/')}{reverse('admin:index')}")
        for user, group, password in accounts:
            if password:
                self.stdout.write(
                    f"Log in as {user.username!r} ({group}) with password {password!r}."
                )
            else:
                self.stdout.write(
                    f"Account {user.username!r} already exists; its password was left as it is."
                )
        if any(password for _, _, password in accounts):
            self.stdout.write(
                "These are demo credentials, printed on purpose: never use them on a public server."
            )

    def write_review(self, review):
        counts = {}
        for fact in review.saved:
            kind = "takeaways" if fact == "takeaways" else fact._meta.verbose_name
            counts[kind] = counts.get(kind, 0) + 1
        accepted = ", ".join(f"{count} × {kind}" for kind, count in counts.items()) or "none"
        self.stdout.write(f"Facts suggested from its text, accepted: {accepted}.")
        for what, why in review.left_out:
            self.stdout.write(f"  Left out, for an editor to complete: {what} ({why})")

    def check_site_url(self, value):
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise CommandError(
                f"--site-url {value!r} is not a web address such as {SITE_URL}"
            ) from None
        return value if value.endswith("/") else value + "/"

    def ensure_seed_article(self):
        """The seed article; imported and published only when it does not exist.

        Once there it belongs to the editors: running the demo loader again must
        not undo their edits, so an existing article is not touched at all.
        """
        parsed = parse_article_text(SEED.read_text(encoding="utf-8-sig"))
        _, article = find_existing(parsed, adopt_unkeyed=True)
        if article is not None:
            return article, False
        result = import_article(
            parsed,
            topics=[Topic.objects.get(slug=SEED_TOPIC)],
            authors=[self.ensure_author()],
            publish=True,
            comment="Demo content loaded.",
        )
        return result.article, True

    def ensure_author(self):
        name, _, credentials = SEED_BYLINE.partition(",")
        author, _ = Author.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "credentials": credentials.strip(),
                "bio": SEED_AUTHOR_BIO,
                "disclosures": SEED_AUTHOR_DISCLOSURES,
            },
        )
        return author

    def ensure_account(self, username, group_name, password):
        """(user, group name, password if just created, else None).

        An existing account is not touched at all: not its password, and not a
        disabled account's active or staff flag, which someone removed on purpose.
        """
        user = User.objects.filter(username__iexact=username).first()
        if user is not None:
            return user, group_name, None
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            # The migrations create the groups; a database without them gets them here.
            group = sync_newsroom_groups(Group, Permission)[group_name]
        user = User(username=username, is_staff=True)
        try:
            # The same validators as the admin's password forms (AUTH_PASSWORD_VALIDATORS).
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(
                f"The demo password for {username!r} fails the password validators "
                f"({' '.join(error.messages)}); nothing was changed."
            ) from None
        user.set_password(password)
        user.save()
        user.groups.add(group)
        return user, group_name, password
