"""The one mixup kernel: draw λ, draw partners, blend rows in blocks.

Every public entry point (:func:`~mixup_sklearn.mixup`,
:class:`~mixup_sklearn.MixupSampler`, the meta-estimators and the batch
generator) goes through this module:

- :func:`draw_lambdas` draws λ ~ Beta(α, α), safely for every α >= 0;
- :func:`draw_partners` draws a partner for each anchor from a pool of rows
  (all rows, or the rows of the anchor's group);
- :func:`draw_pairs` combines the two with anchors that cycle through the rows;
- :func:`blend` computes ``λ·X[anchor] + (1 − λ)·X[partner]`` for dense or
  sparse ``X`` in row blocks, so that no full-size temporary is allocated;
- :func:`mix` applies :func:`blend` to a table or a target, optionally after
  the original rows.
"""

import numpy as np
from scipy import sparse
from scipy.special import expit

# Rows of a dense block are sized so that one block of temporaries stays in the
# CPU cache (~512 KiB): larger blocks make the blend memory-bound, smaller ones
# pay NumPy's per-call overhead (measured in benchmarks/bench_speed.py).
_BLOCK_BYTES = 1 << 19


def draw_lambdas(alpha, size, random_state, *, fold=True):
    """Draw ``size`` mixing weights λ ~ Beta(α, α).

    Parameters
    ----------
    alpha : float
        Concentration, ``alpha >= 0``. ``alpha == 0`` means no interpolation:
        every λ is exactly 1.
    size : int
        Number of weights.
    random_state : numpy.random.RandomState
        The generator to draw from.
    fold : bool, default=True
        Return ``max(λ, 1 − λ)`` so that the anchor keeps the larger share.

    Returns
    -------
    lambdas : ndarray of shape (size,), dtype float64
    """
    if alpha == 0:
        return np.ones(size)
    if alpha >= 1:
        lambdas = random_state.beta(alpha, alpha, size)
    else:
        # NumPy's beta returns NaN for subnormal α and loses precision for
        # tiny α. Work in log space instead: Gamma(α) = Gamma(α + 1)·U^(1/α)
        # (Marsaglia & Tsang), and λ = G1 / (G1 + G2) = expit(log G1 − log G2).
        # (log U1 − log U2) / α may overflow to ±inf, which expit maps to the
        # limits 1 and 0, exactly what Beta(α, α) tends to as α → 0.
        log_gamma = np.log(random_state.standard_gamma(alpha + 1.0, (2, size)))
        log_uniform = np.log1p(-random_state.random_sample((2, size)))
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            scaled = (log_uniform[0] - log_uniform[1]) / alpha
        lambdas = expit(log_gamma[0] - log_gamma[1] + scaled)
    if fold:
        np.maximum(lambdas, 1.0 - lambdas, out=lambdas)
    return lambdas


def draw_partners(anchors, random_state, *, groups=None, n_rows=None):
    """Draw for each anchor a partner among the other rows of its group.

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


def draw_pairs(n_rows, n_synthetic, alpha, random_state, *, groups=None, fold=True):
    """Anchors, partners and λ for ``n_synthetic`` rows mixed from ``n_rows``.

    Synthetic row k has anchor ``k mod n_rows``: the anchors cycle through the
    rows in order, so every row is an anchor equally often.

    Returns
    -------
    pairs : ndarray of shape (n_synthetic, 2), dtype intp
        Anchor and partner index of each synthetic row.
    lambdas : ndarray of shape (n_synthetic,)
        Weight of the anchor.
    """
    anchors = np.arange(n_synthetic, dtype=np.intp) % n_rows
    lambdas = draw_lambdas(alpha, n_synthetic, random_state, fold=fold)
    partners = draw_partners(anchors, random_state, groups=groups, n_rows=n_rows)
    return np.column_stack([anchors, partners]), lambdas


def mix(X, pairs, lambdas, *, concat=False):
    """Blend the rows of ``X`` named by ``pairs``; 1-D ``X`` is a column.

    With ``concat=True`` the original rows come first. The dense output is
    allocated once, at its final size.
    """
    one_d = not sparse.issparse(X) and X.ndim == 1
    if one_d:
        X = X[:, np.newaxis]
    anchors, partners = pairs[:, 0], pairs[:, 1]
    if sparse.issparse(X):
        out = blend(X, anchors, partners, lambdas)
        if concat:
            out = sparse.vstack([X.astype(out.dtype), out], format=X.format)
    elif concat:
        out = np.empty((len(X) + len(pairs), X.shape[1]), _float_dtype(X.dtype))
        out[: len(X)] = X
        _blend_dense(X, anchors, partners, lambdas, out=out[len(X) :])
    else:
        out = _blend_dense(X, anchors, partners, lambdas)
    return out.ravel() if one_d else out


def _draw_offsets(n_pool, random_state):
    """Uniform offsets in ``1 .. n_pool − 1`` (0 where ``n_pool == 1``)."""
    offsets = random_state.randint(1, np.maximum(n_pool, 2), dtype=np.intp)
    offsets[n_pool <= 1] = 0
    return offsets


def blend(X, anchors, partners, lambdas):
    """Blend rows: ``out[k] = λ_k·X[anchors[k]] + (1 − λ_k)·X[partners[k]]``.

    Rows with ``λ_k == 1`` are copies of their anchor, bit for bit.

    Parameters
    ----------
    X : ndarray of shape (n_rows, n_features) or sparse matrix
        Finite values. Floating dtypes are kept; other dtypes give float64.
    anchors, partners : ndarray of shape (n_synthetic,), dtype intp
        Row indices into ``X``.
    lambdas : ndarray of shape (n_synthetic,)
        The weight of the anchor, in [0, 1].

    Returns
    -------
    out : ndarray of shape (n_synthetic, n_features) or sparse matrix
        Same container as ``X`` (sparse in the same format).
    """
    if sparse.issparse(X):
        return _blend_sparse(X, anchors, partners, lambdas)
    return _blend_dense(X, anchors, partners, lambdas)


def _float_dtype(dtype):
    return dtype if np.issubdtype(dtype, np.floating) else np.dtype(np.float64)


def _block_rows(n_features, itemsize):
    return max(1, _BLOCK_BYTES // max(1, n_features * itemsize))


def _blend_dense(X, anchors, partners, lambdas, out=None):
    dtype = _float_dtype(X.dtype)
    n_synthetic, n_features = len(anchors), X.shape[1]
    if out is None:
        out = np.empty((n_synthetic, n_features), dtype=dtype)
    # λ·x + 0·y turns -0.0 into +0.0: rows with λ = 1 are copied from their
    # anchor so that they are the anchor bit for bit.
    copies = np.flatnonzero(lambdas == 1)
    block = _block_rows(n_features, dtype.itemsize)
    if len(copies) == n_synthetic:
        _copy_rows(X, anchors, copies, out, block)
        return out
    partner_rows = np.empty((block, n_features), dtype=dtype)
    weights = lambdas.astype(dtype, copy=False)[:, np.newaxis]
    for start in range(0, n_synthetic, block):
        stop = min(start + block, n_synthetic)
        rows = slice(start, stop)
        out_rows = out[rows]
        first = anchors[start]
        if anchors[stop - 1] - first == stop - start - 1 and np.array_equal(
            anchors[rows], np.arange(first, first + stop - start)
        ):
            # Anchors cycle through the rows in order: read a slice, not a copy.
            np.multiply(X[first : first + stop - start], weights[rows], out=out_rows)
        else:
            np.multiply(X[anchors[rows]], weights[rows], out=out_rows)
        partner_block = partner_rows[: stop - start]
        if X.dtype == dtype:
            np.take(X, partners[rows], axis=0, out=partner_block, mode="clip")
        else:
            partner_block[...] = X[partners[rows]]
        partner_block *= 1 - weights[rows]
        out_rows += partner_block
    _copy_rows(X, anchors, copies, out, block)
    return out


def _copy_rows(X, anchors, rows, out, block):
    """``out[rows] = X[anchors[rows]]``, a block of rows at a time, so that
    no full-size temporary ``X[anchors]`` is allocated."""
    for start in range(0, len(rows), block):
        chosen = rows[start : start + block]
        out[chosen] = X[anchors[chosen]]


def _blend_sparse(X, anchors, partners, lambdas):
    dtype = _float_dtype(X.dtype)
    X_csr = X.tocsr().astype(dtype, copy=False)
    n_synthetic = len(anchors)
    mean_row_nnz = max(1.0, X_csr.nnz / max(1, X_csr.shape[0]))
    block = max(1, int(_BLOCK_BYTES // (2 * mean_row_nnz * (dtype.itemsize + 4))))
    weights = lambdas.astype(dtype, copy=False)

    def blended_block(start, stop):
        rows = slice(start, stop)
        anchor_part = X_csr[anchors[rows]]
        partner_part = X_csr[partners[rows]]
        anchor_part.data *= np.repeat(weights[rows], np.diff(anchor_part.indptr))
        partner_part.data *= np.repeat(1 - weights[rows], np.diff(partner_part.indptr))
        # CSR addition drops the zeros it produces, so a λ = 1 row holds
        # exactly its anchor's entries.
        return (anchor_part + partner_part).tocsr()

    # Two passes: count the entries of each block, then fill arrays allocated
    # once at their final size. Collecting blocks and stacking them would
    # hold the output twice.
    starts = range(0, n_synthetic, block)
    counts = [blended_block(s, min(s + block, n_synthetic)).nnz for s in starts]
    nnz = int(np.sum(counts, dtype=np.int64))
    index_dtype = np.int32 if nnz < np.iinfo(np.int32).max else np.int64
    data = np.empty(nnz, dtype=dtype)
    indices = np.empty(nnz, dtype=index_dtype)
    indptr = np.zeros(n_synthetic + 1, dtype=index_dtype)
    position = 0
    for start in starts:
        stop = min(start + block, n_synthetic)
        part = blended_block(start, stop)
        part.sort_indices()
        data[position : position + part.nnz] = part.data
        indices[position : position + part.nnz] = part.indices
        indptr[start + 1 : stop + 1] = part.indptr[1:] + position
        position += part.nnz
    container = sparse.csr_array if isinstance(X, sparse.sparray) else sparse.csr_matrix
    out = container((data, indices, indptr), shape=(n_synthetic, X.shape[1]))
    out.has_sorted_indices = True
    return out.asformat(X.format)


def draw_knn_partners(X, anchors, n_neighbors, random_state, *, groups=None):
    """Draw for each anchor a partner among its nearest rows of its group.

    The partner is uniform over the anchor's ``n_neighbors`` nearest other
    rows (Euclidean distance) of the anchor's group: SMOTE's neighbourhood.
    Only the anchors' neighbours are searched, one group at a time.

    Parameters
    ----------
    X : ndarray or sparse matrix of shape (n_rows, n_features)
        The rows whose distances define the neighbourhoods.
    anchors : ndarray of shape (n_synthetic,), dtype intp
        Row index of each anchor.
    n_neighbors : int
        Neighbourhood size; a group with fewer other rows uses all of them.
    random_state : numpy.random.RandomState
        The generator to draw from.
    groups : ndarray of shape (n_rows,) of int, default=None
        Group code of every row; ``None`` means one group of all rows.

    Returns
    -------
    partners : ndarray of shape (n_synthetic,), dtype intp
        The anchor itself when it is alone in its group.
    """
    from sklearn.neighbors import NearestNeighbors

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
        n_pool = min(n_neighbors, len(members) - 1)
        if n_pool == 0:
            continue
        selected = np.flatnonzero(anchor_groups == group)
        queries, inverse = np.unique(anchors[selected], return_inverse=True)
        search = NearestNeighbors(n_neighbors=n_pool + 1).fit(X[members])
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


# Edges of the rings that the label-kernel sampler proposes from, in units of
# the bandwidth, on the scale z = sqrt(d² − d_min²) / bandwidth. Narrow rings
# near the anchor keep the acceptance rate high where the mass is; the last
# edge is where the kernel exp(−z²/2) underflows to 0 in float64.
_RING_EDGES = np.array([0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 10.0, 20.0, 39.0])


def draw_label_kernel_partners(y, anchors, bandwidth, random_state):
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
        Kernel bandwidth, > 0.
    random_state : numpy.random.RandomState
        The generator to draw from.

    Returns
    -------
    partners : ndarray of shape (n_synthetic,), dtype intp
        The anchor itself only when it is the only row.
    """
    y = np.asarray(y, dtype=np.float64)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    anchors = np.asarray(anchors, dtype=np.intp)
    if len(y) < 2:
        return anchors.copy()
    if y.ndim == 1:
        return _label_kernel_1d(y, anchors, bandwidth, random_state)
    return _label_kernel_blocks(y, anchors, bandwidth, random_state)


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
    block = max(1, _BLOCK_BYTES // (8 * n_rows * n_outputs))
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
