"""Indicators as graph rows: the parameters of ``cypher/indicators/indicator_load.cypher``.

The rows are built beneath the loader, in :mod:`graph.records`; this module names them for code of the
ingest side.
"""

from __future__ import annotations

from graph.records import indicator_rows

__all__ = ["indicator_rows"]
