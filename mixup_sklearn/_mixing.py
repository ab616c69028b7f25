"""The one mixup kernel: draw λ, blend or swap rows in blocks.

Every public entry point (:func:`~mixup_sklearn.mixup`,
:class:`~mixup_sklearn.MixupSampler`, the meta-estimators and the batch
generator) goes through this module:

- :func:`draw_lambdas` draws λ ~ Beta(α, α), safely for every α >= 0;
- :func:`blend` computes ``λ·X[anchor] + (1 − λ)·X[partner]`` for dense or
  sparse ``X`` in row blocks, so that no full-size temporary is allocated;
- :func:`draw_swap_mask` draws CutMix's cells: round((1 − λ)·c) cells of a
  synthetic row, drawn without replacement, come from the partner; the mask
  is stored packed, one bit per cell, and the realised share of anchor cells
  replaces λ;
- given that mask, :func:`blend` swaps cells instead of blending them
  (``method="cutmix"``): every cell is the anchor's or the partner's value,
  bit for bit, in the dtype of ``X``;
- :func:`mix` applies :func:`blend` to a table or a target, optionally after
  the original rows.

It sees ndarrays and sparse matrices only: a DataFrame's cells are swapped
by the container layer, in the DataFrame's own library, from the rows that
:func:`column_cells` reads off the mask. Who is paired with whom is decided
in :mod:`mixup_sklearn._pairing`; what is drawn, in which order, in
:mod:`mixup_sklearn._plan`.
"""

import math

import numpy as np
from scipy import sparse
from scipy.special import expit

# Rows of a dense block are sized so that a block of output, of partner rows
# and of X stay in the CPU's L2 cache together (256 KiB each): larger blocks
# make the blend memory-bound, smaller ones pay NumPy's per-call overhead. On
# a 2 MiB L2, 256 KiB blended 200,000 × 100 float64 rows in 72 ms, 512 KiB in
# 82 ms and 1 MiB in 105 ms; at 10 columns the sizes from 128 KiB to 512 KiB
# were level.
_BLOCK_BYTES = 1 << 18
# Sparse blocks pay SciPy's row indexing, ~100 µs a call: they take 512 KiB.
_SPARSE_BLOCK_BYTES = 1 << 19


# Below this α, Jöhnk's algorithm (U^(1/α) for two uniforms U, in
# :func:`_johnk_beta`) loses the precision of λ: both powers underflow to 0
# together with a probability of about exp(−1490·α) per pair, 6e-33 at
# α = 0.05. Smaller α go through the log-space path, exact at any α > 0.
_JOHNK_SAFE_ALPHA = 0.05


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
        The generator to draw from: it seeds the Generator that draws λ
        (:func:`fast_generator`), so the same state gives the same λ.
    fold : bool, default=True
        Return ``max(λ, 1 − λ)`` so that the anchor keeps the larger share.

    Returns
    -------
    lambdas : ndarray of shape (size,), dtype float64
    """
    if alpha == 0:
        return np.ones(size)
    generator = fast_generator(random_state)
    if alpha == 1:
        # Beta(1, 1) is the uniform distribution: ~20 times faster than
        # RandomState.beta(1, 1), which goes through two gamma draws.
        lambdas = generator.random(size)
        if fold:
            # max(U, 1 − U) is uniform on [0.5, 1], as 1 − U/2 is, which
            # needs no temporary.
            lambdas *= -0.5
            lambdas += 1.0
            return lambdas
    elif _JOHNK_SAFE_ALPHA <= alpha < 1:
        lambdas = _johnk_beta(alpha, size, generator)
    elif alpha >= 1:
        lambdas = generator.beta(alpha, alpha, size)
    else:
        # Work in log space: Gamma(α) = Gamma(α + 1)·U^(1/α) (Marsaglia &
        # Tsang), and λ = G1 / (G1 + G2) = expit(log G1 − log G2).
        # (log U1 − log U2) / α may overflow to ±inf, which expit maps to the
        # limits 1 and 0, exactly what Beta(α, α) tends to as α → 0.
        log_gamma = np.log(generator.standard_gamma(alpha + 1.0, (2, size)))
        log_uniform = np.log1p(-generator.random((2, size)))
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            scaled = (log_uniform[0] - log_uniform[1]) / alpha
        lambdas = expit(log_gamma[0] - log_gamma[1] + scaled)
    if fold:
        np.maximum(lambdas, 1.0 - lambdas, out=lambdas)
    return lambdas


# Temporaries of a per-row pass are made this many rows at a time: under
# 128 KiB, glibc serves them from its heap, where larger ones are fresh pages
# from mmap each time. Dask's workers set MALLOC_TRIM_THRESHOLD_, which makes
# every large allocation fresh: a 250,000-row block took 20 ms there against
# 13 ms with the default allocator, until its temporaries were chunked.
_CHUNK_ROWS = 1 << 13
# CutMix's cells are drawn for this many columns of a block of rows at once:
# 8 MiB of float32 uniforms for 8,192 rows, whatever the width of the table.
_CELL_COLUMNS = 256


def _johnk_beta(alpha, size, generator):
    """Beta(α, α) for ``_JOHNK_SAFE_ALPHA <= α < 1``, by Jöhnk's rejection
    method vectorised: for uniforms U and V, X = U^(1/α) and Y = V^(1/α),
    λ = X / (X + Y) given X + Y <= 1, an exact draw.

    It accepts Γ(α + 1)² / Γ(2α + 1) of the pairs (0.85 at α = 0.4, 0.55 at
    0.9) and is about twice as fast as ``Generator.beta``, which runs the
    same method one draw at a time (measured in bench_speed.py). A pair
    whose powers both underflow to 0 is rejected rather than divided.
    """
    inverse = 1.0 / alpha
    accepted_share = math.exp(2 * math.lgamma(alpha + 1) - math.lgamma(2 * alpha + 1))
    lambdas = np.empty(size)
    filled = 0
    while filled < size:
        wanted = min(size - filled, _CHUNK_ROWS)
        pairs = generator.random((2, int(wanted / accepted_share * 1.05) + 16))
        np.power(pairs, inverse, out=pairs)
        total = pairs[0] + pairs[1]
        accepted = (total <= 1) & (total > 0)
        np.divide(pairs[0], total, out=total)
        drawn = total[accepted][:wanted]
        lambdas[filled : filled + len(drawn)] = drawn
        filled += len(drawn)
    return lambdas


def fast_generator(random_state):
    """A :class:`numpy.random.Generator` seeded from ``random_state``, for the
    bulk draws: λ and CutMix's cells.

    The one place where the library leaves ``RandomState``: its samplers for
    the uniform and Beta distributions are 3 to 30 times slower than a PCG64
    Generator's (measured in ``benchmarks/bench_speed.py``). The seed is one
    draw from ``random_state``, so scikit-learn's semantics hold: the same
    ``random_state`` gives the same λ, and the state moves on for the draws
    that follow (partners).
    """
    seed = random_state.randint(2**63, dtype=np.uint64)
    return np.random.Generator(np.random.PCG64(seed))


def mix(X, pairs, lambdas, *, concat=False, mask=None, missing="error"):
    """Blend the rows of ``X`` named by ``pairs``; 1-D ``X`` is a column.

    With ``concat=True`` the original rows come first. The dense output is
    allocated once, at its final size. With ``mask`` (from
    :func:`draw_swap_mask`), cells are swapped instead of blended.
    ``missing`` is :func:`blend`'s rule for NaN.
    """
    one_d = not sparse.issparse(X) and X.ndim == 1
    if one_d:
        X = X[:, np.newaxis]
    anchors, partners = pairs[:, 0], pairs[:, 1]
    dtype = float_dtype(X.dtype) if mask is None else X.dtype
    if sparse.issparse(X):
        out = blend(X, anchors, partners, lambdas, mask=mask, missing=missing)
        if concat:
            out = sparse.vstack([X.astype(out.dtype), out], format=X.format)
    elif concat:
        out = np.empty((len(X) + len(pairs), X.shape[1]), dtype)
        out[: len(X)] = X
        if mask is None:
            _blend_dense(
                X, anchors, partners, lambdas, out=out[len(X) :], missing=missing
            )
        else:
            _swap_dense(X, anchors, partners, mask, out=out[len(X) :])
    else:
        out = blend(X, anchors, partners, lambdas, mask=mask, missing=missing)
    return out.ravel() if one_d else out


def blend(X, anchors, partners, lambdas, *, mask=None, missing="error"):
    """Blend rows: ``out[k] = λ_k·X[anchors[k]] + (1 − λ_k)·X[partners[k]]``.

    It is computed as ``p + λ_k·(a − p)`` for anchor row a and partner row
    p, one multiply by the row weights per block, for dense and sparse ``X``
    alike, so both give the same values. Rows with ``λ_k == 1`` are copies of
    their anchor, bit for bit; rows with ``λ_k == 0`` of their partner.

    ``a − p`` overflows when the parents are far apart near the largest
    value of the dtype (±40,000 in float16); such cells, and only they, are
    recomputed as ``clip(λ·a + (1 − λ)·p, min(a, p), max(a, p))``, whose
    terms cannot overflow. Finite input thus gives finite output in every
    dtype. The guard costs nothing on other blocks: NumPy reports an
    overflow through the floating-point status it checks after every
    operation, and only a block that overflowed is scanned. With
    ``mask`` (CutMix), cell (k, c) is ``X[partners[k], c]`` where the mask's
    bit is set and ``X[anchors[k], c]`` elsewhere; ``lambdas`` is then unused.

    Missing values (NaN; in a sparse matrix, its explicit NaN entries) are
    the callers' to allow. A swapped cell is copied as it is, NaN included.
    A blended cell with a missing parent is missing, as IEEE arithmetic
    makes it (``missing="error"``, where validation has refused NaN, and
    ``"propagate"``); with ``missing="observed"`` a cell with one missing
    parent takes the other parent's value (:func:`observed_values`), and a
    cell with both missing stays missing. Copies (λ = 1 or 0 in the output's
    dtype) stay exact copies of their parent, NaN included. Only
    ``"observed"`` costs a pass: over the blended cells, for NaN.

    Parameters
    ----------
    X : ndarray of shape (n_rows, n_features) or sparse matrix
        Finite values. Floating dtypes are kept; other dtypes give float64
        when blended, and are kept when swapped.
    anchors, partners : ndarray of shape (n_synthetic,), dtype intp
        Row indices into ``X``.
    lambdas : ndarray of shape (n_synthetic,)
        The weight of the anchor, in [0, 1].
    mask : ndarray of shape (n_synthetic, ceil(n_features / 8)), dtype uint8, \
            default=None
        The packed cells to take from the partner, from
        :func:`draw_swap_mask`; None blends.
    missing : {"error", "propagate", "observed"}, default="error"
        What a blended cell with one missing parent becomes: missing, or
        with ``"observed"`` the observed parent's value.

    Returns
    -------
    out : ndarray of shape (n_synthetic, n_features) or sparse matrix
        Same container as ``X`` (sparse in the same format).
    """
    if mask is not None:
        if sparse.issparse(X):
            return _swap_sparse(X, anchors, partners, mask)
        return _swap_dense(X, anchors, partners, mask)
    if sparse.issparse(X):
        return _blend_sparse(X, anchors, partners, lambdas, missing=missing)
    return _blend_dense(X, anchors, partners, lambdas, missing=missing)


def observed_values(anchor_values, partner_values):
    """``missing="observed"``'s rule for cells with a missing parent: the
    anchor's value where it is observed, else the partner's (missing when
    both are)."""
    return np.where(np.isnan(anchor_values), partner_values, anchor_values)


def draw_swap_mask(lambdas, n_columns, random_state, *, n_fixed=0, preserve=False):
    """Draw CutMix's cells: which cells of each synthetic row the partner gives.

    Row k takes an exact number of cells from its partner,

    .. math::

        s_k = \\mathrm{round}((1 - \\lambda_k)\\, c), \\qquad
        c = n_{columns} + n_{fixed},

    rounded half to even (:func:`numpy.rint`), at most ``n_columns`` and, with
    ``preserve``, at most ``floor(c / 2)``, so that the anchor keeps at least
    half of every row and its label stays the row's majority. The s_k cells
    are a uniform draw without replacement among the ``n_columns`` swappable
    columns: selection sampling (Knuth's Algorithm S), which takes column j
    with probability (cells still to take) / (columns left), vectorised over
    a block of rows, one column at a time. A row with λ_k = 1 takes no cell.
    The realised share of anchor cells, (c − s_k) / c, replaces λ_k.

    Drawing the count rather than one Bernoulli cell per column makes the
    share exact: with independent cells a one-column row was a whole copy of
    its partner with probability 1 − λ, and kept its anchor's label.

    Parameters
    ----------
    lambdas : ndarray of shape (n_synthetic,)
        The weight of the anchor, in [0, 1].
    n_columns : int
        Number of swappable cells per row, >= 1.
    random_state : numpy.random.RandomState
        The generator to draw from: it seeds the Generator of the cells
        (:func:`fast_generator`), after λ and the partners.
    n_fixed : int, default=0
        Further columns that always keep the anchor's value (categorical
        columns): they count in c, and so in the share, but are never drawn.
    preserve : bool, default=False
        Cap the swapped cells at half of the row (label preservation).

    Returns
    -------
    mask : ndarray of shape (n_synthetic, ceil(n_columns / 8)), dtype uint8
        ``np.packbits`` of the cells taken from the partner.
    shares : ndarray of shape (n_synthetic,), dtype float64
        The realised share of anchor cells of each row, (c − s_k) / c, which
        replaces λ for the targets and for ``lambdas_``.
    """
    n_synthetic = len(lambdas)
    n_bytes = -(-n_columns // 8)
    mask = np.zeros((n_synthetic, n_bytes), dtype=np.uint8)
    if np.all(lambdas == 1):
        # alpha=0 (or nothing mixed): the identity, and nothing is drawn.
        return mask, np.ones(n_synthetic)
    counts = swap_counts(lambdas, n_columns, n_fixed=n_fixed, preserve=preserve)
    generator = fast_generator(random_state)
    rows = min(n_synthetic, _CHUNK_ROWS)
    columns = min(8 * n_bytes, _CELL_COLUMNS)
    # Columns-major blocks: each step of the selection reads and writes
    # one contiguous row of the block, for all of its synthetic rows.
    uniforms = np.empty(columns * rows, dtype=np.float32)
    cells = np.empty(columns * rows, dtype=bool)
    # u·(columns left) < (cells left): the selection's probability, with the
    # scale applied to a whole block at once. float32 uniforms: half the bits
    # of float64; a probability moves by less than 1e-7, and u·m < m holds
    # for every uniform u < 1 and whole m < 2**24, so a row that must take
    # all its remaining columns does.
    scale = np.arange(n_columns, 0, -1, dtype=np.float32)[:, np.newaxis]
    left = np.empty(rows, dtype=np.float32)
    for start in range(0, n_synthetic, rows):
        stop = min(start + rows, n_synthetic)
        n_block = stop - start
        block_left = left[:n_block]
        block_left[...] = counts[start:stop]
        for first in range(0, n_columns, columns):
            last = min(first + columns, n_columns)
            padded = -(-(last - first) // 8) * 8
            block_uniforms = uniforms[: (last - first) * n_block].reshape(-1, n_block)
            generator.random(out=block_uniforms, dtype=np.float32)
            block_uniforms *= scale[first:last]
            block_cells = cells[: padded * n_block].reshape(padded, n_block)
            for column in range(last - first):
                taken = block_cells[column]
                np.less(block_uniforms[column], block_left, out=taken)
                np.subtract(block_left, taken, out=block_left)
            block_cells[last - first :] = False
            packed = np.packbits(np.ascontiguousarray(block_cells.T).reshape(-1))
            mask[start:stop, first // 8 : first // 8 + padded // 8] = packed.reshape(
                n_block, -1
            )
    # (c − s_k) / c, one rounding: the share of anchor cells as a count of
    # them gives it.
    n_total = n_columns + n_fixed
    return mask, (n_total - counts) / n_total


def swap_counts(lambdas, n_columns, *, n_fixed=0, preserve=False):
    """The number of cells each row takes from its partner under CutMix:
    ``rint((1 − λ)·c)`` for ``c = n_columns + n_fixed``, at most
    ``n_columns``, and at most ``floor(c / 2)`` with ``preserve``; see
    :func:`draw_swap_mask`."""
    n_total = n_columns + n_fixed
    counts = np.rint((1.0 - np.asarray(lambdas, dtype=np.float64)) * n_total)
    cap = min(n_columns, n_total // 2) if preserve else n_columns
    return np.clip(counts, 0, cap, out=counts)


def column_cells(mask, column):
    """The cells of one column of the packed ``mask``, for every row: True
    where the row takes the partner's cell."""
    return (mask[:, column >> 3] >> (7 - (column & 7))) & 1 == 1


def _unpacked(mask, n_columns):
    """The boolean cells of a block of rows of the packed ``mask``."""
    cells = np.unpackbits(mask.reshape(-1)).view(bool)
    return cells.reshape(len(mask), -1)[:, :n_columns]


def _swap_dense(X, anchors, partners, mask, out=None):
    n_synthetic, n_features = len(anchors), X.shape[1]
    if out is None:
        out = np.empty((n_synthetic, n_features), dtype=X.dtype)
    if n_synthetic == 0:
        return out
    block = min(_block_rows(n_features, X.dtype.itemsize), n_synthetic)
    partner_rows = np.empty((block, n_features), dtype=X.dtype)
    anchor_rows = _consecutive(anchors)
    bits = _bits_dtype(X.dtype)
    if bits is not None:
        selector = np.empty((block, n_features), dtype=bits)
    for start in range(0, n_synthetic, block):
        stop = min(start + block, n_synthetic)
        out_rows = out[start:stop]
        if anchor_rows is None:
            # np.take into preallocated rows: no temporary per block.
            np.take(X, anchors[start:stop], axis=0, out=out_rows, mode="clip")
        else:
            first = anchor_rows.start + start
            out_rows[...] = X[first : first + stop - start]
        partner_block = partner_rows[: stop - start]
        np.take(X, partners[start:stop], axis=0, out=partner_block, mode="clip")
        cells = _unpacked(mask[start:stop], n_features)
        if bits is None:
            np.copyto(out_rows, partner_block, where=cells)
            continue
        # A select on the bits, a ^ ((a ^ p) & m) with m all ones where the
        # partner gives the cell: three times faster than a masked copy, and
        # every value, NaN payloads included, is one parent's bit for bit.
        block_selector = selector[: stop - start]
        np.copyto(block_selector, cells)
        np.negative(block_selector, out=block_selector)
        anchor_bits, partner_bits = out_rows.view(bits), partner_block.view(bits)
        np.bitwise_xor(partner_bits, anchor_bits, out=partner_bits)
        np.bitwise_and(partner_bits, block_selector, out=partner_bits)
        np.bitwise_xor(anchor_bits, partner_bits, out=anchor_bits)
    return out


def _bits_dtype(dtype):
    """The unsigned integer of the size of ``dtype``, to select cells on their
    bits, or None for dtypes whose bits are not plain values (objects)."""
    if dtype.kind in "biufcmM" and dtype.itemsize in (1, 2, 4, 8):
        return np.dtype(f"u{dtype.itemsize}")
    return None


def _swap_sparse(X, anchors, partners, mask):
    X_csr = X.tocsr()
    n_columns = X.shape[1]

    def entry_rows(part):
        return np.repeat(np.arange(part.shape[0]), np.diff(part.indptr))

    def cells_of(part, rows, start):
        """The mask's bit of every stored entry of ``part``."""
        columns = part.indices
        return (mask[rows + start, columns >> 3] >> (7 - (columns & 7))) & 1 == 1

    def swapped_block(start, stop):
        anchor_part = X_csr[anchors[start:stop]]
        partner_part = X_csr[partners[start:stop]]
        anchor_rows, partner_rows = entry_rows(anchor_part), entry_rows(partner_part)
        from_anchor = ~cells_of(anchor_part, anchor_rows, start)
        from_partner = cells_of(partner_part, partner_rows, start)
        # The two sets of entries are disjoint: COO keeps each value as it is
        # (explicit zeros included), where CSR addition would drop zeros.
        rows = np.concatenate([anchor_rows[from_anchor], partner_rows[from_partner]])
        columns = np.concatenate(
            [anchor_part.indices[from_anchor], partner_part.indices[from_partner]]
        )
        data = np.concatenate(
            [anchor_part.data[from_anchor], partner_part.data[from_partner]]
        )
        shape = (stop - start, n_columns)
        return sparse.coo_matrix((data, (rows, columns)), shape=shape).tocsr()

    mean_row_nnz = max(1.0, X_csr.nnz / max(1, X_csr.shape[0]))
    block = max(
        1, int(_SPARSE_BLOCK_BYTES // (2 * mean_row_nnz * (X_csr.dtype.itemsize + 12)))
    )
    return _assemble_sparse(X, X_csr.dtype, len(anchors), block, swapped_block)


def float_dtype(dtype):
    """The dtype of mixed values: floating dtypes are kept, others give float64."""
    return dtype if np.issubdtype(dtype, np.floating) else np.dtype(np.float64)


def _block_rows(n_features, itemsize):
    return max(1, _BLOCK_BYTES // max(1, n_features * itemsize))


def _blend_dense(X, anchors, partners, lambdas, out=None, missing="error"):
    dtype = float_dtype(X.dtype)
    n_synthetic, n_features = len(anchors), X.shape[1]
    if out is None:
        out = np.empty((n_synthetic, n_features), dtype=dtype)
    if n_synthetic == 0:
        return out
    block = min(_block_rows(n_features, dtype.itemsize), n_synthetic)
    partner_rows = np.empty((block, n_features), dtype=dtype)
    weights = lambdas.astype(dtype, copy=False)[:, np.newaxis]
    # Checked once, not per block: the sampler's anchors are consecutive rows,
    # read as slices of X with no gather.
    anchor_rows = _consecutive(anchors)
    # λ·x + (1 − λ)·y turns -0.0 into +0.0, and y + λ·(x − y) is x only up to
    # rounding: rows whose weight is 1 in the output's dtype are copied from
    # their anchor, bit for bit, and rows whose weight is 0 from their
    # partner (y + 0·(x − y) is +0.0 for y = -0.0).
    copies = np.flatnonzero(weights[:, 0] == 1)
    partner_copies = np.flatnonzero(weights[:, 0] == 0)
    edges = np.arange(0, n_synthetic + block, block)
    bounds = np.searchsorted(copies, edges)
    partner_bounds = np.searchsorted(partner_copies, edges)
    # Integers hold no NaN: the rule of missing="observed" has nothing to do.
    observed = missing == "observed" and X.dtype.kind == "f"
    overflows = []
    # NumPy calls this when an operation overflowed, from its floating-point
    # status: no pass over the block to find out.
    with np.errstate(over="call", call=lambda *_: overflows.append(True)):
        for number, start in enumerate(range(0, n_synthetic, block)):
            stop = min(start + block, n_synthetic)
            out_rows = out[start:stop]
            block_copies = copies[bounds[number] : bounds[number + 1]] - start
            if anchor_rows is None:
                _gather(X, anchors[start:stop], out_rows, None)
                block_anchors = out_rows
            else:
                first = anchor_rows.start + start
                block_anchors = X[first : first + stop - start]
            if len(block_copies) == stop - start:
                out_rows[...] = block_anchors
                continue
            partner_block = partner_rows[: stop - start]
            _gather(
                X,
                partners[start:stop],
                partner_block,
                _consecutive(partners[start:stop]),
            )
            # y + λ·(x − y): one multiply by the row weights, the slow
            # broadcast on narrow rows, instead of two (63 ms against 70 ms
            # for 1,000,000 × 10 float64 rows).
            np.subtract(block_anchors, partner_block, out=out_rows)
            out_rows *= weights[start:stop]
            out_rows += partner_block
            if overflows:
                overflows.clear()
                _repair_overflow(
                    out_rows,
                    X,
                    anchors[start:stop],
                    partner_block,
                    weights[start:stop, 0],
                )
            if observed:
                _fill_observed(out_rows, X, anchors[start:stop], partner_block)
            if len(block_copies):
                out_rows[block_copies] = X[anchors[start:stop][block_copies]]
            block_partner_copies = (
                partner_copies[partner_bounds[number] : partner_bounds[number + 1]]
                - start
            )
            if len(block_partner_copies):
                out_rows[block_partner_copies] = partner_block[block_partner_copies]
    return out


def _fill_observed(out_rows, X, anchors, partner_block):
    """Give the missing cells of a dense blended block with one missing
    parent the observed parent's value (``missing="observed"``). ``anchors``
    index X (the block's anchor rows may have been overwritten by the
    blend); ``partner_block`` holds the partner rows."""
    rows, columns = np.nonzero(np.isnan(out_rows))
    if len(rows):
        out_rows[rows, columns] = observed_values(
            X[anchors[rows], columns].astype(out_rows.dtype, copy=False),
            partner_block[rows, columns],
        )


def _repair_overflow(out_rows, X, anchors, partner_block, weights):
    """Recompute the cells of a dense block that overflowed; see
    :func:`blend`. ``anchors`` index X; ``partner_block`` holds the partner
    rows in the output's dtype. Overflows are infinite; a NaN is a missing
    parent's, left to :func:`_fill_observed`."""
    rows, columns = np.nonzero(np.isinf(out_rows))
    anchor_values = X[anchors[rows], columns].astype(out_rows.dtype, copy=False)
    out_rows[rows, columns] = _bounded_blend(
        anchor_values, partner_block[rows, columns], weights[rows]
    )


def _bounded_blend(anchor_values, partner_values, weights):
    """``clip(λ·a + (1 − λ)·p, min(a, p), max(a, p))``, cell by cell.

    Where ``a − p`` overflows, a and p have opposite signs, so the two terms
    do too and their sum cannot overflow; the clip keeps the result between
    its parents, also where rounding at the largest values would step out.
    """
    with np.errstate(over="ignore"):
        blended = weights * anchor_values + (1 - weights) * partner_values
    return np.clip(
        blended,
        np.minimum(anchor_values, partner_values),
        np.maximum(anchor_values, partner_values),
    )


def _consecutive(rows):
    """The slice of X that ``rows`` names, if they are consecutive, else None.

    Compared a chunk at a time: the check runs once the output is allocated,
    and a full-length range would add 8 bytes a row to the peak memory.
    """
    first, n_rows = int(rows[0]), len(rows)
    if rows[-1] - first != n_rows - 1:
        return None
    for start in range(0, n_rows, _CHUNK_ROWS):
        stop = min(start + _CHUNK_ROWS, n_rows)
        if not np.array_equal(rows[start:stop], np.arange(first + start, first + stop)):
            return None
    return slice(first, first + n_rows)


def _gather(X, rows, out, consecutive):
    """``out[...] = X[rows]``, with no temporary when the dtypes agree."""
    if consecutive is not None:
        out[...] = X[consecutive]
    elif X.dtype == out.dtype:
        np.take(X, rows, axis=0, out=out, mode="clip")
    else:
        out[...] = X[rows]


def _blend_sparse(X, anchors, partners, lambdas, missing="error"):
    dtype = float_dtype(X.dtype)
    X_csr = X.tocsr().astype(dtype, copy=False)
    n_synthetic = len(anchors)
    mean_row_nnz = max(1.0, X_csr.nnz / max(1, X_csr.shape[0]))
    block = max(
        1, int(_SPARSE_BLOCK_BYTES // (2 * mean_row_nnz * (dtype.itemsize + 4)))
    )
    weights = lambdas.astype(dtype, copy=False)
    observed = missing == "observed"

    def blended_block(start, stop):
        rows = slice(start, stop)
        block_weights = weights[rows]
        # y + λ·(x − y), as for dense X, entry for entry: a row whose λ is 1
        # takes its anchor as partner, so x − x is dropped (CSR arithmetic
        # drops the zeros it produces) and the row holds its anchor's
        # entries; a row whose λ is 0 takes its partner as anchor.
        block_anchors = np.where(block_weights == 0, partners[rows], anchors[rows])
        block_partners = np.where(block_weights == 1, anchors[rows], partners[rows])
        partner_part = X_csr[block_partners]
        difference = (X_csr[block_anchors] - partner_part).tocsr()
        difference.data *= np.repeat(block_weights, np.diff(difference.indptr))
        blended = (difference + partner_part).tocsr()

        # SciPy's arithmetic does not report overflows: one pass over the
        # entries, small next to the row indexing, finds them (infinite; a
        # NaN is a missing parent's).
        def redo(entries, rule):
            """Recompute the ``entries`` of ``blended`` (a mask over its
            data) from their parents' values: ``rule(a, p, rows)``."""
            entry_rows = np.repeat(np.arange(stop - start), np.diff(blended.indptr))
            rows_of, columns = entry_rows[entries], blended.indices[entries]
            blended.data[entries] = rule(
                _entries(X_csr, block_anchors[rows_of], columns),
                _entries(X_csr, block_partners[rows_of], columns),
                rows_of,
            )

        overflowed = np.isinf(blended.data)
        if overflowed.any():
            redo(overflowed, lambda a, p, r: _bounded_blend(a, p, block_weights[r]))
        if observed:
            holes = np.isnan(blended.data)
            if holes.any():
                # An absent entry is an observed 0, which a filled cell may
                # take: dropped again, as the blend drops its zeros.
                redo(holes, lambda a, p, r: observed_values(a, p))
                blended.eliminate_zeros()
        return blended

    return _assemble_sparse(X, dtype, n_synthetic, block, blended_block)


def _entries(X_csr, rows, columns):
    """The values ``X_csr[rows[k], columns[k]]`` as a flat ndarray."""
    return np.asarray(X_csr[rows, columns]).ravel()


def _assemble_sparse(X, dtype, n_synthetic, block, make_block):
    """The CSR rows that ``make_block(start, stop)`` gives, in the format of X."""
    # Two passes: count the entries of each block, then fill arrays allocated
    # once at their final size. Collecting blocks and stacking them would
    # hold the output twice.
    starts = range(0, n_synthetic, block)
    counts = [make_block(s, min(s + block, n_synthetic)).nnz for s in starts]
    nnz = int(np.sum(counts, dtype=np.int64))
    index_dtype = np.int32 if nnz < np.iinfo(np.int32).max else np.int64
    data = np.empty(nnz, dtype=dtype)
    indices = np.empty(nnz, dtype=index_dtype)
    indptr = np.zeros(n_synthetic + 1, dtype=index_dtype)
    position = 0
    for start in starts:
        stop = min(start + block, n_synthetic)
        part = make_block(start, stop)
        part.sort_indices()
        data[position : position + part.nnz] = part.data
        indices[position : position + part.nnz] = part.indices
        indptr[start + 1 : stop + 1] = part.indptr[1:] + position
        position += part.nnz
    container = sparse.csr_array if isinstance(X, sparse.sparray) else sparse.csr_matrix
    out = container((data, indices, indptr), shape=(n_synthetic, X.shape[1]))
    out.has_sorted_indices = True
    return out.asformat(X.format)
