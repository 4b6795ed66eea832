"""The house's layout (scripts/check_layout.py): no import circle between files, at
most one import running back up the layers, no app over 30% of the code."""

import importlib.util
from pathlib import Path

from django.apps import apps
from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "check_layout.py"


def load_check():
    spec = importlib.util.spec_from_file_location("check_layout", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_layout_keeps_its_rules():
    problems, report = load_check().report()
    assert problems == [], report


def test_every_app_of_ours_has_a_layer():
    check = load_check()
    ours = {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)
    }
    assert ours == set(check.project_packages()) - {"portal"}
    assert all(check.layer_of(app) is not None for app in ours)


def test_a_circle_and_an_import_back_up_are_found():
    check = load_check()
    graph = {
        "topics.models": [("articles.views", 1)],
        "articles.views": [("topics.models", 3)],
        "articles.models": [],
    }
    assert check.circles(graph) == [["articles.views", "topics.models"]]
    assert check.upward_imports(graph) == [("topics.models", 1, "articles.views")]


def test_product_apps_never_import_the_demo_app():
    check = load_check()
    _files, graph = check.import_graph(check.project_packages())
    into_demo = [
        (source, target)
        for source, targets in graph.items()
        for target, _line in targets
        if target.split(".")[0] == "demo" and source.split(".")[0] != "demo"
    ]
    assert into_demo == []
