"""Fitted pipelines with mixup steps survive skops and pickle round trips."""

import pickle

import pytest
from imblearn.pipeline import make_pipeline
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from mixup_sklearn import MixupClassifier, MixupSampler

# skops is in the test extra; make test-floors leaves it out.
sio = pytest.importorskip("skops.io")

# The types a user must trust to load such a pipeline with skops: everything
# else in it is trusted by skops by default.
TRUSTED = [
    "imblearn.pipeline.Pipeline",
    "mixup_sklearn._meta.MixupClassifier",
    "mixup_sklearn._sampler.MixupSampler",
]


@pytest.fixture
def fitted():
    X, y = load_iris(return_X_y=True)
    pipe = make_pipeline(
        StandardScaler(),
        MixupSampler(alpha=0.4, pairing="within_class", random_state=0),
        MixupClassifier(
            LogisticRegression(max_iter=1000),
            alpha=0.2,
            mix_classes=[1, 2],
            random_state=0,
        ),
    ).fit(X, y)
    return pipe, X, y


def test_skops_round_trip_with_the_trusted_types_listed(fitted, tmp_path):
    pipe, X, y = fitted
    path = tmp_path / "pipe.skops"
    sio.dump(pipe, path)
    assert sorted(sio.get_untrusted_types(file=path)) == TRUSTED
    loaded = sio.load(path, trusted=TRUSTED)
    assert_allclose(loaded.predict_proba(X), pipe.predict_proba(X))
    sampler, loaded_sampler = pipe[1], loaded[1]
    assert_array_equal(loaded_sampler.pairs_, sampler.pairs_)
    assert loaded[2].get_params()["mix_classes"] == [1, 2]
    # The loaded pipeline refits to the same model: parameters survived.
    assert_allclose(loaded.fit(X, y).predict_proba(X), pipe.predict_proba(X))


def test_skops_refuses_to_load_untrusted_types(fitted, tmp_path):
    pipe, _, _ = fitted
    path = tmp_path / "pipe.skops"
    sio.dump(pipe, path)
    with pytest.raises(
        sio.exceptions.UntrustedTypesFoundException, match="MixupClassifier"
    ):
        sio.load(path)


def test_pickle_round_trip(fitted):
    pipe, X, _ = fitted
    loaded = pickle.loads(pickle.dumps(pipe))
    assert_allclose(loaded.predict_proba(X), pipe.predict_proba(X))
