"""Static files: hashed names, gzip and Brotli copies, cached for a year (WhiteNoise,
after collectstatic with the production storage)."""

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
from django.utils.cache import get_max_age


@pytest.fixture
def collected(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


@pytest.mark.slow  # collectstatic, compressing every file twice
def test_static_files_are_hashed_compressed_and_cached_for_a_year(collected):
    url = static("css/portal.css")
    name = url.removeprefix("/static/")
    assert name != "css/portal.css"  # hashed
    assert (collected / f"{name}.gz").exists()
    assert (collected / f"{name}.br").exists()

    client = Client()
    response = client.get(url, headers={"accept-encoding": "br, gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    # WhiteNoise gives hashed files ten years: at least the year the issue asks.
    assert get_max_age(response) >= 365 * 24 * 3600
    assert {"public", "immutable"} <= {d.strip() for d in response["Cache-Control"].split(",")}
    response.close()
