"""load_demo creates ruxolitinib for the seed article once, and never undoes an edit."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from drugs.models import Drug

pytestmark = pytest.mark.django_db


def load_demo():
    call_command("load_demo", "--allow-production", stdout=StringIO())


def test_creates_ruxolitinib_linked_to_the_seed_once_and_leaves_edits_alone():
    load_demo()
    drug = Drug.objects.get()
    assert (drug.generic_name, drug.brand_list) == ("ruxolitinib", ["Opzelura", "Jakafi"])
    assert (drug.drug_class, drug.formulation) == ("JAK1/JAK2 inhibitor", "1.5% cream")
    assert list(drug.articles.all()) == [Article.objects.get()]
    assert [m.title for m in drug.milestones.all()] == [
        "FDA approval",
        "FDA approval",
        "EMA CHMP positive opinion",
    ]

    drug.formulation = "1.5% cream, 100 g tube"
    drug.save()
    drug.milestones.last().delete()
    load_demo()
    drug = Drug.objects.get()
    assert drug.formulation == "1.5% cream, 100 g tube"
    assert drug.milestones.count() == 2
