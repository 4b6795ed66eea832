#!/usr/bin/env python3
"""Local workflow for the dermatology news portal. Standard library only.

    python3 dev.py up [--port 8000]   set up, migrate, load demo content, serve (gunicorn)
    python3 dev.py test [PYTEST ARGS] set up, run the test suite (on every core)
    python3 dev.py test --quick       the fast loop: no browser tests, no slow quality gates
    python3 dev.py setup              only create/update the virtual environment
    python3 dev.py manage ARGS...     run manage.py with the settings of `up` (but HTTPS-only)

Environment variables you set (DATABASE_URL, TIME_ZONE, ...) are passed through.
"""

import argparse
import hashlib
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

MIN_PYTHON = (3, 11)
ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
VENV_PY = BIN / ("python.exe" if os.name == "nt" else "python")
REQUIREMENTS = ROOT / "requirements-dev.txt"
STAMP = VENV / ".requirements-sha256"
SECRET_KEY_FILE = ROOT / ".local" / "secret_key"
MANAGE = ROOT / "manage.py"


class StepFailed(Exception):
    def __init__(self, returncode):
        super().__init__(returncode)
        self.returncode = returncode or 1


def say(message):
    print(f"==> {message}", flush=True)


def run_step(label, cmd, env=None, show_output=False):
    """Run one step. Its output is shown if it fails (or always, with show_output)."""
    say(label)
    if show_output:
        result = subprocess.run(cmd, cwd=ROOT, env=env)
    else:
        result = subprocess.run(
            cmd,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
    if result.returncode != 0:
        if not show_output and result.stdout:
            print(result.stdout, end="" if result.stdout.endswith("\n") else "\n")
        print(f"!!  Failed (exit {result.returncode}): {label}", file=sys.stderr, flush=True)
        raise StepFailed(result.returncode)
    return result.stdout if not show_output else ""


# ---------------------------------------------------------------------------
# Virtual environment
# ---------------------------------------------------------------------------


def requirement_files(path, seen=None):
    """The requirements file and every file it pulls in with -r / -c."""
    seen = [] if seen is None else seen
    path = path.resolve()
    if path in seen:
        return seen
    seen.append(path)
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*(?:-r|-c|--requirement|--constraint)[\s=]+(\S+)", line)
        if match:
            requirement_files(path.parent / match.group(1), seen)
    return seen


def requirements_hash():
    digest = hashlib.sha256()
    for path in requirement_files(REQUIREMENTS):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def venv_works():
    if not VENV_PY.exists():
        return False
    try:
        check = subprocess.run(
            [str(VENV_PY), "-c", "import pip, sys; assert sys.version_info >= (3, 11)"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return False
    return check.returncode == 0


def bootstrap():
    """Make sure .venv exists and has requirements-dev.txt installed."""
    if not venv_works():
        cmd = [sys.executable, "-m", "venv", str(VENV)]
        if VENV.exists():
            say(".venv exists but does not work; recreating it")
            cmd.insert(3, "--clear")
        try:
            run_step(f"Creating virtual environment .venv (Python {sys.version.split()[0]})", cmd)
        except StepFailed:
            print(
                "    Could not create .venv. On Debian/Ubuntu: apt-get install python3-venv",
                file=sys.stderr,
            )
            raise
        if not venv_works():
            print("!!  The new .venv has no working pip.", file=sys.stderr)
            raise StepFailed(1)

    wanted = requirements_hash()
    current = STAMP.read_text().strip() if STAMP.exists() else ""
    if current == wanted:
        say("Requirements unchanged since the last install; skipping pip")
        return
    run_step(
        "Installing requirements-dev.txt into .venv (the first time takes a minute)",
        [str(VENV_PY), "-m", "pip", "install", "-r", str(REQUIREMENTS)],
    )
    STAMP.write_text(wanted + "\n")
    say("Requirements installed")


# ---------------------------------------------------------------------------
# Settings for the local site
# ---------------------------------------------------------------------------


def local_secret_key():
    """A persistent key for this checkout, made once into .local/secret_key."""
    if SECRET_KEY_FILE.exists():
        key = SECRET_KEY_FILE.read_text().strip()
        if key:
            return key
    SECRET_KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(SECRET_KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    say(f"Generated a local SECRET_KEY in {SECRET_KEY_FILE.relative_to(ROOT)}")
    return key


def site_env():
    """The environment for manage.py: the user's variables win over these defaults."""
    env = dict(os.environ)
    if not env.get("SECRET_KEY"):
        env["SECRET_KEY"] = local_secret_key()
    env.setdefault("SERVE_MEDIA", "1")
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    env.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def describe_database(env):
    url = env.get("DATABASE_URL")
    if not url:
        return "SQLite file db.sqlite3 (set DATABASE_URL for PostgreSQL)"
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    user = f"{parts.username}@" if parts.username else ""
    return f"DATABASE_URL {parts.scheme}://{user}{netloc}{parts.path}"


def admin_path(env):
    """The newsroom's path, as portal/settings.py reads ADMIN_URL."""
    return env.get("ADMIN_URL", "admin/").strip("/") + "/"


def manage(*args):
    return [str(VENV_PY), str(MANAGE), *args]


def cpu_count():
    """Cores this process may run on (a container's or taskset's share, not the host's)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def gunicorn_workers():
    # Gunicorn's advice for sync workers: enough to keep every core busy while
    # others wait on the database.
    return 2 * cpu_count() + 1


def gunicorn(address, workers):
    return [
        str(BIN / "gunicorn"),
        "portal.wsgi:application",
        "--bind",
        address,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        # Gunicorn 27 opens a control socket at one fixed path per user by default,
        # so two servers on one machine (two checkouts, `up` and the benchmark) would
        # take it from each other; we do not use it.
        "--no-control-socket",
    ]


# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------


def cmd_setup(args):
    bootstrap()
    say("Virtual environment ready: .venv")
    return 0


def cmd_up(args):
    bootstrap()
    env = site_env()
    # The demo is served over plain http on 127.0.0.1; the settings are HTTPS-only
    # otherwise (redirect, HSTS, Secure cookies). Only this command opts out.
    env.setdefault("INSECURE_HTTP", "1")
    say(f"Database: {describe_database(env)}")
    if env.get("DEBUG"):
        say(f"DEBUG={env['DEBUG']} taken from your environment")
    run_step("Applying migrations", manage("migrate", "--noinput"), env)
    out = run_step("Collecting static files", manage("collectstatic", "--noinput"), env)
    if out.strip():
        print("    " + out.strip().splitlines()[-1], flush=True)
    address = f"127.0.0.1:{args.port}"
    run_step(
        "Loading demo content (load_demo)",
        # The site is served with DEBUG off, as in production; load_demo refuses
        # that unless told this is the local demo.
        manage("load_demo", "--site-url", f"http://{address}/", "--allow-production"),
        env,
        show_output=True,
    )

    workers = gunicorn_workers()
    say(f"Starting the site at http://{address}/  (admin: http://{address}/{admin_path(env)})")
    say(f"Served by gunicorn, {workers} sync workers, DEBUG off as in production")
    say("Code changes need a restart (no autoreload). Press Ctrl+C to stop")
    argv = gunicorn(address, workers)
    sys.stdout.flush()
    sys.stderr.flush()
    os.chdir(ROOT)
    if os.name == "nt":
        # gunicorn needs fork() and fcntl, which Windows lacks.
        say("Windows: serving with Django's runserver instead of gunicorn")
        return subprocess.call(manage("runserver", "--noreload", address), env=env)
    os.execve(argv[0], argv, env)
    return 0  # not reached


# What --quick leaves out (markers in pyproject.toml): tests that drive Chromium, and
# slow quality gates (the Nu HTML checker, fuzzing, whole-process and whole-database
# runs). The whole suite, which CI runs, keeps them all.
QUICK_SELECTION = ["-m", "not browser and not slow"]


def pytest_arguments(user_args, cores):
    """pytest's arguments for `dev.py test USER_ARGS`.

    With no arguments (the whole suite) or only --quick, the tests are spread over
    every core (pytest-xdist, one worker a core; portal/test_settings.py keeps the
    workers' databases and cache keys apart). Any other arguments go to pytest as
    given, in one process: a worker costs seconds to start, more than a few tests
    take (add `-n 2` to spread a large selection)."""
    quick = "--quick" in user_args
    rest = [arg for arg in user_args if arg != "--quick"]
    selection = QUICK_SELECTION if quick else []
    parallel = ["-n", str(cores)] if not rest and cores > 1 else []
    return [*parallel, *selection, *rest]


def cmd_test(args):
    bootstrap()
    pytest_args = pytest_arguments(args.pytest_args, cpu_count())
    argv = [str(VENV_PY), "-m", "pytest", *pytest_args]
    say("Running: .venv/bin/python -m pytest " + " ".join(pytest_args))
    say(f"Database: {describe_database(os.environ)}")
    # The suite's settings are portal/test_settings.py (pyproject.toml), which need
    # no SECRET_KEY from the environment.
    return subprocess.call(argv, cwd=ROOT)


def cmd_manage(args):
    bootstrap()
    return subprocess.call(manage(*args.manage_args), cwd=ROOT, env=site_env())


def parse(argv):
    parser = argparse.ArgumentParser(
        prog="python3 dev.py", description="Run the dermatology news portal locally."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    up = sub.add_parser("up", help="set up, migrate, load demo content and serve on 127.0.0.1")
    up.add_argument("--port", type=int, default=8000, help="port to serve on (default 8000)")
    up.set_defaults(func=cmd_up)

    test = sub.add_parser(
        "test",
        help="set up and run pytest (--quick: the fast loop); other arguments go to pytest",
    )
    test.set_defaults(func=cmd_test)

    setup = sub.add_parser("setup", help="only create/update .venv")
    setup.set_defaults(func=cmd_setup)

    mng = sub.add_parser("manage", help="run manage.py with the local settings used by `up`")
    mng.set_defaults(func=cmd_manage)

    # Everything after `test` / `manage` goes through untouched (including --help-like flags).
    if len(argv) >= 1 and argv[0] == "test":
        args = parser.parse_args(["test"])
        args.pytest_args = argv[1:]
        return args
    if len(argv) >= 1 and argv[0] == "manage":
        args = parser.parse_args(["manage"])
        args.manage_args = argv[1:]
        return args
    return parser.parse_args(argv)


def main(argv=None):
    if sys.version_info < MIN_PYTHON:
        print("dev.py needs Python 3.11 or newer.", file=sys.stderr)
        return 1
    os.chdir(ROOT)
    args = parse(sys.argv[1:] if argv is None else argv)
    try:
        return args.func(args)
    except StepFailed as failure:
        return failure.returncode
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
