"""Rare-target regression balancing: MixupSampler against smogn and
ImbalancedLearningRegression, and no resampling.

Four regression tables with skewed targets, each shipped inside an installed
package (nothing is downloaded; see ``benchmarks/evidence/datasets.py``),
at most 1,000 rows each so that the two pure-Python samplers finish. Every
arm resamples the training folds only, then fits the same
``HistGradientBoostingRegressor``; repeated K-fold (2 × 5). Reported: RMSE on
the whole test fold and on its rare rows, and the resampling time.

The rare rows of a test fold are the same for every arm, and defined by none
of them: targets below the 10th or above the 90th percentile of the whole
table's target (both tails).

smogn 0.1.2 (2020) and ImbalancedLearningRegression 0.0.2 predate NumPy 2:
they call ``np.quantile(interpolation=...)`` and ``int()`` of a one-element
array. :func:`_numpy2_shims` patches those names in their own modules only.
Both run with their defaults (SMOGN's box-plot relevance, threshold 0.5,
"balance"; smogn also under-samples the common rows and adds Gaussian noise).

Run: ``python benchmarks/bench_regression_balance.py``. Writes
``benchmarks/results/regression_balance.md`` and ``.png``.
"""

import argparse
import builtins
import random
import sys
import time
import types
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import RepeatedKFold
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.evidence.datasets import load
from mixup_sklearn import MixupSampler

DATASETS = ("diabetes", "boston", "concrete", "abalone")
MAX_ROWS = 1000
RESULTS = Path(__file__).parent / "results"


def _numpy2_shims():
    """Let smogn and ImbalancedLearningRegression run on NumPy 2."""

    def quantile(*args, interpolation=None, **kwargs):
        if interpolation is not None:
            kwargs["method"] = interpolation
        return np.quantile(*args, **kwargs)

    def scalar(cast):
        def convert(value, *args):
            if isinstance(value, np.ndarray):
                value = value.item()
            return cast(value, *args)

        return convert

    numpy_proxy = types.SimpleNamespace(
        **{name: getattr(np, name) for name in dir(np) if not name.startswith("__")}
    )
    numpy_proxy.quantile = quantile
    modules = []
    try:
        import smogn.box_plot_stats
        import smogn.over_sampling

        modules.append(("smogn", "smogn.box_plot_stats", smogn.over_sampling))
    except ImportError:
        pass
    try:
        import ImbalancedLearningRegression.box_plot_stats
        import ImbalancedLearningRegression.over_sampling_smote

        modules.append(
            (
                "ImbalancedLearningRegression",
                "ImbalancedLearningRegression.box_plot_stats",
                ImbalancedLearningRegression.over_sampling_smote,
            )
        )
    except ImportError:
        pass
    for _, stats, sampling in modules:
        # The packages' __init__ rebinds box_plot_stats to the function.
        stats = sys.modules[stats] if isinstance(stats, str) else stats
        stats.np = numpy_proxy
        sampling.int = scalar(builtins.int)
        sampling.float = scalar(builtins.float)
    return {name for name, _, _ in modules}


def _frame(X, y):
    frame = pd.DataFrame(X, columns=[f"x{k}" for k in range(X.shape[1])])
    frame["target"] = y
    return frame


def _smogn(X, y, seed):
    import smogn

    # smogn draws from NumPy's global generator and Python's random module.
    np.random.seed(seed)  # noqa: NPY002
    random.seed(seed)
    out = smogn.smoter(data=_frame(X, y), y="target").dropna()
    return out.drop(columns="target").to_numpy(), out["target"].to_numpy()


def _iblr(X, y, seed):
    import ImbalancedLearningRegression as iblr

    np.random.seed(seed)  # noqa: NPY002
    random.seed(seed)
    out = iblr.smote(data=_frame(X, y), y="target").dropna()
    return out.drop(columns="target").to_numpy(), out["target"].to_numpy()


def _mixup(pairing):
    def resample(X, y, seed):
        sampler = MixupSampler(
            target="regression",
            sampling_strategy="auto",
            pairing=pairing,
            bandwidth=float(np.std(y)) / 10,
            random_state=seed,
        )
        return sampler.fit_resample(X, y)

    return resample


def arms(available):
    found = {
        "none": lambda X, y, seed: (X, y),
        "mixup, knn": _mixup("knn"),
        "mixup, label_kernel": _mixup("label_kernel"),
    }
    if "smogn" in available:
        found["smogn"] = _smogn
    if "ImbalancedLearningRegression" in available:
        found["IBLR smote"] = _iblr
    return found


def rmse(truth, predicted):
    return float(np.sqrt(np.mean((truth - predicted) ** 2)))


def run(n_repeats, n_splits):
    available = _numpy2_shims()
    contenders = arms(available)
    rows = []
    failures = {}
    for name in DATASETS:
        data = load(name, MAX_ROWS)
        X, y = data.X, data.y.astype(float)
        low, high = np.percentile(y, [10, 90])
        folds = RepeatedKFold(n_splits=n_splits, n_repeats=n_repeats, random_state=0)
        for fold, (train, test) in enumerate(folds.split(X)):
            rare = (y[test] < low) | (y[test] > high)
            for arm, resample in contenders.items():
                start = time.perf_counter()
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        X_res, y_res = resample(X[train], y[train], fold)
                except Exception as exc:  # a failed arm is a result
                    print(f"{name} fold {fold} {arm}: failed ({exc!r})")
                    failures.setdefault((name, arm), set()).add(str(exc))
                    continue
                seconds = time.perf_counter() - start
                model = HistGradientBoostingRegressor(random_state=0)
                predicted = model.fit(X_res, y_res).predict(X[test])
                rows.append(
                    {
                        "dataset": name,
                        "arm": arm,
                        "fold": fold,
                        "rmse": rmse(y[test], predicted),
                        "rmse_rare": rmse(y[test][rare], predicted[rare]),
                        "seconds": seconds,
                        "rows_added": len(y_res) - len(train),
                    }
                )
        print(f"{name}: done", flush=True)
    return pd.DataFrame(rows), failures


def report(results, failures, n_repeats, n_splits):
    summary = (
        results.groupby(["dataset", "arm"], sort=False)
        .agg(
            rmse=("rmse", "mean"),
            rmse_rare=("rmse_rare", "mean"),
            seconds=("seconds", "median"),
            rows_added=("rows_added", "mean"),
            folds=("fold", "count"),
        )
        .reset_index()
    )
    lines = [
        "# Rare-target regression balancing",
        "",
        "Produced by `python benchmarks/bench_regression_balance.py`. "
        f"HistGradientBoostingRegressor, {n_repeats} × {n_splits}-fold "
        f"repeated CV, at most {MAX_ROWS} rows per table. RMSE is the mean "
        "over folds, on the whole test fold and on its rare rows (targets "
        "below the 10th or above the 90th percentile of the table); time is "
        "the median resampling time per fold; rows added is the mean change "
        "in training rows (smogn also removes common rows). MixupSampler's "
        "rows are the same on every run; smogn and ImbalancedLearningRegression "
        "draw from generators that the seeds do not all reach, so their "
        "figures move by up to about 2% of RMSE between runs.",
        "",
        "| dataset | arm | RMSE | RMSE rare | resample s | rows added | folds |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for row in summary.itertuples():
        lines.append(
            f"| {row.dataset} | {row.arm} | {row.rmse:.3f} | {row.rmse_rare:.3f} "
            f"| {row.seconds:.3f} | {row.rows_added:.0f} | {row.folds} |"
        )
    if failures:
        lines += ["", "Folds where an arm raised (left out of the table):", ""]
        for (name, arm), messages in failures.items():
            lines.append(f"- {name}, {arm}: {'; '.join(sorted(messages))}")
    text = "\n".join(lines) + "\n"
    (RESULTS / "regression_balance.md").write_text(text)
    print(text)
    return summary


def plot(summary):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, 3, figsize=(15, 4))
    for axis, column, title in zip(
        axes,
        ("rmse", "rmse_rare", "seconds"),
        ("RMSE / RMSE without resampling", "rare-row RMSE / without", "resample s"),
        strict=True,
    ):
        table = summary.pivot(index="dataset", columns="arm", values=column)
        if column != "seconds":
            table = table.div(table["none"], axis=0)
        else:
            table = table.drop(columns="none")
        table.plot.bar(ax=axis, rot=0, legend=axis is axes[0])
        axis.set_title(title)
        if column == "seconds":
            axis.set_yscale("log")
        else:
            axis.axhline(1.0, color="black", linewidth=0.8)
    figure.tight_layout()
    figure.savefig(RESULTS / "regression_balance.png", dpi=100)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--splits", type=int, default=5)
    args = parser.parse_args()
    # One thread: small tables, where OpenMP's threads cost more than they
    # save, and timings that do not depend on the machine's other load.
    with threadpool_limits(1):
        results, failures = run(args.repeats, args.splits)
    summary = report(results, failures, args.repeats, args.splits)
    plot(summary)


if __name__ == "__main__":
    main()
