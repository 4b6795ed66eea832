"""schema.org data about pages, as plain dicts for JSON-LD.

Built as data and serialised in one place (syndication.templatetags.seo_tags.json_ld),
never written into templates as text. Every URL comes from get_absolute_url()
and is made absolute with the request, so the data names the address the reader
used (scheme and host included).

Each page-level function returns a list of top-level objects, each rendered as
its own <script type="application/ld+json"> block.
"""

from django.templatetags.static import static
from django.urls import reverse

from portal.addresses import web_address

CONTEXT = "https://schema.org"
LOGO_PATH = "favicon.svg"
OG_IMAGE_WIDTH = 1200


def lead_image_rendition(image):
    """(url, width, height) of the copy of an image that link previews and
    structured data use: the 1200-pixel rendition (narrower originals are never
    enlarged). None without an image."""
    if image is None or not (image.file and image.width):
        return None
    width = min(OG_IMAGE_WIDTH, image.width)
    return image.rendition_1200.url, width, image.height_at(width)


def image_object(request, image):
    rendition = lead_image_rendition(image)
    if rendition is None:
        return None
    url, width, height = rendition
    data = {
        "@type": "ImageObject",
        "url": request.build_absolute_uri(url),
        "width": width,
        "height": height,
        "description": image.alt_text,
    }
    if image.caption:
        data["caption"] = image.caption
    if image.credit:
        data["creditText"] = image.credit
    return data


def organization(request, site):
    return {
        "@type": "Organization",
        "name": site.publisher_name,
        "url": request.build_absolute_uri(reverse("home")),
        "logo": {"@type": "ImageObject", "url": request.build_absolute_uri(static(LOGO_PATH))},
    }


def person(request, author):
    data = {
        "@type": "Person",
        "name": author.name,
        "url": request.build_absolute_uri(author.get_absolute_url()),
    }
    if author.credentials:
        data["honorificSuffix"] = author.credentials
    return data


def thing(request, topic):
    """A topic as the subject of an article: deliberately a plain Thing, since a
    topic may be a condition, a drug class or practice management."""
    return {
        "@type": "Thing",
        "name": topic.name,
        "url": request.build_absolute_uri(topic.get_absolute_url()),
    }


def scholarly_article(reference):
    """A reference as a citation: structured fields when they were filled, the
    verbatim citation text otherwise."""
    data = {"@type": "ScholarlyArticle", "name": reference.title or reference.citation}
    if reference.authors:
        data["author"] = reference.authors
    if reference.source:
        if reference.kind == reference.Kind.JOURNAL:
            data["isPartOf"] = {"@type": "Periodical", "name": reference.source}
        else:
            data["publisher"] = {"@type": "Organization", "name": reference.source}
    if reference.year:
        data["datePublished"] = str(reference.year)
    if reference.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": reference.doi}
        data["sameAs"] = reference.doi_url
        data["url"] = reference.doi_url
    if web_address(reference.url):
        data["url"] = web_address(reference.url)
    if reference.pmid:
        data.setdefault("sameAs", reference.pubmed_url)
    return data


def news_article(request, article, site):
    """NewsArticle for the article page. Uses only what ArticleQuerySet.for_detail()
    loads: no query of its own."""
    url = request.build_absolute_uri(article.get_absolute_url())
    published = article.published_at
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.meta_description,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": published.isoformat() if published else None,
        "dateModified": (article.last_updated_at or published).isoformat() if published else None,
        "author": [person(request, byline.author) for byline in article.bylines.all()],
        "publisher": organization(request, site),
        "isAccessibleForFree": True,
        "articleSection": article.primary_topic.name,
        "about": [
            thing(request, topic)
            for topic in _unique([article.primary_topic, *article.topics.all()])
        ],
        "keywords": [tag.name for tag in article.tags.all()],
        "citation": [scholarly_article(reference) for reference in article.references.all()],
        "mentions": medical_trials(request, article),
    }
    image = image_object(request, article.lead_image)
    if image is not None:
        data["image"] = [image]
    return {key: value for key, value in data.items() if value not in (None, [])}


# schema.org MedicalTrialDesign members for what a trial summary records.
TRIAL_DESIGNS = {
    "randomised": "https://schema.org/RandomizedTrial",
    "open": "https://schema.org/OpenTrial",
    "single": "https://schema.org/SingleBlindedTrial",
    "double": "https://schema.org/DoubleBlindedTrial",
    "triple": "https://schema.org/TripleBlindedTrial",
    "placebo": "https://schema.org/PlaceboControlledTrial",
    "vehicle": "https://schema.org/PlaceboControlledTrial",  # a vehicle is a topical placebo
}


def medical_trial(trial):
    """A trial summary (evidence.TrialSummary) as a MedicalTrial."""
    designs = [
        TRIAL_DESIGNS[key]
        for key in ("randomised" if trial.randomised else "", trial.blinding, trial.control)
        if key in TRIAL_DESIGNS
    ]
    population = trial.population
    if trial.participants:
        population = f"{population} (n={trial.participants})".strip()
    outcome = ", ".join(part for part in (trial.primary_endpoint, trial.time_point) if part)
    data = {
        "@type": "MedicalTrial",
        "name": trial.name,
        "phase": trial.get_phase_display() if trial.phase else None,
        "trialDesign": designs,
        "healthCondition": (
            {"@type": "MedicalCondition", "name": trial.condition} if trial.condition else None
        ),
        "population": population or None,
        "outcome": f"{outcome}: {trial.result}" if outcome else trial.result,
    }
    if trial.nct_number:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "NCT",
            "value": trial.nct_number,
        }
        data["url"] = trial.registry_url
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def medical_trials(request, article):
    """MedicalTrial objects for the trials an article reports on (its evidence
    table), from the trials ArticleQuerySet.for_detail() prefetches."""
    return [medical_trial(trial) for trial in article.trials.all()]


def breadcrumb_list(request, trail):
    """BreadcrumbList matching the breadcrumb readers see: Home, then the topics."""
    crumbs = [("Home", reverse("home"))]
    crumbs += [(topic.name, topic.get_absolute_url()) for topic in trail]
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def article_page(request, article, trail, site):
    return [
        news_article(request, article, site),
        breadcrumb_list(request, trail),
    ]


def collection_page(request, topic, articles, site, *, url, first_position=1):
    """CollectionPage of a topic page: the articles it lists, in order."""
    return {
        "@context": CONTEXT,
        "@type": "CollectionPage",
        "name": topic.name,
        "description": topic.description or topic.name,
        "url": url,
        "isPartOf": website(request, site),
        "about": thing(request, topic),
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "url": request.build_absolute_uri(article.get_absolute_url()),
                    "name": article.headline,
                }
                for position, article in enumerate(articles, start=first_position)
            ],
        },
    }


def topic_page(request, topic, trail, articles, site, *, url, first_position=1):
    return [
        collection_page(request, topic, articles, site, url=url, first_position=first_position),
        breadcrumb_list(request, [*trail, topic]),
    ]


def website(request, site):
    return {
        "@type": "WebSite",
        "name": site.site_name,
        "url": request.build_absolute_uri(reverse("home")),
    }


def home_page(request, site):
    return [
        {"@context": CONTEXT, **website(request, site), "publisher": organization(request, site)}
    ]


def _unique(topics):
    seen, unique = set(), []
    for topic in topics:
        if topic.pk not in seen:
            seen.add(topic.pk)
            unique.append(topic)
    return unique
