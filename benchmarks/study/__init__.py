"""Issue 22's pre-registered study: mixup and CutMix against strong baselines.

Read ``PREREGISTRATION.md`` (committed before any result) first. Run from the
repository root, with PyTorch (CPU) installed::

    python -m benchmarks.study --pilot   # the informative-table rule
    python -m benchmarks.study           # the full run (make study)
    python -m benchmarks.study --quick   # 2 small tables, 3 epochs, < 1 min
    python -m benchmarks.study --table carData Wells switch   # any table

Modules: ``tables`` (offline tables, splits, label noise), ``trainer`` (the
PyTorch MLP and its arms), ``references`` (gradient boosting and the
scikit-learn path), ``pilot``, ``run`` (jobs, workers, the files),
``analysis`` (metrics, temperature scaling, selection, tests) and
``report``.
"""
