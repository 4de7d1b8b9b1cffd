"""Execute the research notebooks with nbclient, top to bottom, and check what they print.

The kernel is ``python3``, the native kernel of the ipykernel installed in the environment running
the tests: jupyter_client replaces a kernelspec's ``python`` command with ``sys.executable``, and
ipykernel's own spec is built from ``sys.executable`` too, so the notebook runs in this same venv
(checked below by a cell appended in memory). No kernelspec is installed anywhere.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat is a dev dependency (pip install -e '.[dev]')")
nbclient = pytest.importorskip("nbclient", reason="nbclient is a dev dependency (pip install -e '.[dev]')")
pytest.importorskip("ipykernel", reason="ipykernel is a dev dependency (pip install -e '.[dev]')")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
TIMEOUT_S = 600


def _stream(cell: Any) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def _run(path: Path, workdir: Path) -> Any:
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import sys\nprint(sys.executable)"))
    client = nbclient.NotebookClient(
        nb, timeout=TIMEOUT_S, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}
    )
    client.execute()
    return nb


@pytest.mark.timeout(TIMEOUT_S + 60)
def test_walkthrough_runs_end_to_end(tmp_path: Path) -> None:
    nb = _run(NOTEBOOKS / "walkthrough.ipynb", tmp_path)
    code = [c for c in nb.cells if c.cell_type == "code"]
    errors = [o for c in code for o in c.outputs if o.get("output_type") == "error"]
    assert errors == []
    text = "\n".join(_stream(c) for c in code)

    # the kernel was this venv's interpreter
    assert Path(_stream(code[-1]).strip()).resolve() == Path(sys.executable).resolve()
    # ingest, Cypher, centrality, communities, holes, evolution, export all ran and printed
    assert "8 documents read, 0 failed" in text
    assert "builder | built_with | sentences" in text
    assert "top 5 by pagerank:" in text
    assert "modularity Q = " in text
    assert "constraint" in text and "eff. size" in text
    assert "most connected:" in text
    assert '<gexf xmlns="http://gexf.net/1.3"' in text
    # the indicator section built a jurisdiction-year panel and set targets against actuals
    assert re.search(r"\d+ indicators; panel: [1-9]\d* jurisdiction-years x [1-9]\d* series", text)
    assert "jurisdiction,year," in text
    assert re.search(r"targets: [1-9]\d*, paired with an actual: [1-9]\d*, met: \d+", text)
    # the evolution plot is an image
    images = [o for c in code for o in c.outputs if "image/png" in o.get("data", {})]
    assert len(images) == 1
    # the notebook cleaned up its temporary folder
    removed = next(line for line in text.splitlines() if line.startswith("removed "))
    assert not Path(removed.removeprefix("removed ")).exists()


def test_notebooks_are_committed_without_outputs() -> None:
    """Outputs are produced by running; committed notebooks stay small and diffable."""
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    assert paths
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name
