"""The pilot that applies the informative-table rule and the leakage check.

PREREGISTRATION.md §4: clean labels, split 0, early-stopped ERM. A table is
kept if its validation error is at most 0.8 × the validation error of the
training split's majority class. Judged on validation rows only, never test.
"""

from __future__ import annotations

import json
import time

import numpy as np
from sklearn.model_selection import cross_val_score
from sklearn.tree import DecisionTreeClassifier

from .tables import load, make_split, preprocessor
from .trainer import fit

KEEP_RATIO = 0.8
LEAK_ACCURACY = 0.98


def leaking_columns(table, split):
    """Columns that alone predict the target (≥ 0.98 accuracy, above majority)."""
    rows = split.rows["train"]
    y = table.y[rows]
    majority = np.bincount(y).max() / len(y)
    flagged = []
    for column in table.frame.columns:
        frame = table.frame.iloc[rows][[column]]
        X = preprocessor(frame).fit_transform(frame)
        tree = DecisionTreeClassifier(max_depth=3, random_state=0)
        accuracy = cross_val_score(tree, X, y, cv=3).mean()
        if accuracy >= LEAK_ACCURACY and accuracy > majority:
            flagged.append((column, round(float(accuracy), 4)))
    return flagged


def pilot_table(spec, epochs, max_rows):
    """One table's pilot row."""
    start = time.perf_counter()
    table = load(spec)
    split = make_split(table, 0, "clean", max_rows)
    result = fit(split, "erm", None, epochs, seed=0)
    majority = np.bincount(split.y["train"], minlength=table.n_classes).argmax()
    majority_error = float(np.mean(split.y["val"] != majority))
    val_error = float(result.val_error[result.best_epoch - 1])
    return {
        "table": spec.name,
        "source": spec.source,
        "rows": len(table.y),
        "classes": table.n_classes,
        "features_after_encoding": int(split.X["train"].shape[1]),
        "best_epoch": result.best_epoch,
        "val_error_erm": round(val_error, 4),
        "val_error_majority": round(majority_error, 4),
        "ratio": round(val_error / majority_error, 4),
        "keep": bool(val_error <= KEEP_RATIO * majority_error),
        "leaking_columns": leaking_columns(table, split),
        "seconds": round(time.perf_counter() - start, 1),
    }


def write_pilot(rows, out_dir, epochs, command):
    """pilot.json and pilot.md."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "pilot.json").write_text(json.dumps(rows, indent=1))
    lines = [
        "# Pilot: the informative-table rule and the leakage check",
        "",
        f"`{command}`; clean labels, split 0, early-stopped ERM ({epochs} epochs). "
        f"Kept if the validation error is at most {KEEP_RATIO} × that of the "
        "training split's majority class (PREREGISTRATION.md §4). Validation rows "
        "only; no test row was looked at. Leakage: each column alone, a depth-3 "
        f"tree, 3-fold accuracy on the training rows; flagged at ≥ {LEAK_ACCURACY}.",
        "",
        "| table | rows | classes | features | best epoch | val error ERM "
        "| val error majority | ratio | kept | leaking columns |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        leaks = ", ".join(f"{c} ({a})" for c, a in row["leaking_columns"]) or "none"
        lines.append(
            f"| {row['table']} | {row['rows']} | {row['classes']} "
            f"| {row['features_after_encoding']} | {row['best_epoch']} "
            f"| {row['val_error_erm']:.4f} | {row['val_error_majority']:.4f} "
            f"| {row['ratio']:.3f} | {'yes' if row['keep'] else '**no**'} | {leaks} |"
        )
    kept = [row["table"] for row in rows if row["keep"]]
    lines += ["", f"Kept ({len(kept)}): {', '.join(kept)}.", ""]
    (out_dir / "pilot.md").write_text("\n".join(lines))
    return kept
