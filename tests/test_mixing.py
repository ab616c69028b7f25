"""The kernel itself (``mixup_sklearn._mixing``): λ and the blend."""

import numpy as np
import pytest
from _data import distinct_rows, from_anchor_or_partner
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse
from scipy.stats import kstest

from mixup_sklearn import (
    MixupSampler,
)
from mixup_sklearn._mixing import (
    blend,
    draw_lambdas,
    draw_swap_mask,
    float_dtype,
    mix,
    swap_counts,
)

# --- λ ---------------------------------------------------------------------------


def test_alpha_zero_gives_exactly_one_and_draws_nothing():
    random_state = np.random.RandomState(0)
    before = random_state.get_state()[1].copy()
    np.testing.assert_array_equal(draw_lambdas(0.0, 5, random_state), np.ones(5))
    # Nothing was drawn: the same stream continues for the partners.
    np.testing.assert_array_equal(random_state.get_state()[1], before)


# 0.15, 0.2, 0.4 and 0.9 go through Jöhnk's method ("johnk-chunks" in
# chunks of 97 draws), 1.0 through the uniform, 4.0 through Generator.beta;
# "log-space" sends 0.2 through the path of tiny α. Smaller α put ties at
# 1.0, which a Kolmogorov-Smirnov test cannot take.
@pytest.mark.parametrize(
    "alpha, path",
    [
        (0.15, "johnk"),
        (0.2, "johnk"),
        (0.4, "johnk"),
        (0.9, "johnk"),
        (0.4, "johnk-chunks"),
        (0.2, "log-space"),
        (1.0, "uniform"),
        (4.0, "beta"),
    ],
)
def test_folded_lambdas_follow_the_folded_beta(alpha, path, monkeypatch):
    if path == "log-space":
        monkeypatch.setattr("mixup_sklearn._mixing._JOHNK_SAFE_ALPHA", 1.0)
    if path == "johnk-chunks":
        # Many chunks, some of which accept fewer pairs than they need.
        monkeypatch.setattr("mixup_sklearn._mixing._CHUNK_ROWS", 97)
    lambdas = draw_lambdas(alpha, 20_000, np.random.RandomState(0))
    assert lambdas.min() >= 0.5 and lambdas.max() <= 1.0
    # max(μ, 1 − μ) with μ ~ Beta(α, α): P(λ <= t) = 2·F(t) − 1.
    from scipy.stats import beta

    result = kstest(lambdas, lambda t: 2 * beta(alpha, alpha).cdf(t) - 1)
    assert result.pvalue > 1e-3


@pytest.mark.parametrize("alpha", [0.03, 0.2, 1.0, 4.0])
def test_the_same_state_gives_the_same_lambdas_and_then_moves_on(alpha):
    first, second = np.random.RandomState(3), np.random.RandomState(3)
    lambdas = draw_lambdas(alpha, 50, first)
    np.testing.assert_array_equal(lambdas, draw_lambdas(alpha, 50, second))
    # The partners drawn next come from a state that has moved on.
    assert not np.array_equal(lambdas, draw_lambdas(alpha, 50, first))


def test_unfolded_lambdas_cover_both_halves():
    lambdas = draw_lambdas(1.0, 1000, np.random.RandomState(0), fold=False)
    assert (lambdas < 0.5).any() and (lambdas > 0.5).any()


@pytest.mark.parametrize("alpha", [1e-300, 5e-324, 1e-8])
def test_tiny_alpha_gives_finite_lambdas_at_the_limits(alpha):
    # NumPy's own beta returns NaN for subnormal α.
    lambdas = draw_lambdas(alpha, 1000, np.random.RandomState(0))
    assert np.isfinite(lambdas).all()
    assert np.mean(lambdas > 1 - 1e-6) > 0.99


# --- the blend ---------------------------------------------------------------------


def test_blend_is_the_convex_combination():
    X = np.arange(12.0).reshape(4, 3)
    anchors, partners = np.array([0, 1, 3]), np.array([2, 0, 1])
    lambdas = np.array([0.5, 0.75, 0.9])
    expected = lambdas[:, None] * X[anchors] + (1 - lambdas[:, None]) * X[partners]
    np.testing.assert_allclose(blend(X, anchors, partners, lambdas), expected)


def test_lambda_one_copies_the_anchor_bit_for_bit():
    # λ·x + 0·y would turn -0.0 into +0.0 and lose the last bit of some values.
    X = np.array([[-0.0, 0.1, 1e-310], [3.0, np.pi, -7.0]])
    out = blend(X, np.array([0, 1]), np.array([1, 0]), np.ones(2))
    assert out.tobytes() == X.tobytes()


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64, np.int8])
def test_float_dtypes_are_kept_and_others_become_float64(dtype):
    X = np.arange(6).reshape(3, 2).astype(dtype)
    out = blend(X, np.array([0, 1]), np.array([2, 2]), np.array([0.6, 0.7]))
    assert out.dtype == float_dtype(np.dtype(dtype))
    assert out.dtype == (dtype if np.issubdtype(dtype, np.floating) else np.float64)


@pytest.mark.parametrize("fmt", ["csr", "csc", "coo"])
def test_sparse_blend_matches_dense_and_keeps_its_format(fmt):
    rng = np.random.RandomState(0)
    dense = sparse.random(30, 8, density=0.3, random_state=rng).toarray()
    X = sparse.csr_matrix(dense).asformat(fmt)
    anchors = np.arange(30) % 30
    partners = rng.randint(0, 30, 30)
    lambdas = rng.uniform(0.5, 1, 30)
    out = blend(X, anchors, partners, lambdas)
    assert out.format == fmt
    np.testing.assert_allclose(out.toarray(), blend(dense, anchors, partners, lambdas))


def test_mix_concat_puts_the_originals_first_and_one_d_stays_one_d():
    y = np.array([0.0, 1.0, 2.0])
    pairs = np.array([[0, 1], [2, 0]])
    out = mix(y, pairs, np.array([0.5, 1.0]), concat=True)
    np.testing.assert_array_equal(out, [0.0, 1.0, 2.0, 0.5, 2.0])


@settings(max_examples=50, deadline=None)
@given(
    n_rows=st.integers(1, 40),
    n_features=st.integers(1, 6),
    seed=st.integers(0, 2**16),
)
def test_property_blend_lies_between_its_parents(n_rows, n_features, seed):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n_rows, n_features))
    anchors = rng.randint(0, n_rows, 50)
    partners = rng.randint(0, n_rows, 50)
    lambdas = draw_lambdas(0.4, 50, rng)
    out = blend(X, anchors, partners, lambdas)
    low = np.minimum(X[anchors], X[partners])
    high = np.maximum(X[anchors], X[partners])
    assert np.all(out >= low - 1e-12) and np.all(out <= high + 1e-12)
    # The anchor keeps the larger share: the row is nearer its anchor.
    to_anchor = np.abs(out - X[anchors]).sum(axis=1)
    to_partner = np.abs(out - X[partners]).sum(axis=1)
    assert np.all(to_anchor <= to_partner + 1e-9)


def test_a_weight_that_rounds_to_one_in_float32_copies_the_anchor():
    X = np.array([[-0.0, 1.5], [2.0, -3.0]], dtype=np.float32)
    out = blend(X, np.array([0, 1]), np.array([1, 0]), np.array([1 - 1e-12, 0.75]))
    assert out[0].tobytes() == X[0].tobytes()
    np.testing.assert_allclose(out[1], 0.75 * X[1] + 0.25 * X[0])


# --- the blend never overflows ------------------------------------------------------


@pytest.mark.parametrize(
    "dtype, value",
    [
        (np.float16, 40_000.0),
        (np.float32, np.finfo(np.float32).max),
        (np.float64, np.finfo(np.float64).max),
    ],
)
def test_parents_far_apart_near_the_largest_value_give_a_finite_blend(dtype, value):
    # x − y overflows: y + λ·(x − y) gave ±inf from finite rows.
    X = np.array([[value, 1.0], [-value, 2.0]], dtype=dtype)
    lambdas = np.array([0.75, 0.5])
    out = blend(X, np.array([0, 1]), np.array([1, 0]), lambdas)
    assert np.isfinite(out).all()
    expected = 0.75 * np.float64(value) - 0.25 * np.float64(value)
    np.testing.assert_allclose(out[:, 0].astype(np.float64), [expected, 0.0], atol=1)
    assert out[0, 1] == dtype(1.25)
    if dtype is not np.float16:  # SciPy has no float16 sparse matrices
        sparse_out = blend(
            sparse.csr_matrix(X), np.array([0, 1]), np.array([1, 0]), lambdas
        )
        np.testing.assert_array_equal(sparse_out.toarray(), out)


def _finite_rows(dtype):
    from hypothesis.extra.numpy import arrays

    width = np.dtype(dtype).itemsize * 8
    elements = st.floats(width=width, allow_nan=False, allow_infinity=False)
    return arrays(
        dtype, st.tuples(st.integers(1, 6), st.integers(1, 4)), elements=elements
    )


# λ near the ends, exactly 0 and 1, and one that rounds to 1 in float32.
_WEIGHTS = st.one_of(
    st.sampled_from([0.0, 1.0, 0.5, 1 - 1e-12, 1e-12]),
    st.floats(0, 1, allow_nan=False),
)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_property_finite_rows_blend_to_finite_rows_between_their_parents(dtype, data):
    X = data.draw(_finite_rows(dtype))
    n_rows = len(X)
    n_synthetic = data.draw(st.integers(1, 8))
    index = st.lists(
        st.integers(0, n_rows - 1), min_size=n_synthetic, max_size=n_synthetic
    )
    anchors = np.array(data.draw(index), dtype=np.intp)
    partners = np.array(data.draw(index), dtype=np.intp)
    lambdas = np.array(
        data.draw(st.lists(_WEIGHTS, min_size=n_synthetic, max_size=n_synthetic))
    )
    out = blend(X, anchors, partners, lambdas)
    assert out.dtype == dtype
    assert np.isfinite(out).all()
    low = np.minimum(X[anchors], X[partners])
    high = np.maximum(X[anchors], X[partners])
    # Between the parents, up to the last rounding of the sum: one step.
    with np.errstate(over="ignore"):
        assert np.all(out >= np.nextafter(low, -np.inf))
        assert np.all(out <= np.nextafter(high, np.inf))
    # Copies are exact: λ = 1 in the dtype gives the anchor, λ = 0 the
    # partner, bit for bit (-0.0 included).
    weights = lambdas.astype(dtype)
    assert out[weights == 1].tobytes() == X[anchors[weights == 1]].tobytes()
    assert out[weights == 0].tobytes() == X[partners[weights == 0]].tobytes()
    if dtype is not np.float16:
        sparse_out = blend(sparse.csr_matrix(X), anchors, partners, lambdas)
        np.testing.assert_array_equal(sparse_out.toarray(), out)


# --- CutMix's cells ---------------------------------------------------------------


def _swapped_counts(mask, n_columns):
    return np.unpackbits(mask, axis=1)[:, :n_columns].sum(axis=1)


@pytest.mark.parametrize(
    "n_columns, n_fixed", [(1, 0), (3, 0), (10, 0), (5, 2), (300, 0)]
)
def test_each_row_swaps_the_rounded_number_of_cells_and_reports_its_share(
    n_columns, n_fixed
):
    lambdas = draw_lambdas(1.0, 2_000, np.random.RandomState(0), fold=False)
    mask, shares = draw_swap_mask(
        lambdas, n_columns, np.random.RandomState(1), n_fixed=n_fixed
    )
    n_total = n_columns + n_fixed
    expected = np.minimum(np.rint((1 - lambdas) * n_total), n_columns)
    np.testing.assert_array_equal(_swapped_counts(mask, n_columns), expected)
    # Categorical columns are the anchor's, and count in the share.
    np.testing.assert_array_equal(shares, (n_total - expected) / n_total)
    # The padding bits of the last byte stay clear.
    assert not np.unpackbits(mask, axis=1)[:, n_columns:].any()


@pytest.mark.parametrize("n_columns, n_fixed", [(1, 0), (2, 0), (7, 0), (3, 4)])
def test_preservation_leaves_the_anchor_at_least_half_of_every_row(n_columns, n_fixed):
    # Unfolded λ reach 0: without the cap, whole rows would be the partner's.
    lambdas = draw_lambdas(1.0, 2_000, np.random.RandomState(0), fold=False)
    mask, shares = draw_swap_mask(
        lambdas, n_columns, np.random.RandomState(1), n_fixed=n_fixed, preserve=True
    )
    n_total = n_columns + n_fixed
    assert _swapped_counts(mask, n_columns).max() <= n_total // 2
    assert shares.min() >= 0.5


def test_the_swapped_cells_are_a_uniform_draw_among_the_columns():
    # λ = 0.5 on 10 columns: 5 cells a row, each column swapped half the time.
    n_synthetic, n_columns = 20_000, 10
    mask, _ = draw_swap_mask(
        np.full(n_synthetic, 0.5), n_columns, np.random.RandomState(0)
    )
    per_column = np.unpackbits(mask, axis=1)[:, :n_columns].mean(axis=0)
    # Binomial standard error 0.0035: five of them.
    np.testing.assert_allclose(per_column, 0.5, atol=0.018)


def test_swap_counts_round_half_to_even_and_cap_at_half():
    lambdas = np.array([1.0, 0.75, 0.5, 0.25, 0.0])
    np.testing.assert_array_equal(swap_counts(lambdas, 2), [0, 0, 1, 2, 2])
    np.testing.assert_array_equal(
        swap_counts(lambdas, 2, preserve=True), [0, 0, 1, 1, 1]
    )
    np.testing.assert_array_equal(swap_counts(lambdas, 1, n_fixed=3), [0, 1, 1, 1, 1])


pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")


def test_mask_takes_cells_from_the_partner_with_probability_one_minus_lambda():
    lambdas = np.repeat([0.5, 0.9, 1.0], 2000)
    mask, shares = draw_swap_mask(lambdas, 50, np.random.RandomState(0))
    assert mask.shape == (6000, 7) and mask.dtype == np.uint8
    cells = np.unpackbits(mask, axis=1, count=50).astype(bool)
    np.testing.assert_allclose(shares, 1 - cells.mean(axis=1))
    for value in (0.5, 0.9):
        rows = lambdas == value
        assert abs(cells[rows].mean() - (1 - value)) < 0.01
    # λ = 1: no cell is swapped.
    assert not cells[lambdas == 1].any()


def test_alpha_zero_mask_draws_nothing():
    random_state = np.random.RandomState(0)
    before = random_state.get_state()[1].copy()
    mask, shares = draw_swap_mask(np.ones(5), 3, random_state)
    assert not mask.any()
    np.testing.assert_array_equal(shares, np.ones(5))
    np.testing.assert_array_equal(random_state.get_state()[1], before)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64, np.int8, bool])
def test_swap_keeps_the_dtype(dtype):
    X = np.arange(24).reshape(6, 4).astype(dtype)
    lambdas = np.full(6, 0.5)
    mask, _ = draw_swap_mask(lambdas, 4, np.random.RandomState(0))
    out = blend(X, np.arange(6), np.arange(6)[::-1].copy(), lambdas, mask=mask)
    assert out.dtype == np.dtype(dtype)


def test_swap_copies_bits_exactly():
    # -0.0, a subnormal and a NaN payload survive: cells are copied, not
    # computed.
    X = np.array([[-0.0, 1e-310, 0.1], [np.pi, -7.0, np.nan]])
    lambdas = np.array([0.5, 0.5])
    mask, _ = draw_swap_mask(lambdas, 3, np.random.RandomState(3))
    pairs = np.array([[0, 1], [1, 0]])
    out = mix(X, pairs, lambdas, mask=mask)
    from_anchor_or_partner(out, X, pairs)


@pytest.mark.parametrize("fmt", ["csr", "csc", "coo"])
def test_sparse_swap_equals_the_dense_swap_and_keeps_its_format(fmt):
    rng = np.random.RandomState(0)
    dense = sparse.random(40, 9, density=0.3, random_state=rng).toarray()
    X = sparse.csr_matrix(dense).asformat(fmt)
    pairs = np.column_stack([np.arange(40), rng.randint(0, 40, 40)])
    lambdas = rng.uniform(0.5, 1, 40)
    mask, _ = draw_swap_mask(lambdas, 9, rng)
    out = mix(X, pairs, lambdas, mask=mask, concat=True)
    assert out.format == fmt
    np.testing.assert_array_equal(
        out.toarray(), mix(dense, pairs, lambdas, mask=mask, concat=True)
    )


@settings(max_examples=60, deadline=None)
@given(
    n_rows=st.integers(2, 30),
    n_features=st.integers(1, 20),
    alpha=st.floats(0.05, 5.0),
    seed=st.integers(0, 2**16),
)
def test_property_every_cell_is_the_anchors_or_the_partners(
    n_rows, n_features, alpha, seed
):
    X = distinct_rows(n_rows, n_features, seed)
    sampler = MixupSampler(method="cutmix", alpha=alpha, random_state=seed)
    X_res, _ = sampler.fit_resample(X, np.arange(n_rows) % 2)
    is_anchor, _ = from_anchor_or_partner(X_res, X, sampler.pairs_)
    # Cells are distinct across rows, so lambdas_ is exactly the share of
    # anchor cells (a row paired with itself is all anchor).
    np.testing.assert_array_equal(sampler.lambdas_, is_anchor.mean(axis=1))
