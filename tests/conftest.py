import pytest


@pytest.fixture(autouse=True)
def test_settings(settings, tmp_path_factory):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The manifest needs collectstatic; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # WhiteNoise warns about a missing STATIC_ROOT; a clean checkout has none.
    static_root = tmp_path_factory.getbasetemp() / "staticfiles"
    static_root.mkdir(exist_ok=True)
    settings.STATIC_ROOT = static_root
