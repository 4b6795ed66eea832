"""Clinical facts from an article's text: the drugs it names become tags and drug links
at once (an editor removes what is wrong); anything else is only proposed."""

from dataclasses import dataclass, field

import reversion
from django.db import transaction
from django.utils.text import slugify

from articles import services as article_services
from drugs.models import Drug

from . import dictionary, proposals
from .drugs_found import FoundDrug, catalogue, find_drugs


@dataclass
class DrugFacts:
    found: list[FoundDrug] = field(default_factory=list)
    linked: list[Drug] = field(default_factory=list)
    # Unsaved Drug rows with the dictionary's facts: new drug pages for an editor.
    proposed: list[Drug] = field(default_factory=list)

    @property
    def tags(self):
        return [tag for drug in self.found for tag in drug.tags]


def article_text(article):
    return "\n\n".join([article.headline, article.deck, article.body])


def drug_names(drugs):
    """The names to look for: the Drug table's first (its brands win), then the
    dictionary's."""
    pairs = [(drug.generic_name, drug.brand_list) for drug in drugs]
    pairs += [(e.generic_name, e.brand_names) for e in dictionary.entries().values()]
    return catalogue(pairs)


def proposed_drug(found, text, names):
    """A new drug page for a drug named in the text, filled from the dictionary; its
    formulation is the first strength and form the text gives ("1.5% cream")."""
    entry = dictionary.entries().get(found.generic_name.lower())
    brands = list(entry.brand_names) if entry else found.brands
    return Drug(
        generic_name=found.generic_name,
        slug=slugify(found.generic_name),
        brand_names=", ".join(brands),
        drug_class=entry.drug_class if entry else "",
        formulation=proposals.formulation_of(found.generic_name, text, names),
        description=f"Mechanism: {entry.mechanism}." if entry and entry.mechanism else "",
    )


def detect_drugs(*, text):
    """DrugFacts of a text, without writing anything."""
    drugs = {drug.generic_name.lower(): drug for drug in Drug.objects.all()}
    names = drug_names(drugs.values())
    facts = DrugFacts(found=find_drugs(text, names))
    for found in facts.found:
        if found.generic_name.lower() in drugs:
            facts.linked.append(drugs[found.generic_name.lower()])
        else:
            facts.proposed.append(proposed_drug(found, text, names))
    return facts


@transaction.atomic
def link_drugs(*, article):
    """Tag the article with every drug its text names (generic and brand names as
    found) and link it to those in the Drug table; return the DrugFacts, whose
    ``proposed`` drugs are not created."""
    facts = detect_drugs(text=article_text(article))
    if facts.tags:
        article.tags.add(*facts.tags)
    for drug in facts.linked:
        drug.articles.add(article)
    return facts


@dataclass
class Suggestions:
    """Everything proposed from an article's text, each fact with its sentence."""

    drugs: DrugFacts
    trials: list = field(default_factory=list)
    milestones: list = field(default_factory=list)
    takeaways: list = field(default_factory=list)


def suggest_facts(*, headline, deck, body, references=()):
    """Suggestions for a text, read-only: drugs, trial rows, milestones, takeaways.
    ``references``: the article's [(number, citation)], a trial's source among them."""
    text = "\n\n".join([headline, deck, body])
    drug_facts = detect_drugs(text=text)
    names = drug_names(Drug.objects.all())
    main = drug_facts.found[0].generic_name if drug_facts.found else ""
    trials = proposals.propose_trials(text, names, main_drug=main, references=references)
    return Suggestions(
        drugs=drug_facts,
        trials=trials,
        milestones=proposals.propose_milestones(text, names, main_drug=main),
        takeaways=proposals.propose_takeaways(deck=deck, trials=trials),
    )


def save_accepted(*, article, forms, by, comment=""):
    """Save the proposals an editor accepted in `forms` (facts.review.proposal_forms), in
    one transaction and one revision: a drug page links and tags the article, a trial
    joins its evidence table and tags it with the trial's name, a milestone joins its
    drug's page, the takeaways replace the article's."""
    user = by
    saved = []
    with transaction.atomic(), reversion.create_revision():
        for form in forms["drugs"]:
            if form.accepted:
                saved.append(form.save())
                form.instance.articles.add(article)
                article.tags.add(form.instance.generic_name)
        order = article.trials.count()
        for form in forms["trials"]:
            if form.accepted:
                trial = form.save(commit=False)
                trial.article, trial.order = article, order
                trial.full_clean()
                trial.save()
                # Trial names are tags, as drug names are: readers find the trial's news.
                article.tags.add(trial.name)
                saved.append(trial)
                order += 1
        for form in forms["milestones"]:
            if form.accepted:
                milestone = form.save(commit=False)
                milestone.drug = Drug.objects.get(
                    generic_name__iexact=form.cleaned_data["drug_name"]
                )
                milestone.save()
                saved.append(milestone)
        takeaways = forms["takeaways"]
        if takeaways.cleaned_data.get("accept"):
            article.takeaways = takeaways.cleaned_data["takeaways"].strip()
            saved.append("takeaways")
        if saved:
            article_services.save_article(article, by=user)
            reversion.add_to_revision(article)
            reversion.set_user(user)
            reversion.set_comment(comment or f"Suggested facts accepted: {len(saved)}.")
    return saved
