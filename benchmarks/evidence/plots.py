"""The PNG plots of the report (matplotlib, Agg backend)."""

from __future__ import annotations

import numpy as np

from .arms import BASELINE


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def short(model):
    return (
        model.replace("HistGradientBoosting", "HGB")
        .replace("RandomForest", "RF")
        .replace("LogisticRegression", "LogReg")
        .replace("Classifier", "")
        .replace("Regressor", "")
    )


def plot_heatmap(comparisons, experiment, metrics, arms, path, title):
    """Mean change of each metric against the baseline, a row per cell.

    One panel per metric; ✓ / ✗ mark significant gains and losses.
    """
    plt = _pyplot()
    chosen = comparisons[comparisons["experiment"] == experiment]
    arms = [arm for arm in arms if arm in set(chosen["arm"])]
    index = ["dataset", "model", "noise"]
    n_rows = max(1, chosen[index].drop_duplicates().shape[0])
    fig, axes = plt.subplots(
        1, len(metrics), figsize=(6.5 * len(metrics), 0.45 * n_rows + 3), squeeze=False
    )
    for ax, metric in zip(axes[0], metrics, strict=True):
        rows = chosen[chosen["metric"] == metric]
        table = rows.pivot_table(
            index=index, columns="arm", values="difference", sort=False
        ).reindex(columns=arms)
        verdicts = rows.pivot_table(
            index=index, columns="arm", values="verdict", aggfunc="first", sort=False
        ).reindex(index=table.index, columns=arms)
        values = table.to_numpy(dtype=float)
        limit = np.nanmax(np.abs(values)) if np.isfinite(values).any() else 1.0
        # Red is worse whichever way the metric points.
        cmap = "RdBu" if metric in ("balanced accuracy", "g-mean") else "RdBu_r"
        image = ax.imshow(values, cmap=cmap, vmin=-limit, vmax=limit, aspect="auto")
        ax.set_xticks(range(len(arms)), arms, rotation=30, ha="right", fontsize=7)
        labels = [
            f"{d} · {short(m)}" + (f" · {n:.0%}" if n else "")
            for d, m, n in table.index
        ]
        ax.set_yticks(range(len(table)), labels, fontsize=7)
        for (r, c), value in np.ndenumerate(values):
            if np.isfinite(value):
                mark = {"better": "✓", "worse": "✗"}.get(verdicts.iat[r, c], "")
                ax.text(c, r, f"{value:+.3f}{mark}", ha="center", va="center", size=6)
        ax.set_title(f"{metric}: arm − {BASELINE[experiment]} (blue: arm better)")
        fig.colorbar(image, ax=ax, shrink=0.8)
    fig.suptitle(title)
    fig.text(0.01, 0.01, "✓ / ✗: significantly better / worse (p < 0.05)", size=8)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_bars(results, experiment, metric, arms, path, title, relative=False):
    """Mean ± std of ``metric`` per arm, grouped by dataset, model and noise.

    With ``relative``, each split's score is shown as a change (%) from the
    baseline arm's score on the same split, so that datasets on different
    scales share one axis.
    """
    plt = _pyplot()
    ok = results[(results["status"] == "ok") & (results["experiment"] == experiment)]
    keys = ["dataset", "model", "noise"]
    groups = list(dict.fromkeys(ok[keys].itertuples(index=False, name=None)))
    arms = [arm for arm in arms if arm in set(ok["arm"])]
    fig, ax = plt.subplots(figsize=(max(6, 1.6 * len(groups)), 4.8))
    width = 0.8 / max(1, len(arms))
    for k, arm in enumerate(arms):
        means, stds = [], []
        for group in groups:
            cell = ok[
                (ok["dataset"] == group[0])
                & (ok["model"] == group[1])
                & (ok["noise"] == group[2])
            ]
            values = cell[cell["arm"] == arm].set_index("split")[metric]
            if relative:
                baseline = cell[cell["arm"] == BASELINE[experiment]]
                baseline = baseline.set_index("split")[metric]
                values = 100 * (values / baseline.reindex(values.index) - 1)
            means.append(values.mean() if len(values) else np.nan)
            stds.append(values.std(ddof=1) if len(values) > 1 else 0.0)
        positions = np.arange(len(groups)) + (k - (len(arms) - 1) / 2) * width
        ax.bar(positions, means, width, yerr=stds, label=arm, capsize=2)
    labels = [f"{d}\n{short(m)}" + (f"\n{n:.0%}" if n else "") for d, m, n in groups]
    ax.set_xticks(range(len(groups)), labels, fontsize=7)
    if relative:
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_ylabel(f"{metric}: change from {BASELINE[experiment]} (%)")
    else:
        ax.set_ylabel(metric)
    ax.set_title(title)
    ax.legend(fontsize=7, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.2))
    fig.tight_layout()
    fig.savefig(path, dpi=100)
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
