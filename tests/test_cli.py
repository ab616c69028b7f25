"""The ``mixup-sklearn`` command line, on real files in a temporary directory.

Most tests call :func:`main` in-process (fast, and capsys sees the output);
a few run the console script and ``python -m mixup_sklearn`` as subprocesses,
which is how users call it.
"""

import ast
import io
import itertools
import re
import shlex
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_diabetes, load_iris

import mixup_sklearn
from mixup_sklearn import MixupSampler
from mixup_sklearn._cli import _augment, _files, main
from mixup_sklearn._cli._common import Progress
from mixup_sklearn._cli._demo import run_demo

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
    try:
        code = main(["augment", *argv])
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code
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
        "2x",
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


@pytest.mark.parametrize("missing", ["propagate", "observed"])
@pytest.mark.parametrize("method", ["mixup", "cutmix"])
def test_missing_mixes_empty_feature_cells(tmp_path, capsys, diabetes, missing, method):
    holes = diabetes.copy()
    holes.loc[::7, "bmi"] = np.nan
    holes.loc[::11, "bp"] = np.nan
    holes.to_csv(tmp_path / "holes.csv", index=False)
    code, _, err = augment(
        tmp_path,
        capsys,
        f"holes.csv --target target --regression --method {method} "
        f"--missing {missing} --alpha 1 --random-state 0 --output out.csv",
    )
    assert code == 0, err
    result = read(tmp_path / "out.csv")
    # The same rows as the library's, empty cells included.
    X_res, y_res = MixupSampler(
        target="regression", method=method, missing=missing, alpha=1, random_state=0
    ).fit_resample(holes.drop(columns="target"), holes["target"])
    pd.testing.assert_frame_equal(
        result.drop(columns="target"), X_res, check_dtype=False, atol=1e-9
    )
    np.testing.assert_allclose(result["target"], y_res)
    assert result["bmi"].isna().any()
    assert result["target"].notna().all()


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
        "non-numeric columns ['color']",
    ),
    "non-numeric without target": (
        ["iris.csv"],
        "out.csv",
        "Without --target every column is mixed",
    ),
    "negative alpha": (
        ["iris.csv", "--target", "species", "--alpha", "-1"],
        "out.csv",
        "--alpha must be a float in the range [0.0, 1e+300]. Got -1.0 instead.",
    ),
    "unknown pairing": (
        ["iris.csv", "--target", "species", "--pairing", "nearest"],
        "out.csv",
        "--pairing must be a str among",
    ),
    "n-samples rounds to 0": (
        ["iris.csv", "--target", "species", "--n-samples", "0.001x"],
        "out.csv",
        "--n-samples 0.001x asks for 0.001 × 150 rows, which rounds to 0",
    ),
    "regression on labels": (
        ["iris.csv", "--target", "species", "--regression"],
        "out.csv",
        "column 'species' must be numeric",
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
        "--pairing within_class needs class labels; it cannot be used with "
        "--regression",
    ),
    "continuous labels": (
        ["diabetes.csv", "--target", "bmi"],
        "out.csv",
        "If column 'bmi' is a regression target, pass --regression.",
    ),
    "missing values": (
        ["holes.csv", "--target", "y"],
        "out.csv",
        "column(s) b, y",
    ),
    "missing values say how to mix them": (
        ["holes.csv", "--target", "y"],
        "out.csv",
        "(or mix the features' with --missing propagate)",
    ),
    "a missing target with --missing": (
        ["holes.csv", "--target", "y", "--missing", "propagate"],
        "out.csv",
        "missing values in column(s) y (1 row(s), the first is data row 2)",
    ),
    "a missing target says that --missing is for the features": (
        ["holes.csv", "--target", "y", "--missing", "observed"],
        "out.csv",
        "--missing observed mixes empty cells of the features, and the target "
        "'y' must be complete",
    ),
    "a bad --missing": (
        ["holes.csv", "--target", "y", "--missing", "fill"],
        "out.csv",
        "argument --missing: invalid choice: 'fill'",
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

# Each option's bad values: name: (arguments after the input file, error text).
# Parse errors come from argparse; values out of range and combinations that
# cannot work come from the library's own parameter validation.
TARGET = ["--target", "species"]
KNN = ["--pairing", "knn"]
REMIX = ["--label", "remix"]
REGRESSION = ["--target", "target", "--regression"]
BALANCE_TWO = ["--sampling-strategy", "versicolor=80,virginica=60"]
BAD_VALUES = {
    "n-samples 2.0 is ambiguous": (
        [*TARGET, "--n-samples", "2.0"],
        "'2.0' is ambiguous: write 2.0x",
    ),
    "n-samples not a number": ([*TARGET, "--n-samples", "lots"], "2x or 200%"),
    "n-samples 0x": ([*TARGET, "--n-samples", "0x"], "--n-samples must be None"),
    "n-samples negative count": (
        [*TARGET, "--n-samples", "-3"],
        "--n-samples must be None, an int in the range [1, inf)",
    ),
    "sampling-strategy unknown name": (
        [*TARGET, "--sampling-strategy", "most"],
        "--sampling-strategy must be None, a float in the range (0.0, 1.0], a str",
    ),
    "sampling-strategy ratio above 1": (
        [*TARGET, "--sampling-strategy", "1.5"],
        "Got 1.5 instead",
    ),
    "sampling-strategy count not a number": (
        [*TARGET, "--sampling-strategy", "setosa=lots"],
        "LABEL=COUNT",
    ),
    "sampling-strategy unknown label": (
        [*TARGET, "--sampling-strategy", "setosa=60,martian=100"],
        "--sampling-strategy names labels that are not in column 'species': martian",
    ),
    "sampling-strategy with n-samples": (
        [*TARGET, "--sampling-strategy", "auto", "--n-samples", "300"],
        "--n-samples 300 cannot be combined with --sampling-strategy auto",
    ),
    "sampling-strategy without target": (
        ["--sampling-strategy", "auto"],
        "--sampling-strategy needs --target",
    ),
    "round-integers without target": (
        ["--round-integers"],
        "--round-integers needs --target",
    ),
    "n-neighbors zero": (
        [*TARGET, *KNN, "--n-neighbors", "0"],
        "--n-neighbors must be an int in the range [1, inf)",
    ),
    "n-neighbors not an int": (
        [*TARGET, *KNN, "--n-neighbors", "two"],
        "argument --n-neighbors: invalid int value: 'two'",
    ),
    "n-neighbors without knn": (
        [*TARGET, "--n-neighbors", "3"],
        "--n-neighbors only acts with --pairing knn",
    ),
    "bandwidth zero": (
        [*REGRESSION, "--pairing", "label_kernel", "--bandwidth", "0"],
        "--bandwidth must be a float in the range (0.0, inf)",
    ),
    "bandwidth without label_kernel": (
        [*REGRESSION, "--bandwidth", "2"],
        "--bandwidth only acts with --pairing label_kernel",
    ),
    "lag zero": ([*REGRESSION, "--pairing", "lag", "--lag", "0"], "--lag must be"),
    "lag longer than the table": (
        [*REGRESSION, "--pairing", "lag", "--lag", "1000"],
        "--lag must be smaller than the number of rows (442); got --lag 1000.",
    ),
    "lag without pairing lag": ([*REGRESSION, "--lag", "2"], "--pairing lag"),
    "unknown label rule": (
        [*TARGET, "--label", "minority"],
        "--label must be a str among",
    ),
    "kappa below 1": ([*TARGET, *REMIX, "--kappa", "0.5"], "--kappa must be"),
    "kappa without remix": (
        [*TARGET, "--kappa", "2"],
        "--kappa only acts with --label remix",
    ),
    "tau above 1": ([*TARGET, *REMIX, "--tau", "1.5"], "--tau must be"),
    "tau without remix": ([*TARGET, "--tau", "0.9"], "--label remix"),
    "remix with balancing": (
        [*TARGET, *REMIX, "--sampling-strategy", "auto"],
        "Use one or the other",
    ),
    "mix-classes unknown label": (
        [*TARGET, "--mix-classes", "setosa,martian"],
        "--mix-classes names labels that are not in column 'species': martian;",
    ),
    "mix-classes empty label": ([*TARGET, "--mix-classes", "setosa,"], "empty"),
    "mix-classes with regression": (
        [*REGRESSION, "--mix-classes", "1"],
        "--mix-classes 1 needs class labels; it cannot be used with --regression",
    ),
    # Options that the others would make the library ignore.
    "concat with sampling-strategy": (
        [*TARGET, "--sampling-strategy", "auto", "--concat"],
        "--concat has no effect with --sampling-strategy",
    ),
    "mix-classes that balancing leaves nothing to mix": (
        # Rows are added to versicolor and virginica only: all would be copies.
        [*TARGET, "--mix-classes", "setosa", *BALANCE_TWO],
        "--mix-classes setosa mixes no row: --sampling-strategy adds rows only "
        "to class(es) versicolor, virginica",
    ),
    "round-integers with cutmix": (
        [*TARGET, "--method", "cutmix", "--round-integers"],
        "--round-integers only acts with --method mixup",
    ),
    "label_kernel without regression": (
        [*TARGET, "--pairing", "label_kernel"],
        "--pairing label_kernel draws partners with similar regression targets; "
        "it needs --regression, got class labels",
    ),
    "remix with cutmix": (
        [*TARGET, *REMIX, "--method", "cutmix"],
        "--label remix cannot be combined with --method cutmix",
    ),
    "relevance unknown name": (
        [*REGRESSION, "--sampling-strategy", "auto", "--relevance", "kde"],
        "--relevance must be a str among {'density'}",
    ),
    "relevance edges not numbers": (
        [*REGRESSION, "--sampling-strategy", "auto", "--relevance", "1,x"],
        "write bin edges as numbers separated by commas",
    ),
    "relevance edges not covering the target": (
        [*REGRESSION, "--sampling-strategy", "auto", "--relevance", "0,1"],
        "--relevance 0.0,1.0: bin edges must cover the target, which runs from 25.0 "
        "to 346.0",
    ),
    "relevance-threshold out of range": (
        [*REGRESSION, "--sampling-strategy", "auto", "--relevance-threshold", "2"],
        "--relevance-threshold must be a float in the range (0.0, 1.0]",
    ),
    "relevance-threshold without sampling-strategy": (
        [*REGRESSION, "--relevance-threshold", "0.5"],
        "--relevance-threshold only acts with --regression and --sampling-strategy",
    ),
    "relevance with class labels": (
        [*TARGET, "--sampling-strategy", "auto", "--relevance", "density"],
        "--relevance only acts with --regression and --sampling-strategy",
    ),
    "regression sampling-strategy region not numbers": (
        [*REGRESSION, "--sampling-strategy", "low:400=20"],
        "--sampling-strategy names the region 'low:400'; with --regression",
    ),
    "regression sampling-strategy naming classes": (
        [*REGRESSION, "--sampling-strategy", "minority"],
        "--sampling-strategy minority names classes; with --regression",
    ),
}


def _input_of(argv):
    return "diabetes.csv" if "--regression" in argv else "iris.csv"


@pytest.mark.parametrize(("argv", "message"), BAD_VALUES.values(), ids=BAD_VALUES)
def test_bad_option_value_is_one_line_exit_2(
    tmp_path, capsys, iris, diabetes, argv, message
):
    before = set(tmp_path.iterdir())
    code, out, err = run(
        tmp_path, capsys, _input_of(argv), *argv, "--output", "out.csv"
    )
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("mixup-sklearn augment: error:")
    assert message in err
    assert set(tmp_path.iterdir()) == before


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


# How a message could name a parameter of the library rather than a flag:
# `mix_classes=[...]`, `'alpha'`, or a name with an underscore anywhere.
_PARAMETERS = sorted(MixupSampler().get_params())
# ('lag' is also a value of --pairing.)
_QUOTED = [name for name in _PARAMETERS if name != "lag"]
_PYTHON_NAME = re.compile(
    rf"\b({'|'.join(_PARAMETERS)})=|'({'|'.join(_QUOTED)})'"
    rf"|\b({'|'.join(name for name in _PARAMETERS if '_' in name)})\b"
)


@pytest.mark.parametrize(
    ("argv", "output"),
    [(argv, output) for argv, output, _ in BAD_INPUTS.values()]
    + [([_input_of(argv), *argv], "out.csv") for argv, _ in BAD_VALUES.values()],
    ids=[*BAD_INPUTS, *BAD_VALUES],
)
def test_errors_name_flags_not_parameters(
    tmp_path, capsys, iris, diabetes, argv, output
):
    # The library's own checks refuse these, in its parameters' names
    # (mix_classes=['1'], 'alpha', n_samples); the command's user typed flags.
    (tmp_path / "iris.txt").write_text("not a table\n")
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 but not really")
    iris.assign(color="red").to_csv(tmp_path / "colors.csv", index=False)
    (tmp_path / "holes.csv").write_text("a,b,y\n1,2,0\n2,,\n3,4,1\n")
    code, _, err = run(tmp_path, capsys, *argv, "--output", output)
    assert code == 2
    assert not _PYTHON_NAME.search(err), err
    assert "MixupSampler" not in err and "target=" not in err


# name: (options after --target, the MixupSampler parameters they set, a
# phrase of the sampler's own message that names no parameter)
LIBRARY_REFUSALS = {
    "n-samples": (
        "--n-samples 0.001x",
        {"n_samples": 0.001},
        "rows, which rounds to 0; pass a larger multiple",
    ),
    "label": (
        "--method cutmix --label remix",
        {"method": "cutmix", "label": "remix"},
        "Remix reassigns labels from the interpolation weight",
    ),
    "sampling-strategy": (
        "--sampling-strategy auto --n-samples 30",
        {"sampling_strategy": "auto", "n_samples": 30},
        "the number of synthetic rows is set by",
    ),
    "pairing": (
        "--pairing label_kernel",
        {"pairing": "label_kernel"},
        "draws partners with similar regression targets",
    ),
    "categorical": (
        "--categorical colour",
        {"categorical_features": ["colour"]},
        "names columns not in",
    ),
}


@pytest.mark.parametrize(
    ("options", "params", "phrase"), LIBRARY_REFUSALS.values(), ids=LIBRARY_REFUSALS
)
def test_library_refusals_are_the_samplers_checks_in_flags(
    tmp_path, capsys, iris, options, params, phrase
):
    # The CLI does not restate these rules: the sampler's own message comes
    # through, with flags for its parameters.
    with pytest.raises(ValueError, match=phrase):
        MixupSampler(**params).fit_resample(iris.drop(columns="species"), iris.species)
    code, _, err = augment(
        tmp_path, capsys, f"iris.csv --target species {options} -o out.csv"
    )
    assert code == 2
    assert phrase in err
    for flag in re.findall(r"--[a-z-]+", options):
        assert flag in err


@pytest.mark.parametrize("param", ["pairing", "label", "sampling_strategy"])
def test_help_lists_the_values_the_sampler_accepts(capsys, param):
    # --help lists the names; the sampler's constraints decide them.
    constraints = MixupSampler._parameter_constraints[param]
    accepted = next(c.options for c in constraints if hasattr(c, "options"))
    with pytest.raises(SystemExit):
        main(["augment", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert ", ".join(sorted(accepted)) in text


def test_the_cli_imports_only_public_names():
    # The "calls no private name of the library": mixup_sklearn's
    # modules are reached through the package's public names only.
    package = Path(__file__).parents[1] / "mixup_sklearn" / "_cli"
    public = set(mixup_sklearn.__all__)
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 2:
                assert node.module is None, (path.name, node.module)
                assert {alias.name for alias in node.names} <= public
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                assert not (node.module or "").startswith("mixup_sklearn")
            if isinstance(node, ast.Attribute) and re.match(r"_(?!_)", node.attr):
                # scikit-learn's BaseEstimator method, the only way to check
                # a value without data (see _options._check_value).
                assert node.attr == "_validate_params", (path.name, node.attr)


@pytest.mark.parametrize("multiple", ["2x", "2X", "200%", "300"])
def test_n_samples_spells_a_multiple_with_its_unit(tmp_path, capsys, iris, multiple):
    # 150 rows in: twice the input and a count of 300 are the same rows.
    code, out, _ = augment(
        tmp_path,
        capsys,
        f"iris.csv --target species --n-samples {multiple} --random-state 0 "
        "--output out.csv",
    )
    assert code == 0
    assert (tmp_path / "out.csv").read_bytes() == _sampler_csv(
        tmp_path, iris, n_samples=2.0 if multiple != "300" else 300, random_state=0
    )
    assert "300 rows (all mixed)" in out
    assert ("n_samples=300 rows" if multiple == "300" else "n_samples=2x") in out


def test_n_samples_count_is_a_count(tmp_path, capsys, iris):
    code, out, _ = augment(
        tmp_path, capsys, "iris.csv --target species --n-samples 2 --output out.csv"
    )
    assert code == 0 and len(read(tmp_path / "out.csv")) == 2
    assert "n_samples=2 rows" in out


def _sampler_csv(tmp_path, frame, column="species", **params):
    """What MixupSampler(**params) makes of ``frame``, as augment writes it."""
    X_res, y_res = MixupSampler(**params).fit_resample(
        frame.drop(columns=column), frame[column]
    )
    path = tmp_path / "expected.csv"
    X_res.assign(**{column: y_res.to_numpy()})[list(frame.columns)].to_csv(
        path, index=False
    )
    return path.read_bytes()


def imbalanced(frame):
    """Iris with 50 setosa, 20 versicolor and 10 virginica rows."""
    keep = frame.groupby("species").head(50).index
    keep = [i for i in keep if i < 70 or 100 <= i < 110]
    return frame.loc[keep].reset_index(drop=True)


# name: (options after the input file, the MixupSampler parameters they set)
OPTIONS_REACH_THE_SAMPLER = {
    "sampling-strategy auto, within_class": (
        "--sampling-strategy auto --pairing within_class",
        {"sampling_strategy": "auto", "pairing": "within_class"},
    ),
    "sampling-strategy minority, knn, n-neighbors": (
        "--sampling-strategy minority --pairing knn --n-neighbors 3",
        {"sampling_strategy": "minority", "pairing": "knn", "n_neighbors": 3},
    ),
    "sampling-strategy counts": (
        "--sampling-strategy virginica=40,versicolor=30",
        {"sampling_strategy": {"virginica": 40, "versicolor": 30}},
    ),
    "mix-classes": (
        "--mix-classes virginica,versicolor --concat",
        {"mix_classes": ["virginica", "versicolor"], "concat": True},
    ),
    "remix, kappa, tau": (
        "--label remix --kappa 2 --tau 0.8 --concat",
        {"label": "remix", "kappa": 2.0, "tau": 0.8, "concat": True},
    ),
}


@pytest.mark.parametrize(
    ("options", "params"),
    OPTIONS_REACH_THE_SAMPLER.values(),
    ids=OPTIONS_REACH_THE_SAMPLER,
)
def test_options_reach_the_sampler(tmp_path, capsys, iris, options, params):
    frame = imbalanced(iris)
    frame.to_csv(tmp_path / "skewed.csv", index=False)
    code, out, err = augment(
        tmp_path,
        capsys,
        f"skewed.csv --target species {options} --random-state 1 --output out.csv",
    )
    assert (code, err) == (0, "")
    expected = _sampler_csv(tmp_path, frame, random_state=1, **params)
    assert (tmp_path / "out.csv").read_bytes() == expected


def test_sampling_strategy_balances_the_classes(tmp_path, capsys, iris):
    imbalanced(iris).to_csv(tmp_path / "skewed.csv", index=False)
    code, out, _ = augment(
        tmp_path,
        capsys,
        "skewed.csv --target species --sampling-strategy auto --output out.csv",
    )
    assert code == 0
    result = read(tmp_path / "out.csv")
    assert result["species"].value_counts().to_dict() == dict.fromkeys(SPECIES, 50)
    # The originals come first, as with SMOTE, and the summary says so.
    pd.testing.assert_frame_equal(result.iloc[:80], imbalanced(iris))
    assert "150 rows (80 original + 70 mixed)" in out
    assert "sampling_strategy=auto" in out and "n_samples" not in out


def test_labels_typed_on_the_command_line_match_integer_labels(tmp_path, capsys):
    # A CSV of labels 0/1/2 is read as integers; "--mix-classes 2" is text.
    frame = load_iris(as_frame=True).frame
    frame.to_csv(tmp_path / "numbers.csv", index=False)
    code, _, err = augment(
        tmp_path,
        capsys,
        "numbers.csv --target target --mix-classes 2 --sampling-strategy "
        "0=50,1=50,2=80 --output out.csv",
    )
    assert (code, err) == (0, "")
    result = read(tmp_path / "out.csv")
    assert result["target"].value_counts().to_dict() == {0: 50, 1: 50, 2: 80}


def test_round_integers_keeps_integer_columns(tmp_path, capsys):
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "age": rng.integers(18, 90, 60),
            "visits": rng.integers(0, 10, 60),
            "label": np.repeat(["a", "b"], 30),
        }
    )
    frame.to_csv(tmp_path / "ints.csv", index=False)
    for flag, name in [("", "floats.csv"), ("--round-integers", "ints_out.csv")]:
        code, _, _ = augment(
            tmp_path,
            capsys,
            f"ints.csv --target label {flag} --random-state 0 --output {name}",
        )
        assert code == 0
    assert not (read(tmp_path / "floats.csv")["age"] % 1 == 0).all()
    rounded = read(tmp_path / "ints_out.csv")
    assert rounded["age"].dtype == np.int64 and rounded["visits"].dtype == np.int64
    assert rounded["age"].between(18, 89).all()


@pytest.mark.parametrize(
    ("options", "params"),
    [
        (
            "--pairing label_kernel --bandwidth 10",
            {"pairing": "label_kernel", "bandwidth": 10.0},
        ),
        ("--pairing lag --lag 3", {"pairing": "lag", "lag": 3}),
        ("--sampling-strategy auto", {"sampling_strategy": "auto"}),
        (
            "--sampling-strategy 0.5 --pairing label_kernel --bandwidth 10 "
            "--relevance-threshold 0.6",
            {
                "sampling_strategy": 0.5,
                "pairing": "label_kernel",
                "bandwidth": 10.0,
                "relevance_threshold": 0.6,
            },
        ),
        (
            "--sampling-strategy auto --relevance=-inf,100,250,inf",
            {"sampling_strategy": "auto", "relevance": [-np.inf, 100, 250, np.inf]},
        ),
        (
            "--sampling-strategy 250:400=30,25:60=5",
            {"sampling_strategy": {(250.0, 400.0): 30, (25.0, 60.0): 5}},
        ),
    ],
    ids=[
        "bandwidth",
        "lag",
        "balance-auto",
        "balance-ratio-kernel-threshold",
        "balance-bin-edges",
        "balance-regions",
    ],
)
def test_regression_options_reach_the_sampler(
    tmp_path, capsys, diabetes, options, params
):
    code, out, err = augment(
        tmp_path,
        capsys,
        f"diabetes.csv --target target --regression {options} --random-state 2 "
        "--output out.csv",
    )
    assert (code, err) == (0, "")
    expected = _sampler_csv(
        tmp_path, diabetes, "target", target="regression", random_state=2, **params
    )
    assert (tmp_path / "out.csv").read_bytes() == expected
    if "sampling_strategy" in params:
        # Balancing writes the originals first, then the rows it adds.
        assert "442 original +" in out


def test_version(capsys):
    from mixup_sklearn import __version__

    with pytest.raises(SystemExit) as excinfo:
        main(["--version"])
    assert excinfo.value.code == 0
    assert capsys.readouterr().out == f"mixup-sklearn {__version__}\n"


def test_every_option_is_in_help_and_in_the_docs(capsys):
    from mixup_sklearn._cli import build_parser

    parser = build_parser()
    augment_parser = parser._subparsers._group_actions[0].choices["augment"]
    options = [
        action.option_strings[0]
        for action in augment_parser._actions
        if action.option_strings and action.help
    ]
    assert {"--sampling-strategy", "--round-integers", "--mix-classes"} <= set(options)
    with pytest.raises(SystemExit):
        main(["augment", "--help"])
    text = capsys.readouterr().out
    cli_rst = (Path(__file__).parents[1] / "docs" / "cli.rst").read_text()
    for option in options:
        assert option in text
        # cli.rst's reference is generated from the parser at build time;
        # the prose must not drift from the parser either.
    for option in (
        "--sampling-strategy",
        "--n-samples",
        "--categorical",
        "--overwrite",
    ):
        assert option in cli_rst


def test_failed_write_keeps_the_old_output(tmp_path, capsys, iris, monkeypatch):
    (tmp_path / "out.csv").write_text("precious\n")

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", full_disk)
    code, _, err = augment(
        tmp_path,
        capsys,
        ("iris.parquet --target species --output out.csv --overwrite"),
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
    # The demo states what it measured and what the study found, and points
    # to the study, with no conclusion of its own about when mixup helps.
    assert "benchmarks/results/study/report.md" in text
    assert "found no measurable gain from either" in text
    for old_claim in ("reliably", "flipped labels", "alpha >= 2", "Keep alpha=0"):
        assert old_claim not in text


def test_progress_bar_shows_once_slow():
    stream = io.StringIO()
    progress = Progress(3, "work", stream=stream, delay=0.0)
    for _ in range(3):
        progress.step()
    progress.close()
    assert stream.getvalue().endswith("] 3/3\n")
    quiet = io.StringIO()
    progress = Progress(3, "work", stream=quiet, delay=3600)
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
    assert "cutmix alpha=0.4" in stdout  # the default alpha
    out = read(tmp_path / "flats_cutmix.csv")
    assert set(out["city"]) <= set(frame["city"])
    assert out["rooms"].dtype == np.int64 and set(out["rooms"]) <= set(frame["rooms"])


def test_augment_refuses_an_unknown_method(tmp_path, capsys, iris):
    code, _, stderr = augment(
        tmp_path, capsys, "iris.csv --target species --method swap -o o.csv"
    )
    assert code == 2
    assert "--method" in stderr and "'swap'" in stderr and "'cutmix'" in stderr


def test_parquet_without_pyarrow_names_the_extra(tmp_path, capsys, iris, monkeypatch):
    # sys.modules[name] = None makes `import pyarrow` raise ImportError.
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    code, out, err = augment(
        tmp_path, capsys, "iris.csv --target species --output out.parquet"
    )
    assert (code, out) == (2, "")
    # mixup-sklearn is not on the package index: the hint installs the
    # dependency itself, or the extra from a clone.
    assert "pip install pyarrow" in err and "pip install -e '.[parquet]'" in err
    assert "mixup-sklearn[parquet]" not in err
    assert not (tmp_path / "out.parquet").exists()


# --- user files are sacred: --output and --overwrite -----------------------------


def _one_error(err, *texts):
    """stderr is one error line that contains every text."""
    assert err.count("\n") == 1 and err.startswith("mixup-sklearn augment: error:")
    for text in texts:
        assert text in err


def _snapshot(folder):
    """Every file under ``folder`` with its bytes."""
    return {
        path.relative_to(folder): path.read_bytes()
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file()
    }


def test_existing_output_is_kept_without_overwrite(tmp_path, capsys, iris):
    (tmp_path / "out.csv").write_text("precious\n")
    code, out, err = augment(
        tmp_path, capsys, "iris.csv --target species --output out.csv"
    )
    assert (code, out) == (2, "")
    _one_error(err, "--output", "already exists", "--overwrite")
    assert (tmp_path / "out.csv").read_text() == "precious\n"
    code, _, err = augment(
        tmp_path, capsys, "iris.csv --target species --output out.csv --overwrite"
    )
    assert (code, err) == (0, "")
    assert len(read(tmp_path / "out.csv")) == 150


@pytest.mark.parametrize(
    "output", ["iris.csv", "./iris.csv", "../{name}/iris.csv", "{tmp}/iris.csv"]
)
@pytest.mark.parametrize("overwrite", [[], ["--overwrite"]])
def test_output_naming_the_input_is_refused(
    tmp_path, capsys, iris, monkeypatch, output, overwrite
):
    monkeypatch.chdir(tmp_path)
    before = _snapshot(tmp_path)
    output = output.format(name=tmp_path.name, tmp=tmp_path)
    code = main(
        ["augment", "iris.csv", "--target", "species", "-o", output, *overwrite]
    )
    assert code == 2
    _one_error(capsys.readouterr().err, f"--output {output!r} is the input file")
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize("link_is", ["output", "input", "hard"])
def test_output_linked_to_the_input_is_refused(tmp_path, capsys, iris, link_is):
    if link_is == "hard":
        (tmp_path / "link.csv").hardlink_to(tmp_path / "iris.csv")
    else:
        (tmp_path / "link.csv").symlink_to(tmp_path / "iris.csv")
    source, output = ("iris.csv", "link.csv")[:: 1 if link_is == "output" else -1]
    before = _snapshot(tmp_path)
    code, _, err = augment(
        tmp_path,
        capsys,
        f"{source} --target species --overwrite --output {output}",
    )
    assert code == 2
    _one_error(err, "is the input file")
    assert _snapshot(tmp_path) == before
    assert (tmp_path / "link.csv").is_symlink() == (link_is != "hard")


def _iris_folder(iris, folder, n_files=3):
    """Iris as ``n_files`` Parquet files of consecutive rows in ``folder``."""
    folder.mkdir(parents=True)
    size = -(-len(iris) // n_files)
    for part in range(n_files):
        rows = iris.iloc[part * size : (part + 1) * size]
        rows.to_parquet(folder / f"part-{part}.parquet", index=False)
    return folder


@pytest.fixture
def project(tmp_path, iris):
    """tmp_path/project/data holds the input folder train/ and notes.txt."""
    pytest.importorskip("dask.dataframe")
    _iris_folder(iris, tmp_path / "project" / "data" / "train")
    (tmp_path / "project" / "data" / "notes.txt").write_text("keep me\n")
    return tmp_path / "project"


@pytest.mark.parametrize(
    ("output", "message"),
    [
        # The cases: each deleted the user's files.
        ("data", "is a folder that holds the input"),
        (".", "is a folder that holds the input"),
        ("data/train", "is a folder that holds the input"),
        ("./data/../data/train", "is a folder that holds the input"),
        ("data/train/mixed", "is inside the input folder"),
        ("data/train/part-0.parquet", "is the input file"),
        ("linked", "is a folder that holds the input"),
    ],
)
def test_folder_output_never_replaces_the_input_or_the_working_directory(
    project, capsys, monkeypatch, output, message
):
    (project / "linked").symlink_to(project / "data")
    monkeypatch.chdir(project)
    before = _snapshot(project.parent)
    code = main(
        ["augment", "data/train", "--target", "species", "-o", output, "--overwrite"]
    )
    assert code == 2
    _one_error(capsys.readouterr().err, f"--output {output!r} {message}")
    assert _snapshot(project.parent) == before


@pytest.mark.parametrize("output", [".", "..", "{cwd}"])
def test_folder_output_is_never_the_working_directory(
    project, capsys, monkeypatch, output
):
    # The working directory does not hold the input here, and is still kept.
    cwd = project.parent / "work" / "here"
    cwd.mkdir(parents=True)
    (cwd / "notes.txt").write_text("keep me\n")
    monkeypatch.chdir(cwd)
    output = output.format(cwd=cwd)
    before = _snapshot(project.parent)
    code = main(
        ["augment", str(project / "data" / "train"), "-o", output, "--overwrite"]
    )
    assert code == 2
    _one_error(
        capsys.readouterr().err,
        f"--output {output!r} is the working directory or a folder that holds it",
    )
    assert _snapshot(project.parent) == before


def test_folder_output_is_replaced_only_with_overwrite(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    command = ["augment", "data/train", "--target", "species", "-o", "mixed"]
    assert main([*command, "--random-state", "0"]) == 0
    first = _snapshot(project / "mixed")
    capsys.readouterr()
    assert main([*command, "--random-state", "1"]) == 2
    _one_error(capsys.readouterr().err, "--output 'mixed' already exists")
    assert _snapshot(project / "mixed") == first
    assert main([*command, "--random-state", "1", "--overwrite"]) == 0
    assert _snapshot(project / "mixed") != first
    assert len(pd.read_parquet(project / "mixed")) == 150
    # Nothing but the output is left beside it: no temporary folder.
    assert sorted(path.name for path in project.iterdir()) == ["data", "mixed"]


def test_overwrite_keeps_a_folder_holding_other_files(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    (project / "results").mkdir()
    (project / "results" / "report.txt").write_text("mine\n")
    before = _snapshot(project)
    code = main(
        ["augment", "data/train", "--target", "species", "-o", "results", "--overwrite"]
    )
    assert code == 2
    _one_error(
        capsys.readouterr().err, "holds files augment did not write (report.txt)"
    )
    assert _snapshot(project) == before


def test_folder_input_refuses_a_csv_output(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    code = main(["augment", "data/train", "--target", "species", "-o", "single.csv"])
    assert code == 2
    _one_error(
        capsys.readouterr().err,
        "--output 'single.csv' names a CSV file",
        "name a folder, e.g. --output single",
    )
    assert not (project / "single.csv").exists()


@pytest.mark.parametrize("defect", ["missing", "text"])
def test_parquet_folder_with_an_odd_column_names_file_and_column(
    tmp_path, capsys, iris, defect
):
    pytest.importorskip("dask.dataframe")
    folder = _iris_folder(iris, tmp_path / "train")
    odd = iris.iloc[:10].copy()
    if defect == "missing":
        odd = odd.drop(columns="petal width (cm)")
    else:
        odd["petal width (cm)"] = odd["petal width (cm)"].astype(str)
    odd.to_parquet(folder / "part-3.parquet", index=False)
    code, out, err = run(
        tmp_path, capsys, str(folder), "--target", "species", "-o", "mixed"
    )
    assert (code, out) == (2, "")
    _one_error(err, "part-3.parquet", "'petal width (cm)'")
    if defect == "text":
        assert "holds text" in err and "but numbers" in err
    assert not (tmp_path / "mixed").exists()


@pytest.mark.parametrize("missing", ["error", "propagate"])
def test_parquet_folder_with_empty_feature_cells(tmp_path, capsys, iris, missing):
    pytest.importorskip("dask.dataframe")
    holes = iris.copy()
    holes.loc[::9, "sepal width (cm)"] = np.nan
    folder = _iris_folder(holes, tmp_path / "train")
    code, _, err = run(
        tmp_path,
        capsys,
        str(folder),
        "--target",
        "species",
        "--missing",
        missing,
        "--random-state",
        "0",
        "-o",
        str(tmp_path / "mixed"),
    )
    if missing == "error":
        assert code == 2 and "--missing propagate" in err
        assert not (tmp_path / "mixed").exists()
        return
    assert code == 0, err
    mixed = pd.read_parquet(tmp_path / "mixed")
    assert len(mixed) == len(iris)
    assert mixed["sepal width (cm)"].isna().any()
    assert mixed["species"].notna().all()


def test_folder_summary_counts_rows_and_classes_after_balancing(tmp_path, capsys, iris):
    pytest.importorskip("dask.dataframe")
    folder = _iris_folder(iris, tmp_path / "train")
    code, out, _ = run(
        tmp_path,
        capsys,
        str(folder),
        "--target",
        "species",
        "--sampling-strategy",
        "setosa=80",
        "--random-state",
        "0",
        "-o",
        str(tmp_path / "mixed"),
    )
    assert code == 0
    assert "n_samples" not in out  # --sampling-strategy sets the rows
    assert "180 rows (150 original + 30 mixed) in 3 Parquet files" in out
    table = [line.split() for line in out.splitlines() if line.startswith("  ")]
    assert table == [
        ["class", "in", "out"],
        ["setosa", "50", "80"],
        ["versicolor", "50", "50"],
        ["virginica", "50", "50"],
    ]


def test_warnings_are_one_clean_line(tmp_path, capsys, iris):
    # 60 neighbours in classes of 50 rows: the sampler warns.
    code, _, err = augment(
        tmp_path,
        capsys,
        "iris.csv --target species --pairing knn --n-neighbors 60 -o out.csv",
    )
    assert code == 0
    assert err.startswith("mixup-sklearn: warning: ") and err.count("\n") == 1
    assert ".py" not in err and "Warning" not in err
    # The sampler's warning, in the flags the user typed.
    assert "--n-neighbors 60 is larger than" in err and "n_neighbors" not in err


def test_large_file_shows_progress(tmp_path, capsys, iris, monkeypatch):
    monkeypatch.setattr(_augment, "PROGRESS_MIN_BYTES", 0)
    monkeypatch.setattr(_augment, "PROGRESS_DELAY", 0.0)
    monkeypatch.setattr(_files, "CSV_CHUNK_ROWS", 100)  # 150 rows: 2 chunks
    code, _, err = augment(
        tmp_path, capsys, "iris.csv --target species --random-state 0 -o out.csv"
    )
    assert code == 0
    assert "augment [" in err and "mixing" in err and err.endswith("4/4 writing\n")
    # Written in chunks, the file is the one written at once.
    assert (tmp_path / "out.csv").read_bytes() == _sampler_csv(
        tmp_path, iris, random_state=0
    )


def test_folder_without_dask_says_how_to_install_it(
    tmp_path, capsys, iris, monkeypatch
):
    folder = _iris_folder(iris, tmp_path / "train")
    monkeypatch.setitem(sys.modules, "dask", None)
    code, _, err = run(tmp_path, capsys, str(folder), "-o", str(tmp_path / "out"))
    assert code == 2
    _one_error(err, "pip install -e '.[dask]'")
    assert "mixup-sklearn[dask]" not in err


def test_documented_errors_are_the_real_ones(tmp_path, capsys, iris, monkeypatch):
    # Each error line that docs/cli.rst shows after a command is what that
    # command prints, word for word.
    pytest.importorskip("dask.dataframe")
    monkeypatch.chdir(tmp_path)
    iris.rename(columns={"species": "label"}).to_csv("train.csv", index=False)
    _iris_folder(iris.rename(columns={"species": "label"}), tmp_path / "data" / "train")
    lines = (Path(__file__).parents[1] / "docs" / "cli.rst").read_text().splitlines()
    shown = [
        (command.strip()[2:], error.strip())
        for command, error in itertools.pairwise(lines)
        if command.strip().startswith("$ mixup-sklearn augment")
        and error.strip().startswith("mixup-sklearn augment: error:")
    ]
    assert len(shown) >= 3
    for command, error in shown:
        assert main(shlex.split(command)[1:]) == 2
        assert capsys.readouterr().err.strip() == error
