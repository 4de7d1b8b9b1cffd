"""Enumerate input files from a mix of file and directory arguments."""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

logger = logging.getLogger(__name__)


class InputPathError(FileNotFoundError):
    """An input path does not exist."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def matches(relative: str, patterns: Iterable[str]) -> bool:
    """Does the POSIX relative path match any glob pattern?

    ``*`` also crosses ``/`` (fnmatch semantics), a pattern without ``/`` is tried on
    the file name too (``*.txt`` matches ``a/b.txt``), and a leading ``**/`` also
    matches at the top level (``**/x.txt`` matches ``x.txt``).
    """
    name = PurePosixPath(relative).name
    for pattern in patterns:
        if fnmatchcase(relative, pattern):
            return True
        if "/" not in pattern and fnmatchcase(name, pattern):
            return True
        if pattern.startswith("**/") and fnmatchcase(relative, pattern[3:]):
            return True
    return False


def entry_problem(path: Path) -> str | None:
    """Why a directory entry is not a file that can be read, or None when it is one."""
    try:
        st = path.stat()  # follows symbolic links
    except OSError as exc:
        if path.is_symlink():
            if exc.errno == errno.ELOOP:
                return "symbolic link loop"
            return "broken symbolic link"
        return f"cannot be examined: {exc.strerror or exc}"
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return None
    kinds = {
        stat.S_ISDIR: "a folder reached through a symbolic link (not followed)",
        stat.S_ISFIFO: "not a regular file (a named pipe)",
        stat.S_ISSOCK: "not a regular file (a socket)",
        stat.S_ISCHR: "not a regular file (a character device)",
        stat.S_ISBLK: "not a regular file (a block device)",
    }
    for test, reason in kinds.items():
        if test(mode):
            return reason
    return "not a regular file"


def _walk(root: Path, skipped: list[tuple[Path, str]]) -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else root
        skipped.append((where, f"cannot read folder: {exc.strerror or exc}"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=unreadable):
        for d in list(dirnames):
            if (Path(dirpath) / d).is_symlink():  # os.walk lists links to folders among the folders
                dirnames.remove(d)
                if not d.startswith("."):
                    filenames.append(d)
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for filename in filenames:
            if filename.startswith("."):
                continue
            full = Path(dirpath) / filename
            problem = entry_problem(full)
            if problem is not None:
                skipped.append((full, problem))
                continue
            found.append((full.relative_to(root).as_posix(), full))
    found.sort(key=lambda item: item[0])
    return found


class InputScan:
    """The files an ingest reads, and every entry of its folders it does not read, with the reason."""

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.skipped: list[tuple[Path, str]] = []


def scan_inputs(paths: list[Path], include: list[str] | None = None, exclude: list[str] | None = None) -> InputScan:
    """Like :func:`iter_input_files`, also listing what is not read: symbolic link loops, broken links,
    links to devices or folders, named pipes, sockets and unreadable folders (hidden entries, whose
    names start with ``.``, and those left out by ``include``/``exclude`` are not listed)."""
    scan = InputScan()
    scan.files = list(_iter(paths, include, exclude, scan.skipped))
    scan.skipped.sort(key=lambda item: str(item[0]))
    return scan


def iter_input_files(
    paths: list[Path], include: list[str] | None = None, exclude: list[str] | None = None
) -> Iterator[Path]:
    """Files named by ``paths``: files as given, directories walked recursively.

    Directory contents come in sorted order of their relative paths; hidden files and
    directories (names starting with ``.``) inside a directory are skipped. ``include``
    keeps only relative paths matching one of its globs, ``exclude`` drops those
    matching one of its globs (see :func:`matches`); for a file given directly the
    relative path is its name. Each file is yielded once. A missing path raises
    :class:`InputPathError`.
    """
    yield from _iter(paths, include, exclude, [])


def _iter(
    paths: list[Path], include: list[str] | None, exclude: list[str] | None, skipped: list[tuple[Path, str]]
) -> Iterator[Path]:
    seen: set[Path] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            entries = _walk(path, skipped)
        elif path.is_file():
            entries = [(path.name, path)]
        elif not path.exists() and not path.is_symlink():
            raise InputPathError(path, "no such file or directory")
        else:
            problem = entry_problem(path) or "not a regular file or directory"
            logger.warning("%s: %s, skipped", path, problem)
            skipped.append((path, problem))
            continue
        for relative, full in entries:
            if include and not matches(relative, include):
                continue
            if exclude and matches(relative, exclude):
                continue
            key = full.resolve()
            if key in seen:
                continue
            seen.add(key)
            yield full
