#!/usr/bin/env python3
"""Lighthouse on the demo site: 100 in every category, mobile and desktop.

    npm ci --ignore-scripts          # once: lighthouse from package-lock.json
    .venv/bin/python scripts/lighthouse.py [--runs N] [--port P]

Builds a throwaway SQLite database with the demo content (migrate, collectstatic,
load_demo) in a temporary folder, serves it with DEBUG off (static files through
WhiteNoise, as in production) on 127.0.0.1, runs Lighthouse with Debian's Chromium
on the home page, the Vitiligo topic page and the seed article with the mobile
(default) and desktop presets, writes the reports to artifacts/lighthouse/, prints
a table, and exits non-zero if any score is below 100, naming the audits that cost
points. Standard library only; the checkout's database and static files are not
touched.
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "artifacts" / "lighthouse"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PRESETS = ["mobile", "desktop"]
SEED_URL = (
    "from articles.models import Article; "
    "print(Article.objects.published().get().get_absolute_url())"
)


def python():
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    result = subprocess.run(
        [python(), str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    if result.returncode != 0:
        print(result.stdout, file=sys.stderr)
        sys.exit(f"manage.py {' '.join(args)} failed (exit {result.returncode})")
    return result.stdout


def wait_until_up(url, server, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    sys.exit(f"{url} did not answer within {seconds}s")


def lighthouse(url, preset, out_base):
    cmd = [
        str(LIGHTHOUSE),
        url,
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        "--output=html",
        f"--output-path={out_base}",
        "--quiet",
    ]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    for attempt in (1, 2):
        result = subprocess.run(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        if result.returncode == 0:
            break
        # Chromium now and then loses the trace of a load (NO_NAVSTART, NO_FCP):
        # a fault of the measurement, not of the page, so try that one again.
        print(result.stderr.strip(), file=sys.stderr)
        print(f"    lighthouse failed on {url} ({preset}), attempt {attempt}", file=sys.stderr)
    else:
        sys.exit(f"lighthouse failed on {url} ({preset}), exit {result.returncode}")
    return json.loads(Path(f"{out_base}.report.json").read_text(encoding="utf-8"))


def scores(report):
    return {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}


def lost_points(report):
    """The audits that cost points: weighted audits scoring below 1."""
    lines = []
    for name in CATEGORIES:
        category = report["categories"][name]
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                lines.append(f"    {name}: {ref['id']}: {audit['title']}{value}")
    return lines


def serve_demo(workdir, port):
    """Build the demo database and start the server; returns (process, env)."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DEBUG": "0",
        "SERVE_MEDIA": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        # Served over plain http on loopback, as `dev.py up` does.
        "INSECURE_HTTP": "1",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    print("==> Building the demo database and static files in", workdir, flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo", "--site-url", f"http://127.0.0.1:{port}/", "--allow-production")
    server = subprocess.Popen(
        [python(), str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(workdir / "server.log").open("w"),
    )
    return server, env


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="run everything N times (default 1)")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    args = parser.parse_args(argv)

    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci --ignore-scripts` first.")
    if not Path(CHROME_PATH).exists():
        sys.exit(f"Chromium not found at {CHROME_PATH} (apt-get install chromium)")
    port = args.port or free_port()
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            sys.exit(f"port {port} is in use: stop what serves it or choose another --port")
    base = f"http://127.0.0.1:{port}"
    REPORTS.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="portal-lighthouse-"))
    server = None
    failures = []
    rows = []
    try:
        server, env = serve_demo(workdir, port)
        pages = {
            "home": "/",
            "topic": "/topics/vitiligo/",
            "article": manage(env, "shell", "-c", SEED_URL).strip().splitlines()[-1],
        }
        wait_until_up(base + "/", server)
        for run in range(1, args.runs + 1):
            for page, path in pages.items():
                for preset in PRESETS:
                    suffix = f"-run{run}" if args.runs > 1 else ""
                    out_base = REPORTS / f"{page}-{preset}{suffix}"
                    report = lighthouse(base + path, preset, out_base)
                    result = scores(report)
                    rows.append((run, page, preset, result))
                    print(
                        f"    run {run} {page:8} {preset:8} "
                        + " ".join(f"{name}={score}" for name, score in result.items()),
                        flush=True,
                    )
                    if min(result.values()) < 100:
                        failures.append(f"  {path} ({preset}, run {run}):")
                        failures.extend(lost_points(report))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)

    print()
    version = subprocess.check_output([str(LIGHTHOUSE), "--version"], text=True).strip()
    print(f"Lighthouse {version}, Chromium at {CHROME_PATH}, {os.cpu_count()} CPU cores")
    header = "| Run | Page | Preset | Performance | Accessibility | Best practices | SEO |"
    print(header)
    print("| --- " * 7 + "|")
    for run, page, preset, result in rows:
        cells = " | ".join(str(result[name]) for name in CATEGORIES)
        print(f"| {run} | {page} | {preset} | {cells} |")
    print(f"\nReports: {REPORTS.relative_to(ROOT)}/")
    if failures:
        print("\nBelow 100:\n" + "\n".join(failures))
        return 1
    print("All scores are 100.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
