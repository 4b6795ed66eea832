"""The house's layout, measured: import circles, imports running back up, code per app.

    .venv/bin/python scripts/check_layout.py          # report; exit 1 if a rule is broken

Every import between the project's own modules counts, at the top of a file or inside a
function (a lazy import is still a dependency). Apps sit in LAYERS from the bottom up: an
app may import from its own layer and the layers below it; an import from a higher layer
"runs back up". The rules (issue 15): no circle between files or between apps, at most
MAX_UPWARD imports running back up, no app over MAX_SHARE of the code (migrations, tests
and scripts aside).
tests/test_layout.py runs the same checks.
"""

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Bottom first. Within a layer apps may use each other but must not form a file circle.
LAYERS = [
    # What every app may use: the paginator, addresses, middleware, admin helpers.
    ["portal"],
    ["topics", "references"],
    ["articles"],
    ["images", "evidence", "drugs", "newsroom"],
    ["imports", "syndication", "search", "redirects", "pagecache", "facts"],
    ["backups"],
    ["demo"],
    # The project's wiring, which names every app.
    ["portal.urls", "portal.settings", "portal.test_settings", "portal.wsgi", "portal.asgi"],
]
MAX_UPWARD = 1
MAX_SHARE = 0.30


def project_packages():
    return sorted(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests", "scripts"}
    )


def source_files(packages):
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path, modules):
    """The project modules a file imports, with the line of each import."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # "from pkg import module" imports pkg.module; "from pkg import name", pkg.
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != own:
                found.append((name, node.lineno))
    # One edge per (file, module): "from x import a" and "from x import b" are one import.
    seen = {}
    for name, line in found:
        seen.setdefault(name, line)
    return sorted(seen.items())


def import_graph(packages):
    files = {module_name(path): path for path in source_files(packages)}
    return files, {name: imported_modules(path, files) for name, path in files.items()}


def circles(graph):
    """Strongly connected components with more than one file (Tarjan, iterative)."""
    index, low, on_stack, stack, result = {}, {}, set(), [], []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(graph[start]))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for target, _line in edges:
                if target not in index:
                    index[target] = low[target] = counter
                    counter += 1
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(graph[target])))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        result.append(sorted(component))
    return result


def entry_of(module):
    """(layer, entry) of the most specific entry of LAYERS naming the module or a
    package of it: an app, or one of portal's wiring modules."""
    parts = module.split(".")
    for length in range(len(parts), 0, -1):
        name = ".".join(parts[:length])
        for level, entries in enumerate(LAYERS):
            if name in entries:
                return level, name
    return None, None


def layer_of(module):
    return entry_of(module)[0]


def upward_imports(graph):
    found = []
    for source, targets in graph.items():
        for target, line in targets:
            if layer_of(target) > layer_of(source):
                found.append((source, line, target))
    return found


def app_graph(graph):
    """The same imports between apps (portal's wiring apart from the rest of portal)."""
    edges = defaultdict(set)
    for source, targets in graph.items():
        for target, line in targets:
            if entry_of(source)[1] != entry_of(target)[1]:
                edges[entry_of(source)[1]].add((entry_of(target)[1], line))
    return {app: sorted(edges.get(app, ())) for app in {entry_of(name)[1] for name in graph}}


def lines_of_code(packages):
    counts = defaultdict(int)
    for path in source_files(packages):
        counts[path.relative_to(ROOT).parts[0]] += sum(
            1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
        )
    return dict(counts)


def report():
    packages = project_packages()
    problems = [
        f"app {app!r} is in no layer of LAYERS" for app in packages if layer_of(app) is None
    ]
    if problems:
        return problems, ""
    files, graph = import_graph(packages)
    found_circles = circles(graph)
    upward = upward_imports(graph)
    counts = lines_of_code(packages)
    total = sum(counts.values())
    lines = [f"{len(files)} modules in {len(packages)} packages, {total} lines of code"]
    for app, count in sorted(counts.items(), key=lambda item: -item[1]):
        lines.append(f"  {app:<12} {count:>6}  {count / total:5.1%}")
        if count / total > MAX_SHARE:
            problems.append(
                f"{app} holds {count / total:.0%} of the code (at most {MAX_SHARE:.0%})"
            )
    lines.append(f"import circles between files: {len(found_circles)}")
    for component in found_circles:
        lines.append("  " + " <-> ".join(component))
        problems.append("import circle: " + " <-> ".join(component))
    app_circles = circles(app_graph(graph))
    lines.append(f"import circles between apps: {len(app_circles)}")
    for component in app_circles:
        lines.append("  " + " <-> ".join(component))
        problems.append("import circle between apps: " + " <-> ".join(component))
    lines.append(f"imports running back up: {len(upward)} (at most {MAX_UPWARD})")
    for source, line, target in upward:
        lines.append(f"  {files[source].relative_to(ROOT)}:{line} -> {target}")
    if len(upward) > MAX_UPWARD:
        problems.append(f"{len(upward)} imports run back up (at most {MAX_UPWARD})")
    return problems, "\n".join(lines)


def main():
    problems, text = report()
    print(text)
    for problem in problems:
        print("!!", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
