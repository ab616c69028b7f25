"""The container layer (``mixup_sklearn._tables``): pandas, polars and
pyarrow tables in and the same library out, exact integers, categorical
columns taken from the anchor, and the tables no entry point can read."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal
from scipy import sparse
from sklearn.linear_model import LogisticRegression, Ridge

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


# --- 2. exact integers --------------------------------------------------------


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


# --- 3. categorical columns and column names ----------------------------------


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


def test_duplicate_column_names_are_refused_by_name():
    X = pd.DataFrame(np.ones((4, 3)), columns=["a", "b", "a"])
    for method in ("mixup", "cutmix"):
        with pytest.raises(ValueError, match=r"X has duplicate column names \['a'\]"):
            MixupSampler(method=method).fit_resample(X, [0, 1, 0, 1])


@pytest.mark.parametrize("container", ["array", "pandas"])
def test_integers_beyond_float_precision_get_the_advice_of_the_caller(container):
    big = np.array([2**60, 2**60 + 1, 3, 4], dtype=np.int64)
    X = np.column_stack([big, big[::-1]])
    if container == "pandas":
        X = pd.DataFrame({"hash": big, "other": big[::-1]})
    with pytest.raises(ValueError, match=r"Pass method='cutmix' to mixup\(\)") as error:
        mixup(X, alpha=1.0, random_state=0)
    # mixup() has neither round_integers nor categorical_features.
    assert "MixupSampler" not in str(error.value)
    assert "round_integers" not in str(error.value)
    # The advice works: CutMix swaps whole cells, every integer kept exactly.
    out = mixup(X, method="cutmix", alpha=1.0, random_state=0)
    values = np.asarray(out)
    assert values.dtype == np.int64 and set(values.ravel()) <= set(big)
    with pytest.raises(ValueError, match=r"round_integers=True to MixupSampler"):
        MixupSampler(alpha=1.0, random_state=0).fit_resample(X, [0, 1, 0, 1])


def test_text_left_outside_categorical_features_is_named_by_its_column_in_X():
    X = np.array(
        [[0.0, "a", "u"], [1.0, "b", "v"], [2.0, "a", "u"], [3.0, "b", "v"]],
        dtype=object,
    )
    y = [0, 1, 0, 1]
    # Column 2 of X, not of the columns left once column 1 is set aside.
    with pytest.raises(
        ValueError,
        match=r"X must be numeric; its columns \[2\] hold text such as 'u'.*"
        r"Pass categorical_features=\[1, 2\] to MixupSampler",
    ):
        MixupSampler(categorical_features=[1]).fit_resample(X, y)
    sampler = MixupSampler(categorical_features=[1, 2], random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert_array_equal(X_res[:, 1:], X[sampler.pairs_[:, 0], 1:])
