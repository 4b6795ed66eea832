"""Two `manage.py import_articles` processes at once, as two editors at two terminals
(or a cron job and an editor) would run them: both finish, neither prints a
traceback, and each file is one article. Before SQLite took its write lock at the
start of a transaction (IMMEDIATE) and waited for it (timeout), the second process
failed with a raw "database is locked" traceback in 14 of 16 rounds.

The processes use the test database itself, so these tests commit for real.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from articles.models import Article, Reference
from tests.builders import SEED_PATH, make_article_text

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 3


def database_url():
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def start_import(*files):
    # Two operators' commands: the production settings, not the suite's.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DATABASE_URL=database_url(),
        SECRET_KEY="test-only",
        DEBUG="",
    )
    command = [sys.executable, "manage.py", "import_articles", *map(str, files)]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_two_import_processes_at_once_both_succeed_and_make_one_article_per_file(tmp_path):
    seed = shutil.copy(SEED_PATH, tmp_path / "seed.txt")
    other = tmp_path / "tralokinumab.txt"
    other.write_text(make_article_text(), encoding="utf-8")

    for _ in range(ROUNDS):
        processes = [start_import(seed, other), start_import(other, seed)]
        for process in processes:
            out, err = process.communicate(timeout=180)
            assert "Traceback" not in err, err
            assert process.returncode == 0, err
            assert out.count(": created") + out.count(": updated") == 2, out

    assert Article.objects.count() == 2
    assert Reference.objects.count() == 6
