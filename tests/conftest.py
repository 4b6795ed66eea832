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
    # Uploads and renditions never land in the checkout's media/ folder.
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@pytest.fixture
def editor_client(client, db):
    """The test client logged in (through the login form's backend) as a staff
    user in the Editors group who is not a superuser."""
    from tests.builders import make_editor

    editor = make_editor()
    assert client.login(username=editor.username, password="editor-pass-123")
    return client
