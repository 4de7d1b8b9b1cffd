"""The query library: every Cypher query the product runs is a ``.cypher`` file in ``cypher/``.

File layout: ``cypher/<group>/<name>.cypher`` for queries both backends run, and
``<name>.falkordb.cypher`` / ``<name>.neo4j.cypher`` for the few backend-specific variants.
Each file holds one query and starts with a header of ``//`` comment lines::

    // name: actor_by_id
    // mode: read            (read | write | schema)
    // params: id, limit     (or "none")
    // columns: id, name     (or "none")
    // description: one line for humans and for GET /queries
    // example: {"id": "a_0123"}   (optional JSON parameters, used by the tests and GET /queries)

Files are loaded once and checked: the declared parameters must equal the ``$names`` used.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from graph.errors import (
    ForbiddenClause,
    QueryFileError,
    QueryParameterError,
    QueryTooComplex,
    ReadOnlyViolation,
    UnknownQueryError,
)

log = logging.getLogger(__name__)

Backend = Literal["falkordb", "neo4j"]
BACKENDS: tuple[Backend, ...] = ("falkordb", "neo4j")
CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"

_HEADER = re.compile(r"^//\s*(\w+)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_LINE_COMMENT = re.compile(r"//[^\n]*")


@dataclass(frozen=True)
class Query:
    name: str
    group: str
    mode: Literal["read", "write", "schema"]
    params: tuple[str, ...]
    columns: tuple[str, ...]
    description: str
    text: str
    path: Path
    backend: Backend | None = None  # None: runs on both
    optional_params: tuple[str, ...] = field(default=())
    example: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    def runs_on(self, backend: Backend) -> bool:
        return self.backend is None or self.backend == backend


def _split_list(value: str) -> tuple[str, ...]:
    if value.strip().lower() in {"", "none", "-"}:
        return ()
    return tuple(p.strip() for p in value.split(",") if p.strip())


_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.I)
# A writing clause as a keyword (not a property, parameter, alias-free identifier or quoted name).
_WRITE_CLAUSE = re.compile(r"(?<![.\w$`])(CREATE|MERGE|SET|DELETE|REMOVE|DROP|FOREACH)(?![\w`])", re.I)


def code_only(text: str) -> str:
    """The query with string literals, quoted identifiers and comments blanked, in one left-to-right pass
    (so a ``//`` inside a string is not a comment and a quote inside a comment is not a string)."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "'\"`":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" and c != "`" else 1
            out.append(c + c)
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
            out.append(" ")
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
            out.append(" ")
        else:
            out.append(c)
            i += 1
    return "".join(out)


def check_external_access(text: str) -> None:
    """Refuse LOAD CSV in ad-hoc queries: it makes the database server open a URL or a local file.

    Writes are refused by the database itself; this guards the other thing a read can do that the
    caller must not control (server-side request forgery). Strings and comments are blanked first, so
    the clause cannot hide in ``LOAD/**/CSV`` and a string that merely mentions it is harmless.
    """
    if _LOAD_CSV.search(code_only(text)):
        raise ForbiddenClause(
            "LOAD CSV is not allowed in ad-hoc queries: it would make the database server fetch a URL or read a file"
        )


#: Longest ad-hoc query accepted (characters), and deepest nesting of brackets in it or in a parameter
#: value. FalkorDB's parser takes time exponential in nesting depth (2 s at 20 levels, 77 s at 25, in
#: the server's own thread, beyond the reach of the query time limit): nothing that deep is sent.
MAX_AD_HOC_CHARS = 20_000
MAX_NESTING = 12


def nesting_depth(code: str) -> int:
    """The deepest nesting of ``(``, ``[`` and ``{`` in query code (strings and comments blanked)."""
    depth = deepest = 0
    for ch in code:
        if ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth = max(0, depth - 1)
    return deepest


def check_ad_hoc_query(text: str) -> None:
    """Refuse an ad-hoc read query that must not reach the database: over-long, nested deeper than
    :data:`MAX_NESTING`, using LOAD CSV (:func:`check_external_access`), or with a writing clause (the
    server would refuse it too, after registering its property names)."""
    if "\x00" in text:
        raise QueryParameterError(f"the query contains a NUL character (U+0000) at offset {text.index(chr(0))}")
    if len(text) > MAX_AD_HOC_CHARS:
        raise QueryTooComplex(f"the query has {len(text)} characters; at most {MAX_AD_HOC_CHARS} are accepted")
    code = code_only(text)
    depth = nesting_depth(code)
    if depth > MAX_NESTING:
        raise QueryTooComplex(f"the query nests brackets {depth} levels deep; at most {MAX_NESTING} are accepted")
    check_external_access(text)
    write = _WRITE_CLAUSE.search(code)
    if write is not None:
        # refused here, not only by the server: a write the server refuses still registers the property
        # names and labels it mentions in the graph's schema
        raise ReadOnlyViolation(f"the query writes ({write.group(1).upper()}); ad-hoc queries are read-only")


def check_values(params: Mapping[str, object], text: str = "") -> None:
    """Refuse what a database client cannot carry intact: NUL characters and non-finite numbers.

    The FalkorDB client inlines parameters into a text header that the server reads as a C string:
    a NUL (U+0000) ends the query there, so the rest of a value, or of the query, would silently
    vanish or change meaning. NaN and ±Infinity have no Cypher literal. Everything else (quotes,
    backslashes, braces, comment markers, newlines, non-BMP characters) round-trips exactly.
    """
    if "\x00" in text:
        raise QueryParameterError(f"the query contains a NUL character (U+0000) at offset {text.index(chr(0))}")
    if _values_clean(params):
        return  # the common case, checked without building the path of every value

    def walk(value: object, where: str, depth: int = 0) -> None:
        if depth > MAX_NESTING:
            raise QueryParameterError(f"parameter {where} nests lists or maps deeper than {MAX_NESTING} levels")
        if isinstance(value, str):
            if "\x00" in value:
                raise QueryParameterError(
                    f"parameter {where} contains a NUL character (U+0000) at offset {value.index(chr(0))}"
                )
        elif isinstance(value, float):
            if not math.isfinite(value):
                raise QueryParameterError(f"parameter {where} is {value!r}: only finite numbers can be sent")
        elif isinstance(value, Mapping):
            for k, v in value.items():
                walk(str(k), f"{where} (a key)", depth + 1)
                walk(v, f"{where}.{k}", depth + 1)
        elif isinstance(value, list | tuple):
            for i, v in enumerate(value):
                walk(v, f"{where}[{i}]", depth + 1)

    for key, value in params.items():
        walk(value, repr(key))


def _values_clean(params: Mapping[str, object]) -> bool:
    """True when no value holds a NUL or a non-finite float and nothing nests too deep (no paths kept).

    >>> _values_clean({"a": ["x", 1.5, {"b": None}]}), _values_clean({"a": [float("nan")]})
    (True, False)
    """
    stack: list[tuple[object, int]] = [(v, 0) for v in params.values()]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                return False
        elif isinstance(value, float):
            if not math.isfinite(value):
                return False
        elif isinstance(value, Mapping):
            if depth >= MAX_NESTING:
                return False
            for k, v in value.items():
                if "\x00" in str(k):
                    return False
                stack.append((v, depth + 1))
        elif isinstance(value, list | tuple):
            if depth >= MAX_NESTING:
                return False
            stack.extend((v, depth + 1) for v in value)
    return True


def used_parameters(text: str) -> set[str]:
    """``$names`` used in a query, ignoring string literals and comments."""
    body = _STRING.sub("''", _LINE_COMMENT.sub("", text))
    return set(_PARAM.findall(body))


def parse_query_file(path: Path, root: Path = CYPHER_DIR) -> Query:
    raw = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    body_lines: list[str] = []
    in_header = True
    last: str | None = None
    for line in raw.splitlines():
        m = _HEADER.match(line) if in_header else None
        if m:
            header[m.group(1).lower()] = m.group(2)
            last = m.group(1).lower()
            continue
        if in_header and line.startswith("//"):
            if last is not None:  # continuation of the previous header field
                header[last] += " " + line.lstrip("/ ").strip()
            continue
        if in_header and not line.strip():
            continue
        in_header = False
        body_lines.append(line)
    text = "\n".join(body_lines).strip()
    stem = path.name[: -len(".cypher")]
    backend: Backend | None = None
    for b in BACKENDS:
        if stem.endswith("." + b):
            backend = b
            stem = stem[: -len(b) - 1]
    for key in ("name", "mode", "params", "columns"):
        if key not in header:
            raise QueryFileError(f"{path}: header line '// {key}: ...' is missing")
    if header["name"] != stem:
        raise QueryFileError(f"{path}: header name {header['name']!r} differs from the file name {stem!r}")
    mode = header["mode"]
    if mode not in ("read", "write", "schema"):
        raise QueryFileError(f"{path}: mode {mode!r} is not read, write or schema")
    if not text:
        raise QueryFileError(f"{path}: no query text after the header")
    params = _split_list(header["params"])
    declared = {p.rstrip("?") for p in params}
    used = used_parameters(text)
    if declared != used:
        raise QueryFileError(f"{path}: declared parameters {sorted(declared)} differ from those used {sorted(used)}")
    example: dict[str, object] = {}
    if header.get("example"):
        try:
            example = json.loads(header["example"])
        except json.JSONDecodeError as exc:
            raise QueryFileError(f"{path}: the example is not valid JSON: {exc}") from exc
        if not isinstance(example, dict) or set(example) - declared:
            raise QueryFileError(f"{path}: the example must be an object of declared parameters")
    try:
        group = str(path.parent.relative_to(root)).replace("\\", "/")
    except ValueError:
        group = path.parent.name
    return Query(
        name=stem,
        group=group,
        mode=mode,  # type: ignore[arg-type]
        params=tuple(p.rstrip("?") for p in params),
        optional_params=tuple(p.rstrip("?") for p in params if p.endswith("?")),
        columns=_split_list(header["columns"]),
        description=header.get("description", ""),
        text=text,
        path=path,
        backend=backend,
        example=example,
    )


class QueryLibrary:
    """All queries of ``cypher/``, checked at load time."""

    def __init__(self, root: Path = CYPHER_DIR) -> None:
        self.root = root
        self._by_key: dict[tuple[str, Backend | None], Query] = {}
        files = sorted(root.rglob("*.cypher"))
        if not files:
            raise QueryFileError(f"no .cypher files under {root}")
        for path in files:
            q = parse_query_file(path, root)
            key = (q.name, q.backend)
            if key in self._by_key:
                raise QueryFileError(f"{path}: query name {q.name!r} also defined in {self._by_key[key].path}")
            self._by_key[key] = q
        log.debug("loaded %d queries from %s", len(self._by_key), root)

    def all(self) -> list[Query]:
        return sorted(self._by_key.values(), key=lambda q: (q.group, q.name, q.backend or ""))

    def for_backend(self, backend: Backend) -> list[Query]:
        names = sorted({q.name for q in self._by_key.values()})
        return [self.get(n, backend) for n in names if self.has(n, backend)]

    def has(self, name: str, backend: Backend) -> bool:
        return (name, backend) in self._by_key or (name, None) in self._by_key

    def get(self, name: str, backend: Backend) -> Query:
        q = self._by_key.get((name, backend)) or self._by_key.get((name, None))
        if q is None:
            raise UnknownQueryError(name)
        return q

    def group(self, group: str, backend: Backend) -> list[Query]:
        return [q for q in self.for_backend(backend) if q.group == group]


def bind_parameters(query: Query, params: dict[str, object] | None) -> dict[str, object]:
    """Check ``params`` against the declaration; optional ones default to None."""
    params = dict(params or {})
    unknown = set(params) - set(query.params)
    if unknown:
        raise QueryParameterError(f"query {query.name!r} has no parameter(s) {sorted(unknown)}")
    missing = [p for p in query.params if p not in params and p not in query.optional_params]
    if missing:
        raise QueryParameterError(f"query {query.name!r} needs parameter(s) {missing}")
    for p in query.optional_params:
        params.setdefault(p, None)
    return params


@lru_cache(maxsize=1)
def default_library() -> QueryLibrary:
    return QueryLibrary(CYPHER_DIR)
