"""From scores to verdicts: per dataset, across datasets, and the tuned arms."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from .arms import BASELINE, TUNED_ARMS
from .datasets import TEST_SIZE

_PROBA = ("error", "balanced accuracy", "log-loss", "ECE")
_CALIBRATED = (*_PROBA, "log-loss (TS)", "ECE (TS)")
METRICS = {
    "large_mlp": _CALIBRATED,
    "label_noise": _PROBA,
    "classification": _CALIBRATED,
    "paper": _PROBA,
    "imbalance": ("balanced accuracy", "g-mean"),
    "regression": ("RMSE",),
}
HIGHER_IS_BETTER = {"balanced accuracy", "g-mean"}
CELL = ["experiment", "dataset", "model", "noise"]
LEVEL = 0.05
# Across datasets, a mean difference smaller than this (0.1 point of error or
# balanced accuracy, 0.001 of log-loss) is a tie, not a win or a loss.
TIE = 1e-3


def add_tuned_arms(results):
    """Append a row per tuned arm, split and cell: the fixed arm it picks.

    The pick is the candidate with the best validation balanced accuracy
    (Kadra et al.'s metric), ties broken by the validation log-loss; its
    test scores become the tuned arm's. Its fit time is the sum of the
    candidates', since tuning needs them all.
    """
    rows = []
    for experiment, tuned in TUNED_ARMS.items():
        chosen = results[results["experiment"] == experiment]
        for keys, cell in chosen.groupby([*CELL, "split"], sort=False):
            for name, candidates in tuned.items():
                pool = cell[cell["arm"].isin(candidates) & (cell["status"] == "ok")]
                row = dict(zip([*CELL, "split"], keys, strict=True), arm=name)
                if pool.empty:
                    status = cell[cell["arm"].isin(candidates)]["status"]
                    row["status"] = status.iloc[0] if len(status) else "not run"
                    rows.append(row)
                    continue
                order = pool.sort_values(
                    ["balanced accuracy (val)", "log-loss (val)"],
                    ascending=[False, True],
                    kind="stable",
                )
                best = order.iloc[0].to_dict()
                best.update(
                    arm=name,
                    chosen=order.iloc[0]["arm"],
                    **{"fit seconds": pool["fit seconds"].sum()},
                )
                rows.append(best)
    if not rows:
        return results
    return pd.concat([results, pd.DataFrame(rows)], ignore_index=True)


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


def gain(metric, difference):
    """``difference`` (arm − baseline) oriented so that positive is better."""
    return difference if metric in HIGHER_IS_BETTER else -difference


def compare(results, baselines=None):
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
                verdict = "≈"
                if p_value < LEVEL:
                    verdict = "better" if gain(metric, diff.mean()) > 0 else "worse"
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
    columns = [*CELL, "arm", "metric", "difference", "baseline", "p", "verdict"]
    return pd.DataFrame(rows, columns=columns)


def across_datasets(comparisons, experiment, metric, arm, noise=None, model=None):
    """Kadra et al.'s view of one arm against the baseline over datasets.

    Each (dataset, model) cell counts once, by the sign of its mean
    difference: a win, a tie (|difference| < TIE) or a loss. Returns a dict
    with those counts, the median gain (positive: the arm is better), the
    Wilcoxon signed-rank p-value over the cells and the per-dataset verdicts
    of the corrected t-test.
    """
    chosen = comparisons[
        (comparisons["experiment"] == experiment)
        & (comparisons["metric"] == metric)
        & (comparisons["arm"] == arm)
    ]
    if noise is not None:
        chosen = chosen[chosen["noise"] == noise]
    if model is not None:
        chosen = chosen[chosen["model"] == model]
    gains = gain(metric, chosen["difference"].to_numpy(dtype=float))
    gains = gains[np.isfinite(gains)]
    result = {
        "n": len(gains),
        "wins": int(np.sum(gains >= TIE)),
        "ties": int(np.sum(np.abs(gains) < TIE)),
        "losses": int(np.sum(gains <= -TIE)),
        "median": float(np.median(gains)) if len(gains) else np.nan,
        "p": wilcoxon(gains),
        "significantly better": int((chosen["verdict"] == "better").sum()),
        "significantly worse": int((chosen["verdict"] == "worse").sum()),
    }
    return result


def wilcoxon(gains):
    """Two-sided Wilcoxon signed-rank p-value; 1 when every gain is zero."""
    if len(gains) == 0:
        return np.nan
    if np.all(gains == 0):
        return 1.0
    return float(stats.wilcoxon(gains, zero_method="wilcox").pvalue)


def recommended(summary):
    """The rule of the "What to use" table, applied to ``across_datasets``.

    An arm is recommended over its baseline only if the Wilcoxon test over
    datasets finds it better (p < 0.05, positive median gain) and the
    corrected t-test finds it significantly worse on no dataset.
    """
    return (
        summary["n"] > 0
        and summary["p"] < LEVEL
        and summary["median"] > 0
        and summary["significantly worse"] == 0
    )


def summarise(results):
    """Mean ± std of every metric per cell and arm, plus the fit time."""
    ok = results[results["status"] == "ok"]
    rows = []
    for keys, group in ok.groupby([*CELL, "arm"], sort=False):
        row = dict(zip([*CELL, "arm"], keys, strict=True))
        for metric in METRICS[keys[0]]:
            row[metric] = mean_std(group[metric])
        row["fit s"] = f"{group['fit seconds'].mean():.2f}"
        row["n"] = len(group)
        if "chosen" in group and group["chosen"].notna().any():
            counts = group["chosen"].value_counts()
            row["chosen"] = ", ".join(
                f"{arm.rsplit('=', 1)[-1]}×{count}" for arm, count in counts.items()
            )
        rows.append(row)
    return pd.DataFrame(rows)


def mean_std(values):
    values = values.astype(float)
    std = values.std(ddof=1) if len(values) > 1 else 0.0
    return f"{values.mean():.3f} ± {std:.3f}"
