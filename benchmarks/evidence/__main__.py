"""The command line: ``python -m benchmarks.evidence [--quick]``."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from .datasets import LOADERS
from .grids import FULL, QUICK, make_tasks, restrict
from .report import write_report
from .tasks import run_all

RESULTS = Path(__file__).resolve().parents[1] / "results"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.evidence",
        description="Evidence: when does mixup help? Writes evidence.md and PNGs.",
    )
    parser.add_argument("--quick", action="store_true", help="a smaller grid, < 2 min")
    parser.add_argument(
        "--output-dir",
        type=Path,
        help="where to write (default: benchmarks/results/, or a new temporary "
        "folder with --quick)",
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
    datasets = None if args.datasets is None else set(args.datasets.split(","))
    if datasets is not None and not datasets <= set(LOADERS):
        unknown = ", ".join(sorted(datasets - set(LOADERS)))
        raise SystemExit(
            f"--datasets: unknown {unknown}; choose from {', '.join(LOADERS)}"
        )
    output_dir = args.output_dir
    if output_dir is None:
        output_dir = (
            Path(tempfile.mkdtemp(prefix="mixup-evidence-")) if args.quick else RESULTS
        )
    grid = restrict(
        QUICK if args.quick else FULL, datasets, args.repeats, args.max_rows
    )
    start = time.perf_counter()
    results = run_all(make_tasks(grid), args.n_jobs, progress=not args.no_progress)
    wall = time.perf_counter() - start
    mode = "quick" if args.quick else "full"
    write_report(results, grid, output_dir, wall, mode, args.n_jobs, args.skip_speed)
    total = time.perf_counter() - start
    print(
        f"wrote {output_dir / 'evidence.md'}: fits {wall / 60:.1f} min, "
        f"with the speed table and the report {total / 60:.1f} min"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
