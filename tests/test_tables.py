"""The container layer (``mixup_sklearn._tables``): pandas, polars and
pyarrow tables in and the same library out, exact integers, categorical
columns taken from the anchor, integer rounding, CutMix's cell swap in
every dtype of every library, and the tables no entry point can read."""

import tracemalloc

import numpy as np
import pandas as pd
import pytest
from _data import (
    TABLES,
    column_cells,
    concat_tables,
    table_column_names,
    table_dtypes,
    to_library,
    to_pandas,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.pipeline import make_pipeline
from numpy.testing import assert_array_equal
from scipy import sparse
from sklearn.compose import ColumnTransformer
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import cross_val_score
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from mixup_sklearn import (
    MixupClassifier,
    MixupRegressor,
    MixupSampler,
    mixup,
    mixup_batches,
)


def _polars():
    return pytest.importorskip("polars")


def _pyarrow():
    return pytest.importorskip("pyarrow")


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


def test_alpha_zero_returns_the_table_exactly(library):
    X = to_library(numeric_frame(), library)
    out = mixup(X, alpha=0, random_state=0)
    assert type(out) is type(X)
    pd.testing.assert_frame_equal(to_pandas(out), to_pandas(X))


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


pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")


_BAD = "bogus"


_MESSAGE = r"'method' parameter .* must be a str among .*'cutmix'.*Got 'bogus'"


@pytest.mark.parametrize(
    "call",
    [
        lambda: mixup(np.eye(3), method=_BAD),
        lambda: MixupSampler(method=_BAD).fit_resample(np.eye(4), [0, 1, 0, 1]),
        lambda: MixupClassifier(LogisticRegression(), method=_BAD).fit(
            np.eye(4), [0, 1, 0, 1]
        ),
        lambda: MixupRegressor(Ridge(), method=_BAD).fit(np.eye(4), [0.0, 1, 2, 3]),
        lambda: mixup_batches(np.eye(4), [0, 1, 0, 1], method=_BAD),
    ],
    ids=["mixup", "MixupSampler", "MixupClassifier", "MixupRegressor", "batches"],
)
def test_bad_method_is_refused_by_name(call):
    with pytest.raises(ValueError, match=_MESSAGE):
        call()


def _assert_cells_from_anchor_or_partner(out, X, pairs, *, concat=False):
    n_rows = len(X)
    if concat:
        for column in table_column_names(X):
            assert column_cells(out, column)[:n_rows] == column_cells(X, column), column
    for column in table_column_names(X):
        values = column_cells(X, column)
        got = column_cells(out, column)[n_rows if concat else 0 :]
        for cell, anchor, partner in zip(got, *pairs.T, strict=True):
            assert cell in (values[anchor], values[partner]), column


@pytest.mark.parametrize("alpha", [0.0, 1.0])
@pytest.mark.parametrize("library", list(TABLES))
def test_cutmix_keeps_every_dtype_of_every_library(library, alpha):
    # Enum stays Enum, Date stays Date, Decimal(10, 2) stays Decimal(10, 2),
    # Array stays Array; dictionary, large and time64[ns] arrow types stay;
    # pandas object text stays object. The output then stacks with X.
    X = TABLES[library](30)
    y = np.arange(30) % 2
    sampler = MixupSampler(method="cutmix", alpha=alpha, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert type(X_res) is type(X)
    assert table_dtypes(X_res) == table_dtypes(X)
    assert len(concat_tables([X, X_res])) == 60
    _assert_cells_from_anchor_or_partner(X_res, X, sampler.pairs_)
    if alpha == 1.0:
        assert np.any(sampler.lambdas_ < 1)  # cells were swapped


@pytest.mark.parametrize(
    "X",
    [
        pl.DataFrame(
            {
                "clock": pl.Series(np.arange(20) * 1_001 + 1, dtype=pl.Int64).cast(
                    pl.Time
                ),
                "x": np.arange(20.0),
            }
        ),
        pa.table(
            {
                "clock": pa.array(np.arange(20) * 1_001 + 1, pa.time64("ns")),
                "x": np.arange(20.0),
            }
        ),
    ],
    ids=["polars Time", "pyarrow time64[ns]"],
)
def test_cutmix_copies_nanosecond_times_exactly(X):
    y = np.arange(20) % 2
    sampler = MixupSampler(method="cutmix", alpha=1.0, random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert X_res.schema == X.schema
    _assert_cells_from_anchor_or_partner(X_res, X, sampler.pairs_)
    X_new = mixup(X, method="cutmix", alpha=1.0, random_state=0)
    assert X_new.schema == X.schema


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_cutmix_with_knn_pairing_copies_large_integers_exactly(library):
    # knn measures distances on the numbers, but the cells come from X
    # itself: ids beyond 2**53 are not rounded through float64.
    ids = 2**60 + np.arange(40) * 7
    frame = pd.DataFrame({"id": ids, "x": np.linspace(0, 1, 40)})
    X = frame if library == "pandas" else pl.from_pandas(frame)
    sampler = MixupSampler(method="cutmix", pairing="knn", alpha=1.0, random_state=0)
    X_res, _ = sampler.fit_resample(X, np.arange(40) % 2)
    assert table_dtypes(X_res) == table_dtypes(X)
    assert set(column_cells(X_res, "id")) <= set(ids.tolist())
    _assert_cells_from_anchor_or_partner(X_res, X, sampler.pairs_)


def _with_infinity(library):
    frame = pd.DataFrame({"x": [0.0, np.inf, 2.0, -np.inf], "name": list("abcd")})
    if library == "pandas":
        return frame
    if library == "polars":
        return pl.from_pandas(frame)
    return pa.Table.from_pandas(frame, preserve_index=False)


@pytest.mark.parametrize("entry", ["mixup", "sampler"])
def test_cutmix_refuses_infinity_in_a_frame_as_in_an_array(library, entry):
    X, y = _with_infinity(library), np.array([0, 1, 0, 1])
    run = {
        "mixup": lambda X: mixup(X, y, method="cutmix"),
        "sampler": lambda X: MixupSampler(method="cutmix").fit_resample(X, y),
    }[entry]
    with pytest.raises(ValueError, match=r"X .*infinity"):
        run(X[["x"]] if library == "pandas" else np.asarray([[0.0], [np.inf]] * 2))
    with pytest.raises(ValueError, match=r"X contains infinity .* \['x'\]"):
        run(X)


def _with_missing(case):
    x = [0.0, 1.0, 2.0, 3.0]
    if case == "polars NaN":
        return pl.DataFrame({"x": [0.0, float("nan"), 2.0, 3.0], "name": list("abcd")})
    if case == "polars null text":
        return pl.DataFrame({"x": x, "name": ["a", None, "c", "d"]})
    if case == "pyarrow null date":
        return pa.table(
            {
                "x": x,
                "name": list("abcd"),
                "day": pa.array([1, 2, None, 4], pa.date32()),
            }
        )
    if case == "pandas NaT":
        when = pd.to_datetime(["2020-01-01", None, "2020-01-03", "2020-01-04"])
        return pd.DataFrame({"x": x, "name": list("abcd"), "when": when})
    return pd.DataFrame({"x": x, "name": pd.Categorical(["a", "b", None, "d"])})


MISSING = [
    "polars NaN",
    "polars null text",
    "pyarrow null date",
    "pandas NaT",
    "pandas NaN category",
]


@pytest.mark.parametrize("case", MISSING)
@pytest.mark.parametrize("categorical_features", [None, "auto"])
def test_cutmix_refuses_missing_values_in_any_column(case, categorical_features):
    X, y = _with_missing(case), np.array([0, 1, 0, 1])
    sampler = MixupSampler(method="cutmix", categorical_features=categorical_features)
    with pytest.raises(ValueError, match=r"X column '\w+' has 1 missing values"):
        sampler.fit_resample(X, y)
    with pytest.raises(ValueError, match=r"X column '\w+' has 1 missing values"):
        mixup(X, y, method="cutmix")


def test_missing_values_in_columns_taken_from_the_anchor_are_refused():
    # The columns that categorical_features takes from the anchor are not
    # mixed, but a synthetic row would copy their missing values all the same.
    X = pd.DataFrame({"x": [0.0, 1.0, 2.0, 3.0], "name": ["a", None, "c", "d"]})
    for categorical_features in ("auto", ["name"]):
        sampler = MixupSampler(categorical_features=categorical_features)
        with pytest.raises(ValueError, match=r"X column 'name' has 1 missing values"):
            sampler.fit_resample(X, [0, 1, 0, 1])


def mixed_frame(n_rows=40, seed=0):
    """A small DataFrame with str, category, bool, int and float columns."""
    rng = np.random.RandomState(seed)
    frame = pd.DataFrame(
        {
            "height": rng.normal(170, 10, n_rows),
            "age": rng.randint(18, 90, n_rows).astype(np.int64),
            "city": rng.choice(["Lyon", "Oslo", "Lima"], n_rows).astype(object),
            "grade": pd.Categorical(
                rng.choice(["low", "mid", "high"], n_rows),
                categories=["low", "mid", "high", "unused"],
                ordered=True,
            ),
            "member": rng.rand(n_rows) < 0.5,
            "count": rng.randint(0, 5, n_rows).astype(np.int32),
        }
    )
    y = np.array([0, 1] * (n_rows // 2))
    return frame, y


def breast_cancer_mixed():
    """A real mixed-type table: breast cancer with a binned category column,
    a text column, a bool column and an integer column derived from its
    real features."""
    data = load_breast_cancer(as_frame=True)
    X = data.data.iloc[:, :8].copy()
    X["size_band"] = pd.cut(
        data.data["mean area"], bins=[0, 400, 700, 1000, np.inf], labels=list("SMLX")
    )
    X["texture_word"] = np.where(
        data.data["mean texture"] > data.data["mean texture"].median(),
        "rough",
        "smooth",
    ).astype(object)
    X["concave"] = data.data["mean concave points"] > 0.05
    X["n_symmetry"] = (data.data["mean symmetry"] * 100).round().astype(np.int64)
    return X, data.target.to_numpy()


def test_categorical_auto_keeps_columns_dtypes_and_anchor_values():
    X, y = mixed_frame()
    X_before = X.copy()
    sampler = MixupSampler(categorical_features="auto", random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert list(X_res.columns) == list(X.columns)
    anchors = sampler.pairs_[:, 0]
    for column in ["city", "grade", "member"]:
        assert X_res[column].dtype == X[column].dtype
        assert_equal_values(X_res[column], X[column].iloc[anchors])
    assert list(X_res["grade"].cat.categories) == ["low", "mid", "high", "unused"]
    assert X_res["grade"].cat.ordered
    # Numeric columns are interpolated; integers come back as float64.
    assert X_res["height"].dtype == np.float64
    assert X_res["age"].dtype == np.float64
    assert (X_res["age"] % 1 != 0).any()
    pd.testing.assert_frame_equal(X, X_before)
    assert sampler.n_features_in_ == 6
    assert list(sampler.feature_names_in_) == list(X.columns)


def assert_equal_values(got, expected):
    np.testing.assert_array_equal(np.asarray(got), np.asarray(expected))


@pytest.mark.parametrize(
    "selection",
    [
        ["city", "grade", "member"],
        [2, 3, 4],
        [False, False, True, True, True, False],
    ],
    ids=["names", "indices", "mask"],
)
def test_categorical_selection_forms_agree(selection):
    X, y = mixed_frame()
    X_auto, _ = MixupSampler(categorical_features="auto", random_state=0).fit_resample(
        X, y
    )
    X_sel, _ = MixupSampler(
        categorical_features=selection, random_state=0
    ).fit_resample(X, y)
    pd.testing.assert_frame_equal(X_sel, X_auto)


def test_categorical_one_hot_columns_of_an_array_stay_zero_one():
    rng = np.random.RandomState(0)
    one_hot = np.eye(3)[rng.randint(0, 3, 60)]
    X = np.hstack([rng.normal(size=(60, 2)), one_hot])
    y = rng.randint(0, 2, 60)
    sampler = MixupSampler(categorical_features=[2, 3, 4], random_state=0)
    X_res, _ = sampler.fit_resample(X, y)
    assert X_res.dtype == np.float64
    np.testing.assert_array_equal(X_res[:, 2:], one_hot[sampler.pairs_[:, 0]])
    assert not np.isin(X_res[:, :2], X[:, :2]).all()


def test_categorical_columns_of_an_array_without_a_full_size_temporary():
    # Gathering whole anchor rows and then the categorical columns would
    # hold a second copy of the output.
    rng = np.random.RandomState(0)
    X = np.hstack([rng.normal(size=(4000, 10)), np.eye(240)[rng.randint(0, 240, 4000)]])
    y = np.arange(4000) % 2
    sampler = MixupSampler(categorical_features=np.arange(10, 250), random_state=0)
    tracemalloc.start()
    try:
        X_res, _ = sampler.fit_resample(X, y)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1.4 * X_res.nbytes
    np.testing.assert_array_equal(X_res[:, 10:], X[sampler.pairs_[:, 0], 10:])


def test_text_columns_without_categorical_features_suggest_auto():
    X, y = mixed_frame()
    with pytest.raises(ValueError, match="categorical_features='auto'") as error:
        MixupSampler().fit_resample(X, y)
    assert "city" in str(error.value)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"sampling_strategy": "auto", "pairing": "knn"},
        {"mix_classes": [0], "round_integers": True},
    ],
    ids=["plain", "balanced-knn", "classes-rounded"],
)
def test_mixed_real_table_in_one_hot_pipeline(params):
    X, y = breast_cancer_mixed()
    categorical = ["size_band", "texture_word", "concave"]
    encode = ColumnTransformer(
        [("categories", OneHotEncoder(), categorical)],
        remainder=StandardScaler(),
    )
    model = make_pipeline(
        MixupSampler(categorical_features="auto", alpha=0.4, random_state=0, **params),
        encode,
        LogisticRegression(max_iter=2000),
    )
    # OneHotEncoder(handle_unknown="error") fails on any value that the
    # sampler invented; accuracy shows the mixed rows are usable.
    scores = cross_val_score(model, X, y, cv=3)
    assert scores.mean() > 0.9
    model.fit(X, y)
    encoder = model[1].named_transformers_["categories"]
    learned = [set(categories.tolist()) for categories in encoder.categories_]
    assert learned == [set(X[column].unique().tolist()) for column in categorical]


def test_text_columns_of_an_array_suggest_their_indices():
    X = np.array([[0.5, "a", 1.0], [1.5, "b", 2.0], [2.5, "a", 0.0]], dtype=object)
    with pytest.raises(ValueError, match=r"categorical_features=\[1\]"):
        MixupSampler().fit_resample(X, [0, 1, 0])
    X_res, _ = MixupSampler(categorical_features=[1], random_state=0).fit_resample(
        X, [0, 1, 0]
    )
    assert X_res.dtype == object and set(X_res[:, 1]) <= {"a", "b"}


def test_mixed_real_table_round_trip():
    X, y = breast_cancer_mixed()
    X_res, y_res = MixupSampler(
        categorical_features="auto", round_integers=True, random_state=0
    ).fit_resample(X, y)
    assert (X_res.dtypes == X.dtypes).all()
    assert set(X_res["texture_word"]) <= {"rough", "smooth"}
    assert len(X_res) == len(y_res) == len(X)


@pytest.mark.parametrize(
    "selection, message",
    [
        (["city", "nope"], r"categorical_features names columns not in X: \['nope'\]"),
        ([True, False], "boolean mask of length 2, but X has 6 columns"),
        ([7], r"categorical_features has column indices \[7\] out of range"),
        ([0, 1, 2, 3, 4, 5], "categorical_features selects every column"),
    ],
)
def test_categorical_bad_selection_is_refused(selection, message):
    X, y = mixed_frame()
    X_before = X.copy()
    with pytest.raises(ValueError, match=message):
        MixupSampler(categorical_features=selection).fit_resample(X, y)
    pd.testing.assert_frame_equal(X, X_before)


@pytest.mark.parametrize(
    "categories, categorical_features",
    [([1, 2, 3], None), (["x", "y", "z"], None), ([1, 2, 3], ["height"])],
    ids=["numeric", "text", "not-selected"],
)
def test_category_columns_left_to_interpolation_are_refused(
    categories, categorical_features
):
    # Interpolated values are not among the categories: cast back to the
    # category dtype they would be NaN (or the blend fails inside NumPy).
    X, y = mixed_frame()
    X = X[["height", "age"]].assign(
        level=pd.Categorical(np.array(categories)[np.arange(len(X)) % 3])
    )
    sampler = MixupSampler(categorical_features=categorical_features)
    with pytest.raises(ValueError, match=r"columns \['level'\].*'auto'"):
        sampler.fit_resample(X, y)


def test_category_regression_target_is_refused():
    X, _ = mixed_frame()
    y = pd.Series(pd.Categorical(np.arange(len(X)) % 3))
    with pytest.raises(ValueError, match="y has a category dtype"):
        MixupSampler(target="regression").fit_resample(X[["height"]], y)


def test_categorical_names_need_a_dataframe():
    X = np.zeros((4, 2))
    with pytest.raises(ValueError, match="categorical_features names columns"):
        MixupSampler(categorical_features=["a"]).fit_resample(X, [0, 1, 0, 1])


def test_categorical_with_sparse_input_is_refused_clearly():
    X = sparse.random(10, 3, density=0.5, format="csr", random_state=0)
    with pytest.raises(TypeError, match="categorical_features needs a dense X"):
        MixupSampler(categorical_features=[0]).fit_resample(X, [0, 1] * 5)
    # "auto" finds nothing categorical in a sparse matrix and keeps it sparse.
    X_res, _ = MixupSampler(categorical_features="auto").fit_resample(X, [0, 1] * 5)
    assert sparse.issparse(X_res) and X_res.format == "csr"


@settings(max_examples=25, deadline=None)
@given(
    n_rows=st.integers(2, 30),
    alpha=st.floats(0.0, 4.0),
    seed=st.integers(0, 2**16),
    concat=st.booleans(),
)
def test_property_categorical_values_come_from_the_anchor(n_rows, alpha, seed, concat):
    X, _ = mixed_frame(n_rows=n_rows + n_rows % 2, seed=seed)
    y = np.arange(len(X)) % 2
    sampler = MixupSampler(
        categorical_features="auto", alpha=alpha, concat=concat, random_state=seed
    )
    X_res, _ = sampler.fit_resample(X, y)
    rows = sampler.pairs_[:, 0]
    if concat:
        rows = np.concatenate([np.arange(len(X)), rows])
    for column in ["city", "grade", "member"]:
        assert_equal_values(X_res[column], X[column].iloc[rows])
        assert X_res[column].dtype == X[column].dtype


def test_integer_columns_are_never_truncated():
    X, y = mixed_frame()
    numeric = X[["height", "age", "count"]]
    X_res, _ = MixupSampler(random_state=0).fit_resample(numeric, y)
    assert X_res["age"].dtype == np.float64 and X_res["count"].dtype == np.float64
    assert (X_res["age"] % 1 != 0).any()


def test_round_integers_rounds_and_keeps_dtype():
    X, y = mixed_frame()
    numeric = X[["height", "age", "count"]]
    as_float, _ = MixupSampler(random_state=0).fit_resample(numeric, y)
    rounded, _ = MixupSampler(round_integers=True, random_state=0).fit_resample(
        numeric, y
    )
    assert rounded["age"].dtype == np.int64 and rounded["count"].dtype == np.int32
    np.testing.assert_array_equal(rounded["age"], np.rint(as_float["age"]))
    np.testing.assert_array_equal(rounded["height"], as_float["height"])


def test_round_integers_on_an_integer_array():
    X = np.arange(40, dtype=np.int32).reshape(20, 2) * 3
    y = np.arange(20) % 2
    as_float, _ = MixupSampler(random_state=0).fit_resample(X, y)
    rounded, _ = MixupSampler(round_integers=True, random_state=0).fit_resample(X, y)
    assert rounded.dtype == np.int32
    np.testing.assert_array_equal(rounded, np.rint(as_float))


@pytest.mark.parametrize("fmt", ["csr", "csc"])
def test_round_integers_on_an_integer_sparse_matrix(fmt):
    X = sparse.random(30, 4, density=0.5, format=fmt, random_state=0)
    X = (X * 10).astype(np.int64)
    y = np.arange(30) % 2
    as_float, _ = MixupSampler(random_state=0).fit_resample(X, y)
    rounded, _ = MixupSampler(round_integers=True, random_state=0).fit_resample(X, y)
    assert sparse.issparse(rounded) and rounded.format == fmt
    assert rounded.dtype == np.int64
    np.testing.assert_array_equal(rounded.toarray(), np.rint(as_float.toarray()))


@pytest.mark.parametrize("round_integers", [False, True])
def test_alpha_zero_returns_the_input_exactly(round_integers):
    X, y = mixed_frame()
    X_res, y_res = MixupSampler(
        alpha=0,
        categorical_features="auto",
        round_integers=round_integers,
        random_state=0,
    ).fit_resample(X, y)
    pd.testing.assert_frame_equal(X_res, X)
    np.testing.assert_array_equal(y_res, y)


@pytest.mark.parametrize("container", ["array", "csr"])
def test_alpha_zero_keeps_the_dtype_of_an_integer_array(container):
    # The docstring promises that alpha=0 returns the input, dtypes included,
    # for arrays as for DataFrames.
    X = np.arange(40, dtype=np.int32).reshape(20, 2)
    y = np.arange(20) % 2
    X_in = sparse.csr_matrix(X) if container == "csr" else X
    X_res, _ = MixupSampler(alpha=0).fit_resample(X_in, y)
    assert X_res.dtype == np.int32
    dense = X_res.toarray() if container == "csr" else X_res
    np.testing.assert_array_equal(dense, X)
    _, y_res = MixupSampler(alpha=0, target="regression").fit_resample(X, 3 * y)
    assert y_res.dtype == y.dtype
    np.testing.assert_array_equal(y_res, 3 * y)


def test_pandas_extension_dtypes_and_series_target():
    index = np.arange(100, 140)
    X = pd.DataFrame(
        {
            "weight": np.linspace(50, 90, 40),
            "visits": pd.array(np.arange(40) % 7, dtype="Int64"),
            "code": pd.array(list("pq") * 20, dtype="string"),
        },
        index=index,
    )
    y = pd.Series(np.arange(40) % 2, index=index, name="label")
    sampler = MixupSampler(
        categorical_features="auto", round_integers=True, random_state=0
    )
    X_res, y_res = sampler.fit_resample(X, y)
    assert (X_res.dtypes == X.dtypes).all()
    assert isinstance(y_res, pd.Series) and y_res.name == "label"
    assert X_res.index.equals(y_res.index)
    assert_equal_values(X_res["code"], X["code"].iloc[sampler.pairs_[:, 0]])


@settings(max_examples=25, deadline=None)
@given(
    n_rows=st.integers(2, 30),
    alpha=st.floats(0.0, 4.0),
    low=st.integers(-1000, 1000),
    seed=st.integers(0, 2**16),
)
def test_property_round_integers(n_rows, alpha, low, seed):
    rng = np.random.RandomState(seed)
    X = pd.DataFrame(
        {
            "small": rng.randint(low, low + 5, n_rows).astype(np.int16),
            "large": rng.randint(-(2**40), 2**40, n_rows),
            "real": rng.normal(size=n_rows),
        }
    )
    y = np.arange(n_rows) % 2
    as_float, _ = MixupSampler(alpha=alpha, random_state=seed).fit_resample(X, y)
    rounded, _ = MixupSampler(
        alpha=alpha, round_integers=True, random_state=seed
    ).fit_resample(X, y)
    assert (rounded.dtypes == X.dtypes).all()
    for column in ["small", "large"]:
        values = rounded[column].to_numpy()
        np.testing.assert_array_equal(values, np.rint(as_float[column]))
        # A rounded mix stays within the range of its column.
        assert values.min() >= X[column].min() and values.max() <= X[column].max()
