"""Structured logs: with LOG_FORMAT=json every record is one JSON object a line."""

import json
import logging
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

from portal.logging import JSONFormatter

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def json_request_log():
    """Django's request logger writing through our formatter into a string."""
    stream = StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JSONFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


@pytest.mark.django_db
@pytest.mark.urls("tests.crash_urls")
def test_a_failing_request_is_logged_as_json_with_request_status_and_traceback(
    client, json_request_log
):
    client.raise_request_exception = False
    assert client.get("/crash/?page=2").status_code == 500

    entry = json.loads(json_request_log.getvalue().splitlines()[-1])
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Internal Server Error: /crash/"
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/crash/", 500)
    assert "RuntimeError: simulated failure" in entry["exception"]
    assert entry["time"].endswith("+00:00")


def run_logging(log_format):
    """A process with the real settings logging one error; its stderr."""
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('portal.test').error('Import failed for %s', 'vitiligo.txt')"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "SECRET_KEY": "test-only",
        "LOG_FORMAT": log_format,
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return result


def test_log_format_json_makes_every_line_a_json_object():
    result = run_logging("json")

    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["message"] == "Import failed for vitiligo.txt"
    assert (entry["level"], entry["logger"]) == ("ERROR", "portal.test")


def test_plain_logs_by_default_and_an_unknown_format_is_refused():
    assert "ERROR portal.test: Import failed for vitiligo.txt" in run_logging("").stderr
    refused = run_logging("xml")
    assert refused.returncode != 0
    assert "LOG_FORMAT must be plain or json" in refused.stderr
