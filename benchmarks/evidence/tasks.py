"""Tasks: one fit and one evaluation each, run in parallel with a progress bar."""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from imblearn.metrics import geometric_mean_score
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import balanced_accuracy_score, log_loss, mean_squared_error
from threadpoolctl import threadpool_limits

from .arms import build
from .datasets import SEED, flip_labels, load, splits, validation_split

# The experiments whose training split is cut into a fit part and a
# validation part: for the tuned arms and for temperature scaling.
VALIDATED = ("large_mlp", "classification")
PROBABILISTIC = ("large_mlp", "label_noise", "classification", "paper")


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
        weight = 1
        if self.experiment in ("large_mlp", "label_noise"):
            weight = 40 * (2 if self.arm != "plain" else 1)
        elif "MLP" in self.model or "HistGradientBoosting" in self.model:
            weight = 4
        data = load(self.dataset, self.max_rows)
        n_classes = 1 if data.is_regression else len(np.unique(data.y))
        return weight * len(data.y) * min(n_classes, 10) * data.X.shape[1] ** 0.5


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


def fit_temperature(proba, y, classes):
    """The temperature T minimising the log-loss of softmax(log p / T).

    Fitted on the validation part (Guo et al., 2017): Wang et al. (2023)
    show that mixup's calibration gain can vanish once ERM is scaled too.
    """
    logits = np.log(np.clip(proba, 1e-12, None))
    codes = np.searchsorted(classes, y)

    def loss(log_t):
        scaled = log_softmax(logits / np.exp(log_t), axis=1)
        return -scaled[np.arange(len(codes)), codes].mean()

    return float(np.exp(minimize_scalar(loss, bounds=(-3, 3), method="bounded").x))


def scale(proba, temperature):
    return np.exp(log_softmax(np.log(np.clip(proba, 1e-12, None)) / temperature, 1))


def probability_scores(proba, y, classes, suffix=""):
    """Error, balanced accuracy, log-loss and ECE on the clean labels ``y``."""
    predicted = classes[proba.argmax(axis=1)]
    scores = {
        "error": float(np.mean(predicted != y)),
        "balanced accuracy": float(balanced_accuracy_score(y, predicted)),
        "log-loss": float(log_loss(y, proba, labels=classes)),
        "ECE": float(expected_calibration_error(y, proba, classes)),
    }
    return {f"{name}{suffix}": value for name, value in scores.items()}


def full_proba(model, X, classes):
    """predict_proba with a column for every class, also unseen ones."""
    proba = model.predict_proba(X)
    fitted = list(model.classes_)
    if len(fitted) == len(classes):
        return proba
    full = np.zeros((len(X), len(classes)))
    for column, label in enumerate(fitted):
        full[:, np.searchsorted(classes, label)] = proba[:, column]
    return full


# --------------------------------------------------------------------------
# One task
# --------------------------------------------------------------------------


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
    X_val = y_val = None
    if task.experiment in VALIDATED:
        fit_rows, val_rows = validation_split(data, y_train, seed)
        X_val, y_val = X_train[val_rows], y_train[val_rows]
        X_train, y_train = X_train[fit_rows], y_train[fit_rows]
    row["n_train"], row["n_test"] = len(y_train), len(test)
    model = build(task, seed)
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
    row.update(_scores(task, model, data, X_test, y_test, X_val, y_val))
    return row


def _scores(task, model, data, X_test, y_test, X_val, y_val):
    if task.experiment == "imbalance":
        predicted = model.predict(X_test)
        return {
            "balanced accuracy": float(balanced_accuracy_score(y_test, predicted)),
            "g-mean": float(geometric_mean_score(y_test, predicted)),
        }
    if task.experiment == "regression":
        rmse = np.sqrt(mean_squared_error(y_test, model.predict(X_test)))
        return {"RMSE": float(rmse)}
    classes = np.unique(data.y)
    proba = full_proba(model, X_test, classes)
    scores = probability_scores(proba, y_test, classes)
    if X_val is not None:
        val_proba = full_proba(model, X_val, classes)
        scores.update(probability_scores(val_proba, y_val, classes, " (val)"))
        temperature = fit_temperature(val_proba, y_val, classes)
        scaled = probability_scores(scale(proba, temperature), y_test, classes)
        scores["log-loss (TS)"] = scaled["log-loss"]
        scores["ECE (TS)"] = scaled["ECE"]
        scores["temperature"] = temperature
    return scores


# --------------------------------------------------------------------------
# All tasks
# --------------------------------------------------------------------------


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
