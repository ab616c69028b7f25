"""The markdown report: the summary first, then the set-up and every table."""

from __future__ import annotations

import datetime
import importlib
import platform
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd

import mixup_sklearn

from . import speed
from .arms import (
    ARMS,
    BASELINE,
    DEFAULT_ALPHAS,
    ENTRY_POINTS,
    HIDDEN_LAYERS,
    L2_GRID,
    TUNED_ARMS,
)
from .datasets import SEED, TEST_SIZE, VALIDATION_SIZE, full_size, load
from .plots import plot_bars, plot_heatmap, plot_speed, short
from .statistics import (
    CELL,
    METRICS,
    across_datasets,
    add_tuned_arms,
    compare,
    recommended,
    summarise,
)

ROOT = Path(__file__).resolve().parents[2]
PAPER_CLAIM = (
    'Zhang et al. (2018), §3.5: mixup "improves the average test error on four '
    'out of the six considered" UCI datasets "and never underperforms ERM" '
    "(MLP with two hidden layers of 128 ReLU units, Adam, mini-batches of 16, "
    "10 epochs, α = 1)."
)


# Issue 22: this report cannot support its recommendations; the study replaces it.
SUPERSEDED = (
    "> **Descriptive only; superseded.** This report is kept as a record. "
    "Issue 22 found that it cannot support its recommendations: the noise "
    "baseline is a net at its last epoch without early stopping or any "
    'regulariser, α was picked on test results, most "What to use" rows '
    "cannot pass their own rule, the soft-label arms take more optimiser "
    "steps, and temperature scaling collapses on its small validation "
    'parts. None of its "What to use" rows or summary sentences is a '
    "recommendation. The pre-registered study that replaces it is "
    "`benchmarks/results/study/report.md` (`make study`).\n"
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


def counts_text(summary):
    """``"7 / 1 / 4 (median +0.012, p = 0.31)"``: wins / ties / losses."""
    if not summary["n"]:
        return "not run"
    return (
        f"{summary['wins']} / {summary['ties']} / {summary['losses']} "
        f"(median {summary['median']:+.3f}, Wilcoxon p = {summary['p']:.2g})"
    )


# --------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------


def in_short(comparisons, against_l2, against_smote, grid):
    """Sentences computed from the tables, large-MLP and label noise first."""
    lines = [
        "**In short** (every sentence is computed from the tables below; "
        "counts read wins / ties / losses over datasets, by the sign of the "
        "mean difference, ties under 0.001; positive median = the arm is "
        "better):",
        "",
    ]
    if "large_mlp" in grid:
        n = len(grid["large_mlp"].datasets)
        for arm in ("mixup, tuned α", "CutMix, tuned α"):
            plain = across_datasets(comparisons, "large_mlp", "balanced accuracy", arm)
            tuned = across_datasets(against_l2, "large_mlp", "balanced accuracy", arm)
            if not plain["n"]:
                lines.append(f"- Large MLP, {arm}: not run (no data).")
                continue
            lines.append(
                f"- Large MLP ({n} tables), {arm}, balanced accuracy: against the "
                f"plain net {counts_text(plain)}; against the L2-tuned net "
                f"{counts_text(tuned)}."
            )
    if "label_noise" in grid:
        for noise in grid["label_noise"].noises:
            for method in ("mixup", "CutMix"):
                arms = [a for a in ARMS["label_noise"] if a.startswith(method)]
                parts = []
                for arm in arms:
                    result = across_datasets(
                        comparisons, "label_noise", "error", arm, noise
                    )
                    if result["n"]:
                        parts.append(
                            f"α = {arm.rsplit('=', 1)[1]}: {counts_text(result)}"
                        )
                text = "; ".join(parts) or f"not run ({_why_missing(method)})"
                lines.append(
                    f"- {noise:.0%} flipped labels, {method} against the plain "
                    f"large MLP, test error at the last epoch: {text}."
                )
    for entry in ENTRY_POINTS:
        arm = f"{entry}, tuned α"
        for metric in ("error", "log-loss"):
            result = across_datasets(comparisons, "classification", metric, arm)
            if result["n"]:
                lines.append(
                    f"- Model families, {arm} against ERM, {metric} over "
                    f"(dataset × model) cells: {counts_text(result)}; significantly "
                    f"better on {result['significantly better']}, worse on "
                    f"{result['significantly worse']}."
                )
    for arm in ("mixup balancing, within_class", "CutMix balancing, within_class"):
        none = across_datasets(comparisons, "imbalance", "balanced accuracy", arm)
        smote = across_datasets(against_smote, "imbalance", "balanced accuracy", arm)
        if none["n"]:
            lines.append(
                f"- Imbalance, {arm}, balanced accuracy: against no resampling "
                f"{counts_text(none)}; against SMOTE {counts_text(smote)}."
            )
    for arm in ARMS["regression"][1:]:
        result = across_datasets(comparisons, "regression", "RMSE", arm)
        if result["n"]:
            lines.append(f"- Regression, {arm}, RMSE: {counts_text(result)}.")
    result = across_datasets(comparisons, "paper", "error", ARMS["paper"][1])
    if result["n"]:
        lines.append(
            f"- The paper's set-up, per-mini-batch mixup against ERM, test error: "
            f"significantly better on {result['significantly better']}, worse on "
            f"{result['significantly worse']} of {result['n']} datasets."
        )
    return [*lines, ""]


def _why_missing(arm):
    return "no data"


# The rows of "What to use": (regime, goal, experiment, metric, noise, model,
# candidate arms). The baseline is the experiment's.
def _goals(grid):
    goals = []
    if "large_mlp" in grid:
        tuned = list(TUNED_ARMS["large_mlp"])
        goals += [
            (
                "large MLP",
                "balanced accuracy",
                "large_mlp",
                "balanced accuracy",
                None,
                None,
                tuned,
            ),
            (
                "large MLP",
                "log-loss after TS",
                "large_mlp",
                "log-loss (TS)",
                None,
                None,
                tuned,
            ),
        ]
    if "label_noise" in grid:
        for noise in grid["label_noise"].noises:
            goals.append(
                (
                    f"large MLP, {noise:.0%} noise",
                    "error",
                    "label_noise",
                    "error",
                    noise,
                    None,
                    list(ARMS["label_noise"][1:]),
                )
            )
    if "classification" in grid:
        tuned = list(TUNED_ARMS["classification"])
        for model in grid["classification"].models:
            for metric in ("error", "log-loss"):
                goals.append(
                    (short(model), metric, "classification", metric, None, model, tuned)
                )
    if "imbalance" in grid:
        for model in grid["imbalance"].models:
            goals.append(
                (
                    f"{short(model)}, imbalance",
                    "balanced accuracy",
                    "imbalance",
                    "balanced accuracy",
                    None,
                    model,
                    list(ARMS["imbalance"][1:]),
                )
            )
    if "regression" in grid:
        for model in grid["regression"].models:
            goals.append(
                (
                    short(model),
                    "RMSE",
                    "regression",
                    "RMSE",
                    None,
                    model,
                    list(ARMS["regression"][1:]),
                )
            )
    return goals


def what_to_use(comparisons, grid):
    """Regime × goal → the arm to use, by the rule of ``recommended``."""
    rows = []
    for regime, goal, experiment, metric, noise, model, arms in _goals(grid):
        passing, ran = [], 0
        for arm in arms:
            result = across_datasets(comparisons, experiment, metric, arm, noise, model)
            ran += bool(result["n"])
            if recommended(result):
                passing.append((result["median"], arm, result))
        if not ran:
            choice = "not run"
        elif passing:
            _, arm, result = max(passing)
            choice = f"**{arm}** ({counts_text(result)})"
        else:
            choice = f"{BASELINE[experiment]} (no arm passed the rule)"
        rows.append({"regime": regime, "goal": goal, "use": choice})
    return markdown_table(pd.DataFrame(rows))


def default_alpha(comparisons, grid):
    """Fixed α ∈ DEFAULT_ALPHAS as each entry point's default, and the pick.

    The favoured α has the largest (wins − losses) summed over error and
    log-loss across cells; ties go to the larger median log-loss gain.
    """
    entry_points = []
    if "classification" in grid:
        for entry in ENTRY_POINTS:
            entry_points.append(
                (
                    "`MixupSampler`"
                    if entry == "sampler"
                    else "`MixupClassifier` (one fit)",
                    "classification",
                    [f"{entry} α={a:g}" for a in DEFAULT_ALPHAS],
                )
            )
    if "large_mlp" in grid:
        entry_points.append(
            (
                "`MixupClassifier(n_epochs=…)`, large MLP",
                "large_mlp",
                [f"mixup α={a:g}" for a in DEFAULT_ALPHAS],
            )
        )
    rows, picks = [], []
    for label, experiment, arms in entry_points:
        scored = []
        for arm in arms:
            error = across_datasets(comparisons, experiment, "error", arm)
            loss = across_datasets(comparisons, experiment, "log-loss", arm)
            if not error["n"]:
                continue
            net = error["wins"] - error["losses"] + loss["wins"] - loss["losses"]
            scored.append((net, loss["median"], arm))
            rows.append(
                {
                    "entry point": label,
                    "α": arm.rsplit("=", 1)[1],
                    "error vs baseline": counts_text(error),
                    "log-loss vs baseline": counts_text(loss),
                    "wins − losses": net,
                }
            )
        if scored:
            picks.append(f"{label}: α = {max(scored)[2].rsplit('=', 1)[1]}")
    if not rows:
        return "Not run.\n"
    return "\n".join(
        [
            "Fixed α ∈ {0.2, 0.4, 1} against the baseline (ERM, or the plain "
            "large MLP), over (dataset × model) cells. Rule: the favoured α has "
            "the most wins − losses summed over error and log-loss; ties go to "
            "the larger median log-loss gain.",
            "",
            markdown_table(pd.DataFrame(rows)),
            "",
            "**The results favour** " + "; ".join(picks) + ".",
            "",
        ]
    )


def across_section(comparisons, against_l2, grid):
    """Kadra's view for every arm of the large-MLP and label-noise runs."""
    lines = ["## Across datasets", ""]
    for experiment, baseline_name, frame, metrics, noises in (
        (
            "large_mlp",
            "plain",
            comparisons,
            ("balanced accuracy", "error", "log-loss (TS)", "ECE (TS)"),
            (None,),
        ),
        (
            "large_mlp",
            "L2 tuned",
            against_l2,
            ("balanced accuracy", "error", "log-loss (TS)", "ECE (TS)"),
            (None,),
        ),
        (
            "label_noise",
            "plain",
            comparisons,
            ("error", "log-loss"),
            grid["label_noise"].noises if "label_noise" in grid else (),
        ),
    ):
        if experiment not in grid:
            continue
        for noise in noises:
            condition = f", {noise:.0%} flipped labels" if noise else ""
            lines += [f"### {experiment}{condition}, against {baseline_name}", ""]
            rows = []
            for arm in ARMS[experiment]:
                if arm in (baseline_name, BASELINE[experiment]):
                    continue
                row = {"arm": arm}
                for metric in metrics:
                    result = across_datasets(frame, experiment, metric, arm, noise)
                    row[metric] = (
                        counts_text(result) if result["n"] else _why_missing(arm)
                    )
                rows.append(row)
            lines += [markdown_table(pd.DataFrame(rows)), ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Set-up and per-dataset tables
# --------------------------------------------------------------------------


def setup_section(grid):
    lines = [
        "## Set-up",
        "",
        "| dataset | rows used | rows in the table | columns | classes | comes "
        "from | experiments |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    used = {}
    for experiment in grid.experiments:
        for name in experiment.datasets:
            used.setdefault(name, []).append((experiment.name, experiment.max_rows))
    for name, where in used.items():
        rows_used = ", ".join(
            f"{len(load(name, max_rows).y)} ({experiment})"
            for experiment, max_rows in where
        )
        data = load(name)
        classes = "regression" if data.is_regression else str(len(np.unique(data.y)))
        if name in ("caravan", "default"):
            classes = f"2 ({np.mean(data.y == 1):.1%} positive)"
        n_rows, n_columns = full_size(name)
        experiments = ", ".join(dict.fromkeys(e for e, _ in where))
        lines.append(
            f"| {name} | {rows_used} | {n_rows} | {n_columns} | {classes} | "
            f"{data.source} | {experiments} |"
        )
    large = next((e for e in grid.experiments if e.name == "large_mlp"), None)
    lines += [
        "",
        "Every dataset ships inside an installed package; nothing is downloaded. "
        "String columns are one-hot encoded and missing values (credit_data "
        "only) replaced by the column median; every model sees standardised "
        "features (`StandardScaler` fitted on the fit part, before mixup). Tables "
        "larger than an experiment's row cap are subsampled once (stratified, "
        f'seed {SEED}): see "rows used".',
        "",
        f"- Splits: repeated shuffle splits, {1 - TEST_SIZE:.0%} train / "
        f"{TEST_SIZE:.0%} test, stratified for classification, the same for "
        "every arm. In the large-MLP and model-family experiments the training "
        f"split is cut again: {1 - VALIDATION_SIZE:.0%} to fit, "
        f"{VALIDATION_SIZE:.0%} to validate. Tuned arms pick, per split, the "
        "fixed arm of their family with the best validation balanced accuracy "
        "(ties: validation log-loss), so tuning costs no extra fit; temperature "
        "scaling (one T minimising the validation log-loss) is fitted on the "
        "same validation part and gives the (TS) columns.",
        "- Label noise: a fixed share of the *training* labels is flipped to a "
        "different class drawn uniformly (seeded per split); test labels stay "
        "clean; the scores are those of the net at its last epoch.",
    ]
    if large is not None:
        lines.append(
            f"- Large MLP: `MLPClassifier(hidden_layer_sizes={HIDDEN_LAYERS}, "
            f"alpha=0, solver='adam', learning_rate_init=1e-3, batch_size=128, "
            f"max_iter={large.epochs}, early_stopping=False)`, trained for all "
            f"{large.epochs} epochs. Arms: plain; L2 penalty `alpha` ∈ "
            f"{set(L2_GRID)} and the tuned pick among them; "
            f"`MixupClassifier(mlp, alpha=a, n_epochs={large.epochs})` (a fresh "
            "mix every epoch through `partial_fit`, soft labels by weighted "
            "duplication) and the same with `method='cutmix'`, each with its "
            "tuned pick."
        )
    lines += [
        "- Model families: `LogisticRegression(max_iter=2000)`, "
        "`MLPClassifier((64,))`, `HistGradientBoostingClassifier(max_iter=50)`, "
        "`RandomForestClassifier(50)`; arms ERM, `MixupSampler(alpha=a)` in the "
        "pipeline (anchor labels) and `MixupClassifier(model, alpha=a)` (soft "
        "labels, one fit) for a ∈ {0.2, 0.4, 1}, the same with CutMix, and a "
        "tuned pick per entry point.",
        "- Imbalance: no resampling, `SMOTE`, `RandomOverSampler`, "
        "`MixupSampler(sampling_strategy='auto')` with `pairing='within_class'` "
        "(also with `method='cutmix'`) and with `pairing='knn', n_neighbors=5`, "
        "and Remix (`label='remix', kappa=3, tau=0.9, concat=True`).",
        "- Regression: ERM, `MixupSampler(target='regression')` and C-Mixup "
        "(`pairing='label_kernel', bandwidth=0.5`) with `Ridge`, "
        "`MLPRegressor((64,))`, `HistGradientBoostingRegressor`, target "
        "standardised.",
        "- Metrics: error, balanced accuracy, log-loss, top-label ECE (15 bins); "
        "g-mean; RMSE. Per dataset: mean difference and the corrected resampled "
        "t-test (Nadeau & Bengio, 2003), p < 0.05. Across datasets: wins / ties "
        "/ losses, the median difference and the Wilcoxon signed-rank test.",
        "",
        "**Caveats.** With 3 splits the per-dataset test is weak; the Wilcoxon "
        "test over n tables cannot reach p < 0.05 below 6 tables; many "
        "comparisons at p < 0.05 yield some false verdicts (no multiplicity "
        "correction). Hyper-parameters other than α and the L2 penalty are not "
        "tuned.",
        "",
        "**What this run cut:** " + "; ".join(grid.cuts) + ".",
        "",
    ]
    return "\n".join(lines)


def section_table(summary, comparisons, statuses, keys):
    """One cell (experiment, dataset, model, noise): a row per arm."""
    experiment = keys[0]
    metrics = METRICS[experiment]
    rows = []
    for arm in ARMS[experiment]:
        status = statuses.get(arm)
        if status is None:
            continue
        row = {"arm": arm}
        match = summary
        for column, value in zip([*CELL, "arm"], [*keys, arm], strict=True):
            match = match[match[column] == value]
        if match.empty:
            row[metrics[0]] = status
            rows.append(row)
            continue
        stats_row = match.iloc[0]
        for metric in metrics:
            row[metric] = stats_row[metric]
        verdict = comparisons
        for column, value in zip(CELL, keys, strict=True):
            verdict = verdict[verdict[column] == value]
        verdict = verdict[(verdict["arm"] == arm) & (verdict["metric"] == metrics[0])]
        if len(verdict):
            row[f"Δ {metrics[0]}"] = (
                f"{verdict.iloc[0]['difference']:+.3f} {verdict.iloc[0]['verdict']}"
            )
        row["fit s"] = stats_row["fit s"]
        if isinstance(stats_row.get("chosen"), str):
            row["arm"] = f"{arm} (picked: {stats_row['chosen']})"
        rows.append(row)
    columns = ["arm", *metrics, f"Δ {metrics[0]}", "fit s"]
    return markdown_table(pd.DataFrame(rows), columns)


def results_sections(results, summary, comparisons, experiment, title, intro=""):
    """A heading per dataset, model and condition, each with its table."""
    chosen = results[results["experiment"] == experiment]
    if chosen.empty:
        return ""
    lines = [f"## {title}", ""]
    if intro:
        lines += [intro, ""]
    for keys, cell in chosen.groupby(CELL, sort=False):
        _, dataset, model, noise = keys
        condition = f", {noise:.0%} flipped training labels" if noise else ""
        lines += [f"### {dataset} · {short(model)}{condition}", ""]
        statuses = cell.groupby("arm", sort=False)["status"].first().to_dict()
        lines += [section_table(summary, comparisons, statuses, keys), ""]
    return "\n".join(lines)


def speed_section(output_dir, skip, mode):
    """The speed table of ``bench_speed.py`` and a log-log plot of a sweep."""
    lines = ["## Speed", ""]
    if skip:
        return "\n".join([*lines, "Skipped (`--skip-speed`).", ""])
    module, note = speed._bench_speed_module()
    if module is None:
        return "\n".join([*lines, f"Not available: {note}", ""])
    text, source = speed.speed_table(module, mode)
    lines += [f"From {source}:", "", "```", text.rstrip(), "```", ""]
    sweep = speed.speed_sweep(module, mode)
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
        lines += [markdown_table(table), "", "![time against rows](speed.png)", ""]
    return "\n".join(lines)


def unavailable_section(results):
    missing = results[results["status"] != "ok"][["experiment", "arm", "status"]]
    if missing.empty:
        return ""
    missing = missing.drop_duplicates()
    return "\n".join(["## Arms not run", "", markdown_table(missing), ""])


# --------------------------------------------------------------------------
# The whole report
# --------------------------------------------------------------------------

PLOTS = (
    (
        "large_mlp",
        "heatmap",
        ("balanced accuracy", "log-loss (TS)"),
        "large_mlp.png",
        "large MLP: change against the plain net",
    ),
    (
        "label_noise",
        "heatmap",
        ("error",),
        "label_noise.png",
        "label noise: change of test error against the plain large MLP",
    ),
    (
        "classification",
        "heatmap",
        ("error", "log-loss"),
        "classification_clean.png",
        "model families: change against ERM",
    ),
    (
        "imbalance",
        "bars",
        "balanced accuracy",
        "imbalance.png",
        "balanced accuracy (higher is better)",
    ),
    (
        "regression",
        "bars",
        "RMSE",
        "regression.png",
        "RMSE change from ERM, per split (lower is better)",
    ),
    ("paper", "bars", "error", "paper.png", "test error, paper set-up"),
)


def write_report(results, grid, output_dir, wall_seconds, mode, n_jobs, skip_speed):
    """Write evidence.md, evidence_raw.csv and the PNG plots; return the text."""
    output_dir.mkdir(parents=True, exist_ok=True)
    results = add_tuned_arms(results)
    summary = summarise(results)
    comparisons = compare(results)
    against_l2 = compare(results, baselines={"large_mlp": "L2 tuned"})
    against_l2 = against_l2[against_l2["experiment"] == "large_mlp"]
    against_smote = compare(results, baselines={"imbalance": "SMOTE"})
    against_smote = against_smote[against_smote["experiment"] == "imbalance"]
    images = {}
    for experiment, kind, metrics, name, title in PLOTS:
        if not (results[results["experiment"] == experiment]["status"] == "ok").any():
            continue
        if kind == "heatmap":
            arms = [a for a in ARMS[experiment] if a != BASELINE[experiment]]
            plot_heatmap(
                comparisons, experiment, metrics, arms, output_dir / name, title
            )
        else:
            plot_bars(
                results,
                experiment,
                metrics,
                ARMS[experiment],
                output_dir / name,
                title,
                relative=experiment == "regression",
            )
        images[experiment] = f"![{title}]({name})"
    command = "python -m benchmarks.evidence" + (" --quick" if mode == "quick" else "")
    cpu_minutes = results.get("cpu seconds", pd.Series(dtype=float)).sum() / 60
    header = (
        "# Evidence: when does mixup help?\n\n"
        f"{SUPERSEDED}\n"
        f"Generated by `{command}` ({mode} mode) on {datetime.date.today()} from "
        f"{_git_commit()}: {int(results['fit seconds'].notna().sum())} fits in "
        f"{wall_seconds / 60:.1f} min of wall time on {n_jobs} worker(s) "
        f"({cpu_minutes:.1f} CPU-min fitting); mixup-sklearn "
        f"{mixup_sklearn.__version__}, scikit-learn "
        f"{importlib.import_module('sklearn').__version__}, imbalanced-learn "
        f"{importlib.import_module('imblearn').__version__}, NumPy "
        f"{np.__version__}, Python {platform.python_version()}.\n"
    )
    sections = [
        ("large_mlp", "Large MLP: the over-parametrised regime (Kadra et al., 2021)"),
        ("label_noise", "Label noise with the large MLP"),
        ("classification", "Model families: sampler and soft labels"),
        ("paper", "Paper set-up (Zhang et al., 2018)"),
        ("imbalance", "Imbalance: mixup and CutMix balancing against SMOTE"),
        ("regression", "Regression: random pairs and C-Mixup"),
    ]
    parts = [
        header,
        "## Summary\n",
        "\n".join(in_short(comparisons, against_l2, against_smote, grid)),
        "### What to use\n",
        "Derived from the across-dataset statistics by one rule: an arm is "
        "recommended over its baseline only if the Wilcoxon signed-rank test "
        "over datasets finds it better (p < 0.05, positive median) and the "
        "corrected t-test finds it significantly worse on no dataset; among "
        "such arms, the one with the largest median gain. Otherwise the "
        "baseline.\n",
        what_to_use(comparisons, grid) + "\n",
        "## Default alpha\n",
        default_alpha(comparisons, grid),
        across_section(comparisons, against_l2, grid),
        setup_section(grid),
    ]
    for experiment, title in sections:
        intro = images.get(experiment, "")
        if experiment == "paper":
            intro = f"**The claim.** {PAPER_CLAIM}\n\n{intro}"
        parts.append(
            results_sections(results, summary, comparisons, experiment, title, intro)
        )
    parts += [speed_section(output_dir, skip_speed, mode), unavailable_section(results)]
    text = "\n".join(part for part in parts if part)
    (output_dir / "evidence.md").write_text(text, encoding="utf-8")
    results.to_csv(output_dir / "evidence_raw.csv", index=False)
    return text


def _git_commit():
    """The commit of the code that ran, flagged if its sources were edited."""
    sources = [
        "mixup_sklearn",
        "benchmarks/evidence",
        "benchmarks/*.py",
        "pyproject.toml",
    ]
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        edited = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "-uno", "--", *sources],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "an unknown commit"
    return f"commit {commit}" + (" + uncommitted edits" if edited else "")
