"""Relevance of regression targets and rare regions.

Rare-target regression balancing (``MixupSampler(target="regression",
sampling_strategy=...)``) reads a 1-D target in three steps, in the SMOGN
style (Branco et al., 2017):

1. :func:`relevance_values`: the relevance φ(y) in [0, 1] of every row, high
   where targets are rare;
2. :func:`rare_regions`: rows with φ >= ``relevance_threshold`` are rare; the
   rare rows that are contiguous in the order of y (or, with bin edges, that
   share a bin) form a region, reported as the closed interval
   ``(lowest y, highest y)`` of its rows;
3. :func:`regression_strategy`: how many rows to add to each region, from
   ``sampling_strategy``.

A row belongs to region ``(low, high)`` when ``low <= y <= high``
(:func:`region_codes`); synthetic rows are mixed from an anchor and a partner
of the same region, so that their blended target stays in it.
"""

from collections import OrderedDict
from collections.abc import Mapping
from itertools import pairwise
from numbers import Integral, Real

import numpy as np

from ._validation import called_strategy

# The density is evaluated on a grid of this many points and interpolated:
# O(n + grid²) whatever the number of rows.
_GRID_POINTS = 1024


def target_column(y):
    """The 1-D float64 target that balancing reads; a multi-output target is
    refused, since its rare regions are not intervals."""
    y = np.asarray(y, dtype=np.float64)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise ValueError(
            "sampling_strategy with target='regression' balances rare regions "
            f"of a 1-D target; got y with {y.shape[1]} outputs. Leave "
            "sampling_strategy=None for a multi-output target."
        )
    return y


def density_relevance(y):
    """φ(y) = 1 − f̂(y) / max f̂: one minus the normalised kernel density.

    f̂ is the Gaussian kernel density estimate of the target with Silverman's
    bandwidth h = 0.9 · min(σ, IQR / 1.34) · n^(−1/5) (σ alone when the IQR
    is 0), binned on a grid of 1024 points over [min y − 3h, max y + 3h] and
    interpolated at each row. The densest target value has relevance 0; a
    target in a tail whose density is a fifth of the peak's has relevance 0.8.
    A constant target has relevance 0 everywhere.
    """
    y = np.asarray(y, dtype=np.float64)
    n_rows = len(y)
    spread = np.std(y)
    if n_rows < 2 or spread == 0:
        return np.zeros(n_rows)
    quartiles = np.percentile(y, [25, 75])
    scale = min(spread, (quartiles[1] - quartiles[0]) / 1.34) or spread
    bandwidth = 0.9 * scale * n_rows ** (-1 / 5)
    low, high = y.min() - 3 * bandwidth, y.max() + 3 * bandwidth
    counts, edges = np.histogram(y, bins=_GRID_POINTS, range=(low, high))
    centres = (edges[:-1] + edges[1:]) / 2
    step = edges[1] - edges[0]
    reach = int(np.ceil(4 * bandwidth / step))
    offsets = np.arange(-reach, reach + 1) * step
    kernel = np.exp(-0.5 * (offsets / bandwidth) ** 2)
    density = np.convolve(counts, kernel, mode="same")
    density = np.interp(y, centres, density)
    return np.clip(1.0 - density / density.max(), 0.0, 1.0)


def relevance_values(y, relevance):
    """The relevance of every row of the 1-D ``y``, by the ``relevance``
    parameter: ``"density"`` (:func:`density_relevance`), a callable
    ``y -> relevance`` checked here, or bin edges, where a bin's relevance
    is 1 − (its rows) / (the rows of the largest bin).

    Returns
    -------
    relevance : ndarray of shape (n_rows,), float64, in [0, 1]
    bins : ndarray of shape (n_rows,) of int, or None
        With bin edges, the bin of every row; else None.
    """
    if isinstance(relevance, str):
        return density_relevance(y), None
    if callable(relevance):
        values = np.asarray(relevance(y.copy()), dtype=np.float64)
        if values.shape != y.shape or not np.all((values >= 0) & (values <= 1)):
            raise ValueError(
                f"relevance is a callable that returned {describe(values)}; it "
                f"must return an array of shape {y.shape} with every value in "
                "[0, 1]."
            )
        return values, None
    bins = row_bins(y, relevance)
    counts = np.bincount(bins, minlength=len(np.asarray(relevance)) - 1)
    return 1.0 - counts[bins] / counts.max(), bins


def row_bins(y, edges):
    """The bin of every row for increasing ``edges``: bin b holds
    edges[b] < y <= edges[b + 1], and the first bin also its lower edge."""
    edges = np.asarray(edges, dtype=np.float64)
    if (
        edges.ndim != 1
        or len(edges) < 2
        or np.isnan(edges).any()
        or np.any(np.diff(edges) <= 0)
    ):
        raise ValueError(
            f"relevance={edges.tolist()!r} must be 'density', a callable, or "
            "at least two strictly increasing bin edges."
        )
    outside = (y < edges[0]) | (y > edges[-1])
    if outside.any():
        raise ValueError(
            f"relevance={edges.tolist()!r}: bin edges must cover the target, "
            f"which runs from {float(y.min())!r} to {float(y.max())!r}; use "
            "-inf and inf as outer edges to cover any value."
        )
    return np.clip(np.searchsorted(edges, y, side="left") - 1, 0, len(edges) - 2)


def rare_regions(y, relevance, relevance_threshold):
    """The rare regions of the 1-D ``y`` and the common runs between them.

    Returns
    -------
    regions : list of (float, float, bool)
        Every run of rows, in increasing y: its lowest and highest target and
        whether it is rare. Rare runs are the regions that balancing fills.
    sizes : list of int
        Rows in each run.
    """
    values, bins = relevance_values(y, relevance)
    order = np.argsort(y, kind="stable")
    rare = values[order] >= relevance_threshold
    # A run ends where rarity changes or, with bin edges, where the bin does.
    breaks = np.flatnonzero(np.diff(rare.astype(np.int8)) != 0) + 1
    if bins is not None:
        breaks = np.union1d(breaks, np.flatnonzero(np.diff(bins[order]) != 0) + 1)
    runs = []
    sizes = []
    for run in np.split(np.arange(len(y)), breaks):
        if len(run):
            sorted_y = y[order[run]]
            runs.append((float(sorted_y[0]), float(sorted_y[-1]), bool(rare[run[0]])))
            sizes.append(len(run))
    return runs, sizes


def region_codes(y, regions):
    """The index of the region ``(low, high)`` holding each row
    (``low <= y <= high``), and ``len(regions)`` for rows in none."""
    y = target_column(y)
    codes = np.full(len(y), len(regions), dtype=np.intp)
    for index, (low, high) in enumerate(regions):
        codes[(y >= low) & (y <= high)] = index
    return codes


def regression_strategy(y, sampling_strategy, relevance, relevance_threshold):
    """The rows to add to each rare region: an ordered dict
    ``{(low, high): n_rows}``, in increasing y.

    ``sampling_strategy``:

    - ``"auto"``: each rare region is brought to the mean size of the runs
      (rare regions and the common runs between them), as SMOGN's
      ``"balance"``; a region already that large gets none;
    - a float r in (0, 1]: each rare region is brought to r times the largest
      common run;
    - a dict ``{(low, high): n_rows_to_add}``: the regions themselves, closed
      intervals that must not overlap and must each hold a row
      (``relevance`` is then not used);
    - a callable ``y -> dict``, called once, read as the dict.
    """
    y = target_column(y)
    strategy = called_strategy(
        sampling_strategy,
        y,
        "with target='regression' it must return a dict of (low, high) -> "
        "number of rows to add",
    )
    if isinstance(strategy, Mapping):
        return _check_region_counts(y, strategy)
    runs, sizes = rare_regions(y, relevance, relevance_threshold)
    common = [size for (_, _, rare), size in zip(runs, sizes, strict=True) if not rare]
    if isinstance(strategy, str):
        goal = int(np.ceil(np.mean(sizes)))
    else:
        goal = int(np.ceil(strategy * max(common, default=0)))
    return OrderedDict(
        ((low, high), max(goal - size, 0))
        for (low, high, rare), size in zip(runs, sizes, strict=True)
        if rare
    )


def _check_region_counts(y, strategy):
    """A dict ``{(low, high): n_rows_to_add}`` checked against ``y``."""
    regions = []
    for key, count in strategy.items():
        if (
            not isinstance(key, tuple)
            or len(key) != 2
            or not all(_is_number(end) for end in key)
            or not key[0] <= key[1]
        ):
            raise ValueError(
                f"sampling_strategy has the key {key!r}; with target='regression' "
                "its keys are regions (low, high) of the target, two numbers "
                "with low <= high."
            )
        if isinstance(count, bool) or not isinstance(count, Integral) or count < 0:
            raise ValueError(
                f"sampling_strategy asks for {count!r} rows in region {key!r}; "
                "with target='regression' its values are the numbers of rows "
                "to add, whole numbers >= 0."
            )
        regions.append((key, int(count)))
    regions.sort(key=lambda item: item[0])
    for (first, _), (second, _) in pairwise(regions):
        if second[0] <= first[1]:
            raise ValueError(
                f"sampling_strategy has the overlapping regions {first!r} and "
                f"{second!r}; a row must belong to one region at most."
            )
    codes = region_codes(y, [key for key, _ in regions])
    held = np.bincount(codes, minlength=len(regions) + 1)
    for (key, count), n_rows in zip(regions, held, strict=False):
        if count and not n_rows:
            raise ValueError(
                f"sampling_strategy asks for {count} rows in region {key!r}, "
                "which holds no row of y; a region needs rows to mix."
            )
    return OrderedDict(
        ((float(low), float(high)), count) for (low, high), count in regions
    )


def _is_number(value):
    return isinstance(value, Real) and not isinstance(value, bool)


def describe(values):
    if values.ndim == 0 or values.size == 0:
        return repr(values)
    # float(): NumPy 2's repr of a scalar is np.float64(...), not a number.
    low, high = float(values.min()), float(values.max())
    return f"an array of shape {values.shape} from {low!r} to {high!r}"
