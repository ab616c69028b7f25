"""Evidence: when does mixup help?  A reproducible benchmark on offline data.

Run from the repository root, after ``pip install -e ".[benchmarks]"``
(``make evidence`` does both)::

    python -m benchmarks.evidence            # the full run, < 60 min on 2 cores
    python -m benchmarks.evidence --quick    # a smaller grid, < 2 min

The full run writes ``evidence.md``, ``evidence_raw.csv`` and PNG plots to
``benchmarks/results/``; the quick run writes them to a new temporary folder
(and prints where), so that it never overwrites the committed results.

One module per job: ``datasets`` (offline tables, splits, label noise),
``arms`` (every arm as an estimator), ``tasks`` (one fit and its scores),
``grids`` (what the full and quick runs cover), ``statistics`` (tuned arms,
per-dataset and across-dataset tests), ``plots``, ``speed`` and ``report``.
"""
