"""Hostile requests refused cheaply and logged proportionately: oversized bodies
(413 before anything reads them), bad Host headers (a one-line warning) and the
static files manifest (not served)."""

import io
import logging

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from imports.admin import MAX_FILE_SIZE, MAX_FILES
from tests.builders import make_editor
from tests.images.builders import image_bytes
from tests.pages import parse

pytestmark = pytest.mark.django_db


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, size=-1):
        raise AssertionError("the request body was read")

    readline = read


def post_claiming(client, path, length):
    """A POST whose Content-Length says `length` bytes, with a body nobody may read."""
    return client.post(
        path,
        b"x",
        content_type="multipart/form-data; boundary=b",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": UnreadableBody()},
    )


def test_an_oversized_anonymous_post_is_refused_before_its_body_is_read(client):
    response = post_claiming(client, "/", 30 * 1024 * 1024)

    assert response.status_code == 413
    page = parse(response.content.decode())
    assert page.find("h1").text == "Request too large"
    # The site's own page, with its navigation.
    assert page.find("nav", **{"aria-label": "Topics"}) is not None


def test_a_real_oversized_multipart_upload_gets_413(client):
    too_big = b"\0" * (django_settings.REQUEST_MAX_BYTES + 1)
    response = client.post("/", {"file": io.BytesIO(too_big)})
    assert response.status_code == 413


def test_bodies_within_the_cap_go_on_to_csrf():
    client = Client(enforce_csrf_checks=True)
    # The admin's login form takes POSTs (a reader page answers them with 405).
    response = client.post(
        reverse("admin:login"), {"note": "x" * (django_settings.REQUEST_MAX_BYTES // 2)}
    )
    # Refused by CSRF: past the size check (and the null-byte check that reads it).
    assert response.status_code == 403


def test_the_admin_accepts_an_image_upload_larger_than_the_public_cap(client):
    client.force_login(make_editor())
    picture = io.BytesIO(image_bytes(600, 400) + b"\0" * django_settings.REQUEST_MAX_BYTES)
    picture.name = "large.jpg"
    response = client.post(
        "/admin/images/image/add/",
        {"file": picture, "alt_text": "Plaques on the elbows", "credit": "Clinic", "kind": "stock"},
    )
    # Through the size check: the admin's own form answers (saved or a form error).
    assert response.status_code in {200, 302}


def test_the_admin_refuses_bodies_over_its_larger_cap(client):
    client.force_login(make_editor())
    response = post_claiming(
        client, "/admin/images/image/add/", django_settings.ADMIN_REQUEST_MAX_BYTES + 1
    )
    assert response.status_code == 413


def test_the_admin_cap_fits_the_largest_upload_the_admin_allows():
    assert django_settings.ADMIN_REQUEST_MAX_BYTES > django_settings.IMAGE_MAX_UPLOAD_BYTES
    assert django_settings.ADMIN_REQUEST_MAX_BYTES > MAX_FILES * MAX_FILE_SIZE


class Records(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


def test_a_bad_host_header_is_a_one_line_warning_not_an_error_with_traceback(client):
    """Through the logging configuration in settings: the records that reach the
    handlers of the django.security.DisallowedHost logger."""
    logger = logging.getLogger("django.security.DisallowedHost")
    records = Records()
    logger.addHandler(records)
    try:
        response = client.get("/", headers={"host": "evil.example"})
    finally:
        logger.removeHandler(records)

    assert response.status_code == 400
    (record,) = records.records
    assert record.levelname == "WARNING"
    assert record.exc_info is None
    # The "stderr" handler of settings.LOGGING (pytest adds its own capturing ones).
    (stderr,) = [handler for handler in logger.handlers if type(handler) is logging.StreamHandler]
    line = stderr.format(record)
    assert "Invalid HTTP_HOST header: 'evil.example'" in line
    assert "\n" not in line and "Traceback" not in line


@pytest.fixture
def collected_static(settings, tmp_path):
    """collectstatic with the production storage (hashed names and the manifest)
    into a temporary STATIC_ROOT."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin"])
    assert (settings.STATIC_ROOT / "staticfiles.json").exists()
    return settings.STATIC_ROOT


@pytest.mark.parametrize("autorefresh", [False, True], ids=["production", "autorefresh"])
def test_the_static_files_manifest_is_not_served(settings, collected_static, autorefresh):
    settings.WHITENOISE_AUTOREFRESH = autorefresh
    from django.contrib.staticfiles.storage import staticfiles_storage

    stylesheet = "/static/" + staticfiles_storage.stored_name("css/portal.css")
    client = Client()  # its middleware is built with the settings above

    assert client.get(stylesheet).status_code == 200
    assert client.get("/static/staticfiles.json").status_code == 404
