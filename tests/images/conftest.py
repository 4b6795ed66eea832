import pytest
from django.contrib.auth.models import User


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """A fresh, empty media folder for each test; uploads and renditions land here."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("chief", "chief@example.com", "chief-pass-123")


@pytest.fixture
def superuser_client(client, superuser):
    assert client.login(username="chief", password="chief-pass-123")
    return client
