"""Metrics, temperature scaling, selection on validation and the tests (§6).

Everything is recomputed from the saved logits: :func:`load_fits` reads the
``.npz`` files of a results folder into one row per (fit, epoch kind).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax
from sklearn.metrics import balanced_accuracy_score, roc_auc_score

from .trainer import BASELINES, MIXING

PRIOR_SD = 0.5  # log T ~ N(0, 0.5²)
LOG_T_BOUND = 5.0
N_BOOTSTRAP = 10_000
PRACTICAL = 0.03  # ±3% relative error
KEYS = ["table", "condition", "split"]


# --------------------------------------------------------------------------
# Metrics
# --------------------------------------------------------------------------


def unpack(stored):
    """Full logits from the stored ones (first column 0, dropped on save)."""
    stored = np.asarray(stored, dtype=np.float64)
    return np.hstack([np.zeros((len(stored), 1)), stored])


def cross_entropy(logits, y):
    return float(-np.mean(log_softmax(logits, axis=1)[np.arange(len(y)), y]))


def brier(logits, y):
    proba = np.exp(log_softmax(logits, axis=1))
    proba[np.arange(len(y)), y] -= 1
    return float(np.mean(np.sum(proba**2, axis=1)))


def fit_log_temperature(logits, y):
    """MAP log T on validation logits, prior log T ~ N(0, PRIOR_SD²)."""
    rows = np.arange(len(y))

    def objective(log_t):
        nll = -log_softmax(logits / math.exp(log_t), axis=1)[rows, y].sum()
        return nll + log_t**2 / (2 * PRIOR_SD**2)

    return float(
        minimize_scalar(
            objective, bounds=(-LOG_T_BOUND, LOG_T_BOUND), method="bounded"
        ).x
    )


def test_metrics(val_logits, y_val, test_logits, y_test, n_classes):
    """Validation loss and error, and every test metric of one fit."""
    pred = test_logits.argmax(axis=1)
    log_t = fit_log_temperature(val_logits, y_val)
    scaled = test_logits / math.exp(log_t)
    row = {
        "val_loss": cross_entropy(val_logits, y_val),
        "val_error": float(np.mean(val_logits.argmax(axis=1) != y_val)),
        "test_error": float(np.mean(pred != y_test)),
        "test_logloss": cross_entropy(test_logits, y_test),
        "test_brier": brier(test_logits, y_test),
        "log_t": log_t,
        "test_logloss_ts": cross_entropy(scaled, y_test),
        "test_brier_ts": brier(scaled, y_test),
        "test_bacc": float(balanced_accuracy_score(y_test, pred)),
        "test_auroc": np.nan,
    }
    if n_classes == 2:
        row["test_auroc"] = float(roc_auc_score(y_test, test_logits[:, 1]))
    return row


def load_fits(out_dir: Path):
    """(fits, curves): one row per fit and epoch kind; one per fit and epoch."""
    rows, curves = [], []
    for path in sorted((Path(out_dir) / "logits").glob("*/*.npz")):
        if path.name.endswith(".partial.npz"):
            continue
        with np.load(path) as arrays:
            meta = json.loads(str(arrays["meta"]))
            y_val, y_test = arrays["y_val"].astype(int), arrays["y_test"].astype(int)
            sizes = {
                f"n_{part}": len(arrays[f"rows_{part}"])
                for part in ("train", "val", "test")
            }
            if meta["kind"] == "cell":
                # The reference a net must beat: the training split's
                # majority class (noisy labels under noise), on clean test.
                majority = int(np.bincount(arrays["y_train"]).argmax())
                rows.append(
                    {
                        **{k: meta[k] for k in KEYS},
                        "kind": "cell",
                        "arm": "majority",
                        "key": "majority",
                        "which": "last",
                        "n_classes": meta["n_classes"],
                        **sizes,
                        "test_error": float(np.mean(y_test != majority)),
                    }
                )
            for fit in meta["fits"]:
                base = {
                    "table": meta["table"],
                    "condition": meta["condition"],
                    "split": meta["split"],
                    "kind": meta["kind"],
                    "arm": fit["arm"],
                    "value": fit["value"],
                    "key": fit["key"],
                    "steps": fit["steps"],
                    "seconds": fit["seconds"],
                    "n_classes": meta["n_classes"],
                    **sizes,
                }
                for which in ("best", "last"):
                    name = f"{fit['key']}__{which}__"
                    if name + "val" not in arrays:
                        continue
                    epoch = fit["best_epoch"] if which == "best" else fit["epochs"]
                    rows.append(
                        {
                            **base,
                            "which": which,
                            "epoch": epoch,
                            **test_metrics(
                                unpack(arrays[name + "val"]),
                                y_val,
                                unpack(arrays[name + "test"]),
                                y_test,
                                meta["n_classes"],
                            ),
                        }
                    )
                if f"{fit['key']}__curve" in arrays:
                    curve = arrays[f"{fit['key']}__curve"]
                    curves.append(
                        pd.DataFrame(
                            {
                                **{k: base[k] for k in (*KEYS, "arm", "value", "key")},
                                "epoch": np.arange(1, curve.shape[1] + 1),
                                "val_loss": curve[0],
                                "val_error": curve[1],
                                "test_error": curve[2],
                            }
                        )
                    )
    fits = pd.DataFrame(rows)
    curves = pd.concat(curves, ignore_index=True) if curves else pd.DataFrame()
    return fits, curves


# --------------------------------------------------------------------------
# Selection on validation
# --------------------------------------------------------------------------


def select(fits, arms, which="best", by=("val_loss",)):
    """Per (table, condition, split), the fit of ``arms`` lowest on ``by``."""
    pool = fits[fits["arm"].isin(arms) & (fits["which"] == which)]
    pool = pool.sort_values([*KEYS, *by, "key"], kind="stable")
    return pool.groupby(KEYS, sort=True).head(1).set_index(KEYS).sort_index()


def select_by_error(curves):
    """Sensitivity analysis: epochs, grid values and baseline on val error.

    Per fit, the epoch of lowest validation error (ties: lowest validation
    loss, then the earliest); returns one row per fit with that epoch's
    validation error, loss and test error, ready for :func:`select`.
    """
    ordered = curves.sort_values(["key", *KEYS, "val_error", "val_loss", "epoch"])
    chosen = ordered.groupby([*KEYS, "key"], sort=False).head(1).copy()
    chosen["which"] = "best"
    return chosen


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------


def holm(p_values):
    """Holm-adjusted p-values, in the input order."""
    p_values = np.asarray(p_values, dtype=float)
    order = np.argsort(p_values)
    adjusted = np.empty_like(p_values)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, (len(p_values) - rank) * p_values[index])
        adjusted[index] = min(1.0, running)
    return adjusted


def wilcoxon_p(effects):
    """Two-sided Wilcoxon signed-rank p over tables; 1 if every effect is 0."""
    effects = np.asarray(effects, dtype=float)
    if len(effects) == 0 or np.all(effects == 0):
        return 1.0
    return float(stats.wilcoxon(effects).pvalue)


def bootstrap_interval(effects, seed=0):
    """Percentile 95% interval of the mean, resampling tables."""
    effects = np.asarray(effects, dtype=float)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(effects), size=(N_BOOTSTRAP, len(effects)))
    means = effects[draws].mean(axis=1)
    return tuple(float(q) for q in np.percentile(means, [2.5, 97.5]))


def corrected_t_test(differences, test_train_ratio):
    """Nadeau & Bengio's corrected resampled t-test, two-sided p."""
    differences = np.asarray(differences, dtype=float)
    n_splits = len(differences)
    if n_splits < 2:
        return np.nan
    mean, variance = differences.mean(), differences.var(ddof=1)
    if variance == 0:
        return 1.0 if mean == 0 else 0.0
    t = mean / math.sqrt((1 / n_splits + test_train_ratio) * variance)
    return float(2 * stats.t.sf(abs(t), n_splits - 1))


def paired(arm, baseline, metric):
    """Per split: the arm's and the baseline's ``metric`` side by side."""
    return pd.DataFrame({"arm": arm[metric], "base": baseline[metric]}).join(
        arm[["n_train", "n_test"]]
    )


def table_effects(arm, baseline, metric, ratio=True):
    """Per (table, condition): effect, splits, and the corrected-t p.

    The effect is log(mean arm / mean baseline) over splits when ``ratio``,
    else the mean difference (arm − baseline).
    """
    data = paired(arm, baseline, metric).reset_index()
    rows = []
    for (table, condition), group in data.groupby(["table", "condition"]):
        mean_arm, mean_base = group["arm"].mean(), group["base"].mean()
        if ratio:
            effect = (
                0.0
                if mean_arm == mean_base
                else math.log(max(mean_arm, 1e-12) / max(mean_base, 1e-12))
            )
        else:
            effect = mean_arm - mean_base
        differences = group["arm"] - group["base"]
        ratio_sizes = (group["n_test"] / group["n_train"]).mean()
        p_value = corrected_t_test(differences, ratio_sizes)
        rows.append(
            {
                "table": table,
                "condition": condition,
                "arm_mean": mean_arm,
                "base_mean": mean_base,
                "effect": effect,
                "splits": len(group),
                "t_p": p_value,
                "worse": bool(p_value < 0.05 and differences.mean() > 0),
                "better": bool(p_value < 0.05 and differences.mean() < 0),
            }
        )
    return pd.DataFrame(rows)


def verdict(holm_p, low, high, estimate, n_worse):
    """The pre-registered rule (PREREGISTRATION.md §6)."""
    if (
        holm_p < 0.05
        and high < 0
        and estimate <= math.log(1 - PRACTICAL)
        and n_worse <= 1
    ):
        return "Helps"
    if low >= math.log(1 - PRACTICAL) and high <= math.log(1 + PRACTICAL):
        return "No practical difference"
    return "Inconclusive"


def family(fits, metric, conditions, which="best", by=("val_loss",)):
    """The 6 tests {mixup, CutMix} × conditions for ``metric``, Holm inside.

    Returns (summary with one row per test, per-table effects).
    """
    baseline = select(fits, BASELINES, which, by)
    summary, per_table = [], []
    for arm in MIXING:
        chosen = select(fits, (arm,), which, by)
        effects = table_effects(chosen, baseline, metric)
        effects["arm"] = arm
        per_table.append(effects)
        for condition in conditions:
            rows = effects[effects["condition"] == condition]
            if rows.empty:
                continue
            r = rows["effect"].to_numpy()
            low, high = bootstrap_interval(r)
            summary.append(
                {
                    "arm": arm,
                    "condition": condition,
                    "tables": len(r),
                    "estimate": float(r.mean()),
                    "low": low,
                    "high": high,
                    "p": wilcoxon_p(r),
                    "wins": int((r < 0).sum()),
                    "ties": int((r == 0).sum()),
                    "losses": int((r > 0).sum()),
                    "worse": int(rows["worse"].sum()),
                    "better": int(rows["better"].sum()),
                }
            )
    summary = pd.DataFrame(summary)
    if not summary.empty:
        summary["holm_p"] = holm(summary["p"])
        summary["verdict"] = [
            verdict(row.holm_p, row.low, row.high, row.estimate, row.worse)
            for row in summary.itertuples()
        ]
    return summary, pd.concat(per_table, ignore_index=True)


def describe(fits, metric, conditions, ratio=True, which="best", against=BASELINES):
    """Descriptive secondary: mean effect and Wilcoxon p, no verdict."""
    baseline = select(fits, against, which)
    rows = []
    for arm in MIXING:
        effects = table_effects(select(fits, (arm,), which), baseline, metric, ratio)
        for condition in conditions:
            r = effects.loc[effects["condition"] == condition, "effect"].dropna()
            if r.empty:
                continue
            rows.append(
                {
                    "arm": arm,
                    "condition": condition,
                    "tables": len(r),
                    "estimate": float(r.mean()),
                    "p": wilcoxon_p(r),
                    "wins": int((r < 0).sum() if ratio else (r > 0).sum()),
                    "losses": int((r > 0).sum() if ratio else (r < 0).sum()),
                }
            )
    return pd.DataFrame(rows)
