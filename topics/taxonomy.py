"""The portal's initial taxonomy: the 24 topics of the seed's site navigation,
in that order, with the parents a dermatologist would expect.

Used by the data migration that creates them and by ``load_demo``, which
restores any that are missing without touching an editor's changes.
"""

from django.db import transaction
from django.db.models import Q

# (name, slug, parent slug or None, featured on the home page, description)
INITIAL_TOPICS = [
    ("General Dermatology", "general-dermatology", None, False,
     "News across medical dermatology that does not fit a single condition."),
    ("Eczema", "eczema", None, False,
     "Eczematous dermatoses: atopic, contact, dyshidrotic and hand eczema."),
    ("Alopecia", "alopecia", None, False,
     "Hair loss, from alopecia areata and its JAK inhibitors to androgenetic alopecia."),
    ("Aesthetics", "aesthetics", None, False,
     "Cosmetic dermatology: injectables, energy devices, lasers and procedures."),
    ("Vitiligo", "vitiligo", "pigmentary-disorders", True,
     "Vitiligo research, repigmentation therapies and patient care."),
    ("COVID-19", "covid-19", "general-dermatology", False,
     "Cutaneous manifestations of COVID-19 and its effect on dermatologic practice."),
    ("Actinic Keratosis", "actinic-keratosis", "skin-cancer", False,
     "Actinic keratoses and field therapy for sun-damaged skin."),
    ("Precision Medicine and Biologics", "precision-medicine-and-biologics", None, False,
     "Biologics, small molecules and biomarker-guided treatment in dermatology."),
    ("Rare Disease", "rare-disease", None, False,
     "Rare and orphan skin diseases, from epidermolysis bullosa to genodermatoses."),
    ("Wound Care", "wound-care", None, False,
     "Chronic wounds, ulcers and post-procedure healing."),
    ("Rosacea", "rosacea", None, False,
     "Rosacea subtypes, triggers and treatment."),
    ("Psoriasis", "psoriasis", None, True,
     "Plaque psoriasis and its variants: trials, approvals and comorbidities."),
    ("Psoriatic Arthritis", "psoriatic-arthritis", "psoriasis", False,
     "Psoriatic arthritis screening and shared care with rheumatology."),
    ("Atopic Dermatitis", "atopic-dermatitis", "eczema", True,
     "Atopic dermatitis across ages, from emollients to biologics and JAK inhibitors."),
    ("Melasma", "melasma", "pigmentary-disorders", False,
     "Melasma and its topical, oral and procedural treatments."),
    ("NP and PA", "np-and-pa", None, False,
     "Practice and education for nurse practitioners and physician assistants in dermatology."),
    ("Anti-Aging", "anti-aging", "aesthetics", False,
     "Photoaging, skin rejuvenation and the evidence behind anti-aging treatments."),
    ("Skin Cancer", "skin-cancer", None, True,
     "Melanoma, keratinocyte carcinomas and other cutaneous malignancies."),
    ("Hidradenitis Suppurativa", "hidradenitis-suppurativa", None, False,
     "Hidradenitis suppurativa: diagnosis, biologics and surgery."),
    ("Drug Watch", "drug-watch", None, True,
     "Approvals, label changes, safety communications and pipelines."),
    ("Pigmentary Disorders", "pigmentary-disorders", None, False,
     "Disorders of pigmentation, including vitiligo and melasma."),
    ("Acne", "acne", None, False,
     "Acne vulgaris and related conditions, from retinoids to isotretinoin."),
    ("Pediatric Dermatology", "pediatric-dermatology", None, False,
     "Skin disease in infants, children and adolescents."),
    ("Practice Management", "practice-management", None, False,
     "Running a dermatology practice: coding, staffing, payers and technology."),
]  # fmt: skip


def ensure_initial_topics(topic_model):
    """Create the initial topics that do not exist yet; leave existing ones alone.

    Takes the model as an argument so a data migration can pass its historical one.
    Returns the number of topics created.
    """
    created = 0
    with transaction.atomic():
        by_slug = {}
        for position, (name, slug, _parent, featured, description) in enumerate(
            INITIAL_TOPICS, start=1
        ):
            # An editor may have renamed the topic or changed its slug: either
            # one still identifies it, and then it is left as the editor made it.
            topic = topic_model.objects.filter(Q(slug=slug) | Q(name=name)).first()
            was_created = topic is None
            if was_created:
                topic = topic_model.objects.create(
                    name=name,
                    slug=slug,
                    order=position * 10,
                    featured=featured,
                    description=description,
                )
            by_slug[slug] = (topic, was_created)
            created += was_created
        # Parents are set in a second pass: a parent may come later in the list.
        for _name, slug, parent_slug, _featured, _description in INITIAL_TOPICS:
            topic, was_created = by_slug[slug]
            if was_created and parent_slug:
                topic.parent = by_slug[parent_slug][0]
                topic.save(update_fields=["parent"])
    return created
