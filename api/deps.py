"""FastAPI dependencies, as Annotated aliases."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from api.settings import Settings
from graph.store import GraphStore


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]


def _matches(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def require_read_key(settings: SettingsDep, x_api_key: Annotated[str | None, Header()] = None) -> None:
    """Reads are open unless a read key is configured (the write key also grants reads)."""
    if settings.read_key is None:
        return
    if _matches(x_api_key, settings.read_key.get_secret_value()):
        return
    if settings.api_key is not None and _matches(x_api_key, settings.api_key.get_secret_value()):
        return
    raise HTTPException(status_code=401, detail="this server requires an X-API-Key header for reads")


def require_write_key(settings: SettingsDep, x_api_key: Annotated[str | None, Header()] = None) -> None:
    if settings.api_key is None:
        raise HTTPException(status_code=403, detail="writes are disabled: no INNOGRAPH_API_KEY is configured")
    if not _matches(x_api_key, settings.api_key.get_secret_value()):
        raise HTTPException(status_code=401, detail="a valid X-API-Key header is required for this request")


ReadAccess = Depends(require_read_key)
WriteAccess = Depends(require_write_key)
