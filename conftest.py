"""Doctest collection of the package: the block-wise path imports dask at its
top, so its doctests are collected only where the dask extra is installed
(``make test`` installs it; ``make test-floors`` does not)."""

import importlib.util

collect_ignore = []
if importlib.util.find_spec("dask") is None:
    collect_ignore.append("mixup_sklearn/_dask.py")
