"""manage.py load_demo: creates what is missing, never undoes what an editor changed."""

import filecmp
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles import services
from articles.models import Article, Author, Byline, Reference
from drugs.models import Drug, RegulatoryMilestone
from evidence.models import TrialSummary
from imports.models import PendingImport
from tests.builders import SEED_PATH, get_topic, make_article
from tests.demo.pages import article_page, proposed_for, tag_links
from topics.models import Topic

pytestmark = pytest.mark.django_db

PASSWORDS = {"editor": "demo-editor-2026", "writer": "demo-writer-2026"}


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", "--allow-production", *args, stdout=out)
    return out.getvalue()


def printed_passwords(out):
    return re.findall(r"with password '([^']+)'", out)


def test_seed_copy_is_identical_to_the_shared_seed():
    # ../shared/ sits beside the checkout on developers' machines and in CI.
    shared = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "ruxolitinib-vitiligo.txt"
    if not shared.exists():
        pytest.skip(f"{shared} not available")
    assert filecmp.cmp(SEED_PATH, shared, shallow=False)


def test_creates_and_publishes_the_seed_article():
    out = load_demo()

    article = Article.objects.get()
    assert article.is_published
    assert article.first_published_at is not None
    assert article.primary_topic == get_topic("vitiligo")
    assert (article.source_name, article.source_year) == ("MJH Life Sciences", 2024)
    assert article.source_photo_credit == "Peakstock/Adobe Stock"
    assert article.references.count() == 3
    assert [str(author) for author in article.authors.all()] == ["Alex Morgan"]
    assert f'Article "{article.headline}" created and published:' in out
    assert f"http://127.0.0.1:8000{article.get_absolute_url()}" in out


def test_the_seed_page_shows_the_tags_and_takeaways_proposed_from_its_text(client):
    load_demo()
    article = Article.objects.get()
    proposed = proposed_for(article)

    page = article_page(client, article)

    # The drug names the text uses and the names of the trials accepted.
    assert sorted(tag_links(page)) == sorted(
        [*proposed.drugs.tags, *(trial.name for trial in proposed.trials)]
    )
    assert sorted(tag_links(page)) == ["Opzelura", "TRuE-V1", "TRuE-V2", "ruxolitinib"]
    takeaways = page.find("aside", cls="takeaways").find_all("li")
    assert [item.text for item in takeaways] == proposed.takeaways
    # The deck, then each trial's result sentence.
    assert takeaways[0].text.startswith("Following 2 phase 3 trials")
    assert takeaways[1].text.startswith("Nearly 30% of all TRuE-V1 participants (n=330)")
    assert len(takeaways) == 3


def test_the_output_says_which_facts_were_accepted_and_which_left_to_an_editor():
    out = load_demo()

    assert (
        "Facts suggested from its text, accepted: 1 × drug, 2 × trial summary, "
        "1 × regulatory milestone, 1 × takeaways." in out
    )
    left = [line.strip() for line in out.splitlines() if "Left out" in line]
    assert left == [
        "Left out, for an editor to complete: ruxolitinib: EMA CHMP positive opinion "
        "(date: This field is required.)",
        "Left out, for an editor to complete: ruxolitinib: FDA approval "
        "(date: This field is required.)",
    ]
    assert "Facts suggested" not in load_demo()


def test_second_run_duplicates_nothing_and_restores_missing_topics():
    load_demo()
    Topic.objects.filter(slug="acne").delete()

    out = load_demo()

    assert Article.objects.count() == 1
    assert Reference.objects.count() == 3
    assert Byline.objects.count() == 1
    assert Author.objects.count() == 1
    assert User.objects.count() == 2
    assert (TrialSummary.objects.count(), Drug.objects.count()) == (2, 1)
    assert RegulatoryMilestone.objects.count() == 1
    assert Topic.objects.filter(slug="acne").exists()
    assert "Topics: 1 created" in out
    assert "already there (published), left as it is" in out


def test_editor_changes_survive_a_second_run():
    load_demo()
    article = Article.objects.get()
    article.deck = "An editor rewrote this deck."
    services.save_article(article, by=None)
    services.unpublish(article, by=None)
    editor = User.objects.get(username="editor")
    editor.set_password("my-own-secret-42")
    editor.save()
    author = Author.objects.get()
    author.credentials = "MD"
    author.bio = ""
    author.save()

    out = load_demo()

    article.refresh_from_db()
    assert article.deck == "An editor rewrote this deck."
    assert article.status == Article.Status.DRAFT
    assert article.references.count() == 3
    author.refresh_from_db()
    assert (author.credentials, author.bio) == ("MD", "")
    editor.refresh_from_db()
    assert editor.check_password("my-own-secret-42")
    assert not editor.check_password(PASSWORDS["editor"])
    assert printed_passwords(out) == []
    assert "demo-editor-2026" not in out
    assert "'editor' already exists; its password was left as it is" in out
    assert "demo credentials" not in out


def test_a_reimport_of_the_seed_waiting_for_review_is_left_alone_by_a_second_run():
    load_demo()
    article = Article.objects.get()
    before = (article.deck, article.body, article.edit_token)
    call_command("import_articles", SEED_PATH, "--topic", "vitiligo", stdout=StringIO())
    pending = PendingImport.objects.get()

    out = load_demo()

    assert "already there (published), left as it is" in out
    assert PendingImport.objects.get() == pending
    article.refresh_from_db()
    assert (article.deck, article.body, article.edit_token) == before
    assert Article.objects.count() == 1


def test_an_edited_headline_still_counts_as_the_seed_article():
    load_demo()
    article = Article.objects.get()
    article.headline = "Ruxolitinib Cream for Vitiligo: What Europe Decided"
    services.save_article(article, by=None)

    load_demo()

    assert Article.objects.get().headline == "Ruxolitinib Cream for Vitiligo: What Europe Decided"


def test_accounts_are_created_once_with_their_groups(client):
    out = load_demo()

    assert sorted(printed_passwords(out)) == sorted(PASSWORDS.values())
    assert "demo credentials" in out
    for username, group in [("editor", "Editors"), ("writer", "Writers")]:
        user = User.objects.get(username=username)
        assert user.is_staff
        assert not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert client.login(username=username, password=PASSWORDS[username])
        assert client.get(reverse("admin:articles_article_changelist")).status_code == 200
        client.logout()

    again = load_demo()

    assert printed_passwords(again) == []
    assert "demo credentials" not in again


def test_a_deleted_account_is_created_again_and_only_its_password_printed():
    load_demo()
    User.objects.filter(username="writer").delete()

    out = load_demo()

    assert printed_passwords(out) == [PASSWORDS["writer"]]


def test_missing_groups_are_created():
    Group.objects.filter(name__in=["Editors", "Writers"]).delete()

    load_demo()

    assert User.objects.get(username="editor").has_perm("articles.publish_article")
    writer = User.objects.get(username="writer")
    assert writer.has_perm("articles.add_article")
    assert not writer.has_perm("articles.publish_article")


def test_site_url_is_used_for_every_address():
    out = load_demo("--site-url", "http://127.0.0.1:8001/")

    addresses = re.findall(r"https?://\S+", out)
    assert addresses
    assert all(address.startswith("http://127.0.0.1:8001/") for address in addresses), addresses
    assert "Admin: http://127.0.0.1:8001/admin/" in out
    assert "8000" not in out


def test_site_url_without_a_trailing_slash():
    out = load_demo("--site-url", "http://localhost:9000")

    assert "Site:  http://localhost:9000/\n" in out
    assert "Admin: http://localhost:9000/admin/" in out


def test_site_url_must_be_a_web_address():
    with pytest.raises(CommandError, match="--site-url"):
        load_demo("--site-url", "127.0.0.1:8001")
    assert Article.objects.count() == 0


def test_seed_article_is_visible_at_its_url(client):
    load_demo()
    article = Article.objects.get()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert response.context["article"] == article
    assert 'href="#ref-1"' in response.content.decode()


def test_a_seed_loaded_before_import_keys_is_left_alone_not_duplicated():
    headline = "Researchers Optimistic About Ruxolitinib Cream as Non-Segmental Vitiligo Treatment"
    old = make_article(headline, source_key=None, deck="An editor's deck.")

    load_demo()

    assert Article.objects.count() == 1
    old.refresh_from_db()
    assert old.deck == "An editor's deck."


# -- Production safety ------------------------------------------------------------


def test_refuses_a_production_configuration_without_the_flag(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--allow-production"):
        call_command("load_demo", stdout=StringIO())

    assert not User.objects.exists()
    assert not Article.objects.exists()


def test_runs_without_the_flag_when_debug_is_on(settings):
    settings.DEBUG = True

    call_command("load_demo", stdout=StringIO())

    assert User.objects.filter(username__in=PASSWORDS).count() == 2


def test_a_disabled_account_stays_disabled_and_keeps_its_password():
    load_demo()
    editor = User.objects.get(username="editor")
    editor.is_active = False
    editor.is_staff = False
    editor.set_password("a-new-secret-for-later-99")
    editor.save()
    editor.groups.clear()

    out = load_demo()

    editor.refresh_from_db()
    assert (editor.is_active, editor.is_staff) == (False, False)
    assert not editor.groups.exists()
    assert editor.check_password("a-new-secret-for-later-99")
    assert printed_passwords(out) == []
    assert User.objects.filter(username__iexact="editor").count() == 1


def test_an_account_named_alike_in_other_case_is_not_joined_by_a_demo_twin():
    User.objects.create_user("Editor", password="their-own-pass-42", is_active=False)

    load_demo()

    assert list(User.objects.filter(username__iexact="editor").values_list("username")) == [
        ("Editor",)
    ]


def test_the_demo_passwords_pass_the_password_validators():
    for username, password in PASSWORDS.items():
        validate_password(password, User(username=username))


def test_a_demo_password_the_validators_refuse_stops_the_command(settings):
    settings.AUTH_PASSWORD_VALIDATORS = [
        {
            "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 30},
        }
    ]

    with pytest.raises(CommandError, match="fails the password validators"):
        load_demo()

    assert not User.objects.exists()
