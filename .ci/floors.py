"""Print pip constraints pinning every lower bound that pyproject.toml declares
for the run-time dependencies (pandas among them) and the table libraries of
the test extra (polars, pyarrow): ``name>=X`` becomes ``name==X``.
``make test-floors`` installs the package with them."""

import re
import sys
from pathlib import Path

import tomllib

project = tomllib.loads(Path(sys.argv[1]).read_text())["project"]
extras = project["optional-dependencies"]
tables = [r for r in extras["test"] if r.startswith(("polars", "pyarrow"))]
requirements = project["dependencies"] + tables
for requirement in requirements:
    match = re.fullmatch(r"\s*([A-Za-z0-9_.-]+)\s*>=\s*([^,;\s]+)\s*", requirement)
    if match is None:
        sys.exit(f"no lower bound to pin in {requirement!r}")
    print(f"{match[1]}=={match[2]}")
