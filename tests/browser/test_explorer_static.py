"""The explorer's static routes, without a browser: what is served, what is refused, offline-only assets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routers.explorer import STATIC_DIR, static_file, vendor_file
from api.settings import Settings
from graph.falkor import FalkorStore


@pytest.fixture
def client(store: FalkorStore) -> Iterator[TestClient]:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    with TestClient(create_app(settings, store), raise_server_exceptions=False) as c:
        yield c


def test_index_and_page_files(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert 'id="cy"' in r.text
    for path, media in [
        ("/static/explorer.js", "text/javascript"),
        ("/static/explorer.css", "text/css"),
        ("/static/cues.json", "application/json"),
    ]:
        got = client.get(path)
        assert got.status_code == 200, path
        assert got.headers["content-type"].startswith(media), path
    assert "/" not in client.get("/openapi.json").json()["paths"]  # the page is not an API operation


def test_refuses_paths_outside_the_folder_and_dot_files(client: TestClient) -> None:
    for path in [
        "/static/%2e%2e/app.py",
        "/static/..%2Fapp.py",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/vendor/.gitignore",
        "/static/vendor/other.js",
        "/static/nothing-here.js",
        "/static/",
    ]:
        r = client.get(path)
        assert r.status_code == 404, path
        assert r.json()["error"]["code"] == "http_error"


def test_static_file_resolution(tmp_path: Path) -> None:
    root = tmp_path / "static"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.js").write_text("1")
    (tmp_path / "secret.txt").write_text("no")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    (root / ".hidden").write_text("no")
    assert static_file("sub/a.js", root) == (root / "sub" / "a.js").resolve()
    assert static_file("../secret.txt", root) is None
    assert static_file("link.txt", root) is None  # a symlink leading out of the folder
    assert static_file(".hidden", root) is None
    assert static_file("sub", root) is None  # a folder is not a file
    assert static_file("sub\\a.js", root) is None
    assert static_file("", root) is None


def test_vendor_file_prefers_the_build_copy_then_node_modules(tmp_path: Path) -> None:
    static, modules = tmp_path / "static", tmp_path / "node_modules"
    assert vendor_file("cytoscape.min.js", static, modules) is None
    installed = modules / "cytoscape" / "dist" / "cytoscape.min.js"
    installed.parent.mkdir(parents=True)
    installed.write_text("/* npm */")
    assert vendor_file("cytoscape.min.js", static, modules) == installed
    copied = static / "vendor" / "cytoscape.min.js"
    copied.parent.mkdir(parents=True)
    copied.write_text("/* copy */")
    assert vendor_file("cytoscape.min.js", static, modules) == copied
    assert vendor_file("../cytoscape.min.js", static, modules) is None
    assert vendor_file("jquery.js", static, modules) is None


def test_page_references_only_its_own_server() -> None:
    """The page must work offline: no CDN, no web font, no absolute URL to another host."""
    for name in ["index.html", "explorer.js", "explorer.css"]:
        text = (STATIC_DIR / name).read_text(encoding="utf-8")
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.IGNORECASE), name
        assert "@import" not in text and "@font-face" not in text, name
    html = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r'(?:src|href)="([^"]+)"', html)) <= {
        "/static/explorer.css",
        "/static/vendor/cytoscape.min.js",
        "/static/explorer.js",
        "/docs",
        "data:,",
    }
