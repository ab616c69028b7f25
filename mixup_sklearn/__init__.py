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

Module map (private modules, one job each):

- :mod:`._mixing` — the one kernel: λ (uniforms, Jöhnk's method, Beta), the
  blend of rows in blocks and CutMix's cell swap;
- :mod:`._pairing` — the partner strategies and ``draw_partners``, which picks
  one from the parameters;
- :mod:`._validation` — shared constraints, input checks and the container
  round trip;
- :mod:`._sampler`, :mod:`._functional`, :mod:`._meta`, :mod:`._batches` —
  the thin entry points above;
- :mod:`._dask` — the block-wise path for dask arrays and DataFrames
  (imported only when a dask collection arrives);
- :mod:`._cli` — the ``mixup-sklearn`` command line.
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
