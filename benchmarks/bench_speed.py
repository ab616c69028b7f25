"""Speed and memory of ``MixupSampler.fit_resample`` against its floor.

For each size, three contenders are timed alternately in one process and the
median of the repeats is reported:

- ``floor``: what any mixup must do at least: draw the partner indices and λ,
  and gather the partner rows once with ``np.take(X, partners, axis=0)``;
- ``naive``: the recipe found in tutorials: ``sklearn.utils.shuffle`` the
  data, then blend the whole arrays with broadcasting;
- ``MixupSampler``: ``fit_resample`` with the defaults (validation included).

Targets (issue 2): MixupSampler at most 2.0× the floor (ambition 1.25×) and
never slower than the naive recipe; peak memory allocated inside
``fit_resample`` at most 1.25× the arrays it returns; sparse CSR input of
100,000 × 10,000 at 0.1% density resampled in seconds, never densified.

CutMix (issue 12): ``fit_resample`` with ``method="cutmix"`` is timed against
``method="mixup"`` and the floor at 200,000 × 100 and 1,000,000 × 10, with
the same peak-memory measure; its targets are those of the blend.

The class-balancing comparison against SMOTE (issue 3) lives in
``bench_balancing.py`` and runs after these tables unless ``--no-balancing``.
:func:`scaling_rows` times every contender, SMOTE included, across sizes; the
evidence report uses it for its log-log plot.

Run: ``python benchmarks/bench_speed.py`` (``--quick`` for small sizes).
"""

import argparse
import statistics
import time
import tracemalloc

import bench_balancing
import numpy as np
from imblearn.over_sampling import SMOTE
from scipy import sparse
from sklearn.utils import check_random_state, shuffle

from mixup_sklearn import MixupSampler

DENSE_SIZES = [(200_000, 100), (1_000_000, 20)]
QUICK_SIZES = [(20_000, 100), (100_000, 20)]
CUTMIX_SIZES = [(200_000, 100), (1_000_000, 10)]
QUICK_CUTMIX_SIZES = [(20_000, 100), (100_000, 10)]


def floor(X, y, alpha=1.0, random_state=0):
    """The least work of any mixup: draw partners and λ, gather rows once."""
    rng = check_random_state(random_state)
    n = len(X)
    lambdas = rng.beta(alpha, alpha, n)
    partners = rng.randint(0, n, n)
    return np.take(X, partners, axis=0), lambdas


def naive(X, y, alpha=1.0, random_state=0):
    """The tutorial recipe: shuffle, then blend the whole arrays."""
    rng = check_random_state(random_state)
    X_perm, y_perm = shuffle(X, y, random_state=rng)
    lambdas = rng.beta(alpha, alpha, len(X))
    X_mixed = lambdas[:, np.newaxis] * X + (1 - lambdas[:, np.newaxis]) * X_perm
    return X_mixed, lambdas * y + (1 - lambdas) * y_perm


def sampler(X, y, alpha=1.0, random_state=0):
    """The library: MixupSampler.fit_resample with the defaults."""
    return MixupSampler(alpha=alpha, random_state=random_state).fit_resample(X, y)


def cutmix(X, y, alpha=1.0, random_state=0):
    """The library's CutMix: MixupSampler(method="cutmix").fit_resample."""
    return MixupSampler(
        alpha=alpha, method="cutmix", random_state=random_state
    ).fit_resample(X, y)


CONTENDERS = {"floor": floor, "naive": naive, "MixupSampler": sampler}
CUTMIX_CONTENDERS = {"floor": floor, "mixup": sampler, "cutmix": cutmix}


def time_contenders(X, y, repeats, contenders=CONTENDERS):
    """Median seconds of each contender, timed alternately."""
    times = {name: [] for name in contenders}
    for _ in range(repeats):
        for name, func in contenders.items():
            start = time.perf_counter()
            func(X, y)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def peak_memory_ratio(X, y, method="mixup"):
    """Peak bytes allocated inside fit_resample over the bytes it returns."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    X_res, y_res = MixupSampler(method=method, random_state=0).fit_resample(X, y)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / (X_res.nbytes + y_res.nbytes)


def dense_rows(sizes, repeats):
    """One result row per dense size."""
    rows = []
    for n_rows, n_features in sizes:
        rng = np.random.RandomState(0)
        X = rng.normal(size=(n_rows, n_features))
        y = rng.randint(0, 2, n_rows)
        times = time_contenders(X, y, repeats)
        rows.append(
            {
                "rows": n_rows,
                "features": n_features,
                **times,
                "vs_floor": times["MixupSampler"] / times["floor"],
                "vs_naive": times["MixupSampler"] / times["naive"],
                "peak_memory": peak_memory_ratio(X, y),
            }
        )
    return rows


def cutmix_rows(sizes, repeats):
    """One result row per dense size: CutMix against mixup and the floor."""
    rows = []
    for n_rows, n_features in sizes:
        rng = np.random.RandomState(0)
        X = rng.normal(size=(n_rows, n_features))
        y = rng.randint(0, 2, n_rows)
        times = time_contenders(X, y, repeats, CUTMIX_CONTENDERS)
        rows.append(
            {
                "rows": n_rows,
                "features": n_features,
                **times,
                "vs_mixup": times["cutmix"] / times["mixup"],
                "vs_floor": times["cutmix"] / times["floor"],
                "peak_memory": peak_memory_ratio(X, y, method="cutmix"),
                "mixup_peak_memory": peak_memory_ratio(X, y),
            }
        )
    return rows


def print_cutmix_report(rows):
    """The CutMix table: seconds, ratios and peak memory over the output."""
    print("CutMix, dense float64, median of alternating repeats (seconds)")
    print(
        f"{'rows × features':>18} {'floor':>8} {'mixup':>8} {'cutmix':>8}"
        f" {'×mixup':>7} {'×floor':>7} {'peak mem':>9} {'(mixup)':>8}"
    )
    for row in rows:
        print(
            f"{row['rows']:>10,} × {row['features']:<5} {row['floor']:>8.3f}"
            f" {row['mixup']:>8.3f} {row['cutmix']:>8.3f}"
            f" {row['vs_mixup']:>7.2f} {row['vs_floor']:>7.2f}"
            f" {row['peak_memory']:>8.2f}× {row['mixup_peak_memory']:>7.2f}×"
        )
    print("targets (those of the blend): ×floor <= 2.0, peak mem <= 1.25×")


def sparse_row(n_rows=100_000, n_features=10_000, density=0.001):
    """Time and output of a sparse CSR resampling."""
    X = sparse.random(n_rows, n_features, density=density, format="csr", random_state=0)
    y = np.arange(n_rows) % 2
    start = time.perf_counter()
    X_res, _ = MixupSampler(random_state=0).fit_resample(X, y)
    seconds = time.perf_counter() - start
    return {
        "shape": f"{n_rows:,} × {n_features:,} at {density:.1%}",
        "seconds": seconds,
        "sparse_out": sparse.issparse(X_res) and X_res.format == "csr",
        "nnz_in": X.nnz,
        "nnz_out": X_res.nnz,
    }


def scaling_rows(sizes=(1_000, 10_000, 100_000), n_features=20, repeats=3):
    """Median seconds of each contender, and of SMOTE, across sizes.

    Binary data with a 10% minority class. ``floor``, ``naive`` and
    ``MixupSampler`` augment as above; ``SMOTE`` and ``mixup balancing``
    (``sampling_strategy="auto"``, within-class pairing) produce the same
    balanced class counts.
    """
    rows = []
    for n_rows in sizes:
        rng = np.random.RandomState(0)
        X = rng.normal(size=(n_rows, n_features))
        y = (np.arange(n_rows) % 10 == 0).astype(int)
        times = time_contenders(X, y, repeats)
        balancers = {
            "SMOTE": SMOTE(random_state=0),
            "mixup balancing": MixupSampler(
                sampling_strategy="auto", pairing="within_class", random_state=0
            ),
        }
        for name, balancer in balancers.items():
            seconds = []
            for _ in range(repeats):
                start = time.perf_counter()
                balancer.fit_resample(X, y)
                seconds.append(time.perf_counter() - start)
            times[name] = statistics.median(seconds)
        rows.append({"rows": n_rows, "features": n_features, **times})
    return rows


def print_report(rows, sparse_result):
    """Print the tables that go into the closing note."""
    print("Dense float64, median of alternating repeats (seconds)")
    header = (
        f"{'rows × features':>18} {'floor':>8} {'naive':>8} {'Mixup':>8}"
        f" {'×floor':>7} {'×naive':>7} {'peak mem':>9}"
    )
    print(header)
    for row in rows:
        print(
            f"{row['rows']:>10,} × {row['features']:<5} {row['floor']:>8.3f}"
            f" {row['naive']:>8.3f} {row['MixupSampler']:>8.3f}"
            f" {row['vs_floor']:>7.2f} {row['vs_naive']:>7.2f}"
            f" {row['peak_memory']:>8.2f}×"
        )
    print("targets: ×floor <= 2.0 (ambition 1.25), ×naive <= 1.0, peak mem <= 1.25×")
    print()
    print(
        f"Sparse CSR {sparse_result['shape']}: {sparse_result['seconds']:.2f} s, "
        f"output sparse CSR: {sparse_result['sparse_out']}, "
        f"nnz {sparse_result['nnz_in']:,} in → {sparse_result['nnz_out']:,} out"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument(
        "--no-balancing", action="store_true", help="skip the SMOTE comparison"
    )
    parser.add_argument(
        "--cutmix-only", action="store_true", help="only the CutMix table"
    )
    args = parser.parse_args(argv)
    cutmix_sizes = QUICK_CUTMIX_SIZES if args.quick else CUTMIX_SIZES
    if args.cutmix_only:
        print_cutmix_report(cutmix_rows(cutmix_sizes, args.repeats))
        return None
    sizes = QUICK_SIZES if args.quick else DENSE_SIZES
    rows = dense_rows(sizes, args.repeats)
    sparse_result = sparse_row(n_rows=10_000 if args.quick else 100_000)
    print_report(rows, sparse_result)
    print()
    print_cutmix_report(cutmix_rows(cutmix_sizes, args.repeats))
    if not args.no_balancing:
        print()
        bench_balancing.bench_balancing(max(1, args.repeats // 2))
        bench_balancing.bench_label_kernel(max(1, args.repeats // 4))
    return rows, sparse_result


if __name__ == "__main__":
    main()
