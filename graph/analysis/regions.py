"""Region names as filters understand them: ``X`` means X and everything within it, X included.

Every actor carries ``region_path``, its chain of containing places from the province down (a
place actor ends with itself): 南通大学 has (江苏省, 南通市), 崇川区 has (江苏省, 南通市,
南通市崇川区). A filter on 南通市 keeps every actor whose path holds 南通市.

:func:`match_region` turns what a user typed into one of the graph's region names: the name
itself, a short form (南通 → 南通市), or a district without its city (崇川区 → 南通市崇川区, when
only one city has it). Anything else is an error that lists the closest names.

    >>> known = ["江苏省", "南通市", "南通市崇川区", "南京市", "南京市鼓楼区", "福州市鼓楼区"]
    >>> match_region("南通", known)
    '南通市'
    >>> match_region("崇川区", known)
    '南通市崇川区'
    >>> match_region("火星市", known)
    Traceback (most recent call last):
    ...
    graph.analysis.errors.UnknownRegionError: unknown region '火星市'; no close match among 6 regions of the graph
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from graph.analysis.errors import UnknownRegionError

#: Endings a short place name may leave off (南通 → 南通市, 江苏 → 江苏省).
SUFFIXES = ("市", "区", "县", "省", "自治区", "自治州", "自治县", "地区", "盟", "旗", "新区", "特别行政区")


def within(region: str, name: str, path: Iterable[str]) -> bool:
    """Is an actor called ``name`` with this ``path`` in ``region`` (the region itself included)?

    >>> within("南通市", "南通市崇川区", ["江苏省", "南通市"]), within("南通市", "南通市", [])
    (True, True)
    >>> within("南通市", "苏州市", ["江苏省"])
    False
    """
    return name == region or region in path


def match_region(query: str, known: Iterable[str]) -> str:
    """The graph's region name that ``query`` denotes; :class:`UnknownRegionError` when none or several."""
    names = sorted(set(known))
    text = query.strip()
    if text in names:
        return text
    candidates = {n for n in names if n[len(text) :] in SUFFIXES and n.startswith(text)} if text else set()
    if not candidates and text:
        # a district or county without its city: 崇川区 -> 南通市崇川区
        candidates = {n for n in names if n.endswith(text) and n != text and n[: -len(text)] in names}
    if len(candidates) == 1:
        return candidates.pop()
    if len(candidates) > 1:
        raise UnknownRegionError(
            f"region {query!r} is ambiguous: it may mean {', '.join(sorted(candidates))}", value=query
        )
    close = difflib.get_close_matches(text, names, n=5, cutoff=0.5)
    hint = (
        f"; did you mean {', '.join(close)}?" if close else f"; no close match among {len(names)} regions of the graph"
    )
    raise UnknownRegionError(f"unknown region {query!r}{hint}", value=query)
