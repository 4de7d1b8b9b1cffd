"""The explorer web page: ``GET /`` and its static files under ``/static/``.

The page (``api/static/``) is plain HTML, CSS and JavaScript that calls the JSON API. The graph
drawing library (cytoscape.js) is not committed: the build copies it from the npm package's own
``dist/`` folder into ``api/static/vendor/``. In a source checkout where only ``npm ci`` ran, the
file is served straight from ``node_modules/<package>/dist/`` instead. Nothing is fetched from
the internet, by the server or by the page.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

log = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"

VENDOR_FILES: dict[str, tuple[str, str]] = {
    "cytoscape.min.js": ("cytoscape", "dist/cytoscape.min.js"),
}
"""Vendored file name -> (npm package, path inside the package) it is copied from."""

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}
_NO_CACHE = {"Cache-Control": "no-cache"}


def _media_type(path: Path) -> str:
    return _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def vendor_file(name: str, static_dir: Path = STATIC_DIR, node_modules: Path = NODE_MODULES) -> Path | None:
    """The file to serve for ``/static/vendor/<name>``: the build's copy, else the npm package's own file."""
    if name not in VENDOR_FILES:
        return None
    copied = static_dir / "vendor" / name
    if copied.is_file():
        return copied
    package, inner = VENDOR_FILES[name]
    installed = node_modules / package / inner
    return installed if installed.is_file() else None


def static_file(relative: str, static_dir: Path = STATIC_DIR) -> Path | None:
    """Resolve ``relative`` inside ``static_dir``; None when it escapes the folder or does not exist."""
    if not relative or "\x00" in relative or "\\" in relative:
        return None
    root = static_dir.resolve()
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    if any(part.startswith(".") for part in candidate.relative_to(root).parts):
        return None  # .gitignore and other dot files are not part of the page
    return candidate


@router.get("/", response_class=FileResponse)
def index() -> FileResponse:
    """The explorer page."""
    return FileResponse(STATIC_DIR / "index.html", media_type=_TYPES[".html"], headers=_NO_CACHE)


@router.get("/static/{path:path}", response_class=FileResponse)
def static(path: str) -> FileResponse:
    """The page's own files, and the graph library under ``vendor/``."""
    if path.startswith("vendor/"):
        found = vendor_file(path.removeprefix("vendor/"))
        if found is None:
            log.warning("explorer: %s is missing; run `make node` (npm ci and the copy into api/static/vendor)", path)
    else:
        found = static_file(path)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no static file {path!r}")
    return FileResponse(found, media_type=_media_type(found), headers=_NO_CACHE)
