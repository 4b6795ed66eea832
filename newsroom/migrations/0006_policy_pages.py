from django.db import migrations, models

from articles.markup import render_body

# The six pages the footer links, with demo text that says what this portal is.
# Editors change the text in the admin; the slugs stay (the footer names them).
PAGES = [
    (
        "about",
        "About us",
        """Dermatology News is a **demonstration** news portal for dermatology clinicians:
dermatologists, dermatology nurses and physician assistants, and doctors in training.
It is not a commercial publication, and the articles on it are demo content.

We report clinical trials, regulatory decisions and practice news, with the
trials' numbers, the approvals and the references a clinician needs to check a
claim. Every article lists its sources, and each author's page shows their
credentials and disclosures.

The portal is for health care professionals. It is not medical advice for
patients: anyone with a question about their own skin should ask their doctor.

See also our [editorial policy](/editorial-policy/), our
[corrections policy](/corrections-policy/) and how to [contact us](/contact/).""",
    ),
    (
        "editorial-policy",
        "Editorial policy",
        """Articles are written by staff writers and named authors and edited by staff
editors before they are published. Writers submit drafts for review; only an
editor can publish, schedule, unpublish or archive an article.

- **Sources.** Every factual claim about a study or a decision is referenced to the
  paper, the regulator's announcement or the company's statement it comes from.
  References are listed at the foot of the article with links to the DOI or PubMed.
- **Medical review.** An article reviewed by a clinician says so near the byline:
  "Medically reviewed by NAME on DATE".
- **Independence.** Editorial decisions are made by the editors alone. No sponsor,
  advertiser or company covered in an article sees it before publication.
- **Disclosures.** Authors declare financial relationships on their author page;
  an article that has a sponsorship or a relevant relationship shows it in a
  labelled box.
- **Dates.** Each article shows when it was first published and, separately,
  when it was last substantively updated.

As this is a demo site, the named authors and the article content are examples.""",
    ),
    (
        "corrections-policy",
        "Corrections policy",
        """We correct errors of fact as soon as we know of them, openly.

- A correction is added as a **dated note at the foot of the article**, saying what
  was wrong and what is right, e.g. "An earlier version gave the trial size as 330
  patients in TRuE-V2; it was 344."
- The article shows "Corrected DATE" near its byline, linked to the note.
- A substantive update (new data, a regulatory decision) is noted the same way as
  an "Update", and the article shows "Updated DATE".
- We do not silently change facts in a published article. Typing errors that do
  not change the meaning are fixed without a note.
- When a paper we cite is retracted or corrected, the reference carries a warning.

To report an error, see [Contact](/contact/).""",
    ),
    (
        "advertising-policy",
        "Advertising and sponsorship policy",
        """**No advertising is sold on this demo site**, and no article on it is sponsored.

Should the portal ever carry advertising or sponsored content:

- advertisements will be clearly labelled and kept apart from editorial content;
- sponsored content will carry a labelled disclosure box naming the sponsor;
- advertisers and sponsors will have no say over what the editors publish, and no
  article will be shown to them before publication.

An article that discusses a company's product, where an author or reviewer has a
relationship with that company, says so in its disclosure note.""",
    ),
    (
        "privacy",
        "Privacy",
        """This demo portal collects as little as it can.

- **No tracking cookies**, no analytics and no advertising networks. Readers can
  read every page without any cookie.
- The only cookies are the **staff session cookie** (and its CSRF cookie) set when
  a member of staff signs in to the newsroom; they keep the session and expire
  when it ends.
- We have no reader accounts, newsletters or comment forms, so we hold no
  personal data about readers.
- The web server may keep short-lived technical logs (address, page, time) to
  keep the site running and secure.

Questions about privacy: see [Contact](/contact/).""",
    ),
    (
        "contact",
        "Contact",
        """To report an error, suggest a story or ask about our policies, write to the
editors.

**Example address only: this is a demo site, and the address below is a
placeholder that reaches nobody.**

Dermatology News editors (example)<br>
editors@dermatology-news.example

Please do not send patient information or questions about your own health: we
cannot answer them, and this portal is not medical advice.""",
    ),
]

STAFF_BIO = (
    "Articles by the Dermatology News editorial team, written and edited by staff "
    "editors from published trials, regulatory decisions and company statements, "
    "each with its references. As this is a demo portal, the content is an example."
)


def create_pages(apps, schema_editor):
    PolicyPage = apps.get_model("newsroom", "PolicyPage")
    for slug, title, body in PAGES:
        PolicyPage.objects.get_or_create(
            slug=slug, defaults={"title": title, "body": body, "body_html": render_body(body)}
        )
    # The importer's default byline, if it was used before it had a description.
    apps.get_model("articles", "Author").objects.filter(slug="editorial-staff", bio="").update(
        bio=STAFF_BIO, disclosures="None"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0005_news_date_range"),
        ("articles", "0009_clinical_fields"),
    ]

    operations = [
        migrations.CreateModel(
            name="PolicyPage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        help_text='The page heading, e.g. "About us".', max_length=200
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        help_text="The page's address: /pages/SLUG/ (the footer's pages have short addresses such as /about/ and keep their slug).",
                        unique=True,
                    ),
                ),
                (
                    "body",
                    models.TextField(
                        help_text="Markdown: a blank line between paragraphs, ## for a subheading, [text](https://…) for a link. Readers see it as soon as it is saved."
                    ),
                ),
                ("body_html", models.TextField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last updated")),
            ],
            options={
                "verbose_name": "policy page",
                "ordering": ["title"],
                "get_latest_by": "updated_at",
            },
        ),
        migrations.RunPython(create_pages, migrations.RunPython.noop),
    ]
