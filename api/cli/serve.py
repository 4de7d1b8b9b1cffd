"""``innograph serve``: the REST API and the explorer."""

from __future__ import annotations

from typing import Annotated

import typer

from api.cli._common import _settings


def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default INNOGRAPH_HOST or 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default INNOGRAPH_PORT or 8000).")] = None,
) -> None:
    """Serve the REST API (OpenAPI docs at /docs) and the explorer at /.

    Example: innograph serve --port 8000
    """
    import os

    import uvicorn

    if host:
        os.environ["INNOGRAPH_HOST"] = host
    if port:
        os.environ["INNOGRAPH_PORT"] = str(port)
    s = _settings()
    uvicorn.run("api.app:create_app", factory=True, host=s.host, port=s.port, log_level="info")
