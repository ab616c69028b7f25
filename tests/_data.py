"""Data builders shared by several test modules."""

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

# The DataFrame libraries every entry point reads; tests take them through
# conftest.py's ``library`` fixture, or parametrise a subset by name.
LIBRARIES = ["pandas", "polars", "pyarrow"]


def to_library(frame, library):
    """The pandas DataFrame ``frame`` (or a 2-D array, with columns
    ``x0, x1, ...``) in ``library``."""
    if not isinstance(frame, pd.DataFrame):
        values = np.asarray(frame)
        frame = pd.DataFrame(values, columns=[f"x{k}" for k in range(values.shape[1])])
    if library == "pandas":
        return frame
    if library == "polars":
        return pl.from_pandas(frame)
    return pa.Table.from_pandas(frame, preserve_index=False)


def to_pandas(table):
    """A pandas, polars or pyarrow table as a pandas DataFrame."""
    if isinstance(table, pd.DataFrame):
        return table
    return table.to_pandas()


def from_anchor_or_partner(out, X, pairs):
    """Per cell: True where the output equals the anchor's value bit for bit,
    and assert that every other cell equals the partner's."""
    anchor_cells = X[pairs[:, 0]]
    partner_cells = X[pairs[:, 1]]
    out_bytes = out.view(np.uint8).reshape(*out.shape, -1)
    is_anchor = (out_bytes == anchor_cells.view(np.uint8).reshape(out_bytes.shape)).all(
        axis=2
    )
    is_partner = (
        out_bytes == partner_cells.view(np.uint8).reshape(out_bytes.shape)
    ).all(axis=2)
    assert np.all(is_anchor | is_partner)
    return is_anchor, is_partner


def realised_share(out, X, pairs):
    """Share of the cells of each row equal to the anchor's (rows of X are
    distinct cell by cell, so this is the share the anchor gave), and of
    those that differ from the partner's."""
    is_anchor, is_partner = from_anchor_or_partner(out, X, pairs)
    return is_anchor.mean(axis=1), (~is_partner).mean(axis=1)


def distinct_rows(n_rows, n_features, seed, dtype=np.float64):
    """Rows whose cells all differ between rows, so that the source of every
    output cell can be read off its value."""
    rng = np.random.RandomState(seed)
    X = rng.permutation(n_rows * n_features).reshape(n_rows, n_features)
    return X.astype(dtype)


def frame_of_every_dtype(n_rows=40):
    rng = np.random.RandomState(0)
    return pd.DataFrame(
        {
            "count": rng.randint(0, 2**62, n_rows, dtype=np.int64),
            "size": rng.normal(size=n_rows).astype(np.float32),
            "name": [f"name {k}" for k in range(n_rows)],
            "colour": pd.Categorical(
                rng.choice(["red", "green", "blue"], n_rows),
                categories=["red", "green", "blue", "unused"],
            ),
            "flag": rng.rand(n_rows) < 0.5,
            "when": pd.date_range("2020-01-01", periods=n_rows, freq="h", tz="UTC"),
            "nullable": pd.array(rng.randint(0, 9, n_rows), dtype="Int16"),
        }
    )


def column_cells(table, column):
    """The values of one column of a pandas, polars or pyarrow table, as a list."""
    if isinstance(table, pd.DataFrame):
        return table[column].tolist()
    if isinstance(table, pl.DataFrame):
        return table[column].to_list()
    return table.column(column).to_pylist()


def table_column_names(table):
    return (
        list(table.columns) if not isinstance(table, pa.Table) else table.column_names
    )


def table_dtypes(table):
    if isinstance(table, pd.DataFrame):
        return table.dtypes.to_dict()
    return table.schema


def polars_table(n_rows):
    import datetime
    import decimal

    return pl.DataFrame(
        {
            "enum": pl.Series(
                ["u", "v", "w"] * (n_rows // 3) + ["u"] * (n_rows % 3),
                dtype=pl.Enum(["u", "v", "w", "unused"]),
            ),
            "date": [datetime.date(2020, 1, 1 + k % 28) for k in range(n_rows)],
            "money": pl.Series(
                [decimal.Decimal(f"{k}.{k % 100:02d}") for k in range(n_rows)],
                dtype=pl.Decimal(10, 2),
            ),
            "pair": pl.Series(
                [[k, -k] for k in range(n_rows)], dtype=pl.Array(pl.Int64, 2)
            ),
            # Nanoseconds that no coarser unit holds.
            "clock": pl.Series(np.arange(n_rows) * 1_001 + 7, dtype=pl.Int64).cast(
                pl.Time
            ),
            "id": pl.Series(2**60 + np.arange(n_rows) * 3, dtype=pl.Int64),
            "x": np.linspace(0, 1, n_rows),
        }
    )


def pyarrow_table(n_rows):
    import datetime
    import decimal

    return pa.table(
        {
            "code": pa.array([f"c{k % 3}" for k in range(n_rows)]).dictionary_encode(),
            "text": pa.array([f"t{k}" for k in range(n_rows)], pa.large_string()),
            "items": pa.array(
                [[k] * (k % 3) for k in range(n_rows)], pa.large_list(pa.int64())
            ),
            "clock": pa.array(np.arange(n_rows) * 1_001 + 7, pa.time64("ns")),
            "money": pa.array(
                [decimal.Decimal(f"{k}.25") for k in range(n_rows)],
                pa.decimal128(10, 2),
            ),
            "day": pa.array(
                [datetime.date(2020, 1, 1 + k % 28) for k in range(n_rows)], pa.date32()
            ),
            "x": np.linspace(0, 1, n_rows),
        }
    )


def pandas_table(n_rows):
    return pd.DataFrame(
        {
            "object text": pd.Series([f"t{k}" for k in range(n_rows)], dtype=object),
            "string": pd.array([f"s{k}" for k in range(n_rows)], dtype="string"),
            "small": pd.array(np.arange(n_rows) % 7, dtype="Int16"),
            "arrow int": pd.array(2**60 + np.arange(n_rows), dtype="int64[pyarrow]"),
            "x": np.linspace(0, 1, n_rows),
        }
    )


TABLES = {"polars": polars_table, "pyarrow": pyarrow_table, "pandas": pandas_table}


def concat_tables(tables):
    if isinstance(tables[0], pl.DataFrame):
        return pl.concat(tables)
    if isinstance(tables[0], pa.Table):
        return pa.concat_tables(tables)
    return pd.concat(tables, ignore_index=True)
