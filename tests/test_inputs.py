"""Every table a user brings: pandas, polars and pyarrow containers, exact
integers, and what cannot be mixed refused by name in every entry point."""

import numpy as np
import pytest
import scipy
from numpy.testing import assert_array_equal
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


def _polars():
    return pytest.importorskip("polars")


def _pyarrow():
    return pytest.importorskip("pyarrow")


def to_library(frame, library):
    """The pandas DataFrame ``frame`` in ``library``."""
    if library == "pandas":
        return frame
    if library == "polars":
        return _polars().from_pandas(frame)
    return _pyarrow().Table.from_pandas(frame, preserve_index=False)


def to_pandas(table):
    if isinstance(table, pd.DataFrame):
        return table
    return table.to_pandas()


LIBRARIES = ["pandas", "polars", "pyarrow"]


def numeric_frame(n_rows=12):
    rng = np.random.RandomState(0)
    return pd.DataFrame(
        {
            "count": rng.randint(0, 50, n_rows).astype(np.int64),
            "small": rng.randint(-5, 5, n_rows).astype(np.int16),
            "weight": rng.normal(size=n_rows),
            "ratio": rng.uniform(size=n_rows).astype(np.float32),
        }
    )


def column_dtypes(table):
    frame = to_pandas(table)
    return {column: str(dtype) for column, dtype in frame.dtypes.items()}


# --- 1. polars and pyarrow in, the same library out ---------------------------


@pytest.mark.parametrize("library", LIBRARIES)
def test_mixup_keeps_the_library_columns_and_dtype_rules(library):
    X = to_library(numeric_frame(), library)
    out = mixup(X, alpha=0.4, random_state=0)
    assert type(out) is type(X)
    frame = to_pandas(out)
    assert list(frame.columns) == ["count", "small", "weight", "ratio"]
    # Interpolated integers become float64; float32 stays float32.
    assert column_dtypes(out)["count"] == "float64"
    assert column_dtypes(out)["ratio"] == "float32"
    expected = mixup(numeric_frame().to_numpy(dtype=float), alpha=0.4, random_state=0)
    np.testing.assert_allclose(frame.to_numpy(dtype=float), expected, rtol=1e-6)


@pytest.mark.parametrize("library", LIBRARIES)
def test_alpha_zero_returns_the_table_exactly(library):
    X = to_library(numeric_frame(), library)
    out = mixup(X, alpha=0, random_state=0)
    assert type(out) is type(X)
    pd.testing.assert_frame_equal(to_pandas(out), to_pandas(X))


@pytest.mark.parametrize("library", LIBRARIES)
def test_sampler_round_trips_a_mixed_table(library):
    frame = numeric_frame(20).assign(
        color=list("rgb") * 6 + ["r", "g"],
        flag=[True, False] * 10,
    )
    X = to_library(frame, library)
    y = np.arange(20) % 2
    sampler = MixupSampler(
        categorical_features="auto", round_integers=True, random_state=0
    )
    X_res, y_res = sampler.fit_resample(X, y)
    assert type(X_res) is type(X)
    assert column_dtypes(X_res) == column_dtypes(X)
    anchors = sampler.pairs_[:, 0]
    out = to_pandas(X_res)
    # Text and bool columns come from the anchor.
    assert out["color"].tolist() == frame["color"].iloc[anchors].tolist()
    assert out["flag"].tolist() == frame["flag"].iloc[anchors].tolist()
    assert list(sampler.feature_names_in_) == list(frame.columns)
    assert_array_equal(y_res, y[anchors])


@pytest.mark.parametrize("library", LIBRARIES)
def test_categorical_auto_recognises_each_librarys_category_type(library):
    frame = numeric_frame(12).assign(kind=pd.Categorical(list("ab") * 6))
    X = to_library(frame, library)
    X_res, _ = MixupSampler(categorical_features="auto", random_state=0).fit_resample(
        X, np.arange(12) % 2
    )
    assert column_dtypes(X_res)["kind"] == column_dtypes(X)["kind"]
    assert set(to_pandas(X_res)["kind"]) <= {"a", "b"}


@pytest.mark.parametrize("library", ["polars", "pyarrow"])
def test_polars_enum_and_arrow_dictionary_are_categorical(library):
    if library == "polars":
        pl = _polars()
        X = pl.DataFrame(
            {
                "x": [0.0, 1.0, 2.0, 3.0],
                "e": pl.Series(["u", "v", "u", "v"], dtype=pl.Enum(["u", "v"])),
            }
        )
    else:
        pa = _pyarrow()
        X = pa.table(
            {
                "x": [0.0, 1.0, 2.0, 3.0],
                "e": pa.array(["u", "v", "u", "v"]).dictionary_encode(),
            }
        )
    X_res, _ = MixupSampler(categorical_features="auto", random_state=0).fit_resample(
        X, [0, 1, 0, 1]
    )
    assert type(X_res) is type(X)
    assert X_res.schema == X.schema


@pytest.mark.parametrize("library", LIBRARIES)
def test_series_target_comes_back_in_its_library(library):
    frame = numeric_frame(10).assign(target=np.linspace(0, 1, 10))
    table = to_library(frame, library)
    if library == "pandas":
        X, y = table.drop(columns="target"), table["target"]
    elif library == "polars":
        X, y = table.drop("target"), table["target"]
    else:
        X, y = table.drop_columns(["target"]), table["target"]
    X_new, y_new = mixup(X, y, alpha=0.5, random_state=0)
    assert type(X_new) is type(X)
    assert type(y_new) is type(y)
    assert len(y_new) == 10


@pytest.mark.parametrize("library", ["polars", "pyarrow"])
def test_a_pandas_target_with_another_librarys_table_keeps_both_containers(library):
    # Each container comes back as it came: X in its library, y a pandas
    # Series with its name, aligned with X's rows.
    frame = numeric_frame(12)
    X = to_library(frame, library)
    y = pd.Series(np.arange(12) % 3, name="label", index=np.arange(100, 112))
    sampler = MixupSampler(concat=True, random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert type(X_res) is type(X)
    assert isinstance(y_res, pd.Series) and y_res.name == "label"
    assert len(X_res) == len(y_res) == 24
    anchors = sampler.pairs_[:, 0]
    assert_array_equal(y_res.to_numpy(), np.concatenate([y, y.to_numpy()[anchors]]))
    assert_array_equal(to_pandas(X_res).iloc[:12].to_numpy(), frame.to_numpy())


@pytest.mark.parametrize("library", LIBRARIES)
def test_meta_estimators_and_batches_accept_every_library(library):
    X = to_library(numeric_frame(30), library)
    y = np.arange(30) % 2
    model = MixupClassifier(LogisticRegression(), random_state=0).fit(X, y)
    assert list(model.feature_names_in_) == list(numeric_frame().columns)
    assert model.predict(X).shape == (30,)
    regressor = MixupRegressor(Ridge(), random_state=0).fit(X, y.astype(float))
    assert regressor.predict(X).shape == (30,)
    batches = list(mixup_batches(X, y, batch_size=8, random_state=0))
    assert sum(len(X_batch) for X_batch, _ in batches) == 30


# --- 2. exact integers ---------------------------------------------------------

BIG = {
    np.int64: [2**62 + 1, -(2**62) - 3, np.iinfo(np.int64).max, np.iinfo(np.int64).min],
    np.uint64: [2**64 - 1, 2**64 - 3, 2**63 + 5, 7],
    np.int32: [2**31 - 1, -(2**31), 5, -5],
    np.int8: [127, -128, 0, 1],
    np.uint8: [255, 0, 1, 254],
}


@pytest.mark.parametrize("dtype", list(BIG))
@pytest.mark.parametrize("container", ["array", "pandas", "polars", "pyarrow"])
def test_copies_keep_every_integer_exactly(dtype, container):
    values = np.array(BIG[dtype], dtype=dtype)
    X = np.column_stack([values, values[::-1]])
    if container != "array":
        X = to_library(pd.DataFrame({"a": X[:, 0], "b": X[:, 1]}), container)
    out = mixup(X, alpha=0, concat=True, random_state=0)
    out = out if container == "array" else to_pandas(out).to_numpy()
    assert out.dtype == dtype
    expected = np.column_stack([values, values[::-1]])
    assert_array_equal(out, np.concatenate([expected, expected]))


def test_rows_outside_mix_classes_and_concat_originals_stay_exact():
    big = np.array([2**60 + 1, 2**60 + 3, 2**61 + 7, 2**62 + 9], dtype=np.int64)
    X = pd.DataFrame({"id": big, "x": [0.0, 1.0, 2.0, 3.0]})
    y = np.array([0, 0, 1, 1])
    sampler = MixupSampler(
        mix_classes=[1], concat=True, round_integers=True, random_state=0
    )
    X_res, _ = sampler.fit_resample(X, y)
    assert X_res["id"].dtype == np.int64
    assert_array_equal(X_res["id"][:4], big)
    outside = np.flatnonzero(y[sampler.pairs_[:, 0]] == 0) + 4
    assert_array_equal(X_res["id"][outside], big[sampler.pairs_[outside - 4, 0]])


@pytest.mark.parametrize("container", ["dense", "csr"])
@pytest.mark.parametrize("dtype", [np.int64, np.uint64, np.int8, np.uint8])
def test_round_integers_clips_to_the_dtype_never_wraps(dtype, container):
    info = np.iinfo(dtype)
    X = np.array([[info.max, info.min]] * 4, dtype=dtype)
    y = np.array([0, 1, 0, 1])
    X_in = X if container == "dense" else sparse.csr_matrix(X)
    X_res, _ = MixupSampler(
        alpha=1.0, round_integers=True, random_state=0
    ).fit_resample(X_in, y)
    # A mix of two maxima is the maximum, not a wrapped-around minimum
    # (float64 rounds int64's maximum up to 2**63), sparse or dense.
    assert X_res.dtype == dtype
    assert sparse.issparse(X_res) == (container == "csr")
    assert_array_equal(X_res.toarray() if sparse.issparse(X_res) else X_res, X)


def test_interpolating_integers_beyond_float_precision_is_refused_by_name():
    X = pd.DataFrame({"hash": np.array([2**60, 2**60 + 1, 3, 4]), "x": [0.0, 1, 2, 3]})
    with pytest.raises(ValueError, match=r"X column 'hash' holds integers .* 2\*\*53"):
        mixup(X, alpha=1.0, random_state=0)
    # Taken from the anchor, it is exact.
    X_res, _ = MixupSampler(categorical_features=["hash"], random_state=0).fit_resample(
        X, [0, 1, 0, 1]
    )
    assert set(X_res["hash"]) <= set(X["hash"])


# --- 3. refused by name, in every entry point ----------------------------------


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
        X = _pyarrow().Table.from_pandas(X, preserve_index=False)
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


@pytest.mark.parametrize("method", ["mixup", "cutmix"])
@pytest.mark.parametrize(
    "categorical_features", ["auto", [2], ["text"], [False, False, True]]
)
def test_integer_column_names_work_with_every_form_of_categorical_features(
    categorical_features, method
):
    # pd.DataFrame(array) names its columns 0, 1, 2: integers are positions.
    X = pd.DataFrame(np.arange(24.0).reshape(8, 3))
    X[2] = list("abcdefgh")
    y = np.arange(8) % 2
    if categorical_features == ["text"]:
        with pytest.raises(ValueError, match=r"names columns not in X: \['text'\]"):
            MixupSampler(categorical_features=["text"]).fit_resample(X, y)
        return
    sampler = MixupSampler(
        categorical_features=categorical_features, method=method, random_state=0
    )
    X_res, _ = sampler.fit_resample(X, y)
    assert list(X_res.columns) == [0, 1, 2]
    assert X_res[2].tolist() == X[2].iloc[sampler.pairs_[:, 0]].tolist()
    assert X_res.dtypes.to_dict() == {0: np.float64, 1: np.float64, 2: X[2].dtype}


@pytest.mark.parametrize("categorical_features", ["auto", [2], [("b", "z")]])
def test_multiindex_columns_with_categorical_features_are_refused_naming_X(
    categorical_features,
):
    X = pd.DataFrame(
        {("a", "x"): np.arange(4.0), ("a", "y"): np.ones(4), ("b", "z"): list("abab")}
    )
    with pytest.raises(ValueError, match=r"X has MultiIndex columns \(2 levels\)"):
        MixupSampler(categorical_features=categorical_features).fit_resample(
            X, [0, 1, 0, 1]
        )


def one_d_sparse(container):
    """A 1-D scipy sparse array; scipy before 1.14 makes every sparse array 2-D."""
    X = getattr(sparse, container)(np.arange(1.0, 5.0))
    if X.ndim != 1:
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
    X = _polars().DataFrame({"a": [0.0, 1, 2, 3], "b": [1.0, 0, 1, 0]}).lazy()
    with pytest.raises(TypeError, match=r"X is a lazy frame .*Call X.collect\(\)"):
        entry_points()[entry](X, np.array([0, 1, 0, 1]))
    X_res, _ = entry_points()["sampler"](X.collect(), np.array([0, 1, 0, 1]))
    assert X_res.shape == (4, 2)


def test_duplicate_column_names_are_refused_by_name():
    X = pd.DataFrame(np.ones((4, 3)), columns=["a", "b", "a"])
    for method in ("mixup", "cutmix"):
        with pytest.raises(ValueError, match=r"X has duplicate column names \['a'\]"):
            MixupSampler(method=method).fit_resample(X, [0, 1, 0, 1])


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
        X = _polars().DataFrame({"a": [1.0, None, 3.0, 4.0]})
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


# --- 4. the sweep --------------------------------------------------------------


@pytest.mark.parametrize(
    "dtype", ["Int64", "Float64", "int64[pyarrow]", "double[pyarrow]", "UInt8"]
)
def test_pandas_nullable_and_arrow_backed_dtypes_round_trip(dtype):
    if "pyarrow" in dtype:
        _pyarrow()
    X = pd.DataFrame({"a": pd.array([1, 2, 3, 4], dtype=dtype), "b": [0.0, 1, 2, 3]})
    out = mixup(X, alpha=0, random_state=0)
    pd.testing.assert_frame_equal(out, X)
    mixed, _ = MixupSampler(round_integers=True, random_state=0).fit_resample(
        X, [0, 1, 0, 1]
    )
    assert mixed.dtypes["a"] == X.dtypes["a"] or "Float" in dtype or "double" in dtype


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
