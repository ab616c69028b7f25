"""The mixing plan (``mixup_sklearn._plan``): one draw, one application, and
the label rules, against what the entry points draw today."""

import numpy as np
import pytest
from scipy import sparse
from sklearn.linear_model import Ridge
from sklearn.utils import check_random_state

from mixup_sklearn import MixupRegressor, MixupSampler, mixup, mixup_batches
from mixup_sklearn._mixing import swap_counts
from mixup_sklearn._pairing import batch_partners, pair_index_dtype
from mixup_sklearn._plan import (
    MixPlan,
    anchor_labels,
    apply_plan,
    blended_targets,
    draw_plan,
    interpolates,
    remix_labels,
    soft_labels,
    stacked_targets,
    swaps_cells,
    weighted_duplication,
)

SEED = 7


def _table(n_rows=40, n_features=5, n_classes=3):
    rng = np.random.RandomState(0)
    X = rng.normal(size=(n_rows, n_features))
    y = np.arange(n_rows) % n_classes
    return X, y


def _plan(n_rows, seed=SEED, **params):
    return draw_plan(check_random_state(seed), n_rows=n_rows, **params)


# --- one plan for every entry point ------------------------------------------


@pytest.mark.parametrize("n_samples", [None, 80])
@pytest.mark.parametrize("concat", [False, True])
def test_draw_plan_is_the_plan_of_mixup_and_of_the_sampler(n_samples, concat):
    # The "done when": for one seed, mixup() and MixupSampler draw the
    # same plan where their parameters agree, and it is draw_plan's.
    X, _ = _table()
    target = np.linspace(0, 1, len(X))
    n_synthetic = len(X) if n_samples is None else n_samples
    plan = _plan(len(X), alpha=0.4, n_synthetic=n_synthetic)

    sampler = MixupSampler(
        alpha=0.4, n_samples=n_samples, target="regression", random_state=SEED
    )
    sampler.fit_resample(X, target)
    np.testing.assert_array_equal(sampler.pairs_, plan.pairs)
    assert sampler.pairs_.dtype == plan.pairs.dtype == pair_index_dtype(len(X))
    np.testing.assert_array_equal(sampler.lambdas_, plan.lambdas)

    X_new, y_new = mixup(
        X, target, alpha=0.4, n_samples=n_samples, concat=concat, random_state=SEED
    )
    np.testing.assert_array_equal(X_new, apply_plan(plan, X, concat=concat))
    np.testing.assert_array_equal(y_new, blended_targets(target, plan, concat=concat))


@pytest.mark.parametrize(
    "sampler_params, plan_params",
    [
        ({}, {}),
        ({"pairing": "within_class"}, {"pairing": "within_class", "groups": "codes"}),
        (
            {"pairing": "knn", "n_neighbors": 3},
            {"pairing": "knn", "n_neighbors": 3, "groups": "codes", "X": "X"},
        ),
        ({"pairing": "lag", "lag": 3}, {"pairing": "lag", "lag": 3}),
        ({"mix_classes": [0, 2]}, {"mixable": "mix_classes"}),
        ({"label": "remix"}, {"fold": False}),
    ],
    ids=["random", "within_class", "knn", "lag", "mix_classes", "remix"],
)
def test_draw_plan_reproduces_the_sampler(sampler_params, plan_params):
    X, y = _table()
    sampler = MixupSampler(alpha=0.4, random_state=SEED, **sampler_params)
    _, y_res = sampler.fit_resample(X, y)
    inputs = {"codes": y, "X": X, "mix_classes": np.isin(y, [0, 2])}
    params = {
        name: inputs[value] if isinstance(value, str) and value in inputs else value
        for name, value in plan_params.items()
    }
    plan = _plan(len(X), alpha=0.4, n_synthetic=len(X), **params)
    np.testing.assert_array_equal(sampler.pairs_, plan.pairs)
    np.testing.assert_array_equal(sampler.lambdas_, plan.lambdas)
    if sampler_params.get("label") == "remix":
        # The copy of the sampler's rule gives the sampler's labels.
        np.testing.assert_array_equal(
            y_res, remix_labels(y, y, plan, kappa=3.0, tau=0.5)
        )
    else:
        np.testing.assert_array_equal(y_res, anchor_labels(y, plan))


def test_draw_plan_reproduces_the_sampler_with_label_kernel_pairing():
    X, _ = _table()
    target = np.sin(np.arange(len(X)))
    sampler = MixupSampler(
        pairing="label_kernel", bandwidth=0.5, target="regression", random_state=SEED
    )
    sampler.fit_resample(X, target)
    plan = _plan(
        len(X),
        alpha=0.4,
        n_synthetic=len(X),
        pairing="label_kernel",
        y=target,
        bandwidth=0.5,
    )
    np.testing.assert_array_equal(sampler.pairs_, plan.pairs)
    np.testing.assert_array_equal(sampler.lambdas_, plan.lambdas)


def test_draw_plan_reproduces_the_sampler_with_balancing_anchors():
    X, _ = _table()
    y = (np.arange(len(X)) % 5 == 0).astype(int)
    sampler = MixupSampler(sampling_strategy="auto", random_state=SEED)
    sampler.fit_resample(X, y)
    # Balancing anchors: the minority's rows, in order, cycling.
    minority = np.flatnonzero(y == 1)
    n_new = sampler.sampling_strategy_[1]
    anchors = minority[np.arange(n_new) % len(minority)]
    plan = _plan(len(X), alpha=0.4, anchors=anchors)
    np.testing.assert_array_equal(sampler.pairs_, plan.pairs)
    np.testing.assert_array_equal(sampler.lambdas_, plan.lambdas)


def test_cutmix_plan_has_the_samplers_pairs_and_the_exact_cell_count():
    # The pairs and the λ behind the cells are the sampler's; the cells now
    # number rint((1 − λ)·c), at most half the row with label preservation.
    X, y = _table(n_features=7)
    sampler = MixupSampler(alpha=1.0, method="cutmix", random_state=SEED)
    sampler.fit_resample(X, y)
    plan = _plan(
        len(X),
        alpha=1.0,
        n_synthetic=len(X),
        method="cutmix",
        preserve=True,
        n_columns=7,
    )
    np.testing.assert_array_equal(sampler.pairs_, plan.pairs)
    blended = _plan(len(X), alpha=1.0, n_synthetic=len(X))
    counts = swap_counts(blended.lambdas, 7, preserve=True)
    np.testing.assert_array_equal(plan.lambdas, (7 - counts) / 7)
    cells = np.unpackbits(plan.mask, axis=1)[:, :7]
    np.testing.assert_array_equal(cells.sum(axis=1), counts)


def test_draw_plan_reproduces_the_meta_estimators():
    X, _ = _table()
    target = np.linspace(0, 1, len(X))
    model = MixupRegressor(Ridge(), alpha=0.2, random_state=SEED).fit(X, target)
    plan = _plan(len(X), alpha=0.2, n_synthetic=len(X))
    np.testing.assert_array_equal(model.pairs_, plan.pairs)
    np.testing.assert_array_equal(model.lambdas_, plan.lambdas)


@pytest.mark.parametrize("lambda_per", ["sample", "batch"])
def test_draw_plan_with_batch_pairing_reproduces_mixup_batches(lambda_per):
    # 38 rows in batches of 8: the last batch has 6 rows, none alone.
    X, y = _table(n_rows=38)
    batches = list(
        mixup_batches(
            X,
            y,
            batch_size=8,
            alpha=0.4,
            lambda_per=lambda_per,
            targets="stacked",
            random_state=SEED,
        )
    )
    random_state = check_random_state(SEED)
    order = random_state.permutation(len(X))
    plan = draw_plan(
        random_state,
        n_rows=len(X),
        anchors=order,
        alpha=0.4,
        pairing="batch",
        batch_size=8,
        lambda_per=lambda_per,
    )
    X_mixed = apply_plan(plan, X)
    y_a, y_b, lam = stacked_targets(y, plan)
    np.testing.assert_array_equal(np.concatenate([b[0] for b in batches]), X_mixed)
    np.testing.assert_array_equal(np.concatenate([b[1][0] for b in batches]), y_a)
    np.testing.assert_array_equal(np.concatenate([b[1][1] for b in batches]), y_b)
    np.testing.assert_array_equal(np.concatenate([b[1][2] for b in batches]), lam)
    # Partners stay inside their batch.
    batch_of = {row: place // 8 for place, row in enumerate(order)}
    assert all(batch_of[a] == batch_of[p] for a, p in plan.pairs)


def test_batch_partners_pair_a_lone_row_with_itself():
    partners = batch_partners(np.array([5, 3, 9]), 2, np.random.RandomState(0))
    np.testing.assert_array_equal(partners, [3, 5, 9])


# --- drawing -------------------------------------------------------------------


def test_rows_without_a_partner_or_outside_mixable_are_exact_copies():
    X, y = _table(n_rows=6)
    plan = _plan(
        6,
        alpha=1.0,
        n_synthetic=12,
        pairing="within_class",
        groups=np.array([0, 0, 1, 1, 1, 2]),
        mixable=np.array([True, True, True, True, False, True]),
    )
    anchors = plan.anchors
    alone = (anchors == 5) | (anchors == 4)
    np.testing.assert_array_equal(plan.partners[alone], anchors[alone])
    assert np.all(plan.lambdas[alone] == 1)
    np.testing.assert_array_equal(plan.copies(), np.flatnonzero(plan.lambdas == 1))
    out = apply_plan(plan, X)
    assert out[alone].tobytes() == X[anchors[alone]].tobytes()


def test_one_column_cutmix_with_preservation_copies_no_partner():
    # Bernoulli cells made 26% of these rows whole copies of their partner,
    # still labelled as their anchor.
    X = np.arange(1000.0)[:, np.newaxis]
    plan = _plan(
        1000,
        alpha=1.0,
        n_synthetic=1000,
        fold=False,
        method="cutmix",
        preserve=True,
        n_columns=1,
    )
    out = apply_plan(plan, X)
    np.testing.assert_array_equal(out, X[plan.anchors])
    assert np.all(plan.lambdas == 1)


def test_cutmix_with_preservation_keeps_half_of_every_row_from_the_anchor():
    # Distinct values in every cell: a cell's origin can be read off.
    n_rows, n_columns = 200, 5
    X = np.arange(n_rows * n_columns, dtype=np.int64).reshape(n_rows, n_columns)
    plan = _plan(
        n_rows,
        alpha=0.2,
        n_synthetic=n_rows,
        fold=False,
        method="cutmix",
        preserve=True,
        n_columns=n_columns,
    )
    out = apply_plan(plan, X)
    from_anchor = (out == X[plan.anchors]).sum(axis=1)
    assert from_anchor.min() >= n_columns - n_columns // 2
    np.testing.assert_array_equal(plan.lambdas, from_anchor / n_columns)
    assert out.dtype == X.dtype


def test_alpha_zero_draws_copies_only():
    X, _ = _table()
    plan = _plan(len(X), alpha=0.0, n_synthetic=len(X), method="cutmix", n_columns=5)
    assert np.all(plan.lambdas == 1)
    assert not plan.mask.any()
    assert apply_plan(plan, X).tobytes() == X.tobytes()


def test_the_plan_is_frozen():
    plan = _plan(5, alpha=1.0, n_synthetic=5)
    with pytest.raises(AttributeError):
        plan.lambdas = np.ones(5)


# --- applying -------------------------------------------------------------------


@pytest.mark.parametrize("method", ["mixup", "cutmix"])
@pytest.mark.parametrize("concat", [False, True])
def test_apply_plan_gives_the_same_values_dense_and_sparse(method, concat):
    rng = np.random.RandomState(0)
    dense = sparse.random(30, 9, density=0.4, random_state=rng).toarray()
    plan = _plan(30, alpha=1.0, n_synthetic=45, method=method, n_columns=9)
    for fmt in ("csr", "csc"):
        out = apply_plan(plan, sparse.csr_matrix(dense).asformat(fmt), concat=concat)
        assert out.format == fmt
        np.testing.assert_array_equal(
            out.toarray(), apply_plan(plan, dense, concat=concat)
        )


def test_take_selects_rows_of_every_part():
    plan = _plan(10, alpha=1.0, n_synthetic=10, method="cutmix", n_columns=3)
    rows = np.array([4, 4, 0])
    part = plan.take(rows)
    np.testing.assert_array_equal(part.pairs, plan.pairs[rows])
    np.testing.assert_array_equal(part.lambdas, plan.lambdas[rows])
    np.testing.assert_array_equal(part.mask, plan.mask[rows])
    assert part.method == "cutmix" and len(part) == 3


# --- the label rules, against values computed by hand ------------------


def _hand_plan(pairs, lambdas, method="mixup"):
    return MixPlan(np.array(pairs, dtype=np.int32), np.array(lambdas), None, method)


def test_anchor_labels_give_a_row_that_is_all_partner_its_partners_label():
    plan = _hand_plan([[0, 1], [1, 2], [2, 0]], [0.6, 0.0, 1.0])
    y = np.array(["a", "b", "c"])
    np.testing.assert_array_equal(anchor_labels(y, plan), ["a", "c", "c"])


def test_blended_and_soft_targets_are_the_rows_blend():
    plan = _hand_plan([[0, 1], [2, 0]], [0.75, 0.5])
    y = np.array([1.0, 3.0, 5.0])
    np.testing.assert_array_equal(blended_targets(y, plan), [1.5, 3.0])
    np.testing.assert_array_equal(
        blended_targets(y, plan, concat=True), [1.0, 3.0, 5.0, 1.5, 3.0]
    )
    codes = np.array([0, 2, 1])
    np.testing.assert_array_equal(
        soft_labels(codes, 3, plan), [[0.75, 0.0, 0.25], [0.5, 0.5, 0.0]]
    )
    assert soft_labels(codes, 3, plan, dtype=np.float32).dtype == np.float32


def test_stacked_targets_are_both_labels_and_lambda():
    plan = _hand_plan([[0, 1], [2, 0]], [0.75, 0.5])
    y_a, y_b, lam = stacked_targets(np.array([10, 20, 30]), plan)
    np.testing.assert_array_equal(y_a, [10, 30])
    np.testing.assert_array_equal(y_b, [20, 10])
    np.testing.assert_array_equal(lam, [0.75, 0.5])


def test_remix_moves_labels_towards_the_minority():
    # Class 0 has 6 rows, class 1 has 2: ratio 3 = kappa.
    codes = np.array([0, 0, 0, 0, 0, 0, 1, 1])
    y = np.array(list("MMMMMMmm"))
    plan = _hand_plan(
        [[0, 6], [0, 6], [6, 0], [6, 0], [0, 1]], [0.6, 0.8, 0.35, 0.2, 0.4]
    )
    labels = remix_labels(y, codes, plan, kappa=3.0, tau=0.7)
    # Majority anchor, λ < tau: the minority partner's label; λ >= tau: the
    # larger share. Minority anchor, 1 − λ < tau: its own label; else the
    # larger share. Same class: the larger share.
    np.testing.assert_array_equal(labels, ["m", "M", "m", "M", "M"])


def test_weighted_duplication_enters_two_label_rows_twice():
    codes = np.array([0, 1, 0])
    weights = np.array([1.0, 2.0, 4.0])
    plan = _hand_plan([[0, 1], [1, 2], [2, 0], [0, 2]], [0.75, 0.0, 0.5, 1.0])
    rows, labels, sample_weight = weighted_duplication(codes, weights, plan)
    # Row 0 mixes two classes: twice. Row 1 is all partner: its label, once.
    # Rows 2 and 3 mix one class: once.
    np.testing.assert_array_equal(rows, [0, 1, 2, 3, 0])
    np.testing.assert_array_equal(labels, [0, 0, 0, 0, 1])
    # Each row weighs λ·w_a + (1 − λ)·w_p (row 0: 1.25, row 1 all partner:
    # 4, row 2: 2.5, row 3 a copy: 1), split λ / 1 − λ when it enters twice.
    np.testing.assert_array_equal(sample_weight, [0.9375, 4.0, 2.5, 1.0, 0.3125])


# --- the parameters read in one place ---------------------------------


@pytest.mark.parametrize(
    "alpha, method, target, expected",
    [
        (0.0, "mixup", False, False),
        (0.4, "mixup", False, True),
        (0.4, "cutmix", False, False),
        (0.4, "cutmix", True, True),
        (0.0, "cutmix", True, False),
    ],
)
def test_interpolates_depends_on_the_parameters_only(alpha, method, target, expected):
    assert interpolates(alpha, method, target=target) is expected


def test_an_unknown_method_is_refused_by_name():
    with pytest.raises(ValueError, match=r"method must be one of .*'blend'"):
        swaps_cells("blend")


# --- every entry point through the plan ---------------------------------------


def _far_apart(dtype):
    """Rows at ± the largest value of ``dtype`` (±40,000 in float16), whose
    difference overflows."""
    big = 40000.0 if dtype == np.float16 else np.finfo(dtype).max
    return np.array([[big, -big], [-big, big]] * 10, dtype=dtype)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize(
    "entry_point", ["mixup", "mixup_sparse", "sampler", "batches", "regressor"]
)
def test_finite_input_gives_finite_rows_through_every_entry_point(entry_point, dtype):
    X = _far_apart(dtype)
    y = np.arange(len(X)) % 2
    if entry_point == "mixup_sparse":
        if dtype == np.float16:
            pytest.skip("scipy.sparse has no float16")
        out = mixup(sparse.csr_matrix(X), alpha=1.0, random_state=0).toarray()
    elif entry_point == "mixup":
        out = mixup(X, alpha=1.0, random_state=0)
    elif entry_point == "sampler":
        out = MixupSampler(alpha=1.0, random_state=0).fit_resample(X, y)[0]
    elif entry_point == "batches":
        out = next(mixup_batches(X, y, batch_size=20, alpha=1.0, random_state=0))[0]
    else:
        # The rows the estimator is given.
        seen = {}

        class Recorder(Ridge):
            def fit(self, X, y, sample_weight=None):
                seen["X"] = X
                return self

        MixupRegressor(Recorder(), alpha=1.0, random_state=0).fit(X, y * 1.0)
        out = seen["X"]
    assert np.isfinite(out).all()
    assert np.all(np.abs(out) <= np.abs(X).max())


def test_integer_columns_turn_float_whenever_alpha_is_positive():
    # One rule in memory and on Dask: alpha > 0 blends, even when every λ
    # drawn happens to be 1 (here, at a tiny alpha).
    X = np.arange(40).reshape(20, 2)
    y = np.arange(20) % 2
    sampler = MixupSampler(alpha=1e-9, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert np.all(sampler.lambdas_ == 1)
    assert X_res.dtype == np.float64
    np.testing.assert_array_equal(X_res, X[sampler.pairs_[:, 0]])
    assert mixup(X, alpha=1e-9, random_state=0).dtype == np.float64
    assert mixup(X, alpha=0.0, random_state=0).dtype == X.dtype
