#!/usr/bin/env python3
"""The benchmark: the portal under load from wrk, page by page, against the floor.

    make bench                       # = python3 dev.py setup && .venv/bin/python scripts/bench.py
    .venv/bin/python scripts/bench.py [--articles 100000] [--database-url URL]
        [--duration 15] [--warmup 3] [--mode uncached|cached|both] [--write-docs]

Steps: `migrate`; `generate_archive --articles N` unless the database already
holds N synthetic articles (it adds the missing ones); `collectstatic`; then, for
each mode, gunicorn (sync workers, 2 x cores + 1, DEBUG off, a throwaway
SECRET_KEY, ALLOWED_HOSTS=127.0.0.1) on a free port of 127.0.0.1, driven by wrk
(2 threads x 32 connections, --duration seconds per page after --warmup seconds
of warm-up). Each page is measured right after `/robots.txt`, the floor (a tiny
response that touches neither database nor cache), so the ratio of the two is
taken under the same conditions and drift of the machine's load shows in the
floor's column. Requests carry `Accept-Encoding: gzip` as browsers' do.

Modes: uncached (PAGE_CACHE=0, no REDIS_URL) and cached (PAGE_CACHE=1 and
REDIS_URL from --redis-url or the environment; without one the cache is each
worker's local memory, which the report says). The database is DATABASE_URL
(--database-url, else the environment, else the SQLite file db.sqlite3).

It prints, per page: requests per second, p50 and p99 latency, errors (non-2xx/3xx
responses and socket errors), the ratio to the floor; then each gunicorn worker's
memory (VmRSS) after the run, the machine (cores, RAM, CPU, load average before and
after, database), and the issue's targets met or missed. It writes the chart of
ratios to docs/bench-ratio.svg and the raw results to docs/bench-results.json;
--write-docs also puts the "Benchmark" section's generated part into
docs/performance.md (between its bench markers; text around them is kept). A run
of one mode with --write-docs keeps the other mode's last results. wrk's raw output
and gunicorn's log are kept in artifacts/bench/MODE/.

Exit status: 0; 1 if any page answered an error or a step failed; 2 if wrk is
missing (Debian/Ubuntu: apt-get install wrk).
"""

import argparse
import json
import math
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
DOCS = ROOT / "docs"
CHART = DOCS / "bench-ratio.svg"
RESULTS = DOCS / "bench-results.json"
PERFORMANCE_MD = DOCS / "performance.md"
MARK_START = "<!-- bench:start (written by scripts/bench.py --write-docs) -->"
MARK_END = "<!-- bench:end -->"

THREADS = 2
CONNECTIONS = 32
FLOOR = "floor"
# The pages, in the order they are measured and shown.
PAGES = ["home", "topic", "topic page 50", "article", "search", "topic feed", "sitemap"]
LABELS = {
    FLOOR: "/robots.txt (floor)",
    "home": "home",
    "topic": "topic page",
    "topic page 50": "topic page 50",
    "article": "article page",
    "search": "search",
    "topic feed": "topic feed",
    "sitemap": "sitemap index",
}
MODES = ["uncached", "cached"]
COLOURS = {"uncached": "#4f6d8f", "cached": "#d9822b"}

# Issue 9, item 7.
TARGETS = {
    ("cached", "article"): 0.85,
    ("cached", "topic"): 0.85,
    ("uncached", "article"): 0.40,
    ("uncached", "topic"): 0.30,
}
SEARCH_P99_OVER_ARTICLE = 10
RSS_LIMIT_MB = 150


class BenchError(Exception):
    """A step failed; the message says which and why."""


def say(message):
    print(f"==> {message}", flush=True)


# ---------------------------------------------------------------------------
# wrk's output
# ---------------------------------------------------------------------------

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}


def latency_ms(text):
    """'13.29ms' -> 13.29; wrk writes us, ms, s, m or h."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise ValueError(f"not a wrk latency: {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_wrk(output):
    """The numbers of one `wrk --latency` run: requests per second, p50 and p99 (ms),
    requests, non-2xx/3xx responses and socket errors by kind."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    requests = re.search(r"^\s*(\d+) requests in ", output, re.M)
    if not (rps and requests):
        raise ValueError("wrk printed no result:\n" + output)
    percentiles = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", output, re.M))
    socket_errors = {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    found = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if found:
        socket_errors = dict(zip(socket_errors, map(int, found.groups()), strict=True))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    non_2xx = int(non_2xx.group(1)) if non_2xx else 0
    return {
        "rps": float(rps.group(1)),
        # None when no request succeeded (wrk then may print no distribution).
        "p50_ms": latency_ms(percentiles["50"]) if "50" in percentiles else None,
        "p99_ms": latency_ms(percentiles["99"]) if "99" in percentiles else None,
        "requests": int(requests.group(1)),
        "non_2xx_3xx": non_2xx,
        "socket_errors": socket_errors,
        "errors": non_2xx + sum(socket_errors.values()),
    }


# ---------------------------------------------------------------------------
# Report: table, chart, docs section
# ---------------------------------------------------------------------------


def _ms(value):
    if value is None:
        return "n/a"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def timed_out(result):
    """The share of responses slower than wrk's --timeout, which wrk counts as
    timeout errors and leaves out of its percentiles: past 1% (50%), the p99 (p50)
    it prints is too low, as the real one is beyond the timeout."""
    return result["socket_errors"]["timeout"] / result["requests"] if result["requests"] else 0


def markdown_table(mode_result):
    """One mode's results as a Markdown table, the floor first."""
    rows = [
        "| page | URL | req/s | p50 ms | p99 ms | errors | ratio | floor req/s before it |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    floors = [run["rps"] for run in mode_result["floor_runs"]]
    floor = mode_result["floor"]
    rows.append(
        f"| {LABELS[FLOOR]} | `/robots.txt` | {floor['rps']:,.0f} | {_ms(floor['p50_ms'])} "
        f"| {_ms(floor['p99_ms'])} | {floor['errors']} | 1 | "
        f"{min(floors):,.0f}-{max(floors):,.0f} (median of {len(floors)} runs) |"
    )
    for name in PAGES:
        page = mode_result["pages"].get(name)
        if not page:
            continue
        beyond = f"> {mode_result.get('timeout', 10) * 1000:,}"
        p50 = beyond if timed_out(page) > 0.5 else _ms(page["p50_ms"])
        p99 = beyond if timed_out(page) > 0.01 else _ms(page["p99_ms"])
        errors = page["errors"]
        if not page["requests"]:
            p50 = p99 = f"> {mode_result['duration'] * 1000:,}"
            errors = "no response"
        rows.append(
            f"| {LABELS[name]} | `{page['url']}` | {page['rps']:,.1f} | {p50} "
            f"| {p99} | {errors} | {page['ratio']:.3f} "
            f"| {page['floor_rps']:,.0f} |"
        )
    return "\n".join(rows)


def ratio_chart_svg(results):
    """A horizontal bar chart of each page's ratio to the floor, one bar per page and
    mode that was run, with the issue's targets marked; SVG text, no dependency."""
    modes = [mode for mode in MODES if mode in results]
    bar, gap, group_gap = 16, 3, 14
    left, right, top = 150, 70, 56
    plot_width = 460
    group_height = len(modes) * (bar + gap) - gap + group_gap
    height = top + len(PAGES) * group_height + 40
    width = left + plot_width + right
    ratios = [results[m]["pages"][p]["ratio"] for m in modes for p in results[m]["pages"]]
    scale_max = max([1.0, *ratios])

    def x(ratio):
        return left + plot_width * ratio / scale_max

    title = "Requests per second of each page as a fraction of the floor (/robots.txt)"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title chart-desc" '
        'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="chart-title">{escape(title)}</title>',
        '<desc id="chart-desc">'
        + escape(
            "; ".join(
                f"{LABELS[p]} {m}: {results[m]['pages'][p]['ratio']:.3f}"
                for p in PAGES
                for m in modes
                if p in results[m]["pages"]
            )
        )
        + "</desc>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="10" y="20" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for i, mode in enumerate(modes):
        lx = left + i * 150
        out.append(
            f'<rect x="{lx}" y="32" width="12" height="12" fill="{COLOURS[mode]}"/>'
            f'<text x="{lx + 17}" y="42">{escape(results[mode]["label"])}</text>'
        )
    axis_bottom = height - 30
    step = 0.25 if scale_max <= 2 else 0.5 * round(scale_max / 4 / 0.5 + 0.5)
    tick = 0.0
    while tick <= scale_max + 1e-9:
        out.append(
            f'<line x1="{x(tick):.1f}" y1="{top - 6}" x2="{x(tick):.1f}" y2="{axis_bottom}" '
            f'stroke="{"#333333" if tick in (0, 1) else "#dddddd"}" stroke-width="1"/>'
            f'<text x="{x(tick):.1f}" y="{axis_bottom + 14}" text-anchor="middle">{tick:g}</text>'
        )
        tick += step
    for (mode, page), target in TARGETS.items():
        if mode not in modes:
            continue
        index = PAGES.index(page)
        y0 = top + index * group_height + modes.index(mode) * (bar + gap)
        out.append(
            f'<line class="target" x1="{x(target):.1f}" y1="{y0 - 2}" x2="{x(target):.1f}" '
            f'y2="{y0 + bar + 2}" stroke="#b00020" stroke-width="2" stroke-dasharray="3 2">'
            f"<title>target for {escape(LABELS[page])}, {mode}: {target:g}</title></line>"
        )
    for index, page in enumerate(PAGES):
        y_group = top + index * group_height
        out.append(
            f'<text x="{left - 8}" y="{y_group + (group_height - group_gap) / 2 + 4:.1f}" '
            f'text-anchor="end">{escape(LABELS[page])}</text>'
        )
        for j, mode in enumerate(modes):
            result = results[mode]["pages"].get(page)
            if not result:
                continue
            y = y_group + j * (bar + gap)
            ratio = result["ratio"]
            out.append(
                f'<rect class="bar" data-page="{escape(page)}" data-mode="{mode}" '
                f'x="{left}" y="{y}" width="{max(x(ratio) - left, 1):.1f}" height="{bar}" '
                f'fill="{COLOURS[mode]}"><title>{escape(LABELS[page])}, {mode}: '
                f"{ratio:.3f} of the floor ({result['rps']:,.1f} req/s)</title></rect>"
                f'<text x="{max(x(ratio), left + 1) + 4:.1f}" y="{y + bar - 4}">{ratio:.3f}</text>'
            )
    out.append(
        f'<text x="{left + plot_width / 2}" y="{height - 4}" text-anchor="middle">'
        "ratio to the floor's requests per second (1 = as fast as /robots.txt; "
        "dashed red: target)</text>"
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def target_lines(results):
    """The issue's targets, each met or missed, for the modes that were run."""
    lines = []
    for (mode, page), target in TARGETS.items():
        if mode in results and page in results[mode]["pages"]:
            ratio = results[mode]["pages"][page]["ratio"]
            verdict = "met" if ratio >= target else "MISSED"
            lines.append(
                f"{verdict}: {mode} {LABELS[page]} at {ratio:.3f} of the floor (target {target})"
            )
    for mode in MODES:
        if mode not in results:
            continue
        pages = results[mode]["pages"]
        p99s = [pages[name]["p99_ms"] if name in pages else None for name in ("search", "article")]
        if all(p99s):
            times = p99s[0] / p99s[1]
            verdict = "met" if times < SEARCH_P99_OVER_ARTICLE else "MISSED"
            lines.append(
                f"{verdict}: {mode} search p99 {_ms(pages['search']['p99_ms'])} ms is "
                f"{times:.1f} x the article's (target under {SEARCH_P99_OVER_ARTICLE} x)"
            )
        errors = sum(p["errors"] for p in pages.values()) + sum(
            run["errors"] for run in results[mode]["floor_runs"]
        )
        silent = [LABELS[name] for name in PAGES if name in pages and not pages[name]["requests"]]
        verdict = "met" if not (errors or silent) else "MISSED"
        note = f"; no response at all within the run from: {', '.join(silent)}" if silent else ""
        lines.append(f"{verdict}: {mode} errors {errors} (target 0){note}")
        rss = results[mode]["workers_rss_mb"]
        if rss:
            verdict = "met" if max(rss) < RSS_LIMIT_MB else "MISSED"
            lines.append(
                f"{verdict}: {mode} largest worker {max(rss):.0f} MB after the run "
                f"(target under {RSS_LIMIT_MB} MB)"
            )
    return lines


def describe_machine(machine):
    return (
        f"{machine['cores']} cores ({machine['cpu']}), {machine['ram_gb']:.1f} GB RAM, "
        f"{machine['os']}; {machine['database']}"
    )


def docs_section(results):
    """The generated part of the docs' Benchmark section: chart, then tables."""
    parts = [MARK_START, ""]
    parts.append(f"![Each page's requests per second as a fraction of the floor]({CHART.name})")
    parts.append("")
    for mode in MODES:
        if mode not in results:
            continue
        run = results[mode]
        machine = run["machine"]
        parts += [
            f"**{run['label']}**, {run['finished']} (`{run['command']}`): "
            f"{run['articles']:,} synthetic articles; {describe_machine(machine)}; "
            f"gunicorn {run['workers']} sync workers; wrk {THREADS} threads x "
            f"{CONNECTIONS} connections, {run['duration']} s per page after "
            f"{run['warmup']} s of warm-up (a response slower than {run.get('timeout', 10)} s "
            "counts as a timeout error); "
            f"load average {machine['load_before']} before, "
            f"{machine['load_after']} after.",
            "",
            markdown_table(run),
            "",
            "Workers' memory after the run (VmRSS): "
            + ", ".join(f"{mb:.0f} MB" for mb in run["workers_rss_mb"])
            + ".",
            "",
        ]
    parts.append("Targets (issue 9, item 7):")
    parts.append("")
    parts += [f"- {line}" for line in target_lines(results)]
    parts += ["", MARK_END]
    return "\n".join(parts)


def with_docs_section(text, section):
    """The Markdown with the generated block replaced, or added in a new
    "## Benchmark" section at the end."""
    if MARK_START in text and MARK_END in text:
        before = text[: text.index(MARK_START)]
        after = text[text.index(MARK_END) + len(MARK_END) :]
        return before + section + after
    return text.rstrip("\n") + "\n\n## Benchmark\n\n" + section + "\n"


# ---------------------------------------------------------------------------
# The machine
# ---------------------------------------------------------------------------


def cpu_count():
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def load_average():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def machine_facts(database):
    cpu, ram_gb = "unknown CPU", 0.0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    uname = os.uname()
    return {
        "cores": cpu_count(),
        "cpu": cpu,
        "ram_gb": ram_gb,
        "os": f"{uname.sysname} {uname.release}",
        "database": database,
    }


def rss_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def children(pid):
    """Process ids whose parent is pid (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name, in parentheses, may hold spaces; the parent follows it.
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


# ---------------------------------------------------------------------------
# Django steps (manage.py in the venv)
# ---------------------------------------------------------------------------


def python():
    venv_python = VENV_BIN / "python"
    return str(venv_python if venv_python.exists() else sys.executable)


def manage(env, *args, show=False):
    cmd = [python(), str(ROOT / "manage.py"), *args]
    result = subprocess.run(
        cmd,
        cwd=ROOT,
        env=env,
        stdout=None if show else subprocess.PIPE,
        stderr=None if show else subprocess.STDOUT,
        text=True,
        errors="replace",
    )
    if result.returncode != 0:
        raise BenchError(
            f"manage.py {' '.join(args)} failed (exit {result.returncode})\n{result.stdout or ''}"
        )
    return result.stdout or ""


def inspect(env, search_term):
    """Run this script in a Django process that prints the data set's facts."""
    result = subprocess.run(
        [python(), __file__, "--inspect", "--search-term", search_term],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BenchError("Could not read the data set:\n" + result.stderr + result.stdout)
    return json.loads(result.stdout)


def print_facts(search_term):
    """(In a Django process) JSON: synthetic articles, database, and the URLs."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from urllib.parse import urlencode

    from django.conf import settings
    from django.db import connection
    from django.urls import reverse

    from articles.models import Article
    from demo import synthetic
    from topics.models import Topic

    facts = {"synthetic": synthetic.synthetic_articles().count()}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            facts["database"] = f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            facts["database"] = f"SQLite {cursor.fetchone()[0]}"
        else:
            facts["database"] = connection.display_name
    article = Article.objects.published().newest_first().first()
    if article is None:
        print(json.dumps(facts))
        return
    # The most populated top-level topic: the one whose page lists the most articles
    # (its own, its subtopics', and those filed under it as a further topic).
    tree = Topic.objects.tree()
    counts = {
        root: Article.objects.published().in_topics(tree.descendant_ids(root)).count()
        for root in tree.roots
    }
    topic = max(counts, key=counts.get)
    topic_url = topic.get_absolute_url()
    # Page 50, or the last page of a smaller archive.
    last_page = max(1, math.ceil(counts[topic] / settings.ARTICLES_PER_PAGE))
    facts["topic"] = {"name": topic.name, "articles": counts[topic]}
    facts["urls"] = {
        FLOOR: reverse("robots"),
        "home": reverse("home"),
        "topic": topic_url,
        # ListView's page parameter.
        "topic page 50": f"{topic_url}?page={min(50, last_page)}",
        "article": article.get_absolute_url(),
        "search": f"{reverse('search:results')}?{urlencode({'q': search_term})}",
        "topic feed": reverse("feeds:topic", args=[topic.slug]),
        "sitemap": reverse("sitemap"),
    }
    print(json.dumps(facts))


# ---------------------------------------------------------------------------
# The server and the load
# ---------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn in its own process group, stopped (with its workers) on exit."""

    def __init__(self, env, workers, log_path):
        self.port = free_port()
        self.workers = workers
        self.log_path = log_path
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop())
        gunicorn = VENV_BIN / "gunicorn"
        if not gunicorn.exists():
            raise BenchError("gunicorn is not in .venv: run `python3 dev.py setup` first")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.base = f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines=30):
        self.log.flush()
        return "\n".join(Path(self.log_path).read_text(errors="replace").splitlines()[-lines:])

    def wait_ready(self, path, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError("gunicorn exited while starting:\n" + self.log_tail())
            try:
                with urllib.request.urlopen(self.base + path, timeout=5) as response:
                    if response.status == 200 and len(children(self.process.pid)) >= self.workers:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        raise BenchError(f"gunicorn did not answer {path} within {timeout} s:\n" + self.log_tail())

    def check(self, path):
        """One request before loading a page: it must answer 200, not an error page."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=60) as response:
                body = response.read()
                if response.status != 200 or not body:
                    raise BenchError(f"{path} answered {response.status} ({len(body)} bytes)")
        except urllib.error.HTTPError as error:
            raise BenchError(f"{path} answered {error.code}:\n" + self.log_tail()) from error

    def wait_idle(self, path, timeout=300):
        """Wait until the requests wrk gave up on have been answered: they are still
        queued when it stops (or their workers wait on the database), and would slow
        the next measurement. Idle = three requests in a row answered within 0.5 s."""
        deadline = time.monotonic() + timeout
        fast = 0
        while fast < 3:
            if time.monotonic() > deadline:
                raise BenchError(f"The server was still busy {timeout} s after the load stopped.")
            started = time.monotonic()
            try:
                with urllib.request.urlopen(self.base + path, timeout=timeout) as response:
                    response.read()
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                raise BenchError(f"{path} failed between runs: {error}") from error
            fast = fast + 1 if time.monotonic() - started < 0.5 else 0

    def worker_rss(self):
        sizes = [rss_mb(pid) for pid in children(self.process.pid)]
        return [size for size in sizes if size is not None]

    def stop(self):
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            except ProcessLookupError:
                pass
        self.log.close()


def wrk(url, seconds, *, timeout_s, save=None):
    """One wrk run, parsed; its output is also written to `save` if given."""
    cmd = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        f"--timeout={timeout_s}s",
        "--latency",
        "-H",
        "Accept-Encoding: gzip",
        url,
    ]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise BenchError(f"wrk failed on {url}:\n{result.stderr}{result.stdout}")
    if save:
        save.write_text(shlex.join(cmd) + "\n" + result.stdout)
    try:
        return parse_wrk(result.stdout)
    except ValueError as error:
        raise BenchError(f"wrk on {url}: {error}") from error


def slug(name):
    return name.replace(" ", "-")


def measure(server, urls, pages, args):
    """Each page right after the floor; a short warm-up before each page."""
    floor_url = server.base + urls[FLOOR]
    out = server.log_path.parent
    say(f"Warming up the floor {urls[FLOOR]} ({args.warmup} s)")
    wrk(floor_url, args.warmup, timeout_s=args.timeout)
    floor_runs, results = [], {}
    for name in pages:
        server.wait_idle(urls[FLOOR])
        floor = wrk(
            floor_url,
            args.duration,
            timeout_s=args.timeout,
            save=out / f"wrk-floor-before-{slug(name)}.txt",
        )
        if not floor["rps"]:
            raise BenchError(f"The floor {urls[FLOOR]} answered nothing under load.")
        floor_runs.append(floor)
        say(f"  floor      {floor['rps']:9,.1f} req/s  p99 {_ms(floor['p99_ms'])} ms")
        page_url = server.base + urls[name]
        wrk(page_url, args.warmup, timeout_s=args.timeout)
        server.wait_idle(urls[FLOOR])
        page = wrk(
            page_url, args.duration, timeout_s=args.timeout, save=out / f"wrk-{slug(name)}.txt"
        )
        page.update(url=urls[name], floor_rps=floor["rps"], ratio=page["rps"] / floor["rps"])
        results[name] = page
        say(
            f"  {LABELS[name]:<14} {page['rps']:7,.1f} req/s  p50 {_ms(page['p50_ms'])} ms  "
            f"p99 {_ms(page['p99_ms'])} ms  errors {page['errors']}  ratio {page['ratio']:.3f}"
        )
    median_floor = statistics.median(run["rps"] for run in floor_runs)
    floor = min(floor_runs, key=lambda run: abs(run["rps"] - median_floor))
    floor = dict(floor, errors=sum(run["errors"] for run in floor_runs))
    return floor, floor_runs, results


def run_mode(mode, env, urls, facts, args, log_dir):
    workers = 2 * cpu_count() + 1
    env = dict(env)
    if mode == "uncached":
        env["PAGE_CACHE"] = "0"
        env.pop("REDIS_URL", None)
        label = "Uncached"
    else:
        env["PAGE_CACHE"] = "1"
        if args.redis_url:
            env["REDIS_URL"] = args.redis_url
        label = "Cached (Redis)" if env.get("REDIS_URL") else "Cached (local memory per worker)"
    machine = machine_facts(facts["database"])
    machine["load_before"] = load_average()
    say(f"{label}: gunicorn, {workers} sync workers, load average {machine['load_before']}")
    (log_dir / mode).mkdir(parents=True, exist_ok=True)
    server = Server(env, workers, log_dir / mode / "gunicorn.log")
    try:
        server.wait_ready(urls[FLOOR])
        for name in [FLOOR, *PAGES]:
            server.check(urls[name])
        floor, floor_runs, pages = measure(server, urls, PAGES, args)
        rss = server.worker_rss()
    finally:
        server.stop()
    machine["load_after"] = load_average()
    return {
        "label": label,
        "finished": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "scripts/bench.py " + " ".join(sys.argv[1:]),
        "articles": facts["synthetic"],
        "workers": workers,
        "duration": args.duration,
        "warmup": args.warmup,
        "timeout": args.timeout,
        "machine": machine,
        "floor": floor,
        "floor_runs": floor_runs,
        "pages": pages,
        "workers_rss_mb": rss,
    }


def print_report(results):
    for mode in MODES:
        if mode not in results:
            continue
        run = results[mode]
        print(f"\n{run['label']} ({run['articles']:,} synthetic articles)\n")
        print(markdown_table(run))
        print(
            "\nWorkers' VmRSS after the run: "
            + ", ".join(f"{mb:.0f} MB" for mb in run["workers_rss_mb"])
        )
        machine = run["machine"]
        print(f"Machine: {describe_machine(machine)}")
        print(f"Load average before: {machine['load_before']}; after: {machine['load_after']}")
    print("\nTargets (issue 9, item 7):")
    for line in target_lines(results):
        print("  " + line)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def parse(argv):
    parser = argparse.ArgumentParser(
        prog="scripts/bench.py", description=__doc__.split("\n\n")[0].strip()
    )
    parser.add_argument(
        "--articles",
        type=int,
        default=100_000,
        metavar="N",
        help="synthetic articles the database should hold (default 100000)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="default: $DATABASE_URL, else the SQLite file db.sqlite3",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL", ""),
        help="the cached mode's Redis (default: $REDIS_URL; none: each worker's memory)",
    )
    parser.add_argument("--mode", choices=[*MODES, "both"], default="both")
    parser.add_argument(
        "--duration", type=int, default=15, help="seconds of load per page (default 15)"
    )
    parser.add_argument(
        "--warmup", type=int, default=3, help="seconds of warm-up before each (default 3)"
    )
    parser.add_argument(
        "--timeout",
        type=int,
        default=10,
        help="seconds after which wrk counts a response as a timeout error (default 10)",
    )
    parser.add_argument(
        "--search-term", default="treatment", help="the search page's query (default treatment)"
    )
    parser.add_argument(
        "--write-docs",
        action="store_true",
        help="also write the Benchmark section of docs/performance.md",
    )
    parser.add_argument(
        "--from-results",
        action="store_true",
        help="run nothing: print (and with --write-docs, write) the report of "
        "docs/bench-results.json again",
    )
    parser.add_argument("--inspect", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.duration < 1 or args.warmup < 1 or args.articles < 1:
        parser.error("--articles, --duration and --warmup must be at least 1")
    return args


def django_env(args):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DEBUG="0",
        # Throwaway: nothing signed in a run outlives it.
        SECRET_KEY="bench-" + secrets.token_urlsafe(32),
        ALLOWED_HOSTS="127.0.0.1",
        SERVE_MEDIA="0",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
        # Plain http on loopback, as the app sees requests behind a TLS-terminating
        # proxy; without it every request would be a redirect to https.
        INSECURE_HTTP="1",
    )
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


ANALYZE = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")
"""


def write_report(results, *, write_docs, show=True):
    """Print the results, write the chart, and with write_docs the docs section."""
    if show:
        print_report(results)
    CHART.write_text(ratio_chart_svg(results))
    say(f"Chart: {CHART.relative_to(ROOT)}; results: {RESULTS.relative_to(ROOT)}")
    if write_docs:
        PERFORMANCE_MD.write_text(
            with_docs_section(PERFORMANCE_MD.read_text(), docs_section(results))
        )
        say(f"Wrote the Benchmark section of {PERFORMANCE_MD.relative_to(ROOT)}")


def interrupted(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    args = parse(sys.argv[1:] if argv is None else argv)
    if args.inspect:
        print_facts(args.search_term)
        return 0
    if args.from_results:
        results = json.loads(RESULTS.read_text())
        write_report(results, write_docs=args.write_docs)
        return 0
    if shutil.which("wrk") is None:
        print(
            "!!  wrk (the load generator) is not installed. On Debian/Ubuntu: "
            "sudo apt-get install wrk; on macOS: brew install wrk.",
            file=sys.stderr,
        )
        return 2
    if not Path("/proc/self/status").exists():
        print("!!  The benchmark reads /proc: it runs on Linux.", file=sys.stderr)
        return 2
    env = django_env(args)
    modes = MODES if args.mode == "both" else [args.mode]
    log_dir = ROOT / "artifacts" / "bench"
    log_dir.mkdir(parents=True, exist_ok=True)

    # gunicorn is in its own process group: stop it on SIGTERM as on Ctrl+C (also
    # when started in the background, where SIGINT comes in ignored).
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    try:
        say("Applying migrations")
        manage(env, "migrate", "--noinput")
        facts = inspect(env, args.search_term)
        say(f"Database: {facts['database']}, {facts['synthetic']:,} synthetic articles")
        if facts["synthetic"] < args.articles:
            missing = args.articles - facts["synthetic"]
            say(f"Generating {missing:,} synthetic articles (minutes; progress below)")
            manage(env, "generate_archive", "--articles", str(missing), "--force", show=True)
            # Fresh statistics for the planner, and on PostgreSQL a visibility map, without
            # which the index-only scans the indexes were made for read the table too.
            say("Analysing the tables (VACUUM ANALYZE on PostgreSQL)")
            manage(env, "shell", "-c", ANALYZE)
            if "cached" in modes and (args.redis_url or env.get("REDIS_URL")):
                # Bulk writes send no signals, so a shared cache still holds pages of
                # the smaller archive.
                say("Clearing the shared cache after the bulk load")
                manage(
                    dict(env, REDIS_URL=args.redis_url or env["REDIS_URL"]),
                    "shell",
                    "-c",
                    "from django.core.cache import cache; cache.clear()",
                )
        say("Collecting static files")
        manage(env, "collectstatic", "--noinput")
        facts = inspect(env, args.search_term)
        if "urls" not in facts:
            raise BenchError("No published article in the database.")
        topic = facts["topic"]
        say(f"Most populated topic: {topic['name']} ({topic['articles']:,} published articles)")
        results = {}
        if RESULTS.exists():
            # Keep the other mode's last results when only one is run now.
            results = {m: r for m, r in json.loads(RESULTS.read_text()).items() if m in MODES}
        for mode in modes:
            results[mode] = run_mode(mode, env, facts["urls"], facts, args, log_dir)
        RESULTS.write_text(json.dumps(results, indent=1) + "\n")
        print_report({mode: results[mode] for mode in modes})
        # The chart and the docs show both modes: this run's and the other's last.
        write_report(results, write_docs=args.write_docs, show=False)
    except BenchError as error:
        print(f"!!  {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("!!  Interrupted; the server is stopped.", file=sys.stderr)
        return 130
    pages = [page for mode in modes for page in results[mode]["pages"].values()]
    errors = sum(page["errors"] for page in pages) + sum(
        run["errors"] for mode in modes for run in results[mode]["floor_runs"]
    )
    if errors or not all(page["requests"] for page in pages):
        print("!!  Requests failed or went unanswered (see the errors column)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
