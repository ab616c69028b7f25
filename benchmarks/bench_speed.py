"""Speed and memory of ``MixupSampler.fit_resample`` and ``mixup_batches``.

For each size, three contenders are timed alternately in one process and the
median of the repeats is reported:

- ``floor``: what any mixup must do at least: draw the partner indices and λ
  (uniforms: α = 1), and gather the partner rows once with
  ``np.take(X, partners, axis=0)``;
- ``naive``: the recipe found in tutorials: ``sklearn.utils.shuffle`` the
  data, then blend the whole arrays with broadcasting;
- ``MixupSampler``: ``fit_resample`` with the defaults (validation included).

Targets (issues 2 and 13): MixupSampler at most 1.5× the floor (ambition
1.25×) and never slower than the naive recipe; peak memory allocated inside
``fit_resample`` at most 1.25× the arrays it returns; sparse CSR input of
100,000 × 10,000 at 0.1% density resampled in seconds, never densified.

CutMix (issue 12): ``fit_resample`` with ``method="cutmix"`` is timed against
``method="mixup"`` and the floor at 200,000 × 100 and 1,000,000 × 10, with
the same peak-memory measure; its targets are those of the blend.

``mixup_batches`` (issue 13) is timed against the naive NumPy loop (per
batch: gather the rows, one-hot labels, per-sample λ, a permutation, one
broadcast blend) on 200,000 × 50 float32 rows, 10 classes, α = 0.2, one
epoch, at batch sizes 16, 128 and 1024: target at least as fast (ambition
1.5×). Then its memory on a 2 GB ``np.memmap`` written to a temporary
directory (deleted afterwards): the growth of anonymous memory must be a
few batches, not the file.

Timings are process CPU time (``time.process_time``), medians of
alternating repeats, so that other processes on a shared machine slow the
contenders alike; compare the ratios, measured in the same process.

The class-balancing comparison against SMOTE (issue 3) lives in
``bench_balancing.py`` and runs after these tables unless ``--no-balancing``.
:func:`scaling_rows` times every contender, SMOTE included, across sizes; the
evidence report uses it for its log-log plot.

Run: ``python benchmarks/bench_speed.py`` (``--quick`` for small sizes).
"""

import argparse
import collections
import functools
import os
import shutil
import statistics
import tempfile
import time
import tracemalloc

import bench_balancing
import numpy as np
from imblearn.over_sampling import SMOTE
from scipy import sparse
from sklearn.utils import check_random_state, shuffle

from mixup_sklearn import MixupSampler, mixup_batches
from mixup_sklearn._mixing import (
    _JOHNK_SAFE_ALPHA,
    draw_lambdas,
    draw_swap_mask,
    mix,
)
from mixup_sklearn._pairing import draw_partners, stack_pairs

DENSE_SIZES = [(200_000, 100), (1_000_000, 10)]
QUICK_SIZES = [(20_000, 100), (100_000, 10)]
BATCH_SIZES = [16, 128, 1024]


def floor(X, y, alpha=1.0, random_state=0):
    """The least work of any mixup: draw partners and λ, gather rows once."""
    # Beta(1, 1) is the uniform: the cheapest exact draw of λ at α = 1.
    assert alpha == 1
    rng = check_random_state(random_state)
    n = len(X)
    lambdas = np.random.default_rng(random_state).random(n)
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
            start = time.process_time()
            func(X, y)
            times[name].append(time.process_time() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def peak_memory_ratio(X, y, method="mixup"):
    """Peak bytes allocated inside fit_resample over the bytes it returns."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    X_res, y_res = MixupSampler(method=method, random_state=0).fit_resample(X, y)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / (X_res.nbytes + y_res.nbytes)


def dense_data(n_rows, n_features):
    """The seeded float64 table and binary labels that every dense row times."""
    rng = np.random.RandomState(0)
    return rng.normal(size=(n_rows, n_features)), rng.randint(0, 2, n_rows)


def dense_rows(sizes, repeats):
    """One result row per dense size."""
    rows = []
    for n_rows, n_features in sizes:
        X, y = dense_data(n_rows, n_features)
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
        X, y = dense_data(n_rows, n_features)
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


def lambda_rows(n_weights=250_000, alphas=(0.2, 0.4, 1.0, 4.0), repeats=7):
    """Seconds to draw ``n_weights`` folded λ: NumPy's two Beta samplers
    against the library's ``draw_lambdas``, with the path it takes."""
    rows = []
    for alpha in alphas:
        contenders = {
            "RandomState.beta": lambda a=alpha: np.random.RandomState(0).beta(
                a, a, n_weights
            ),
            "Generator.beta": lambda a=alpha: np.random.default_rng(0).beta(
                a, a, n_weights
            ),
            "draw_lambdas": lambda a=alpha: draw_lambdas(
                a, n_weights, np.random.RandomState(0)
            ),
        }
        times = {name: [] for name in contenders}
        for _ in range(repeats):
            for name, draw in contenders.items():
                start = time.perf_counter()
                draw()
                times[name].append(time.perf_counter() - start)
        path = (
            "uniform"
            if alpha == 1
            else "Generator.beta"
            if alpha > 1
            else "Jöhnk, vectorised"
            if alpha >= _JOHNK_SAFE_ALPHA
            else "log space"
        )
        rows.append(
            {
                "alpha": alpha,
                "path": path,
                **{name: statistics.median(v) for name, v in times.items()},
            }
        )
    return rows


def print_lambdas(rows, n_weights=250_000):
    print(f"λ ~ Beta(α, α), {n_weights:,} folded weights: median milliseconds")
    print(
        f"{'α':>5} {'RandomState':>12} {'Generator':>10} {'library':>8}"
        f" {'×Generator':>11}  library path"
    )
    for row in rows:
        print(
            f"{row['alpha']:>5g} {row['RandomState.beta'] * 1e3:>12.2f}"
            f" {row['Generator.beta'] * 1e3:>10.2f} {row['draw_lambdas'] * 1e3:>8.2f}"
            f" {row['draw_lambdas'] / row['Generator.beta']:>10.2f}×  {row['path']}"
        )


def _phases(X, y):
    """The phases of ``fit_resample`` at α = 1, each a function, and the
    floor's gather."""
    n_rows = len(X)
    sampler = MixupSampler(alpha=1.0, random_state=0)
    anchors = np.arange(n_rows)

    def draws():
        random_state = np.random.RandomState(0)
        lambdas = draw_lambdas(1.0, n_rows, random_state)
        partners = draw_partners("random", anchors, random_state, n_rows=n_rows)
        return stack_pairs(anchors, partners, n_rows), lambdas

    pairs, lambdas = draws()
    return {
        "validation": lambda: sampler._validate(X, y),
        "draws": draws,
        "blend": lambda: mix(X, pairs, lambdas),
        "gather": lambda: np.take(X, pairs[:, 1], axis=0),
    }


def split_rows(sizes, repeats):
    """Where ``fit_resample``'s time goes, phase by phase (α = 1), next to the
    floor's one gather: validation, the draws of λ and partners, the blend."""
    rows = []
    for n_rows, n_features in sizes:
        phases = _phases(*dense_data(n_rows, n_features))
        times = {name: [] for name in phases}
        for _ in range(repeats):
            for name, phase in phases.items():
                start = time.process_time()
                phase()
                times[name].append(time.process_time() - start)
        rows.append(
            {
                "rows": n_rows,
                "features": n_features,
                **{name: statistics.median(v) for name, v in times.items()},
            }
        )
    return rows


def print_split(rows):
    print("fit_resample, phase by phase (α = 1): CPU milliseconds, medians")
    print(
        f"{'rows × features':>18} {'validation':>10} {'draws':>7} {'blend':>7}"
        f" {'gather':>7} {'blend/gather':>13}"
    )
    for row in rows:
        print(
            f"{row['rows']:>10,} × {row['features']:<5}"
            f" {row['validation'] * 1e3:>10.1f} {row['draws'] * 1e3:>7.1f}"
            f" {row['blend'] * 1e3:>7.1f} {row['gather'] * 1e3:>7.1f}"
            f" {row['blend'] / row['gather']:>12.2f}×"
        )
    print(
        "gather: the floor's one np.take of the partner rows; the blend does"
        " it too, then streams X and makes three passes of arithmetic"
    )


def kernel_rows(sizes, repeats, sparse_shape=(100_000, 1_000), density=0.01):
    """CPU seconds of the kernel alone at α = 1: the blend (``mix``) of dense
    rows in float16, float32 and float64 and of a CSR matrix, and CutMix's
    cell draw (``draw_swap_mask``) for the same rows; what the overflow guard
    and the exact cell count cost, measured before and after them."""
    rows = []
    shapes = [*sizes, sparse_shape]
    for n_rows, n_features in shapes:
        is_sparse = (n_rows, n_features) == sparse_shape
        if is_sparse:
            tables = {
                "csr": sparse.random(
                    n_rows, n_features, density=density, format="csr", random_state=0
                )
            }
        else:
            X = dense_data(n_rows, n_features)[0]
            tables = {
                str(np.dtype(dtype)): X.astype(dtype)
                for dtype in (np.float16, np.float32, np.float64)
            }
        random_state = np.random.RandomState(0)
        anchors = np.arange(n_rows)
        lambdas = draw_lambdas(1.0, n_rows, random_state)
        partners = draw_partners("random", anchors, random_state, n_rows=n_rows)
        pairs = stack_pairs(anchors, partners, n_rows)
        contenders = {
            name: functools.partial(mix, X, pairs, lambdas)
            for name, X in tables.items()
        }
        if not is_sparse:
            contenders["cells"] = functools.partial(
                draw_swap_mask, lambdas, n_features, np.random.RandomState(0)
            )
        times = {name: [] for name in contenders}
        for _ in range(repeats):
            for name, func in contenders.items():
                start = time.process_time()
                func()
                times[name].append(time.process_time() - start)
        for name, values in times.items():
            rows.append(
                {
                    "rows": n_rows,
                    "features": n_features,
                    "what": "CutMix cells" if name == "cells" else f"blend {name}",
                    "seconds": statistics.median(values),
                }
            )
    return rows


def print_kernel(rows):
    print("The kernel alone, α = 1: CPU milliseconds, medians of alternating repeats")
    print(f"{'rows × features':>18} {'what':>15} {'ms':>8}")
    for row in rows:
        print(
            f"{row['rows']:>10,} × {row['features']:<5} {row['what']:>15}"
            f" {row['seconds'] * 1e3:>8.1f}"
        )


def naive_batches(X, y, batch_size, alpha=0.2, n_classes=10, random_state=0):
    """The hand-written loop that mixup_batches replaces, one epoch."""
    rng = np.random.default_rng(random_state)
    eye = np.eye(n_classes, dtype=X.dtype)
    order = rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        rows = order[start : start + batch_size]
        X_batch, Y_batch = X[rows], eye[y[rows]]
        lam = rng.beta(alpha, alpha, len(rows)).astype(X.dtype)[:, np.newaxis]
        partners = rng.permutation(len(rows))
        X_mixed = lam * X_batch + (1 - lam) * X_batch[partners]
        Y_mixed = lam * Y_batch + (1 - lam) * Y_batch[partners]
    return X_mixed, Y_mixed


def library_batches(X, y, batch_size, alpha=0.2, random_state=0):
    """mixup_batches over one epoch."""
    batches = mixup_batches(
        X, y, batch_size=batch_size, alpha=alpha, random_state=random_state
    )
    return collections.deque(batches, maxlen=1).pop()


def batch_rows(n_rows, repeats, n_features=50, n_classes=10):
    """Rows per second of mixup_batches and of the naive loop, per batch size."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((n_rows, n_features), dtype=np.float32)
    y = rng.integers(0, n_classes, n_rows)
    rows = []
    for batch_size in BATCH_SIZES:
        times = {"naive": [], "mixup_batches": []}
        for _ in range(repeats):
            for name, func in (
                ("naive", naive_batches),
                ("mixup_batches", library_batches),
            ):
                start = time.process_time()
                func(X, y, batch_size)
                times[name].append(time.process_time() - start)
        medians = {name: statistics.median(values) for name, values in times.items()}
        rows.append(
            {
                "rows": n_rows,
                "batch_size": batch_size,
                "naive": n_rows / medians["naive"],
                "mixup_batches": n_rows / medians["mixup_batches"],
                "speedup": medians["naive"] / medians["mixup_batches"],
            }
        )
    return rows


def _memory_mib():
    """Resident memory of this process, anonymous and file-backed, in MiB."""
    fields = {}
    with open("/proc/self/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("RssAnon", "RssFile", "VmHWM"):
                fields[name] = int(value.split()[0]) / 1024
    return fields


def memmap_row(n_rows=5_000_000, n_features=100, batch_size=1024, n_batches=2000):
    """Memory of mixup_batches over a float32 memmap (2 GB by default).

    Reports the growth of anonymous memory (what the process allocates:
    Linux's RssAnon, sampled after creation and after every batch), the peak
    allocated by NumPy (tracemalloc), and the growth of file-backed resident
    pages: the pages of the file mapped so far, which the page cache evicts
    under memory pressure.
    """
    directory = tempfile.mkdtemp(prefix="bench_memmap_")
    try:
        path = os.path.join(directory, "X.dat")
        shape = (n_rows, n_features)
        X = np.memmap(path, dtype=np.float32, mode="w+", shape=shape)
        rng = np.random.default_rng(0)
        step = 100_000
        for start in range(0, n_rows, step):
            X[start : start + step] = rng.standard_normal(
                (min(step, n_rows - start), n_features), dtype=np.float32
            )
        X.flush()
        del X
        X = np.memmap(path, dtype=np.float32, mode="r", shape=shape)
        y = rng.integers(0, 10, n_rows).astype(np.int8)
        before = _memory_mib()
        tracemalloc.start()
        start = time.perf_counter()
        batches = mixup_batches(X, y, batch_size=batch_size, random_state=0)
        created = _memory_mib()
        peak_anon = created["RssAnon"]
        first_batch = None
        for _ in zip(range(n_batches), batches, strict=False):
            # Seconds to the first batch, which must not grow with the file
            # (issue 20: X was once checked in full before it).
            first_batch = first_batch or time.perf_counter() - start
            peak_anon = max(peak_anon, _memory_mib()["RssAnon"])
        batches.close()
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        after = _memory_mib()
        del X
    finally:
        shutil.rmtree(directory)
    batch_mib = batch_size * n_features * 4 / 2**20
    return {
        "file_mib": n_rows * n_features * 4 / 2**20,
        "batch_mib": batch_mib,
        "n_batches": n_batches,
        "anon_created": created["RssAnon"] - before["RssAnon"],
        "anon_peak": peak_anon - before["RssAnon"],
        "traced_peak": traced_peak / 2**20,
        "order_mib": n_rows * 8 / 2**20,
        "file_pages": after["RssFile"] - before["RssFile"],
        "first_batch_s": first_batch,
    }


def print_report(rows, sparse_result):
    """Print the tables that go into the closing note."""
    print(
        "fit_resample, dense float64, α = 1:"
        " CPU seconds, medians of alternating repeats"
    )
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
    print("targets: ×floor <= 1.5 (ambition 1.25), ×naive <= 1.0, peak mem <= 1.25×")
    print()
    print(
        f"Sparse CSR {sparse_result['shape']}: {sparse_result['seconds']:.2f} s, "
        f"output sparse CSR: {sparse_result['sparse_out']}, "
        f"nnz {sparse_result['nnz_in']:,} in → {sparse_result['nnz_out']:,} out"
    )


def print_batches(rows, memmap_result):
    """Print the mixup_batches tables."""
    print(
        f"mixup_batches vs the naive loop: {rows[0]['rows']:,} × 50 float32,"
        " 10 classes, α = 0.2, one epoch (M rows/s of CPU time)"
    )
    print(f"{'batch size':>10} {'naive':>8} {'ours':>8} {'speed-up':>9}")
    for row in rows:
        print(
            f"{row['batch_size']:>10} {row['naive'] / 1e6:>8.2f}"
            f" {row['mixup_batches'] / 1e6:>8.2f} {row['speedup']:>8.2f}×"
        )
    print("target: speed-up >= 1.0 at every batch size (ambition 1.5×)")
    if memmap_result is None:
        return
    result = memmap_result
    print()
    print(
        f"mixup_batches over a {result['file_mib'] / 1024:.1f} GiB float32 memmap,"
        f" {result['n_batches']} batches of {result['batch_mib']:.2f} MiB:"
    )
    print(
        f"  anonymous memory: +{result['anon_created']:.0f} MiB at creation,"
        f" peak +{result['anon_peak']:.0f} MiB"
        f" (of which {result['order_mib']:.0f} MiB is the epoch's row order);"
        f" NumPy's peak allocation {result['traced_peak']:.0f} MiB"
    )
    print(
        f"  file-backed pages mapped: +{result['file_pages']:.0f} MiB"
        " (page cache, evicted under memory pressure)"
    )
    print(f"  first batch after {result['first_batch_s']:.3f} s")


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
    parser.add_argument(
        "--kernel-only",
        action="store_true",
        help="only the kernel's tables: phases, blend by dtype, CutMix",
    )
    parser.add_argument("--no-memmap", action="store_true", help="skip the 2 GB memmap")
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else DENSE_SIZES
    if args.kernel_only:
        print_split(split_rows(sizes, args.repeats))
        print()
        print_kernel(kernel_rows(sizes, args.repeats))
        print()
        print_cutmix_report(cutmix_rows(sizes, args.repeats))
        return None
    if args.cutmix_only:
        print_cutmix_report(cutmix_rows(sizes, args.repeats))
        return None
    rows = dense_rows(sizes, args.repeats)
    sparse_result = sparse_row(n_rows=10_000 if args.quick else 100_000)
    print_report(rows, sparse_result)
    print()
    print_split(split_rows(sizes, args.repeats))
    print()
    print_kernel(kernel_rows(sizes, args.repeats))
    print()
    print_lambdas(lambda_rows(repeats=args.repeats))
    print()
    print_cutmix_report(cutmix_rows(sizes, args.repeats))
    print()
    batches = batch_rows(20_000 if args.quick else 200_000, args.repeats)
    memmap_result = None
    if not args.no_memmap:
        memmap_result = memmap_row(n_rows=50_000 if args.quick else 5_000_000)
    print_batches(batches, memmap_result)
    if not args.no_balancing:
        print()
        bench_balancing.bench_balancing(max(1, args.repeats // 2))
        bench_balancing.bench_label_kernel(max(1, args.repeats // 4))
    return rows, sparse_result


if __name__ == "__main__":
    main()
