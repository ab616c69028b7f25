"""mixup for scikit-learn: train on convex combinations of pairs of examples.

Public API:

- :func:`mixup` — the functional form: mix rows of X (and y) into new rows.
- :class:`MixupSampler` — an imbalanced-learn sampler for
  :class:`imblearn.pipeline.Pipeline`, resampling at fit time only.
- :class:`MixupClassifier`, :class:`MixupRegressor` — meta-estimators that
  train a model on soft labels (or mixed targets), re-mixing every epoch or
  mini-batch through ``partial_fit``.
- :func:`mixup_batches` — a generator of mixed mini-batches for a training
  loop of your own (NumPy, or ``partial_fit``).

Module map (private modules, one job each, in layers that import downward
only):

- :mod:`._dependencies` — optional libraries detected without importing them;
- :mod:`._warnings` — the library's warnings, attributed to the caller's line;
- :mod:`._docstrings` — parameter text shared by several docstrings;
- :mod:`._mixing` — the one kernel, on ndarrays and sparse matrices: λ, the
  blend of rows in blocks and CutMix's cells;
- :mod:`._pairing` — the anchors, the partner strategies and
  ``draw_partners``, which picks one from the parameters;
- :mod:`._plan` — the mixing plan (``MixPlan``, ``draw_plan``,
  ``apply_plan``), the label rules and the one reading of ``method``;
- :mod:`._relevance` — the relevance of regression targets and their rare
  regions, for rare-target balancing;
- :mod:`._tables` — the container layer: DataFrames of every library,
  categorical columns, integer restoration, CutMix's column swap;
- :mod:`._validation` — the parameter constraints and the array checks;
- :mod:`._resample` — the sampler's steps as functions of its parameters,
  shared by :class:`MixupSampler` and the Dask blocks;
- :mod:`._functional`, :mod:`._sampler`, :mod:`._meta`, :mod:`._batches` —
  the thin entry points above;
- :mod:`._dask` — the block-wise path for dask arrays and DataFrames
  (imported only when a dask collection arrives);
- :mod:`._cli` — the ``mixup-sklearn`` command line: a dispatcher and one
  module per subcommand (``_augment``, ``_dataset``, ``_demo``) with their
  shared ``_frames``, ``_options``, ``_files`` and ``_common``;
- :mod:`.__main__` — ``python -m mixup_sklearn``.
"""

from ._batches import mixup_batches
from ._functional import mixup
from ._meta import MixupClassifier, MixupRegressor
from ._sampler import MixupSampler

__version__ = "0.1.0"

__all__ = [
    "MixupClassifier",
    "MixupRegressor",
    "MixupSampler",
    "__version__",
    "mixup",
    "mixup_batches",
]
