"""The one mixup kernel: draw λ, blend rows in blocks.

Every public entry point (:func:`~mixup_sklearn.mixup`,
:class:`~mixup_sklearn.MixupSampler`, the meta-estimators and the batch
generator) goes through this module:

- :func:`draw_lambdas` draws λ ~ Beta(α, α), safely for every α >= 0;
- :func:`blend` computes ``λ·X[anchor] + (1 − λ)·X[partner]`` for dense or
  sparse ``X`` in row blocks, so that no full-size temporary is allocated;
- :func:`mix` applies :func:`blend` to a table or a target, optionally after
  the original rows.

Who is paired with whom is decided in :mod:`mixup_sklearn._pairing`.
"""

import numpy as np
from scipy import sparse
from scipy.special import expit

# Rows of a dense block are sized so that one block of temporaries stays in the
# CPU cache (~512 KiB): larger blocks make the blend memory-bound, smaller ones
# pay NumPy's per-call overhead (measured in benchmarks/bench_speed.py).
_BLOCK_BYTES = 1 << 19


# Below this α, Generator.beta's Jöhnk algorithm (U^(1/α) for two uniforms U)
# underflows with a probability of about exp(−1400·α) per draw, and what NumPy
# does then has changed between versions (a NaN, a redraw, a log-space
# fallback): smaller α go through the log-space path, exact at any α > 0. At
# α = 0.05 that probability is 1e-31.
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
        (:func:`lambda_generator`), so the same state gives the same λ.
    fold : bool, default=True
        Return ``max(λ, 1 − λ)`` so that the anchor keeps the larger share.

    Returns
    -------
    lambdas : ndarray of shape (size,), dtype float64
    """
    if alpha == 0:
        return np.ones(size)
    generator = lambda_generator(random_state)
    if alpha == 1:
        # Beta(1, 1) is the uniform distribution: ~30 times faster than
        # RandomState.beta(1, 1), which goes through two gamma draws.
        lambdas = generator.random(size)
    elif alpha >= _JOHNK_SAFE_ALPHA:
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


def lambda_generator(random_state):
    """The :class:`numpy.random.Generator` that draws λ, seeded from ``random_state``.

    The one place where the library leaves ``RandomState``: its samplers for
    the uniform and Beta distributions are 3 to 30 times slower than a PCG64
    Generator's (measured in ``benchmarks/bench_speed.py``). The seed is one
    draw from ``random_state``, so scikit-learn's semantics hold: the same
    ``random_state`` gives the same λ, and the state moves on for the draws
    that follow (partners).
    """
    seed = random_state.randint(2**63, dtype=np.uint64)
    return np.random.Generator(np.random.PCG64(seed))


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
        out = np.empty((len(X) + len(pairs), X.shape[1]), float_dtype(X.dtype))
        out[: len(X)] = X
        _blend_dense(X, anchors, partners, lambdas, out=out[len(X) :])
    else:
        out = _blend_dense(X, anchors, partners, lambdas)
    return out.ravel() if one_d else out


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


def float_dtype(dtype):
    """The dtype of mixed values: floating dtypes are kept, others give float64."""
    return dtype if np.issubdtype(dtype, np.floating) else np.dtype(np.float64)


def _block_rows(n_features, itemsize):
    return max(1, _BLOCK_BYTES // max(1, n_features * itemsize))


def _blend_dense(X, anchors, partners, lambdas, out=None):
    dtype = float_dtype(X.dtype)
    n_synthetic, n_features = len(anchors), X.shape[1]
    if out is None:
        out = np.empty((n_synthetic, n_features), dtype=dtype)
    block = min(_block_rows(n_features, dtype.itemsize), max(1, n_synthetic))
    partner_rows = np.empty((block, n_features), dtype=dtype)
    weights = lambdas.astype(dtype, copy=False)[:, np.newaxis]
    for start in range(0, n_synthetic, block):
        stop = min(start + block, n_synthetic)
        out_rows, weight = out[start:stop], weights[start:stop]
        block_anchors = anchors[start:stop]
        # λ·x + 0·y turns -0.0 into +0.0: rows whose weight is 1 in the
        # output's dtype are copied from their anchor, bit for bit.
        copies = np.flatnonzero(weight == 1)
        consecutive = _consecutive(block_anchors)
        if len(copies) == stop - start:
            _gather(X, block_anchors, out_rows, consecutive)
            continue
        if consecutive is not None:
            # The sampler's anchors: scale a slice of X straight into out.
            np.multiply(X[consecutive], weight, out=out_rows)
        else:
            _gather(X, block_anchors, out_rows, None)
            out_rows *= weight
        partner_block = partner_rows[: stop - start]
        _gather(
            X, partners[start:stop], partner_block, _consecutive(partners[start:stop])
        )
        partner_block *= 1 - weight
        out_rows += partner_block
        if len(copies):
            out_rows[copies] = X[block_anchors[copies]]
    return out


def _consecutive(rows):
    """The slice of X that ``rows`` names, if they are consecutive, else None."""
    first = rows[0]
    if rows[-1] - first == len(rows) - 1 and np.array_equal(
        rows, np.arange(first, first + len(rows))
    ):
        return slice(first, first + len(rows))
    return None


def _gather(X, rows, out, consecutive):
    """``out[...] = X[rows]``, with no temporary when the dtypes agree."""
    if consecutive is not None:
        out[...] = X[consecutive]
    elif X.dtype == out.dtype:
        np.take(X, rows, axis=0, out=out, mode="clip")
    else:
        out[...] = X[rows]


def _blend_sparse(X, anchors, partners, lambdas):
    dtype = float_dtype(X.dtype)
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
