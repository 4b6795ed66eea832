"""The topic changelist's editable parents, as an editor posts them."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from tests.builders import make_topic
from topics.models import Topic

pytestmark = pytest.mark.django_db

CHANGELIST_URL = "/admin/topics/topic/"


def changelist_data(response, parents):
    """The changelist's list_editable form as posted, with some parents changed."""
    formset = response.context["cl"].formset
    data = {
        "form-TOTAL_FORMS": str(formset.total_form_count()),
        "form-INITIAL_FORMS": str(formset.initial_form_count()),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for index, form in enumerate(formset.forms):
        topic = form.instance
        parent = parents.get(topic.pk, topic.parent)
        data[f"form-{index}-id"] = topic.pk
        data[f"form-{index}-parent"] = parent.pk if parent else ""
        data[f"form-{index}-order"] = topic.order
        if topic.featured:
            data[f"form-{index}-featured"] = "on"
    return data


def test_changelist_rejects_two_topics_under_each_other(editor_client):
    first, second = make_topic("Lichen Planus"), make_topic("Lichen Sclerosus")
    page = editor_client.get(CHANGELIST_URL)

    response = editor_client.post(
        CHANGELIST_URL, changelist_data(page, {first.pk: second, second.pk: first})
    )

    assert response.status_code == 200
    errors = [form.errors for form in response.context["cl"].formset.forms if form.errors]
    assert errors
    assert "A topic cannot sit under itself or one of its subtopics." in str(errors)
    assert set(
        Topic.objects.filter(pk__in=[first.pk, second.pk]).values_list("parent", flat=True)
    ) == {None}


def test_changelist_saves_valid_parents(editor_client):
    first, second = make_topic("Lichen Planus"), make_topic("Lichen Sclerosus")
    page = editor_client.get(CHANGELIST_URL)

    response = editor_client.post(CHANGELIST_URL, changelist_data(page, {second.pk: first}))

    assert response.status_code == 302
    second.refresh_from_db()
    assert second.parent == first


def test_action_on_a_selection_that_is_not_ids_gives_a_message(editor_client):
    response = editor_client.post(
        CHANGELIST_URL, {"action": "delete_selected", ACTION_CHECKBOX_NAME: ["abc"]}, follow=True
    )

    assert response.status_code == 200
    assert "The selection is not valid. No items have been changed." in response.content.decode()
    assert Topic.objects.count() == 24
