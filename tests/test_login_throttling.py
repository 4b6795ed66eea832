"""Repeated wrong passwords on the admin's login form lock that username from that
address only (django-axes): the editor still logs in from elsewhere, other staff
from the same office still log in, and the lock lifts after the cool-off."""

import logging
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.auth import client_ip
from tests.builders import make_editor, make_writer
from tests.pages import parse, visible_text

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.7"
EDITOR_HOME = "198.51.100.20"
PASSWORD = "editor-pass-123"


def log_in(username, password, *, ip, client=None):
    """Post the real admin login form from ``ip``; the response and the client."""
    client = client or Client()
    login_url = reverse("admin:login")
    response = client.post(
        login_url,
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
    )
    return response, client


def logged_in(response, client):
    return response.status_code == 302 and "_auth_user_id" in client.session


def fail_times(count, username="editor", *, ip=ATTACKER):
    """``count`` wrong passwords; the one that reaches the limit gets the lockout."""
    for attempt in range(1, count + 1):
        response, _ = log_in(username, f"wrong-guess-{attempt}", ip=ip)
        assert response.status_code == (429 if attempt >= settings.AXES_FAILURE_LIMIT else 200)


def test_a_wrong_password_shows_the_form_again_and_the_right_one_logs_in():
    make_editor()
    response, client = log_in("editor", "not-it", ip=EDITOR_HOME)
    assert response.status_code == 200
    assert "Please enter the correct username and password" in visible_text(response)

    response, client = log_in("editor", PASSWORD, ip=EDITOR_HOME, client=client)
    assert logged_in(response, client)


def test_five_failures_lock_that_username_from_that_address_even_with_the_right_password():
    make_editor()
    assert settings.AXES_FAILURE_LIMIT == 5
    fail_times(4)

    fifth, _ = log_in("editor", "wrong-guess-5", ip=ATTACKER)
    right, client = log_in("editor", PASSWORD, ip=ATTACKER)

    for response in (fifth, right):
        assert response.status_code == 429
        page = parse(response)
        assert page.find("h1").text == "Too many failed logins"
        assert "Try again in 15 minutes" in page.find(id="content-main").text
    assert "_auth_user_id" not in client.session


def test_the_same_username_from_another_address_still_logs_in():
    make_editor()
    fail_times(5)

    response, client = log_in("editor", PASSWORD, ip=EDITOR_HOME)

    assert logged_in(response, client)
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200


def test_another_username_from_the_locked_address_still_logs_in():
    make_editor()
    make_writer()
    fail_times(5)

    response, client = log_in("writer", "writer-pass-123", ip=ATTACKER)

    assert logged_in(response, client)


def test_the_lock_lifts_after_the_cool_off():
    make_editor()
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        fail_times(5)
        clock.shift(timedelta(minutes=14))
        response, _ = log_in("editor", PASSWORD, ip=ATTACKER)
        assert response.status_code == 429

        # Attempts during the lock start the wait again: 15 minutes from that one.
        clock.shift(timedelta(minutes=15, seconds=1))
        response, client = log_in("editor", PASSWORD, ip=ATTACKER)

    assert logged_in(response, client)


def test_a_successful_login_forgets_earlier_typos():
    make_editor()
    fail_times(4)
    response, client = log_in("editor", PASSWORD, ip=ATTACKER)
    assert logged_in(response, client)

    fail_times(4)
    response, client = log_in("editor", PASSWORD, ip=ATTACKER)

    assert logged_in(response, client)


def test_failures_are_logged_with_username_and_address_but_never_the_password(caplog):
    make_editor()
    with caplog.at_level(logging.INFO):
        fail_times(5)

    warnings = [
        record.getMessage()
        for record in caplog.records
        if record.name.startswith("axes") and record.levelno == logging.WARNING
    ]
    failures = [line for line in warnings if "login failure by" in line]
    assert len(failures) == 5
    assert all('username: "editor"' in line and ATTACKER in line for line in failures)
    assert any("Locking out" in line and 'username: "editor"' in line for line in warnings)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "wrong-guess" not in logged
    # What axes keeps of the request in the database masks the password too.
    stored = AccessAttempt.objects.get(username="editor", ip_address=ATTACKER)
    assert stored.failures_since_start == 5
    assert "wrong-guess" not in stored.post_data


def test_the_test_clients_login_and_force_login_are_not_throttled(client):
    """Tests log in without a request; they must keep working (not a login form)."""
    editor = make_editor()
    fail_times(5, ip="127.0.0.1")

    assert client.login(username="editor", password=PASSWORD)
    client.logout()
    client.force_login(editor)
    assert client.get(reverse("admin:index")).status_code == 200


# -- The client's address behind proxies -------------------------------------------


class FakeRequest:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.2"),  # no proxy trusted: a forged header is ignored
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "192.0.2.99, 192.0.2.1", "192.0.2.1"),  # the client's own entry is not trusted
        (2, "192.0.2.99, 192.0.2.1, 198.51.100.5", "192.0.2.1"),
        (2, "192.0.2.1", "192.0.2.1"),  # came in through the inner proxy only
        (1, "", "10.0.0.2"),
        (1, "not-an-address", "10.0.0.2"),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(FakeRequest("10.0.0.2", forwarded)) == expected


def test_behind_one_proxy_each_client_is_locked_out_on_its_own(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_editor()
    proxy = "10.0.0.2"
    for attempt in range(5):
        Client().post(
            reverse("admin:login"),
            {"username": "editor", "password": f"wrong-{attempt}"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"{EDITOR_HOME}, {ATTACKER}",
        )

    locked = Client().post(
        reverse("admin:login"),
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=ATTACKER,
    )
    editor = Client()
    allowed = editor.post(
        reverse("admin:login"),
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=EDITOR_HOME,
    )

    assert locked.status_code == 429
    assert logged_in(allowed, editor)
