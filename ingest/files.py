"""Enumerate input files from a mix of file and directory arguments."""

from __future__ import annotations

import logging
import os
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


def _walk(root: Path) -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for filename in filenames:
            if filename.startswith("."):
                continue
            full = Path(dirpath) / filename
            if not full.is_file():  # broken symlink, socket ...
                continue
            found.append((full.relative_to(root).as_posix(), full))
    found.sort(key=lambda item: item[0])
    return found


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
    seen: set[Path] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            entries = _walk(path)
        elif path.is_file():
            entries = [(path.name, path)]
        elif not path.exists():
            raise InputPathError(path, "no such file or directory")
        else:
            logger.warning("%s: not a regular file or directory, skipped", path)
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
