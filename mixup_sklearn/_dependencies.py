"""Optional libraries, detected without importing them.

As in narwhals' ``dependencies.py``: an object can only be a Dask collection
if Dask was imported by whoever built it, so :data:`sys.modules` answers the
question without an import. The block-wise path,
:mod:`mixup_sklearn._dask`, imports Dask at its top and is itself imported
only once a Dask collection arrives: ``import mixup_sklearn`` imports
neither.
"""

import sys


def is_dask_collection(obj):
    """Whether ``obj`` is a Dask collection (array, DataFrame, Series, ...),
    found without importing Dask."""
    dask = sys.modules.get("dask")
    return dask is not None and dask.is_dask_collection(obj)
