"""The training-loop controls (timm's names): ``prob``, ``switch_prob``,
``cutmix_alpha`` and ``mixup_off_epoch``, in mixup_batches and in the
meta-estimators' n_epochs mode."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse
from sklearn.linear_model import SGDClassifier, SGDRegressor
from sklearn.utils._param_validation import InvalidParameterError

from mixup_sklearn import MixupClassifier, MixupRegressor, mixup_batches
from mixup_sklearn._plan import batch_mix

RNG = np.random.RandomState(0)
X = RNG.normal(size=(60, 4))
Y_CLASS = RNG.randint(0, 3, size=60)
Y_REG = X @ RNG.normal(size=4)


def _stacked(X, **params):
    """Batches with y = row index, so (y_a, y_b) are anchor and partner rows."""
    return list(mixup_batches(X, np.arange(len(X)), targets="stacked", **params))


def _kind(X, X_batch, anchors, partners, lam):
    """ "copy", "mixup" or "cutmix": how the rows of a batch were made."""
    X_a, X_b = X[anchors], X[partners]
    if np.all(lam == 1) and np.array_equal(X_batch, X_a):
        return "copy"
    blended = lam[:, None] * X_a + (1 - lam[:, None]) * X_b
    if np.allclose(X_batch, blended):
        # A CutMix batch is cells of its parents with lam their share.
        swapped = (X_batch == X_a) | (X_batch == X_b)
        if not swapped.all() or np.any((lam * X.shape[1]) % 1):
            return "mixup"
    from_anchor = X_batch == X_a
    assert (from_anchor | (X_batch == X_b)).all()
    np.testing.assert_allclose(from_anchor.mean(axis=1), lam)
    return "cutmix"


# --- mixup_batches ---------------------------------------------------------------


def test_prob_zero_passes_every_batch_unmixed_with_one_hot_labels():
    batches = list(
        mixup_batches(X, Y_CLASS, batch_size=8, n_epochs=2, prob=0.0, random_state=0)
    )
    seen = np.concatenate([X_batch for X_batch, _ in batches])
    Y = np.concatenate([Y_batch for _, Y_batch in batches])
    # Every row once per epoch, as it is, with its own one-hot label.
    rows = [int(np.flatnonzero((row == X).all(axis=1))[0]) for row in seen]
    np.testing.assert_array_equal(np.sort(rows[:60]), np.arange(60))
    np.testing.assert_array_equal(Y, np.eye(3)[Y_CLASS[rows]])


def test_prob_mixes_about_that_share_of_batches():
    batches = _stacked(X, batch_size=4, n_epochs=20, prob=0.3, random_state=0)
    kinds = [_kind(X, X_b, a, p, lam) for X_b, (a, p, lam) in batches]
    share = np.mean([kind != "copy" for kind in kinds])
    assert 0.2 < share < 0.4
    assert set(kinds) == {"copy", "mixup"}


def test_switch_prob_one_makes_every_batch_cutmix_with_cutmix_alpha():
    batches = _stacked(
        X, batch_size=6, n_epochs=2, switch_prob=1.0, cutmix_alpha=1.0, random_state=0
    )
    kinds = {_kind(X, X_b, a, p, lam) for X_b, (a, p, lam) in batches}
    assert kinds == {"cutmix"}
    # cutmix_alpha=0 is CutMix's own α: no cell moves, while alpha (mixup's)
    # would mix.
    still = _stacked(
        X, batch_size=6, alpha=1.0, switch_prob=1.0, cutmix_alpha=0.0, random_state=0
    )
    assert {_kind(X, X_b, a, p, lam) for X_b, (a, p, lam) in still} == {"copy"}


def test_cutmix_switches_to_mixup_with_alpha_and_cutmix_alpha_for_its_own():
    batches = _stacked(
        X,
        batch_size=6,
        n_epochs=6,
        method="cutmix",
        alpha=0.0,
        cutmix_alpha=1.0,
        switch_prob=0.5,
        random_state=0,
    )
    kinds = [_kind(X, X_b, a, p, lam) for X_b, (a, p, lam) in batches]
    # The switched batches are mixup with alpha=0: copies.
    assert set(kinds) == {"cutmix", "copy"}


def test_a_switched_stream_has_one_dtype_and_a_cutmix_stream_keeps_integers():
    X_int = RNG.randint(0, 9, size=(40, 3))
    mixed = list(
        mixup_batches(
            X_int, Y_CLASS[:40], batch_size=5, switch_prob=0.5, random_state=0
        )
    )
    assert {X_batch.dtype for X_batch, _ in mixed} == {np.dtype(np.float64)}
    cut = list(
        mixup_batches(
            X_int, Y_CLASS[:40], batch_size=5, method="cutmix", prob=0.5, random_state=0
        )
    )
    assert {X_batch.dtype for X_batch, _ in cut} == {X_int.dtype}
    only_cut = list(
        mixup_batches(
            X_int, Y_CLASS[:40], batch_size=5, switch_prob=1.0, random_state=0
        )
    )
    assert {X_batch.dtype for X_batch, _ in only_cut} == {X_int.dtype}


def test_switch_to_cutmix_refuses_images():
    with pytest.raises(ValueError, match=r"switch_prob=0.5.*1-D or 2-D"):
        mixup_batches(np.zeros((4, 2, 2)), [0, 1, 0, 1], switch_prob=0.5)


def test_mixup_off_epoch_keeps_the_stream_before_it_and_stops_mixing_after():
    plain = _stacked(X, batch_size=8, n_epochs=3, random_state=0)
    off = _stacked(X, batch_size=8, n_epochs=3, mixup_off_epoch=2, random_state=0)
    per_epoch = len(plain) // 3
    for (X_p, (_, p_p, _)), (X_o, (_, p_o, _)) in zip(
        plain[: 2 * per_epoch], off[: 2 * per_epoch], strict=True
    ):
        np.testing.assert_array_equal(X_p, X_o)
        np.testing.assert_array_equal(p_p, p_o)
    for X_batch, (anchors, partners, lam) in off[2 * per_epoch :]:
        np.testing.assert_array_equal(X_batch, X[anchors])
        np.testing.assert_array_equal(partners, anchors)
        assert np.all(lam == 1)


def test_mixup_off_epoch_counts_epochs_of_an_endless_stream():
    stream = mixup_batches(
        X, Y_REG, batch_size=60, n_epochs=None, mixup_off_epoch=1, random_state=0
    )
    first, second = next(stream), next(stream)
    assert not np.isin(first[1], Y_REG).all()
    assert np.isin(second[1], Y_REG).all()


@pytest.mark.parametrize("container", [np.asarray, sparse.csr_matrix])
def test_the_same_seed_gives_the_same_stream(container):
    params = dict(
        batch_size=7,
        n_epochs=3,
        prob=0.6,
        switch_prob=0.4,
        cutmix_alpha=0.5,
        mixup_off_epoch=2,
    )
    first = list(mixup_batches(container(X), Y_CLASS, random_state=3, **params))
    again = list(mixup_batches(container(X), Y_CLASS, random_state=3, **params))
    for (X_1, Y_1), (X_2, Y_2) in zip(first, again, strict=True):
        X_1 = X_1.toarray() if sparse.issparse(X_1) else X_1
        X_2 = X_2.toarray() if sparse.issparse(X_2) else X_2
        np.testing.assert_array_equal(X_1, X_2)
        np.testing.assert_array_equal(Y_1, Y_2)


@settings(max_examples=25, deadline=None)
@given(
    prob=st.floats(0, 1),
    switch_prob=st.floats(0, 1),
    method=st.sampled_from(["mixup", "cutmix"]),
    seed=st.integers(0, 2**16),
)
def test_every_batch_is_copies_a_blend_or_cells_of_its_parents(
    prob, switch_prob, method, seed
):
    batches = _stacked(
        X[:20],
        batch_size=5,
        n_epochs=2,
        method=method,
        prob=prob,
        switch_prob=switch_prob,
        random_state=seed,
    )
    for X_batch, (anchors, partners, lam) in batches:
        kind = _kind(X[:20], X_batch, anchors, partners, lam)
        assert kind in {"copy", "mixup", "cutmix"}
        assert np.all((lam >= 0.5) & (lam <= 1))


def test_batch_mix_draws_in_the_documented_order():
    # prob's uniform, then switch_prob's, then nothing else.
    state = np.random.RandomState(0)
    u, v = np.random.RandomState(0).random_sample(2)
    chosen = batch_mix(
        state, epoch=0, method="mixup", alpha=0.2, prob=u + 1e-9, switch_prob=v + 1e-9
    )
    assert chosen == ("cutmix", 0.2)
    assert state.random_sample() == np.random.RandomState(0).random_sample(3)[2]
    # Nothing is drawn with the defaults, nor from mixup_off_epoch on.
    state = np.random.RandomState(0)
    assert batch_mix(state, epoch=0, method="cutmix", alpha=0.2) == ("cutmix", 0.2)
    off = batch_mix(
        state, epoch=4, method="mixup", alpha=0.2, prob=0.5, mixup_off_epoch=4
    )
    assert off is None
    assert state.random_sample() == np.random.RandomState(0).random_sample()


@pytest.mark.parametrize(
    "params, match",
    [
        ({"prob": 1.5}, "'prob' parameter"),
        ({"prob": -0.1}, "'prob' parameter"),
        ({"switch_prob": 2}, "'switch_prob' parameter"),
        ({"cutmix_alpha": -1.0}, "'cutmix_alpha' parameter"),
        ({"cutmix_alpha": "big"}, "'cutmix_alpha' parameter"),
        ({"mixup_off_epoch": -1}, "'mixup_off_epoch' parameter"),
        ({"mixup_off_epoch": 1.5}, "'mixup_off_epoch' parameter"),
    ],
)
def test_bad_loop_values_are_named_by_mixup_batches(params, match):
    with pytest.raises(InvalidParameterError, match=match):
        mixup_batches(X, Y_CLASS, **params)


# --- the meta-estimators ---------------------------------------------------------


def _sgd_classifier():
    return SGDClassifier(loss="log_loss", random_state=0)


@pytest.mark.parametrize(
    "params", [{"prob": 0.0}, {"mixup_off_epoch": 0}, {"prob": 0.0, "switch_prob": 1}]
)
def test_unmixed_steps_train_as_the_plain_model(params):
    model = MixupRegressor(
        SGDRegressor(random_state=0), n_epochs=3, random_state=0, **params
    ).fit(X, Y_REG)
    plain = SGDRegressor(random_state=0)
    for _ in range(3):
        plain.partial_fit(X, Y_REG)
    np.testing.assert_array_equal(model.estimator_.coef_, plain.coef_)
    assert np.all(model.lambdas_ == 1)

    clf = MixupClassifier(_sgd_classifier(), n_epochs=3, random_state=0, **params)
    clf.fit(X, Y_CLASS)
    plain = _sgd_classifier()
    for _ in range(3):
        plain.partial_fit(X, Y_CLASS, classes=np.arange(3))
    np.testing.assert_array_equal(clf.estimator_.coef_, plain.coef_)


def test_mixup_off_epoch_keeps_the_epochs_before_it():
    params = dict(alpha=0.4, n_epochs=2, batch_size=16, random_state=0)
    stopped = MixupClassifier(_sgd_classifier(), mixup_off_epoch=2, **params)
    plain = MixupClassifier(_sgd_classifier(), **params)
    np.testing.assert_array_equal(
        stopped.fit(X, Y_CLASS).estimator_.coef_, plain.fit(X, Y_CLASS).estimator_.coef_
    )
    longer = MixupClassifier(_sgd_classifier(), mixup_off_epoch=2, **params)
    longer.set_params(n_epochs=3).fit(X, Y_CLASS)
    assert np.all(longer.lambdas_ == 1)
    assert not np.array_equal(longer.estimator_.coef_, stopped.estimator_.coef_)


def test_switch_prob_one_trains_every_step_on_cutmix_with_cutmix_alpha():
    model = MixupRegressor(
        SGDRegressor(random_state=0),
        alpha=0.0,
        cutmix_alpha=1.0,
        switch_prob=1.0,
        n_epochs=2,
        random_state=0,
    ).fit(X, Y_REG)
    # CutMix's share of 4 cells, drawn from cutmix_alpha: mixup's alpha=0
    # would have left every λ at 1.
    assert np.all((model.lambdas_ * 4) % 1 == 0)
    assert np.any(model.lambdas_ < 1)


def test_cutmix_alpha_applies_to_method_cutmix_without_n_epochs():
    model = MixupRegressor(
        SGDRegressor(random_state=0), method="cutmix", alpha=1.0, cutmix_alpha=0.0
    ).fit(X, Y_REG)
    assert np.all(model.lambdas_ == 1)


def test_the_same_seed_gives_the_same_model():
    params = dict(
        n_epochs=4,
        batch_size=10,
        prob=0.5,
        switch_prob=0.5,
        cutmix_alpha=0.3,
        mixup_off_epoch=3,
        random_state=0,
    )
    first = MixupClassifier(_sgd_classifier(), **params).fit(X, Y_CLASS)
    again = MixupClassifier(_sgd_classifier(), **params).fit(X, Y_CLASS)
    np.testing.assert_array_equal(first.estimator_.coef_, again.estimator_.coef_)
    np.testing.assert_array_equal(first.pairs_, again.pairs_)


@pytest.mark.parametrize("Meta", [MixupClassifier, MixupRegressor])
@pytest.mark.parametrize(
    "name, value", [("prob", 0.5), ("switch_prob", 0.5), ("mixup_off_epoch", 2)]
)
def test_loop_controls_need_n_epochs(Meta, name, value):
    y = Y_CLASS if Meta is MixupClassifier else Y_REG
    inner = _sgd_classifier() if Meta is MixupClassifier else SGDRegressor()
    with pytest.raises(ValueError, match=rf"{name}={value}.*needs n_epochs"):
        Meta(inner, **{name: value}).fit(X, y)


@pytest.mark.parametrize("Meta", [MixupClassifier, MixupRegressor])
@pytest.mark.parametrize(
    "params, match",
    [
        ({"prob": 2.0}, "'prob' parameter"),
        ({"switch_prob": -1}, "'switch_prob' parameter"),
        ({"cutmix_alpha": -0.5}, "'cutmix_alpha' parameter"),
        ({"mixup_off_epoch": -2}, "'mixup_off_epoch' parameter"),
    ],
)
def test_bad_loop_values_are_named_by_the_meta_estimators(Meta, params, match):
    y = Y_CLASS if Meta is MixupClassifier else Y_REG
    inner = _sgd_classifier() if Meta is MixupClassifier else SGDRegressor()
    with pytest.raises(InvalidParameterError, match=match):
        Meta(inner, n_epochs=2, **params).fit(X, y)
