"""Staff passwords set in the admin go through AUTH_PASSWORD_VALIDATORS: adding a
user, an administrator setting one, and staff changing their own."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.builders import make_editor
from tests.pages import parse

pytestmark = pytest.mark.django_db

# (password, what the validators say) for a user named "dermatologist"
WEAK = [
    ("short1!", "This password is too short"),
    ("password123", "This password is too common"),
    ("83920174638291", "This password is entirely numeric"),
    ("dermatologist1", "too similar to the username"),
]
STRONG = "violet-harbour-lantern-42"


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("chief", "chief@example.org", "x"))
    return client


def error_text(response):
    """The form's error messages, as the page shows them."""
    page = parse(response)
    return " ".join(element.text for element in page.find_all(cls="errorlist"))


@pytest.mark.parametrize(("password", "complaint"), WEAK)
def test_adding_a_user_refuses_a_weak_password(superuser_client, password, complaint):
    response = superuser_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "dermatologist",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )

    assert response.status_code == 200
    assert complaint in error_text(response)
    assert not User.objects.filter(username="dermatologist").exists()


def test_adding_a_user_with_a_strong_password_works(superuser_client):
    response = superuser_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "dermatologist",
            "usable_password": "true",
            "password1": STRONG,
            "password2": STRONG,
        },
    )

    assert response.status_code == 302
    assert User.objects.get(username="dermatologist").check_password(STRONG)


@pytest.mark.parametrize(("password", "complaint"), WEAK)
def test_an_administrator_cannot_set_a_weak_password(superuser_client, password, complaint):
    user = User.objects.create_user("dermatologist", password=STRONG, is_staff=True)
    url = reverse("admin:auth_user_password_change", args=[user.pk])

    response = superuser_client.post(
        url, {"usable_password": "true", "password1": password, "password2": password}
    )

    assert response.status_code == 200
    assert complaint in error_text(response)
    user.refresh_from_db()
    assert user.check_password(STRONG)


def test_staff_cannot_change_their_own_password_to_a_weak_one(client):
    editor = make_editor()
    client.force_login(editor)
    url = reverse("admin:password_change")

    weak = client.post(
        url,
        {
            "old_password": "editor-pass-123",
            "new_password1": "password123",
            "new_password2": "password123",
        },
    )
    strong = client.post(
        url,
        {"old_password": "editor-pass-123", "new_password1": STRONG, "new_password2": STRONG},
    )

    assert weak.status_code == 200
    assert "This password is too common" in error_text(weak)
    assert strong.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password(STRONG)
