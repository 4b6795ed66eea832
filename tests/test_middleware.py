import pytest

from tests.builders import make_editor

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/topics/vitiligo/?page=%00", "/admin/articles/article/?status__exact=%00"]
)
def test_nul_characters_in_the_query_string_are_a_bad_request(client, url):
    client.force_login(make_editor())
    response = client.get(url)
    assert response.status_code == 400


def test_nul_characters_in_form_data_are_a_bad_request(client):
    client.force_login(make_editor())
    response = client.post("/admin/articles/author/add/", {"name": "Jane\x00", "slug": "jane"})
    assert response.status_code == 400


def test_ordinary_requests_pass(client):
    assert client.get("/topics/vitiligo/?page=1").status_code == 200
