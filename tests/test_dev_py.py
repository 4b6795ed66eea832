"""`python3 dev.py test`: the whole suite on every core, --quick for the fast loop,
anything else straight to pytest."""

import dev


def test_the_whole_suite_runs_on_every_core():
    assert dev.pytest_arguments([], cores=2) == ["-n", "2"]


def test_quick_leaves_out_browser_tests_and_slow_gates_and_runs_on_every_core():
    assert dev.pytest_arguments(["--quick"], cores=2) == [
        "-n",
        "2",
        "-m",
        "not browser and not slow",
    ]


def test_other_arguments_go_to_pytest_as_given_in_one_process():
    assert dev.pytest_arguments(["-k", "topics", "-x"], cores=2) == ["-k", "topics", "-x"]
    assert dev.pytest_arguments(["--quick", "-x"], cores=2) == [
        "-m",
        "not browser and not slow",
        "-x",
    ]


def test_one_core_runs_in_one_process():
    assert dev.pytest_arguments([], cores=1) == []
