"""The partner strategies, and the one function that picks a strategy.

A synthetic row blends an anchor with a partner. How the partner is drawn is
the pairing:

- :func:`uniform_partners`: uniformly among all other rows, or among the other
  rows of the anchor's group (its class, for ``"within_class"``);
- :func:`knn_partners`: among the anchor's nearest rows of its group (SMOTE's
  neighbourhood);
- :func:`label_kernel_partners`: C-Mixup, with probability decreasing with
  the distance between the targets;
- :func:`lag_partners`: the row ``lag`` places later (time-ordered rows);
- :func:`batch_partners`: among the other anchors of the anchor's
  mini-batch (the batch generator).

:func:`draw_partners` chooses among them from the parameters; the mixing plan
(:mod:`mixup_sklearn._plan`) calls it for every entry point. Which rows are
anchors is :func:`draw_anchors`'s rule. λ and the blend live in
:mod:`mixup_sklearn._mixing`.
"""

from numbers import Integral

import numpy as np
from imblearn.utils import check_neighbors_object
from scipy import sparse
from sklearn.neighbors import NearestNeighbors

from ._warnings import warn

PAIRINGS = ("random", "within_class", "knn", "label_kernel", "lag")
# The label kernel's blocks of anchors are sized so that their differences to
# every row take 256 KiB, the size of the blend's blocks (see _mixing).
_KERNEL_BLOCK_BYTES = 1 << 18
# The pairings that need no classes: those of a regression target.
REGRESSION_PAIRINGS = ("random", "knn", "label_kernel", "lag")
# The pairings that read the class of each row.
CLASS_PAIRINGS = ("within_class", "knn")


def draw_partners(
    pairing,
    anchors,
    random_state,
    *,
    n_rows,
    X=None,
    y=None,
    groups=None,
    n_neighbors=5,
    bandwidth=1.0,
    lag=1,
    batch_size=None,
):
    """Draw the partner of each anchor with the strategy named by ``pairing``.

    Parameters
    ----------
    pairing : {"random", "within_class", "knn", "label_kernel", "lag", \
            "batch"}
        The strategy; see the module docstring.
    anchors : ndarray of shape (n_synthetic,), dtype intp
        Row index of each anchor.
    random_state : numpy.random.RandomState
        The generator to draw from.
    n_rows : int
        Number of rows that anchors and partners index.
    X : ndarray or sparse matrix of shape (n_rows, n_features), default=None
        The rows, for ``"knn"``.
    y : ndarray of shape (n_rows,) or (n_rows, n_outputs), default=None
        The target, for ``"label_kernel"``.
    groups : ndarray of shape (n_rows,) of int, default=None
        Class code of every row, for ``"within_class"`` and ``"knn"``; ``None``
        with ``"knn"`` means one group of all rows (regression).
    n_neighbors, bandwidth, lag, batch_size
        The parameters of ``"knn"``, ``"label_kernel"``, ``"lag"`` and
        ``"batch"``; ``n_neighbors`` is an int or a neighbours estimator
        (:func:`neighbourhood_size`). ``"label_kernel"`` draws within the
        anchor's group when ``groups`` is given.

    Returns
    -------
    partners : ndarray of shape (n_synthetic,), dtype intp
        A partner equal to its anchor means the anchor has none.
    """
    if pairing == "random":
        return uniform_partners(anchors, random_state, n_rows=n_rows)
    if pairing == "within_class":
        return uniform_partners(anchors, random_state, groups=groups)
    if pairing == "lag":
        return lag_partners(anchors, lag, n_rows)
    if pairing == "batch":
        return batch_partners(anchors, batch_size, random_state)
    if pairing == "label_kernel":
        return label_kernel_partners(
            y, anchors, resolve_bandwidth(bandwidth, y), random_state, groups=groups
        )
    _warn_small_neighbourhood(neighbourhood_size(n_neighbors), groups, n_rows)
    return knn_partners(X, anchors, n_neighbors, random_state, groups=groups)


def neighbourhood_size(n_neighbors):
    """The number of neighbours ``n_neighbors`` asks for: the int itself, or
    a neighbours estimator's own ``n_neighbors`` parameter.

    An estimator's ``n_neighbors`` counts the other rows, as the int does,
    so that ``n_neighbors=5`` and ``NearestNeighbors(n_neighbors=5)`` draw
    the same partners. (imbalanced-learn's ``k_neighbors`` object counts the
    query row too.)
    """
    if isinstance(n_neighbors, Integral):
        # int(): True passes the Integral constraint, but NumPy's reshape
        # refuses a bool.
        return int(n_neighbors)
    size = (
        n_neighbors.get_params().get("n_neighbors")
        if hasattr(n_neighbors, "get_params")
        else None
    )
    if isinstance(size, bool) or not isinstance(size, Integral) or size < 1:
        raise ValueError(
            f"n_neighbors={n_neighbors!r} is a neighbours estimator without an "
            "int n_neighbors parameter >= 1 (got "
            f"{size!r}); pass an int, or an estimator such as "
            "sklearn.neighbors.NearestNeighbors(n_neighbors=5, metric=...)."
        )
    return int(size)


def _neighbours_search(n_neighbors, n_pool):
    """An unfitted search for ``n_pool`` neighbours plus the query row: a new
    ``NearestNeighbors`` for an int, else a clone of the caller's estimator
    (imbalanced-learn's ``check_neighbors_object``), never the caller's own
    object, fitted or not."""
    if isinstance(n_neighbors, Integral):
        return NearestNeighbors(n_neighbors=n_pool + 1)
    try:
        search = check_neighbors_object("n_neighbors", n_neighbors)
    except TypeError as exc:
        raise TypeError(
            f"n_neighbors={n_neighbors!r} cannot be cloned ({exc}); pass an "
            "int or a scikit-learn style neighbours estimator with get_params."
        ) from None
    return search.set_params(n_neighbors=n_pool + 1)


def _fitted_search(n_neighbors, n_pool, X):
    """:func:`_neighbours_search` fitted on the rows ``X`` alone, as a
    neighbours search is; a supervised estimator (``KNeighborsClassifier``,
    whose ``fit`` needs y) is refused by the caller's parameter name."""
    search = _neighbours_search(n_neighbors, n_pool)
    try:
        return search.fit(X)
    except TypeError as exc:
        raise TypeError(
            f"n_neighbors={n_neighbors!r} could not be fitted on the rows alone "
            f"({exc}); pass an int or an unsupervised neighbours search, such "
            "as sklearn.neighbors.NearestNeighbors(n_neighbors=5, metric=...)."
        ) from None


def _warn_small_neighbourhood(n_neighbors, groups, n_rows):
    if groups is not None:
        sizes = np.bincount(groups)
        # A region of a regression sampling_strategy dict may hold no row.
        smallest = int(sizes[sizes > 0].min())
        if smallest - 1 < n_neighbors:
            warn(
                f"n_neighbors={n_neighbors} is larger than the number "
                f"of other rows in the smallest class or rare region "
                f"({smallest - 1}); partners in small classes (regions) are "
                "drawn among all other rows of their class (region)."
            )
    elif n_rows - 1 < n_neighbors:
        warn(
            f"n_neighbors={n_neighbors} is larger than the number of "
            f"other rows ({n_rows - 1}); partners are drawn among all "
            "other rows."
        )


def draw_anchors(n_synthetic, n_rows, random_state, *, groups=None):
    """The anchor of each of ``n_synthetic`` synthetic rows mixed from ``n_rows``.

    With ``n_synthetic = c·n_rows + r`` (0 <= r < n_rows), synthetic row k < c·n_rows
    has anchor ``k mod n_rows``: ``c`` whole cycles through the rows, in order.
    The last r anchors, the remainder, are r distinct rows drawn at random, in
    increasing order, so that every row anchors c or c + 1 synthetic rows and
    which rows anchor c + 1 does not follow the input order (a data set sorted
    by class would otherwise lose its last classes).

    With ``groups`` (classification: the class of every row), the remainder is
    class-balanced: :func:`split_remainder` gives each group its share of r
    in proportion to its rows, then each group's rows are drawn without
    replacement among its own.

    Draw order, from ``random_state``, only when r > 0: the integer of
    :func:`split_remainder` (with ``groups``, when the shares are not all
    whole), then one permutation of the ``n_rows`` rows, each group taking
    its first rows in that order. Nothing is drawn when r = 0.

    Parameters
    ----------
    n_synthetic, n_rows : int
        Number of synthetic rows, and of rows that the anchors index.
    random_state : numpy.random.RandomState
        The generator to draw from.
    groups : ndarray of shape (n_rows,) of int, default=None
        Group code of every row, in ``0 .. n_groups − 1``; ``None`` means one
        group of all rows.

    Returns
    -------
    anchors : ndarray of shape (n_synthetic,), dtype intp
    """
    cycles, rest = divmod(int(n_synthetic), max(int(n_rows), 1))
    anchors = np.arange(cycles * n_rows, dtype=np.intp)
    if cycles > 1:
        anchors %= n_rows
    if rest == 0:
        return anchors
    if groups is None:
        drawn = random_state.permutation(n_rows)[:rest]
    else:
        groups = np.asarray(groups)
        counts = np.bincount(groups)
        shares = split_remainder(rest, counts, random_state)
        shuffled = random_state.permutation(n_rows)
        # The smallest integer dtype lets NumPy's stable sort count (radix
        # sort) rather than compare: O(n) for up to 65536 groups.
        keys = groups[shuffled].astype(np.min_scalar_type(len(counts) - 1))
        by_group = np.argsort(keys, kind="stable")
        # The first shares[g] rows of each group, in the shuffled order.
        starts = np.cumsum(counts) - counts
        taken = np.cumsum(shares) - shares
        positions = np.repeat(starts - taken, shares) + np.arange(rest)
        drawn = shuffled[by_group[positions]]
    return np.concatenate([anchors, np.sort(drawn).astype(np.intp, copy=False)])


def split_remainder(n_extra, sizes, random_state):
    """Split ``n_extra`` items among groups of ``sizes`` rows, in proportion.

    Group g gets floor or ceil of ``q_g = n_extra · sizes[g] / sum(sizes)``,
    ceil with probability equal to the fractional part of q_g, and the parts
    sum to ``n_extra`` exactly (systematic sampling: one uniform integer, drawn
    only when some q_g is not whole). A group of size 0 gets 0 and leaves the
    draw of the others unchanged. Exact in integers, for any sizes.

    Parameters
    ----------
    n_extra : int
        Items to split, ``0 <= n_extra <= sum(sizes)``.
    sizes : array-like of shape (n_groups,) of int
        Rows in each group.
    random_state : numpy.random.RandomState
        The generator to draw from.

    Returns
    -------
    shares : ndarray of shape (n_groups,), dtype int64
    """
    sizes = np.asarray(sizes, dtype=np.int64)
    total = int(sizes.sum())
    if total == 0 or n_extra == 0:
        return np.zeros(len(sizes), dtype=np.int64)
    # Python integers: n_extra · size can exceed int64 for huge inputs.
    products = [int(n_extra) * int(size) for size in sizes.tolist()]
    shares = np.array([product // total for product in products], dtype=np.int64)
    short = int(n_extra) - int(shares.sum())
    if short:
        # The fractional parts laid end to end on [0, short·total); points
        # u, u + total, ... fall one in each of `short` groups, group g being
        # hit with probability (its fractional part).
        ends = np.cumsum([product % total for product in products])
        start = int(random_state.randint(total))
        points = [start + total * k for k in range(short)]
        shares[np.searchsorted(ends, points, side="right")] += 1
    return shares


def pair_index_dtype(n_rows):
    """The dtype of ``pairs_``: int32 when it holds every row index, which
    halves what the fitted attribute costs next to a narrow output (8 bytes a
    row instead of 16), else int64."""
    fits = n_rows <= np.iinfo(np.int32).max
    return np.dtype(np.int32) if fits else np.dtype(np.int64)


def stack_pairs(anchors, partners, n_rows):
    """``pairs_``: the anchor and partner index of each synthetic row, in the
    dtype of :func:`pair_index_dtype`."""
    pairs = np.empty((len(anchors), 2), dtype=pair_index_dtype(n_rows))
    pairs[:, 0] = anchors
    pairs[:, 1] = partners
    return pairs


def uniform_partners(anchors, random_state, *, groups=None, n_rows=None):
    """Draw for each anchor a partner uniformly among the other rows of its group.

    Parameters
    ----------
    anchors : ndarray of shape (n_synthetic,), dtype intp
        Row index of each anchor.
    random_state : numpy.random.RandomState
        The generator to draw from.
    groups : ndarray of shape (n_rows,) of int, default=None
        Group code of every row, in ``0 .. n_groups − 1``. A partner is drawn
        from the anchor's own group. ``None`` means one group of all rows.
    n_rows : int, default=None
        Number of rows; required when ``groups`` is None.

    Returns
    -------
    partners : ndarray of shape (n_synthetic,), dtype intp
        Uniform over the other rows of the anchor's group; the anchor itself
        when it is alone in its group.
    """
    if groups is None:
        if n_rows < 2:
            return anchors.copy()
        # A scalar bound keeps NumPy on its fast path; in-place arithmetic
        # keeps to one n-vector.
        partners = random_state.randint(1, n_rows, size=len(anchors), dtype=np.intp)
        partners += anchors
        partners %= n_rows
        return partners

    groups = np.asarray(groups, dtype=np.intp)
    order = np.argsort(groups, kind="stable")
    counts = np.bincount(groups)
    starts = np.cumsum(counts) - counts
    # rank[row]: the position of a row inside its group, in `order`.
    rank = np.empty(len(groups), dtype=np.intp)
    rank[order] = np.arange(len(groups)) - starts[groups[order]]

    anchor_groups = groups[anchors]
    n_pool = counts[anchor_groups]
    offsets = _draw_offsets(n_pool, random_state)
    positions = (rank[anchors] + offsets) % n_pool
    return order[starts[anchor_groups] + positions]


def _draw_offsets(n_pool, random_state):
    """Uniform offsets in ``1 .. n_pool − 1`` (0 where ``n_pool == 1``)."""
    offsets = random_state.randint(1, np.maximum(n_pool, 2), dtype=np.intp)
    offsets[n_pool <= 1] = 0
    return offsets


def knn_partners(X, anchors, n_neighbors, random_state, *, groups=None):
    """Draw for each anchor a partner among its nearest rows of its group.

    The partner is uniform over the anchor's ``n_neighbors`` nearest other
    rows (Euclidean distance, or the estimator's metric) of the anchor's
    group: SMOTE's neighbourhood.
    Only the anchors' neighbours are searched, one group at a time.

    Parameters
    ----------
    X : ndarray or sparse matrix of shape (n_rows, n_features)
        The rows whose distances define the neighbourhoods.
    anchors : ndarray of shape (n_synthetic,), dtype intp
        Row index of each anchor.
    n_neighbors : int or estimator with ``fit`` and ``kneighbors``
        Neighbourhood size, or a neighbours estimator (fitted or not, never
        modified: a clone is fitted on each group) whose ``n_neighbors`` is
        the size and whose metric defines the neighbourhoods. A group with
        fewer other rows uses all of them.
    random_state : numpy.random.RandomState
        The generator to draw from.
    groups : ndarray of shape (n_rows,) of int, default=None
        Group code of every row; ``None`` means one group of all rows.

    Returns
    -------
    partners : ndarray of shape (n_synthetic,), dtype intp
        The anchor itself when it is alone in its group.
    """
    n_rows = X.shape[0]
    if sparse.issparse(X):
        X = X.tocsr()
    if groups is None:
        groups = np.zeros(n_rows, dtype=np.intp)
    # One uniform per synthetic row, drawn up front, so that the result does
    # not depend on the order in which groups are visited.
    choices = random_state.random_sample(len(anchors))
    partners = np.array(anchors, dtype=np.intp, copy=True)
    anchor_groups = groups[anchors]
    for group in np.unique(anchor_groups):
        members = np.flatnonzero(groups == group)
        n_pool = min(neighbourhood_size(n_neighbors), len(members) - 1)
        if n_pool == 0:
            continue
        selected = np.flatnonzero(anchor_groups == group)
        queries, inverse = np.unique(anchors[selected], return_inverse=True)
        search = _fitted_search(n_neighbors, n_pool, X[members])
        neighbours = search.kneighbors(X[queries], return_distance=False)
        # Drop the query row itself; when duplicates push it out of the
        # first n_pool + 1 places, drop the farthest neighbour instead.
        is_self = neighbours == np.searchsorted(members, queries)[:, np.newaxis]
        missing = ~is_self.any(axis=1)
        is_self[missing, -1] = True
        neighbours = neighbours[~is_self].reshape(len(queries), n_pool)
        columns = np.minimum((choices[selected] * n_pool).astype(np.intp), n_pool - 1)
        partners[selected] = members[neighbours[inverse, columns]]
    return partners


def lag_partners(anchors, lag, n_rows):
    """Partner ``anchor + lag``, or ``anchor − lag`` where that runs off the end.

    Rows are taken to be in time order. An anchor with neither (possible when
    ``lag > n_rows / 2``) is its own partner.

    Returns
    -------
    partners : ndarray of shape (n_synthetic,), dtype intp
    """
    partners = anchors + lag
    late = partners >= n_rows
    partners[late] = anchors[late] - lag
    alone = partners < 0
    partners[alone] = anchors[alone]
    return partners


def batch_partners(anchors, batch_size, random_state):
    """Draw for each anchor a partner among the other anchors of its batch.

    Consecutive runs of ``batch_size`` anchors are batches (the last may be
    shorter); the partner is uniform over the batch's other places, as in
    the mixup paper's training loop. An anchor alone in its batch is its
    own partner.

    This is :func:`~mixup_sklearn.mixup_batches`'s pairing.

    Returns
    -------
    partners : ndarray of shape (n_synthetic,), dtype intp
        Row indices, taken from ``anchors``.
    """
    size = len(anchors)
    n_full = size // batch_size * batch_size
    # Position inside the batch, moved to a uniform other position of the
    # same batch: uniform_partners over a "table" of one batch.
    places = np.arange(size, dtype=np.intp)
    within = places[:n_full] % batch_size
    positions = np.empty(size, dtype=np.intp)
    positions[:n_full] = (
        places[:n_full]
        - within
        + uniform_partners(within, random_state, n_rows=batch_size)
    )
    if n_full < size:
        tail = size - n_full
        positions[n_full:] = n_full + uniform_partners(
            np.arange(tail), random_state, n_rows=tail
        )
    return np.asarray(anchors)[positions]


# Edges of the rings that the label-kernel sampler proposes from, in units of
# the bandwidth, on the scale z = sqrt(d² − d_min²) / bandwidth. Narrow rings
# near the anchor keep the acceptance rate high where the mass is; the last
# edge is where the kernel exp(−z²/2) underflows to 0 in float64.
_RING_EDGES = np.array([0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 10.0, 20.0, 39.0])


def label_kernel_partners(y, anchors, bandwidth, random_state, *, groups=None):
    """Draw partners with probability ∝ exp(−‖y_a − y_p‖² / (2·bandwidth²)).

    The C-Mixup sampling distribution (Yao et al., NeurIPS 2022), over every
    row but the anchor. The n × n kernel matrix is never built.

    For a 1-D target the draw is exact rejection sampling: y is sorted once;
    for each anchor, rings of rows at growing distance are found by binary
    search, a ring is picked with probability ∝ (rows in ring) × (kernel bound
    on the ring), a row uniformly within it, and the row is accepted with
    probability kernel / bound. Cost O(n log n) plus O(log n) per anchor.
    Rows whose kernel weight underflows to 0 in float64 relative to the
    anchor's nearest row are never drawn.

    Multi-output targets use the Euclidean distance and compute the weights
    of all rows for blocks of anchors: O(n_synthetic × n) time, O(n) memory
    per anchor in a block.

    Parameters
    ----------
    y : ndarray of shape (n_rows,) or (n_rows, n_outputs)
        Finite numeric target.
    anchors : ndarray of shape (n_synthetic,), dtype intp
        Row index of each anchor.
    bandwidth : float
        Kernel bandwidth, > 0 (see :func:`resolve_bandwidth` for
        ``"scott"``).
    random_state : numpy.random.RandomState
        The generator to draw from.
    groups : ndarray of shape (n_rows,) of int, default=None
        Group code of every row (the rare regions of regression balancing):
        partners are drawn among the other rows of the anchor's group, one
        group at a time in increasing code order. ``None``: one group.

    Returns
    -------
    partners : ndarray of shape (n_synthetic,), dtype intp
        The anchor itself only when it is the only row (of its group).
    """
    y = np.asarray(y, dtype=np.float64)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    anchors = np.asarray(anchors, dtype=np.intp)
    if groups is not None:
        groups = np.asarray(groups)
        partners = anchors.copy()
        anchor_groups = groups[anchors]
        for group in np.unique(anchor_groups):
            members = np.flatnonzero(groups == group)
            selected = np.flatnonzero(anchor_groups == group)
            local = np.searchsorted(members, anchors[selected])
            partners[selected] = members[
                label_kernel_partners(y[members], local, bandwidth, random_state)
            ]
        return partners
    if len(y) < 2:
        return anchors.copy()
    if y.ndim == 1:
        return _label_kernel_1d(y, anchors, bandwidth, random_state)
    return _label_kernel_blocks(y, anchors, bandwidth, random_state)


def resolve_bandwidth(bandwidth, y):
    """The label kernel's bandwidth: ``bandwidth`` itself, or for ``"scott"``
    the normal-reference rule on the target ``y``.

    With n rows, d outputs and σ the root mean of the outputs' (population)
    variances::

        h = (4 / (d + 2)) ** (1 / (d + 4)) · σ · n ** (−1 / (d + 4))

    which is Scott's and Silverman's 1.06·σ·n^(−1/5) for a 1-D target. It
    scales with y, so the same setting means the same neighbourhood on a
    target in metres or in millimetres. A constant target (σ = 0), where
    every partner is equally near anyway, gets 1.0.
    """
    if not isinstance(bandwidth, str):
        return float(bandwidth)
    y = np.asarray(y, dtype=np.float64)
    y = y.reshape(len(y), -1)
    n_rows, n_outputs = y.shape
    # Divided by the largest magnitude first, so that the variance of a
    # target near the largest float does not overflow.
    scale = float(np.max(np.abs(y))) if y.size else 0.0
    if scale == 0:
        return 1.0
    sigma = scale * float(np.sqrt(np.mean(np.var(y / scale, axis=0))))
    if sigma == 0:
        return 1.0
    exponent = 1 / (n_outputs + 4)
    return float((4 / (n_outputs + 2)) ** exponent * sigma * n_rows**-exponent)


def _label_kernel_1d(y, anchors, bandwidth, random_state):
    n_rows = len(y)
    n_rings = len(_RING_EDGES)
    order = np.argsort(y, kind="stable")
    y_sorted = y[order]
    rank = np.empty(n_rows, dtype=np.intp)
    rank[order] = np.arange(n_rows)
    # Work on the sorted anchor ranks: binary searches of sorted keys are
    # cache-friendly. Ring arrays are (ring, anchor) so that rows are
    # contiguous.
    anchor_ranks = rank[anchors]
    sort_back = np.argsort(anchor_ranks, kind="stable")
    ranks = anchor_ranks[sort_back]
    centre = y_sorted[ranks]
    gaps = np.diff(y_sorted)
    left_gap = np.where(ranks > 0, gaps[np.maximum(ranks - 1, 0)], np.inf)
    right_gap = np.where(
        ranks < n_rows - 1, gaps[np.minimum(ranks, n_rows - 2)], np.inf
    )
    nearest = np.minimum(left_gap, right_gap)

    # The kernel relative to the nearest other row, exp(−(d² − d_min²)/2h²),
    # is at most 1 for every other row: the same distribution, free of
    # underflow when every row is far from the anchor.
    lower = np.empty((n_rings, len(ranks)), dtype=np.intp)
    upper = np.empty((n_rings, len(ranks)), dtype=np.intp)
    for edge, z in enumerate(_RING_EDGES):
        with np.errstate(over="ignore"):
            # hypot: no overflow of the squares for huge bandwidths.
            radius = np.hypot(nearest, z * bandwidth)
            # Widen by a few ulps so that rounding never moves the nearest row
            # out of the first ring; the bounds stay valid up to rounding.
            radius *= 1 + 1e-12
        lower[edge] = np.searchsorted(y_sorted, centre - radius, "left")
        upper[edge] = np.searchsorted(y_sorted, centre + radius, "right")
    # Ring 0 is [lower_0, upper_0); ring m is [lower_m, lower_{m−1}) on the
    # left and [upper_{m−1}, upper_m) on the right.
    inner_upper = np.concatenate([lower[:1], upper[:-1]])
    left_counts = np.concatenate([lower[:1], lower[:-1]]) - lower
    counts = left_counts + (upper - inner_upper)
    bounds = np.exp(-(np.concatenate([[0.0], _RING_EDGES[:-1]]) ** 2) / 2)
    # Row by row: contiguous rows, and several times faster than cumsum
    # along the first axis.
    cumulative = np.empty(counts.shape)
    np.multiply(counts[0], bounds[0], out=cumulative[0])
    for ring in range(1, n_rings):
        np.multiply(counts[ring], bounds[ring], out=cumulative[ring])
        cumulative[ring] += cumulative[ring - 1]

    with np.errstate(over="ignore", under="ignore"):
        two_h2 = 2.0 * np.float64(bandwidth) ** 2
    partner_ranks = np.empty(len(ranks), dtype=np.intp)
    pending = np.arange(len(ranks))
    while pending.size:
        targets = random_state.random_sample(len(pending))
        targets *= cumulative[-1, pending]
        rings = np.zeros(len(pending), dtype=np.intp)
        for ring in range(n_rings - 1):
            rings += cumulative[ring, pending] <= targets
        ring_counts = counts[rings, pending]
        offsets = (random_state.random_sample(len(pending)) * ring_counts).astype(
            np.intp
        )
        np.minimum(offsets, np.maximum(ring_counts - 1, 0), out=offsets)
        left = left_counts[rings, pending]
        candidates = np.where(
            offsets < left,
            lower[rings, pending] + offsets,
            inner_upper[rings, pending] + offsets - left,
        )
        distances = np.abs(y_sorted[candidates] - centre[pending])
        # d² − d_min² as a product, which overflows only for |d| > 1e154.
        excess = (distances - nearest[pending]) * (distances + nearest[pending])
        weights = _relative_kernel(excess, two_h2)
        accept = (candidates != ranks[pending]) & (
            random_state.random_sample(len(pending)) * bounds[rings] < weights
        )
        partner_ranks[pending[accept]] = candidates[accept]
        pending = pending[~accept]
    partners = np.empty(len(anchors), dtype=np.intp)
    partners[sort_back] = order[partner_ranks]
    return partners


def _relative_kernel(excess, two_h2):
    """exp(−excess / 2h²), with 1 where excess <= 0 and the limits 1 and 0
    where 2h² overflows or underflows (uniform, or nearest row only)."""
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        scaled = np.where(excess > 0, excess / two_h2, 0.0)
    return np.exp(-scaled)


def _label_kernel_blocks(y, anchors, bandwidth, random_state):
    n_rows, n_outputs = y.shape
    # The differences of a block of anchors to every row are
    # (block, n_rows, n_outputs): size the block by all three.
    block = max(1, _KERNEL_BLOCK_BYTES // (8 * n_rows * n_outputs))
    with np.errstate(over="ignore", under="ignore"):
        two_h2 = 2.0 * np.float64(bandwidth) ** 2
    partners = np.empty(len(anchors), dtype=np.intp)
    targets = random_state.random_sample(len(anchors))
    for start in range(0, len(anchors), block):
        rows = anchors[start : start + block]
        squared = ((y[rows][:, np.newaxis, :] - y[np.newaxis, :, :]) ** 2).sum(axis=2)
        squared[np.arange(len(rows)), rows] = np.inf
        squared -= squared.min(axis=1, keepdims=True)
        weights = _relative_kernel(squared, two_h2)
        weights[np.arange(len(rows)), rows] = 0.0
        cumulative = np.cumsum(weights, axis=1)
        picks = (
            cumulative
            <= (targets[start : start + block] * cumulative[:, -1])[:, np.newaxis]
        ).sum(axis=1)
        partners[start : start + block] = np.minimum(picks, n_rows - 1)
    return partners
