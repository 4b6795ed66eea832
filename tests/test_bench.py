"""The benchmark's own parts (scripts/bench.py) that can be checked without load:
reading wrk's output, the chart, the docs table and section, the pages it picks.
Speed itself is measured by running the benchmark, never here."""

import importlib.util
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from demo import synthetic
from topics.models import Topic

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"


def load_bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = load_bench()

# Real wrk 4.1.0 output (Debian's), captured from runs against this portal on a
# loaded machine: note the space wrk leaves after each percentile.
WRK_PAGE = """\
Running 10s test @ http://127.0.0.1:57083/topics/pigmentary-disorders/?page=16
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.34s     2.48s    9.99s    47.62%
    Req/Sec     8.15      9.07    28.00     76.92%
  Latency Distribution
     50%    5.98s 
     75%    8.01s 
     90%    8.12s 
     99%    9.99s 
  22 requests in 10.06s, 141.02KB read
  Socket errors: connect 0, read 0, write 0, timeout 1
Requests/sec:      2.19
Transfer/sec:     14.01KB
"""  # noqa: W291 (wrk's trailing spaces are the point)

WRK_FLOOR = """\
Running 10s test @ http://127.0.0.1:57083/robots.txt
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   344.40ms   57.42ms 513.44ms   76.70%
    Req/Sec    46.02     24.06   111.00     63.24%
  Latency Distribution
     50%  344.94ms
     75%  379.36ms
     90%  411.82ms
     99%  454.90ms
  914 requests in 10.07s, 407.29KB read
Requests/sec:     90.80
Transfer/sec:     40.46KB
"""

# The home page on a 2,000-article SQLite archive with the machine's other work
# taking most of it: every response came after the 10 s timeout.
WRK_ALL_LATE = """\
Running 10s test @ http://127.0.0.1:8766/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     1.33      1.66     4.00     77.78%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  10 requests in 10.15s, 99.83KB read
  Socket errors: connect 0, read 0, write 0, timeout 10
Requests/sec:      0.99
Transfer/sec:      9.84KB
"""

# The search page of the 100,000-article archive on the loaded machine: none of the
# 32 connections got an answer within the run.
WRK_NONE = """\
Running 30s test @ http://127.0.0.1:33905/search/?q=treatment
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     0.00      0.00     0.00      -nan%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  0 requests in 30.04s, 0.00B read
Requests/sec:      0.00
Transfer/sec:       0.00B
"""

# Against a server answering 404.
WRK_NOT_FOUND = """\
Running 2s test @ http://127.0.0.1:8768/missing
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.66ms   25.61ms 179.88ms   93.05%
    Req/Sec   352.18    160.18   690.00     71.05%
  Latency Distribution
     50%    4.34ms
     75%    9.71ms
     90%   25.73ms
     99%  150.01ms
  1359 requests in 2.03s, 690.12KB read
  Non-2xx or 3xx responses: 1359
Requests/sec:    670.97
Transfer/sec:    340.72KB
"""


def test_wrk_output_is_read_with_its_units_and_socket_errors():
    page = bench.parse_wrk(WRK_PAGE)
    assert page["rps"] == 2.19
    assert page["requests"] == 22
    assert page["p50_ms"] == pytest.approx(5980)
    assert page["p99_ms"] == pytest.approx(9990)
    assert page["socket_errors"] == {"connect": 0, "read": 0, "write": 0, "timeout": 1}
    assert page["errors"] == 1

    floor = bench.parse_wrk(WRK_FLOOR)
    assert (floor["rps"], floor["requests"], floor["errors"]) == (90.8, 914, 0)
    assert floor["p50_ms"] == pytest.approx(344.94)
    assert floor["p99_ms"] == pytest.approx(454.90)


def test_non_2xx_responses_count_as_errors():
    result = bench.parse_wrk(WRK_NOT_FOUND)
    assert result["non_2xx_3xx"] == 1359
    assert result["errors"] == 1359
    assert result["p99_ms"] == pytest.approx(150.01)


def test_latency_units():
    assert bench.latency_ms("850.00us") == pytest.approx(0.85)
    assert bench.latency_ms("1.50m") == pytest.approx(90_000)
    with pytest.raises(ValueError):
        bench.latency_ms("12 ms")


def test_output_without_a_result_is_refused():
    with pytest.raises(ValueError):
        bench.parse_wrk("unable to connect to 127.0.0.1:8768 Connection refused\n")


def mode_result(label, ratios, rss=(80.0, 82.5)):
    """A mode's results as run_mode() returns them, from real wrk output scaled to
    the given ratios to the floor."""
    floor = bench.parse_wrk(WRK_FLOOR)
    pages = {}
    for name, ratio in ratios.items():
        page = bench.parse_wrk(WRK_PAGE)
        page.update(
            url=f"/{name.replace(' ', '-')}/",
            rps=floor["rps"] * ratio,
            floor_rps=floor["rps"],
            ratio=ratio,
            errors=0,
        )
        pages[name] = page
    return {
        "label": label,
        "finished": "2026-12-02 14:00 UTC",
        "command": "scripts/bench.py --mode both",
        "articles": 100_000,
        "workers": 5,
        "duration": 15,
        "warmup": 3,
        "timeout": 10,
        "machine": {
            "cores": 2,
            "cpu": "AMD EPYC",
            "ram_gb": 23.5,
            "os": "Linux 6",
            "database": "PostgreSQL 15.8",
            "load_before": "1.00 1.00 1.00",
            "load_after": "2.00 2.00 2.00",
        },
        "floor": floor,
        "floor_runs": [floor] * len(ratios),
        "pages": pages,
        "workers_rss_mb": list(rss),
    }


UNCACHED = {
    "home": 0.2,
    "topic": 0.35,
    "topic page 50": 0.1,
    "article": 0.3,
    "search": 0.05,
    "topic feed": 0.25,
    "sitemap": 0.15,
}
CACHED = dict.fromkeys(bench.PAGES, 0.9) | {"topic": 0.8}


def both_modes():
    return {
        "uncached": mode_result("Uncached", UNCACHED),
        "cached": mode_result("Cached (Redis)", CACHED),
    }


def test_chart_is_svg_with_one_bar_per_page_and_mode():
    root = ET.fromstring(bench.ratio_chart_svg(both_modes()))
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text.startswith("Requests per second of each page")
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == "bar"]
    assert sorted((bar.get("data-page"), bar.get("data-mode")) for bar in bars) == sorted(
        (page, mode) for page in bench.PAGES for mode in ("uncached", "cached")
    )
    # Bars are as long as their ratio: twice the ratio, twice the width.
    width = {(b.get("data-page"), b.get("data-mode")): float(b.get("width")) for b in bars}
    assert width[("home", "uncached")] == pytest.approx(2 * width[("topic page 50", "uncached")])
    assert width[("article", "cached")] > width[("article", "uncached")]
    # Each bar names its page, mode and ratio for readers of the SVG's text.
    titles = [bar.find(f"{SVG}title").text for bar in bars]
    assert "article page, uncached: 0.300 of the floor (27.2 req/s)" in titles
    # The four ratio targets are drawn.
    assert len([line for line in root.iter(f"{SVG}line") if line.get("class") == "target"]) == 4


def test_chart_of_one_mode_has_only_its_bars():
    root = ET.fromstring(bench.ratio_chart_svg({"uncached": mode_result("Uncached", UNCACHED)}))
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == "bar"]
    assert {bar.get("data-mode") for bar in bars} == {"uncached"}
    assert len(bars) == len(bench.PAGES)


def table_rows(markdown):
    """A Markdown table as a list of {header: cell} rows."""
    lines = [line for line in markdown.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    return [
        dict(zip(header, (cell.strip() for cell in line.strip("|").split("|")), strict=True))
        for line in lines[2:]
    ]


def test_table_has_the_floor_then_every_page():
    rows = table_rows(bench.markdown_table(mode_result("Uncached", UNCACHED)))
    assert [row["page"] for row in rows] == [bench.LABELS[name] for name in ["floor", *bench.PAGES]]
    floor, article = rows[0], rows[4]
    assert (floor["req/s"], floor["p50 ms"], floor["p99 ms"], floor["ratio"]) == (
        "91",
        "345",
        "455",
        "1",
    )
    assert article["URL"] == "`/article/`"
    assert (article["req/s"], article["ratio"], article["errors"]) == ("27.2", "0.300", "0")
    # One response in 22 came after wrk's 10 s timeout, which wrk leaves out of its
    # percentiles: the p99 is beyond it.
    assert (article["p50 ms"], article["p99 ms"]) == ("5,980", "> 10,000")


def test_latencies_beyond_the_timeout_are_not_shown_as_measured():
    result = mode_result("Uncached", {"home": 0.01})
    late = bench.parse_wrk(WRK_ALL_LATE)
    assert (late["p50_ms"], late["errors"]) == (0, 10)
    result["pages"]["home"].update(late)
    home = table_rows(bench.markdown_table(result))[1]
    assert (home["p50 ms"], home["p99 ms"], home["errors"]) == ("> 10,000", "> 10,000", "10")


def test_a_page_that_never_answered_is_a_failure_not_zero_errors():
    result = mode_result("Uncached", UNCACHED)
    result["duration"] = 30
    result["pages"]["search"].update(bench.parse_wrk(WRK_NONE), ratio=0.0)
    search = table_rows(bench.markdown_table(result))[5]
    assert search["page"] == "search"
    assert (search["req/s"], search["errors"], search["p99 ms"]) == (
        "0.0",
        "no response",
        "> 30,000",
    )
    assert (
        "MISSED: uncached errors 0 (target 0); no response at all within the run from: search"
        in bench.target_lines({"uncached": result})
    )


def test_targets_are_reported_met_or_missed():
    lines = bench.target_lines(both_modes())
    assert "met: uncached topic page at 0.350 of the floor (target 0.3)" in lines
    assert "MISSED: uncached article page at 0.300 of the floor (target 0.4)" in lines
    assert "MISSED: cached topic page at 0.800 of the floor (target 0.85)" in lines
    assert "met: cached article page at 0.900 of the floor (target 0.85)" in lines
    assert "met: uncached errors 0 (target 0)" in lines
    assert "met: uncached largest worker 82 MB after the run (target under 150 MB)" in lines


def test_docs_section_replaces_only_its_own_block():
    section = bench.docs_section(both_modes())
    assert section.startswith(bench.MARK_START) and section.endswith(bench.MARK_END)
    # The chart comes before the tables.
    assert section.index("bench-ratio.svg") < section.index("| page |")
    assert section.count("| page |") == 2

    text = "# Performance\n\n## Indexes\n\nKept.\n"
    added = bench.with_docs_section(text, section)
    assert added.startswith(text.rstrip("\n"))
    assert "\n## Benchmark\n\n" + bench.MARK_START in added

    # Rerunning replaces the block and keeps what was written around it.
    edited = added.replace(bench.MARK_END, bench.MARK_END + "\n\nWhy the article page is slow.")
    newer = bench.docs_section({"uncached": mode_result("Uncached", UNCACHED)})
    replaced = bench.with_docs_section(edited, newer)
    assert replaced.count("## Benchmark") == 1
    assert replaced.count(bench.MARK_START) == 1
    assert "Why the article page is slow." in replaced
    assert "Kept." in replaced
    assert "Cached (Redis)" not in replaced


def test_worker_memory_and_children_come_from_proc():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in bench.children(os.getpid())
        assert 1 < bench.rss_mb(child.pid) < 500
    finally:
        child.kill()
        child.wait()


@pytest.mark.django_db
def test_the_pages_it_loads_exist_and_show_articles(client, capsys):
    synthetic.generate(45, seed=3)
    bench.print_facts("patients")
    facts = json.loads(capsys.readouterr().out)
    assert facts["synthetic"] == 45
    urls = facts["urls"]
    assert set(urls) == {"floor", *bench.PAGES}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url)
    # Fewer than 50 pages: the topic's last page stands in for page 50.
    topic_url, last = urls["topic page 50"].split("?page=")
    assert topic_url == urls["topic"]
    assert client.get(urls["topic page 50"]).context["articles"]
    assert client.get(f"{topic_url}?page={int(last) + 1}").status_code == 404
    # A search that finds something, and the topic with most articles.
    assert client.get(urls["search"]).context["articles"]
    listed = {
        topic.get_absolute_url(): client.get(topic.get_absolute_url()).context["paginator"].count
        for topic in Topic.objects.filter(parent__isnull=True)
    }
    assert listed[urls["topic"]] == facts["topic"]["articles"] == max(listed.values())
