"""mixup for scikit-learn: train on convex combinations of pairs of examples.

Public API:

- :func:`mixup` — the functional form: mix rows of X (and y) into new rows.
- :class:`MixupSampler` — an imbalanced-learn sampler for
  :class:`imblearn.pipeline.Pipeline`, resampling at fit time only.

The numerical work is done in one kernel, :mod:`mixup_sklearn._mixing`.
"""

from ._functional import mixup
from ._sampler import MixupSampler

__version__ = "0.1.0"

__all__ = ["MixupSampler", "__version__", "mixup"]
