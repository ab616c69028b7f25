"""The library's warnings, attributed to the caller's own line.

A fixed ``stacklevel`` counts the frames between a warning and the user's
call, and that count differs by entry point (``mixup()``, ``fit_resample``
through imbalanced-learn's and scikit-learn's wrappers, a meta-estimator's
``fit``, a Dask graph being built). :func:`warn` walks the stack instead, to
the first frame outside this package, scikit-learn and imbalanced-learn.
"""

import os
import sys
import warnings

import imblearn
import sklearn

_LIBRARY_FOLDERS = tuple(
    os.path.dirname(path) + os.sep
    for path in (__file__, sklearn.__file__, imblearn.__file__)
)


def warn(message, category=UserWarning):
    """``warnings.warn`` at the first frame of the caller's code."""
    frame, stacklevel = sys._getframe(1), 2
    while frame.f_back is not None and frame.f_code.co_filename.startswith(
        _LIBRARY_FOLDERS
    ):
        frame, stacklevel = frame.f_back, stacklevel + 1
    warnings.warn(message, category, stacklevel=stacklevel)
