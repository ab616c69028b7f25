"""Class balancing with MixupSampler against imbalanced-learn's SMOTE.

Balances 100,000 rows × 20 features with a 10% minority class to equal class
counts, and times each sampler (median of alternating repeats, so that
machine noise hits every contender alike). Then times C-Mixup's label-kernel
pairing on 1,000,000 rows with a 1-D target.

Run: ``python benchmarks/bench_balancing.py [--repeats 5]``. Prints tables.
"""

import argparse
import time
from collections import Counter

import numpy as np
from imblearn.over_sampling import SMOTE
from sklearn.datasets import make_classification

from mixup_sklearn import MixupSampler


def timed(sampler, X, y):
    start = time.perf_counter()
    _, y_res = sampler.fit_resample(X, y)
    return time.perf_counter() - start, y_res


def bench_balancing(repeats):
    X, y = make_classification(
        n_samples=100_000,
        n_features=20,
        n_informative=10,
        weights=[0.9],
        flip_y=0,
        random_state=0,
    )
    contenders = {
        "SMOTE (k=5)": SMOTE(random_state=0),
        "mixup, pairing=within_class": MixupSampler(
            sampling_strategy="auto", pairing="within_class", random_state=0
        ),
        "mixup, pairing=random": MixupSampler(
            sampling_strategy="auto", pairing="random", random_state=0
        ),
        "mixup, pairing=knn (k=5)": MixupSampler(
            sampling_strategy="auto", pairing="knn", random_state=0
        ),
    }
    times = {name: [] for name in contenders}
    counts = {}
    for _ in range(repeats):
        for name, sampler in contenders.items():
            seconds, y_res = timed(sampler, X, y)
            times[name].append(seconds)
            counts[name] = dict(sorted(Counter(y_res.tolist()).items()))
    smote = np.median(times["SMOTE (k=5)"])
    print(
        f"Class balancing: {X.shape[0]:,} rows × {X.shape[1]} features, "
        f"input counts {dict(sorted(Counter(y.tolist()).items()))}, "
        f"median of {repeats} alternating repeats"
    )
    print(f"{'sampler':<30} {'median s':>9} {'vs SMOTE':>9}  output counts")
    for name, seconds in times.items():
        median = np.median(seconds)
        print(f"{name:<30} {median:>9.3f} {smote / median:>8.1f}×  {counts[name]}")


def bench_label_kernel(repeats, n_rows=1_000_000):
    rng = np.random.RandomState(0)
    X = rng.normal(size=(n_rows, 1))
    y = X[:, 0] + 0.1 * rng.standard_normal(n_rows)
    print()
    print(
        f"C-Mixup label_kernel pairing: {n_rows:,} rows, 1-D target, "
        f"median of {repeats} repeats"
    )
    print(f"{'bandwidth':>9} {'median s':>9} {'median |y_a − y_p|':>19}")
    for bandwidth in (0.01, 0.1, 1.0):
        sampler = MixupSampler(
            pairing="label_kernel",
            bandwidth=bandwidth,
            target="regression",
            random_state=0,
        )
        seconds = []
        for _ in range(repeats):
            seconds.append(timed(sampler, X, y)[0])
        anchors, partners = sampler.pairs_.T
        gap = np.median(np.abs(y[anchors] - y[partners]))
        print(f"{bandwidth:>9} {np.median(seconds):>9.3f} {gap:>19.4f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    bench_balancing(args.repeats)
    bench_label_kernel(max(1, args.repeats // 2))


if __name__ == "__main__":
    main()
