"""MixupSampler on Dask arrays, on a LocalCluster of 1 and 2 workers.

For each cluster (1 thread per worker, worker processes on localhost), rows
of 10 float32 features (and 0/1 labels) are generated lazily in blocks of
250,000 rows, and two passes are timed, each ending in a sum so that nothing
is gathered:

- ``plain``: the data through an identity ``map_blocks``, then the sum;
- ``mixup``: ``MixupSampler(random_state=0).fit_resample(X, y)`` (its pass over
  y for the class counts included), then the sum of the mixed rows.

Then a Parquet directory of the same size goes through the command line
(``mixup-sklearn augment DIR --target y --output OUT``, Dask's local threaded
scheduler).

Targets (issue 14): mixup at most 2.5× the plain pass at 2·10^7 rows
(ambition 1.5×); 2 workers at least 1.4× faster than 1 (ambition 1.8×);
10^8 rows complete within the workers' memory limit (``--large``): the
table gives the peak of the workers' process memory during the mixup pass,
as a share of their memory limit (Dask starts spilling at 60%).

Timings on a shared machine are noisy: run it when the cores are idle.

Run: ``python benchmarks/bench_dask.py`` (``--large`` for 10^8 rows,
``--no-cli`` to skip the Parquet pass, ``--rows N`` for another size,
``--alpha A`` for another α than the sampler's default).
"""

import argparse
import functools
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dask
import dask.array as da
import dask.dataframe as dd
import numpy as np
from dask.distributed import Client, LocalCluster
from distributed.diagnostics import MemorySampler

from mixup_sklearn import MixupSampler

BLOCK_ROWS = 250_000
N_FEATURES = 10


def lazy_data(n_rows):
    """X (float32) and y (0/1), generated block by block when computed."""
    chunks = (BLOCK_ROWS, N_FEATURES)
    X = da.random.RandomState(0).random_sample((n_rows, N_FEATURES), chunks=chunks)
    X = X.astype(np.float32)
    y = da.random.RandomState(1).randint(0, 2, n_rows, chunks=BLOCK_ROWS)
    return X, y


def plain_pass(n_rows):
    X, _ = lazy_data(n_rows)
    return X.map_blocks(lambda block: block, dtype=X.dtype).sum()


def mixup_pass(n_rows, alpha=None):
    """``MixupSampler`` at ``alpha`` (None: its default) and the sum."""
    X, y = lazy_data(n_rows)
    sampler = MixupSampler(random_state=0)
    if alpha is not None:
        sampler.set_params(alpha=alpha)
    X_res, _ = sampler.fit_resample(X, y)
    return X_res.sum()


def timed(client, build, n_rows, sampler, label):
    """Seconds to compute ``build(n_rows)``; the workers' process memory is
    sampled meanwhile under ``label``."""
    start = time.perf_counter()
    with sampler.sample(label, client=client, measure="process", interval=0.5):
        client.compute(build(n_rows), sync=True)
    return time.perf_counter() - start


def peak_memory(sampler, label):
    """Peak of the workers' summed process memory, in bytes."""
    return float(sampler.to_pandas()[label].max())


def cluster_table(n_rows, repeats, alpha=None):
    rows = []
    for n_workers in (1, 2):
        with (
            LocalCluster(
                n_workers=n_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                host="127.0.0.1",
            ) as cluster,
            Client(cluster) as client,
        ):
            memory = MemorySampler()
            limit = sum(
                w["memory_limit"] for w in client.scheduler_info()["workers"].values()
            )
            times = {"plain": [], "mixup": []}
            for _ in range(repeats):
                # Alternate, so that a burst of load elsewhere hits both.
                for name, build in (
                    ("plain", plain_pass),
                    ("mixup", functools.partial(mixup_pass, alpha=alpha)),
                ):
                    label = f"{name}-{len(times[name])}"
                    times[name].append(timed(client, build, n_rows, memory, label))
            plain, mixed = min(times["plain"]), min(times["mixup"])
            peak = peak_memory(memory, "mixup-0")
            rows.append((n_workers, plain, mixed, peak / limit))
    shown = MixupSampler().alpha if alpha is None else alpha
    print(
        f"\n{n_rows:,} rows × {N_FEATURES} float32, blocks of {BLOCK_ROWS:,} rows, "
        f"α = {shown:g}"
    )
    print(
        f"{'workers':>7}  {'plain s':>8}  {'mixup s':>8}  {'mixup/plain':>11}  "
        f"{'peak memory / limit':>19}"
    )
    for n_workers, plain, mixed, peak in rows:
        print(
            f"{n_workers:>7}  {plain:>8.2f}  {mixed:>8.2f}  {mixed / plain:>10.2f}×  "
            f"{peak:>18.0%}"
        )
    speedup = rows[0][2] / rows[1][2]
    print(f"mixup, 2 workers vs 1: {speedup:.2f}× faster")
    return rows


def cli_table(n_rows):
    """A Parquet directory of ``n_rows`` rows through ``mixup-sklearn augment``."""
    import pandas as pd

    directory = Path(tempfile.mkdtemp(prefix="bench-dask-"))
    try:
        source = directory / "train"
        X, y = lazy_data(n_rows)
        frame = dd.from_dask_array(X, columns=[f"x{k}" for k in range(N_FEATURES)])
        frame = frame.assign(y=dd.from_dask_array(y, index=frame.index))
        with dask.config.set(scheduler="threads"):
            frame.to_parquet(source, write_index=False)
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "mixup_sklearn",
                "augment",
                str(source),
                "--target",
                "y",
                "--random-state",
                "0",
                "--output",
                str(directory / "mixed"),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        elapsed = time.perf_counter() - start
        n_out = len(pd.read_parquet(directory / "mixed", columns=["y"]))
        n_files = len(list(source.iterdir()))
        print(
            f"\nCLI: {n_rows:,} rows in {n_files} Parquet files -> {n_out:,} mixed "
            f"rows in {elapsed:.1f} s (threaded scheduler, start-up included)"
        )
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=20_000_000)
    parser.add_argument("--large", action="store_true", help="10^8 rows as well")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--no-cli", action="store_true")
    parser.add_argument(
        "--alpha", type=float, default=None, help="default: MixupSampler's"
    )
    args = parser.parse_args()
    cluster_table(args.rows, args.repeats, args.alpha)
    if args.large:
        cluster_table(100_000_000, 1, args.alpha)
    if not args.no_cli:
        cli_table(args.rows)


if __name__ == "__main__":
    main()
