"""The ``mixup-sklearn`` command line, on real files in a temporary directory.

Most tests call :func:`main` in-process (fast, and capsys sees the output);
a few run the console script and ``python -m mixup_sklearn`` as subprocesses,
which is how users call it.
"""

import io
import shlex
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_diabetes, load_iris

from mixup_sklearn import MixupSampler
from mixup_sklearn._cli import _Progress, main, run_demo

SPECIES = np.array(["setosa", "versicolor", "virginica"])


@pytest.fixture
def iris(tmp_path):
    """Iris as a CSV and a Parquet file, with string labels in ``species``."""
    frame = load_iris(as_frame=True).frame
    frame["species"] = SPECIES[frame.pop("target")]
    frame.to_csv(tmp_path / "iris.csv", index=False)
    frame.to_parquet(tmp_path / "iris.parquet", index=False)
    return frame


@pytest.fixture
def diabetes(tmp_path):
    frame = load_diabetes(as_frame=True, scaled=False).frame
    frame.to_csv(tmp_path / "diabetes.csv", index=False)
    return frame


def read(path):
    path = Path(path)
    return pd.read_csv(path) if path.suffix == ".csv" else pd.read_parquet(path)


def augment(tmp_path, capsys, command):
    """``mixup-sklearn augment COMMAND``, in-process; file names are in tmp_path."""
    return run(tmp_path, capsys, *shlex.split(command))


def run(tmp_path, capsys, *argv):
    """Run the CLI in-process from ``tmp_path``; return (code, stdout, stderr)."""
    argv = [
        str(tmp_path / arg)
        if arg.endswith((".csv", ".parquet", ".pq", ".txt"))
        else arg
        for arg in argv
    ]
    code = main(["augment", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(("source", "dest"), [("csv", "parquet"), ("parquet", "csv")])
def test_augment_classification_keeps_originals_and_anchor_labels(
    tmp_path, capsys, iris, source, dest
):
    code, out, err = run(
        tmp_path,
        capsys,
        f"iris.{source}",
        "--target",
        "species",
        "--alpha",
        "0.4",
        "--n-samples",
        "2.0",
        "--concat",
        "--random-state",
        "0",
        "--output",
        f"out.{dest}",
    )
    assert (code, err) == (0, "")
    result = read(tmp_path / f"out.{dest}")
    assert list(result.columns) == list(iris.columns)
    assert len(result) == 150 + 300
    # --concat: the original rows come first, unchanged.
    pd.testing.assert_frame_equal(result.iloc[:150], iris, check_exact=False)
    assert result["species"].value_counts().to_dict() == dict.fromkeys(SPECIES, 150)
    # The summary names rows in and out, alpha and each class.
    assert "150 rows" in out and "450 rows" in out and "alpha=0.4" in out
    for label in SPECIES:
        assert f"{label}" in out and "150" in out


def test_augment_matches_the_sampler(tmp_path, capsys, iris):
    code, _, _ = augment(
        tmp_path,
        capsys,
        (
            "iris.csv --target species --alpha 0.4 --pairing within_class "
            "--random-state 3 --output out.csv"
        ),
    )
    assert code == 0
    sampler = MixupSampler(alpha=0.4, pairing="within_class", random_state=3)
    X_res, y_res = sampler.fit_resample(iris.drop(columns="species"), iris["species"])
    result = read(tmp_path / "out.csv")
    np.testing.assert_allclose(result.drop(columns="species"), X_res, rtol=1e-12)
    assert (result["species"].to_numpy() == y_res.to_numpy()).all()


def test_augment_is_reproducible_with_random_state(tmp_path, capsys, iris):
    for name in ("a.csv", "b.csv"):
        run(
            tmp_path,
            capsys,
            "iris.csv",
            "--target",
            "species",
            "--random-state",
            "7",
            "--output",
            name,
        )
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_augment_regression_mixes_the_target(tmp_path, capsys, diabetes):
    code, out, _ = augment(
        tmp_path,
        capsys,
        (
            "diabetes.csv --target target --regression --n-samples 100 "
            "--random-state 0 --output out.parquet"
        ),
    )
    assert code == 0
    result = read(tmp_path / "out.parquet")
    assert len(result) == 100
    low, high = diabetes["target"].min(), diabetes["target"].max()
    assert result["target"].between(low, high).all()
    # Mixed targets are not all copies of real ones.
    assert not result["target"].isin(diabetes["target"]).all()
    assert "regression" in out


def test_augment_without_target_mixes_every_column(tmp_path, capsys, diabetes):
    code, out, _ = augment(
        tmp_path,
        capsys,
        ("diabetes.csv --alpha 0.2 --random-state 0 --output out.csv"),
    )
    assert code == 0
    result = read(tmp_path / "out.csv")
    assert result.shape == diabetes.shape
    assert list(result.columns) == list(diabetes.columns)
    # Every value is a convex combination, so it stays inside its column's range.
    assert (result >= diabetes.min() - 1e-9).all().all()
    assert (result <= diabetes.max() + 1e-9).all().all()
    assert "every column mixed" in out


def test_augment_alpha_zero_copies_rows(tmp_path, capsys, iris):
    code, _, _ = augment(
        tmp_path,
        capsys,
        ("iris.csv --target species --alpha 0 --output out.csv"),
    )
    assert code == 0
    pd.testing.assert_frame_equal(read(tmp_path / "out.csv"), iris)


@pytest.mark.parametrize("categorical", ["auto", "color"])
def test_augment_categorical_columns(tmp_path, capsys, iris, categorical):
    iris["color"] = np.resize(["red", "green", "blue"], len(iris))
    iris.to_csv(tmp_path / "colors.csv", index=False)
    code, _, err = run(
        tmp_path,
        capsys,
        "colors.csv",
        "--target",
        "species",
        "--categorical",
        categorical,
        "--random-state",
        "0",
        "--output",
        "out.csv",
    )
    assert (code, err) == (0, "")
    result = read(tmp_path / "out.csv")
    assert set(result["color"]) <= {"red", "green", "blue"}


# name: (arguments before --output, output file, text the error must contain)
BAD_INPUTS = {
    "missing file": (["nope.csv", "--target", "species"], "out.csv", "does not exist"),
    "unknown target": (["iris.csv", "--target", "kind"], "out.csv", "'kind' is not"),
    "unknown input format": (["iris.txt"], "out.csv", "'.txt'"),
    "unknown output format": (["iris.csv"], "out.txt", "'.txt'"),
    "unreadable parquet": (["broken.parquet"], "out.csv", "cannot read"),
    "non-numeric features": (
        ["colors.csv", "--target", "species"],
        "out.csv",
        "non-numeric feature columns color; pass --categorical",
    ),
    "non-numeric without target": (["iris.csv"], "out.csv", "with --target"),
    "negative alpha": (
        ["iris.csv", "--target", "species", "--alpha", "-1"],
        "out.csv",
        "alpha",
    ),
    "unknown pairing": (
        ["iris.csv", "--target", "species", "--pairing", "nearest"],
        "out.csv",
        "pairing",
    ),
    "n-samples rounds to 0": (
        ["iris.csv", "--target", "species", "--n-samples", "0.001"],
        "out.csv",
        "n_samples",
    ),
    "regression on labels": (
        ["iris.csv", "--target", "species", "--regression"],
        "out.csv",
        "--regression needs a numeric target",
    ),
    "within_class regression": (
        [
            "diabetes.csv",
            "--target",
            "target",
            "--regression",
            "--pairing",
            "within_class",
        ],
        "out.csv",
        "within_class",
    ),
    "continuous labels": (
        ["diabetes.csv", "--target", "bmi"],
        "out.csv",
        "pass --regression",
    ),
    "missing values": (
        ["holes.csv", "--target", "y"],
        "out.csv",
        "column(s) b, y",
    ),
    "pairing without target": (
        ["diabetes.csv", "--pairing", "random"],
        "out.csv",
        "needs --target",
    ),
    "unknown categorical": (
        ["iris.csv", "--target", "species", "--categorical", "colour"],
        "out.csv",
        "colour",
    ),
}


@pytest.mark.parametrize(
    ("argv", "output", "message"), BAD_INPUTS.values(), ids=BAD_INPUTS
)
def test_bad_input_is_one_line_exit_2_and_no_output(
    tmp_path, capsys, iris, diabetes, argv, output, message
):
    (tmp_path / "iris.txt").write_text("not a table\n")
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 but not really")
    iris.assign(color="red").to_csv(tmp_path / "colors.csv", index=False)
    (tmp_path / "holes.csv").write_text("a,b,y\n1,2,0\n2,,\n3,4,1\n")
    before = set(tmp_path.iterdir())
    code, out, err = run(tmp_path, capsys, *argv, "--output", output)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("mixup-sklearn augment: error:")
    assert message in err
    # Neither the output nor a temporary file is left behind.
    assert set(tmp_path.iterdir()) == before


def test_failed_write_keeps_the_old_output(tmp_path, capsys, iris, monkeypatch):
    (tmp_path / "out.csv").write_text("precious\n")

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", full_disk)
    code, _, err = augment(
        tmp_path,
        capsys,
        ("iris.parquet --target species --output out.csv"),
    )
    assert code == 2 and "No space left on device" in err
    assert (tmp_path / "out.csv").read_text() == "precious\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "iris.csv",
        "iris.parquet",
        "out.csv",
    ]


def test_usage_errors_are_one_line_exit_2(capsys):
    with pytest.raises(SystemExit) as excinfo:
        main(["augment", "in.csv", "--alpha", "lots", "--output", "out.csv"])
    assert excinfo.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--alpha" in err and "'lots'" in err


def test_console_script_runs_augment(tmp_path, iris):
    # The installed script; `python -m mixup_sklearn` is checked below.
    script = Path(sys.executable).with_name("mixup-sklearn")
    command = (
        [str(script)] if script.exists() else [sys.executable, "-m", "mixup_sklearn"]
    )
    output = tmp_path / "out.csv"
    done = subprocess.run(
        [
            *command,
            "augment",
            str(tmp_path / "iris.csv"),
            "--target",
            "species",
            "--concat",
            "--random-state",
            "0",
            "--output",
            str(output),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "300 rows" in done.stdout
    assert len(read(output)) == 300


def test_module_bad_input_exit_code(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mixup_sklearn",
            "augment",
            str(tmp_path / "no.csv"),
            "--output",
            str(tmp_path / "out.csv"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().count("\n") == 0 and "does not exist" in done.stderr
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("argv", [["--help"], ["augment", "--help"]])
def test_help_has_examples(capsys, argv):
    with pytest.raises(SystemExit) as excinfo:
        main(argv)
    assert excinfo.value.code == 0
    text = capsys.readouterr().out
    assert "examples:" in text and "mixup-sklearn augment" in text
    if argv[0] == "augment":
        for option in (
            "--target",
            "--alpha",
            "--n-samples",
            "--concat",
            "--pairing",
            "--regression",
            "--categorical",
            "--random-state",
            "--output",
        ):
            assert option in text


def test_demo_prints_erm_and_mixup():
    out = io.StringIO()
    rows = run_demo(out=out)
    text = out.getvalue()
    assert rows[0][0] == "ERM (no mixup)"
    assert len(rows) == 7 and "MixupSampler(alpha=0.4" in text
    assert "MixupClassifier(alpha=0.2" in text
    assert all(0.9 < row[1] <= 1 for row in rows)  # accuracy on breast_cancer
    assert "lowest log-loss" in text


def test_progress_bar_shows_once_slow():
    stream = io.StringIO()
    progress = _Progress(3, "work", stream=stream, delay=0.0)
    for _ in range(3):
        progress.step()
    progress.close()
    assert stream.getvalue().endswith("] 3/3\n")
    quiet = io.StringIO()
    progress = _Progress(3, "work", stream=quiet, delay=3600)
    progress.step()
    progress.close()
    assert quiet.getvalue() == ""


def test_summary_fits_one_screen_with_many_classes(tmp_path, capsys):
    frame = pd.DataFrame({"x": np.arange(200.0), "label": np.arange(200) % 50})
    frame.to_csv(tmp_path / "many.csv", index=False)
    code, out, _ = augment(tmp_path, capsys, "many.csv --target label --output out.csv")
    assert code == 0
    assert len(out.splitlines()) < 30 and "and 30 more classes" in out


def test_output_gets_the_usual_file_mode(tmp_path, capsys, iris):
    # The temporary file is private; the output must not stay that way.
    (tmp_path / "usual.txt").write_text("")
    code, _, _ = augment(tmp_path, capsys, "iris.csv --target species --output out.csv")
    assert code == 0
    usual = (tmp_path / "usual.txt").stat().st_mode
    assert (tmp_path / "out.csv").stat().st_mode == usual


def test_augment_method_cutmix_swaps_text_columns_without_categorical(tmp_path, capsys):
    frame = pd.DataFrame(
        {
            "city": ["Paris", "Lyon", "Nice", "Lille"] * 5,
            "rooms": np.arange(20) % 5 + 1,
            "label": ["a", "b"] * 10,
        }
    )
    frame.to_csv(tmp_path / "flats.csv", index=False)
    code, stdout, _ = augment(
        tmp_path,
        capsys,
        "flats.csv --target label --method cutmix --random-state 0 "
        "--output flats_cutmix.csv",
    )
    assert code == 0
    assert "cutmix alpha=1" in stdout
    out = read(tmp_path / "flats_cutmix.csv")
    assert set(out["city"]) <= set(frame["city"])
    assert out["rooms"].dtype == np.int64 and set(out["rooms"]) <= set(frame["rooms"])


def test_augment_refuses_an_unknown_method(tmp_path, capsys, iris):
    with pytest.raises(SystemExit) as excinfo:
        augment(tmp_path, capsys, "iris.csv --target species --method swap -o o.csv")
    assert excinfo.value.code == 2
    stderr = capsys.readouterr().err
    assert "--method" in stderr and "'swap'" in stderr and "'cutmix'" in stderr
