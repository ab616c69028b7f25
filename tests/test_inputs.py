"""What cannot be mixed, refused by name in every entry point, with advice
that entry point can follow. The containers themselves (library round
trips, exact integers, categorical columns) are tested in test_tables.py."""

import numpy as np
import pytest
import scipy
from scipy import sparse
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge

from mixup_sklearn import (
    MixupClassifier,
    MixupRegressor,
    MixupSampler,
    mixup,
    mixup_batches,
)

pd = pytest.importorskip("pandas")


# --- 1. refused by name, in every entry point ----------------------------------


def entry_points():
    """Each entry point as a function of (X, y) that runs it."""
    return {
        "mixup": lambda X, y: mixup(X, y, random_state=0),
        "sampler": lambda X, y: MixupSampler(random_state=0).fit_resample(X, y),
        "classifier": lambda X, y: MixupClassifier(
            LogisticRegression(), random_state=0
        ).fit(X, y),
        "regressor": lambda X, y: MixupRegressor(LinearRegression()).fit(X, y),
        "batches": lambda X, y: mixup_batches(X, y, random_state=0),
    }


ENTRY_POINTS = list(entry_points())


def time_columns():
    stamps = pd.to_datetime(["2020-01-01", "2020-06-01", "2021-01-01", "2022-01-01"])
    return {
        "datetime": stamps,
        "tz-aware": stamps.tz_localize("Europe/Paris"),
        "timedelta": pd.to_timedelta([1, 2, 3, 4], unit="D"),
        "period": pd.period_range("2020-01", periods=4, freq="M"),
        "interval": pd.interval_range(0, 4),
        "date": stamps.date,
    }


# What each entry point offers for columns it cannot interpolate: its own
# options only, never another entry point's parameter.
ADVICE = {
    "mixup": r"Pass method='cutmix' to mixup\(\), which swaps whole cells",
    "sampler": r"Pass categorical_features=.* to MixupSampler",
    "classifier": r"MixupClassifier's estimator is fitted on the mixed rows",
    "regressor": r"MixupRegressor's estimator is fitted on the mixed rows",
    "batches": r"mixup_batches yields NumPy arrays",
}


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("kind", list(time_columns()))
def test_time_like_columns_are_refused_by_name(entry, kind):
    values = time_columns()[kind]
    X = pd.DataFrame({"x": [0.0, 1.0, 2.0, 3.0], "when": values})
    if kind == "date":
        X = pytest.importorskip("pyarrow").Table.from_pandas(X, preserve_index=False)
    with pytest.raises(
        ValueError, match=rf"time-like columns \['when'\].*{ADVICE[entry]}"
    ) as error:
        entry_points()[entry](X, np.array([0, 1, 0, 1]))
    if entry != "sampler":
        assert "MixupSampler" not in str(error.value)


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_text_columns_get_advice_that_the_entry_point_can_follow(entry):
    X = pd.DataFrame({"x": [0.0, 1, 2, 3], "name": list("abab")})
    y = np.array([0, 1, 0, 1])
    with pytest.raises(
        ValueError, match=rf"non-numeric columns \['name'\].*{ADVICE[entry]}"
    ) as error:
        entry_points()[entry](X, y)
    if entry != "sampler":
        assert "categorical_features" not in str(error.value)
    # The advice works: CutMix swaps the text cells whole.
    if entry == "mixup":
        X_new = mixup(X, y, method="cutmix", alpha=1.0, random_state=0)[0]
        assert set(X_new["name"]) <= {"a", "b"}
    if entry == "sampler":
        for fixed in (
            MixupSampler(categorical_features="auto"),
            MixupSampler(method="cutmix"),
        ):
            assert set(fixed.fit_resample(X, y)[0]["name"]) <= {"a", "b"}


# The same advice for text in a list or an object array, which has no column
# names: a sampler's categorical_features takes column indices.
ARRAY_ADVICE = {
    **ADVICE,
    "mixup": r"Encode them as numbers\.",
    "sampler": r"Pass categorical_features=\[1\] to MixupSampler",
}


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("container", ["list", "object array"])
def test_text_in_an_array_is_refused_by_column_with_the_callers_advice(
    entry, container
):
    X = [[0.0, "a"], [1.0, "b"], [2.0, "a"], [3.0, "b"]]
    X = X if container == "list" else np.array(X, dtype=object)
    y = np.array([0, 1, 0, 1])
    with pytest.raises(
        ValueError,
        match=rf"X must be numeric; its columns \[1\] hold text such as 'a'.*"
        rf"{ARRAY_ADVICE[entry]}",
    ) as error:
        entry_points()[entry](X, y)
    if entry != "sampler":
        assert "MixupSampler" not in str(error.value)
        assert "categorical_features" not in str(error.value)
    else:  # The advice works.
        X_res, _ = MixupSampler(categorical_features=[1]).fit_resample(X, y)
        assert {row[1] for row in X_res} <= {"a", "b"}


def unreadable_X():
    """Arrays that are not tables of real numbers, and the start of the
    message that refuses each, in the project's words."""
    return {
        "ragged": ([[0.0, 1.0], [2.0], [3.0, 4.0], [5.0, 6.0]], "X is ragged"),
        "datetime64": (
            np.array([["2020-01-01"]] * 4, dtype="datetime64[D]"),
            r"X must be numeric; got time-like values \(dtype datetime64\[D\]\)",
        ),
        "bytes": (np.array([[b"a"], [b"b"]] * 2), r"X must be numeric"),
        "dict": (
            np.array([[{"a": 1}], [1.0], [2.0], [3.0]], dtype=object),
            r"X must be numeric; got \{'a': 1\} \(dict\)",
        ),
    }


@pytest.mark.parametrize("entry", ["mixup", "classifier", "regressor", "batches"])
@pytest.mark.parametrize("case", list(unreadable_X()))
def test_unreadable_arrays_are_refused_in_the_projects_own_words(entry, case):
    X, match = unreadable_X()[case]
    with pytest.raises((ValueError, TypeError), match=rf"^{match}") as error:
        entry_points()[entry](X, np.array([0, 1, 0, 1]))
    # Never NumPy's or scikit-learn's message, nor one rewritten from them.
    for foreign in ("setting an array element", "ufunc", "must be numeric and finite"):
        assert foreign not in str(error.value)


def test_complex_values_are_refused_by_name_with_scikit_learns_words():
    X = np.array([[1j, 1.0], [2.0, 2.0], [3.0, 3.0], [4.0, 4.0]])
    for run in (
        lambda: mixup(X, random_state=0),
        lambda: next(mixup_batches(X, [0, 1, 0, 1], random_state=0)),
    ):
        with pytest.raises(ValueError, match=r"^X has complex values.*X\.real"):
            run()


@pytest.mark.parametrize("kind", list(time_columns()))
def test_time_like_columns_declared_categorical_come_from_the_anchor(kind):
    X = pd.DataFrame({"x": [0.0, 1.0, 2.0, 3.0], "when": time_columns()[kind]})
    sampler = MixupSampler(categorical_features=["when"], random_state=0)
    X_res, _ = sampler.fit_resample(X, [0, 1, 0, 1])
    assert X_res["when"].dtype == X["when"].dtype
    assert X_res["when"].tolist() == X["when"].iloc[sampler.pairs_[:, 0]].tolist()


def test_time_like_columns_with_auto_get_the_selection_to_pass():
    X = pd.DataFrame(
        {"x": [0.0, 1, 2, 3], "c": list("abab"), "when": time_columns()["datetime"]}
    )
    with pytest.raises(ValueError, match=r"categorical_features=\['c', 'when'\]"):
        MixupSampler(categorical_features="auto").fit_resample(X, [0, 1, 0, 1])


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_category_columns_are_refused_by_name_everywhere(entry):
    X = pd.DataFrame({"x": [0.0, 1, 2, 3], "c": pd.Categorical([0, 1, 0, 1])})
    with pytest.raises(ValueError, match=r"X has non-numeric columns \['c'\]"):
        entry_points()[entry](X, np.array([0, 1, 0, 1]))


def one_d_sparse(container):
    """A 1-D scipy sparse array; scipy before 1.14 makes every sparse array 2-D."""
    try:
        X = getattr(sparse, container)(np.arange(1.0, 5.0))
    except TypeError:  # dok_array: "Expected rank <=2 dense array or matrix."
        X = None
    if X is None or X.ndim != 1:
        pytest.skip(f"scipy {scipy.__version__} has no 1-D {container}")
    return X


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("container", ["coo_array", "csr_array", "dok_array"])
def test_one_d_sparse_arrays_are_refused_by_name(entry, container):
    X = one_d_sparse(container)
    with pytest.raises(
        ValueError, match=rf"X must be 2-D.*1-D sparse array \({container}\)"
    ):
        entry_points()[entry](X, np.array([0, 1, 0, 1]))


def test_one_d_sparse_arrays_are_refused_by_cutmix():
    X = one_d_sparse("coo_array")
    with pytest.raises(ValueError, match=r"X must be 2-D.*X.reshape\(\(-1, 1\)\)"):
        mixup(X, np.arange(4.0), method="cutmix")
    with pytest.raises(ValueError, match=r"X must be 2-D"):
        MixupSampler(method="cutmix").fit_resample(X, [0, 1, 0, 1])


@pytest.mark.parametrize("entry", ["sampler", "classifier", "regressor"])
def test_a_polars_lazy_frame_is_refused_with_collect(entry):
    # scikit-learn refuses lazy frames too: the rows must be computed first.
    X = (
        pytest.importorskip("polars")
        .DataFrame({"a": [0.0, 1, 2, 3], "b": [1.0, 0, 1, 0]})
        .lazy()
    )
    with pytest.raises(TypeError, match=r"X is a lazy frame .*Call X.collect\(\)"):
        entry_points()[entry](X, np.array([0, 1, 0, 1]))
    X_res, _ = entry_points()["sampler"](X.collect(), np.array([0, 1, 0, 1]))
    assert X_res.shape == (4, 2)


def missing_X():
    return {
        "None in a list": [[0.0, 1.0], [None, 2.0], [1.0, 0.0], [2.0, 2.0]],
        "masked array": np.ma.masked_array(
            np.ones((4, 2)), mask=[[0, 0], [1, 0], [0, 0], [0, 0]]
        ),
        "pd.NA": pd.DataFrame({"a": pd.array([1, None, 3, 4], dtype="Int64")}),
        "NaN in a frame": pd.DataFrame({"a": [1.0, np.nan, 3, 4]}),
        "polars null": "polars",
    }


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("case", list(missing_X()))
def test_missing_values_in_X_are_refused(entry, case):
    X = missing_X()[case]
    if case == "polars null":
        X = pytest.importorskip("polars").DataFrame({"a": [1.0, None, 3.0, 4.0]})
    with pytest.raises(ValueError, match=r"X .*(missing|masked|NaN)"):
        entry_points()[entry](X, np.array([0, 1, 0, 1]))


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(
    "y",
    [
        ["a", None, "a", "b"],
        pd.Series(["a", pd.NA, "a", "b"], dtype="string"),
        pd.Series([0, pd.NA, 0, 1], dtype="Int64"),
        np.ma.masked_array([0, 1, 0, 1], mask=[0, 1, 0, 0]),
    ],
    ids=["list-None", "string-NA", "Int64-NA", "masked"],
)
def test_missing_values_in_y_are_refused(entry, y):
    with pytest.raises(ValueError, match=r"^y .*(missing|masked)"):
        entry_points()[entry](np.arange(8.0).reshape(4, 2), y)


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_zero_columns_are_refused(entry):
    with pytest.raises(ValueError, match="X has no columns"):
        entry_points()[entry](np.ones((4, 0)), np.array([0, 1, 0, 1]))


def test_a_regressor_in_mixup_classifier_and_the_reverse_are_refused():
    X, y = np.arange(8.0).reshape(4, 2), np.array([0, 1, 0, 1])
    with pytest.raises(TypeError, match=r"Ridge\(\) is a regressor.*MixupRegressor"):
        MixupClassifier(Ridge()).fit(X, y)
    with pytest.raises(TypeError, match=r"is a classifier.*MixupClassifier"):
        MixupRegressor(LogisticRegression()).fit(X, y.astype(float))


def test_empty_classes_in_mixup_batches_is_refused():
    with pytest.raises(ValueError, match=r"classes must list .* got \[\]"):
        mixup_batches(np.ones((4, 2)), [0, 1, 0, 1], classes=[])


def test_a_transform_that_changes_the_row_count_is_refused():
    batches = mixup_batches(
        np.ones((10, 2)), np.arange(10) % 2, batch_size=10, transform=lambda X: X[:5]
    )
    with pytest.raises(ValueError, match="transform returned 5 rows for a batch of 10"):
        next(batches)


@pytest.mark.parametrize(
    ("strategy", "error", "match"),
    [
        ({1: 7.5}, ValueError, r"sampling_strategy asks for \{1: 7.5\}"),
        (lambda y: [7], TypeError, "sampling_strategy is a callable that returned"),
    ],
)
def test_fractional_or_non_dict_sampling_strategy_is_refused(strategy, error, match):
    X, y = np.arange(20.0).reshape(10, 2), np.array([0] * 5 + [1] * 5)
    with pytest.raises(error, match=match):
        MixupSampler(sampling_strategy=strategy).fit_resample(X, y)


@pytest.mark.parametrize("entry", ["mixup", "sampler", "classifier"])
def test_an_output_too_large_to_allocate_is_refused_before_allocating(entry):
    X, y = np.ones((10, 4)), np.arange(10) % 2
    run = {
        "mixup": lambda: mixup(X, n_samples=10**15),
        "sampler": lambda: MixupSampler(n_samples=10**15).fit_resample(X, y),
        "classifier": lambda: MixupClassifier(
            LogisticRegression(), n_samples=10**15
        ).fit(X, y),
    }[entry]
    with pytest.raises(
        ValueError, match=r"n_samples=1000000000000000 asks for .* bytes"
    ):
        run()


def test_huge_alpha_is_refused_where_numpy_degenerates_and_mixes_below():
    X = np.array([[0.0], [2.0]])
    with pytest.raises(ValueError, match="'alpha' parameter"):
        mixup(X, alpha=1e308)
    np.testing.assert_allclose(mixup(X, alpha=1e300, random_state=0).ravel(), 1.0)


# --- 2. the sweep --------------------------------------------------------------


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_a_single_row_is_refused_or_returned_as_it_is(entry):
    X, y = np.array([[1.0, 2.0]]), np.array([1.0])
    try:
        entry_points()[entry](X, y)
    except ValueError as exc:
        assert "y" in str(exc) or "class" in str(exc) or "sample" in str(exc)


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_empty_input_is_refused_by_name(entry):
    with pytest.raises(ValueError, match=r"0 sample|no rows|minimum of 1"):
        entry_points()[entry](np.ones((0, 2)), np.ones(0))


def test_object_array_of_numbers_is_mixed_like_floats():
    X = np.array([[1, 2.5], [3, 4.0], [5, 6.0]], dtype=object)
    np.testing.assert_allclose(
        mixup(X, random_state=0), mixup(X.astype(float), random_state=0)
    )


def test_extreme_finite_values_stay_finite():
    X = np.array([[np.finfo(np.float64).max], [np.finfo(np.float64).max]])
    out = mixup(X, alpha=1.0, random_state=0)
    assert np.isfinite(out).all()
