#!/usr/bin/env python3
"""Known vulnerabilities in the pinned runtime dependencies (requirements.txt and what
they pull in), with pip-audit (pinned in requirements-dev.txt). Run by CI:

    .venv/bin/python scripts/audit_requirements.py [REQUIREMENTS]

Exits 1, listing each package, vulnerability id and fixed versions, when a pin has a
known vulnerability: upgrade it (within Django 5.2 and Python 3.11) and run the tests.
Exits 0 with a WARNING when the vulnerability service (PyPI's JSON API) cannot be
reached or cannot vouch for the pins: a network failure says nothing about our code,
so it must not fail CI, but it must not pass silently as "no vulnerabilities" either.
Standard library only (pip-audit runs as a subprocess).
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(requirements):
    with tempfile.TemporaryDirectory() as scratch:
        report_file = Path(scratch) / "audit.json"
        command = [
            *(sys.executable, "-m", "pip_audit"),
            *("--requirement", str(requirements)),
            *("--format", "json", "--output", str(report_file)),
            *("--progress-spinner", "off", "--desc", "off"),
        ]
        result = subprocess.run(command, capture_output=True, text=True)
        report = json.loads(report_file.read_text()) if report_file.exists() else None
    if report is None:
        # pip-audit stopped before writing a report: no network, PyPI down, a bad file.
        print(result.stderr.strip()[-2000:], file=sys.stderr)
        print("WARNING: pip-audit could not run (see above); dependencies NOT audited.")
        return 0
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            print(f"{dependency['name']} {dependency['version']}: {vuln['id']} (fixed in: {fixed})")
    audited = len(dependencies) - len(skipped)
    total, bad = len(dependencies), len(vulnerable)
    print(f"pip-audit: {audited} of {total} packages audited, {bad} vulnerable.")
    if vulnerable:
        return 1
    if skipped:
        names = ", ".join(f"{d['name']} {d.get('version', '')}".strip() for d in skipped)
        print(f"WARNING: the vulnerability service could not vouch for: {names}")
        print(f"  (first reason: {skipped[0]['skip_reason']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "requirements.txt"))
