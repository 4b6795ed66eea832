import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.urls("tests.crash_urls")
def test_a_failing_page_shows_our_500_page_and_logs_the_error(client, caplog):
    client.raise_request_exception = False
    response = client.get("/crash/")
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert b'href="/static/css/portal.css"' in response.content
    assert "simulated failure" in caplog.text


def test_missing_page_shows_our_404_page_with_navigation(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"<h1>Page not found</h1>" in response.content
    assert b'aria-label="Topics"' in response.content
