"""An operator's own `dumpdata`/`loaddata` keeps every tag of every article,
whichever natural-key flags are used.

With taggit's stock natural key (object_id alone), every tagged-item row of one
article has the same key, so `loaddata` of a --natural-primary dump finds the
first row again for each of the others and an article keeps 1 of its 6 tags.
"""

import pytest
from django.core.management import call_command

from articles.models import Tag, TaggedArticle
from tests.builders import make_article

SIX_TAGS = ["ruxolitinib", "Opzelura", "JAK inhibitors", "TRuE-V1", "TRuE-V2", "EMA"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "flags",
    [
        {"natural_foreign": True, "natural_primary": True},
        {"natural_foreign": True},
        {},
    ],
    ids=["natural-foreign-and-primary", "natural-foreign", "plain"],
)
def test_dumpdata_then_loaddata_keeps_all_six_tags(flags, tmp_path):
    article = make_article("Ruxolitinib cream", tags=SIX_TAGS)
    other = make_article("Another", tags=SIX_TAGS[:2])
    fixture = tmp_path / "tags.json"
    call_command("dumpdata", "articles.tag", "articles.taggedarticle", output=str(fixture), **flags)
    Tag.objects.all().delete()  # and with them every tagged-item row
    assert not TaggedArticle.objects.exists()

    call_command("loaddata", str(fixture), verbosity=0)

    assert sorted(article.tags.names()) == sorted(SIX_TAGS)
    assert sorted(other.tags.names()) == sorted(SIX_TAGS[:2])
    assert TaggedArticle.objects.count() == 8


@pytest.mark.django_db
def test_a_tagged_item_is_found_by_its_article_and_tag_name():
    article = make_article("Ruxolitinib cream", tags=SIX_TAGS)
    item = TaggedArticle.objects.get(content_object=article, tag__name="EMA")

    assert item.natural_key() == (article.pk, "EMA")
    assert TaggedArticle.objects.get_by_natural_key(*item.natural_key()) == item
