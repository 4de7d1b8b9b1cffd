"""Secrets: no password or API key in logs, error responses, /health or CLI output; weak keys refused off loopback."""

from __future__ import annotations

import io
import json
import logging
import os
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from typer.testing import CliRunner

from api.app import create_app
from api.cli import app as cli
from api.settings import InsecureSettingsError, Settings, get_settings
from graph.falkor import FalkorStore

# random-looking, so that any 8 characters of one found in a text can only come from the secret
API_KEY = "wK7qXz9vLm2Rt8Yh4Np6Hs3D"
READ_KEY = "rB5tGj8cQe1Vu7Zk2Mf9Xa4L"
NEO4J_PASSWORD = "nP3dHw6yTs0Jq5Ck8Gv1Ub7E"
WINDOW = 8
SECRETS = (API_KEY, READ_KEY, NEO4J_PASSWORD)


def _no_secret(text: str, where: str) -> None:
    """Neither a secret nor any WINDOW consecutive characters of one (error texts may shorten a value)."""
    for secret in SECRETS:
        for i in range(len(secret) - WINDOW + 1):
            assert secret[i : i + WINDOW] not in text, f"(part of) a secret appears in {where}"


def _settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "api_key": SecretStr(API_KEY),
        "read_key": SecretStr(READ_KEY),
        "neo4j_password": SecretStr(NEO4J_PASSWORD),
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


# -- weak keys off loopback ----------------------------------------------------------------------------------
@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.10.5", "example.org"])
@pytest.mark.parametrize("key", [None, "", "changeme", "secret", "innograph", "dev", "short-key-15chr"])
def test_weak_or_absent_key_is_refused_off_loopback(host: str, key: str | None) -> None:
    # pydantic wraps the validator's InsecureSettingsError (a ValueError) in its ValidationError (a ValueError)
    with pytest.raises(ValueError, match="non-loopback"):
        Settings(_env_file=None, host=host, api_key=None if key is None else SecretStr(key))  # type: ignore[call-arg]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_loopback_needs_no_key(host: str) -> None:
    assert Settings(_env_file=None, host=host).host == host  # type: ignore[call-arg]


def test_strong_key_allows_a_public_bind() -> None:
    s = Settings(_env_file=None, host="0.0.0.0", api_key=SecretStr(API_KEY))  # type: ignore[call-arg]
    assert s.api_key is not None and s.api_key.get_secret_value() == API_KEY


def test_environment_and_cli_refuse_a_weak_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no .env of the developer
    monkeypatch.setenv("INNOGRAPH_HOST", "0.0.0.0")
    monkeypatch.setenv("INNOGRAPH_API_KEY", "changeme")
    with pytest.raises(ValueError, match="non-loopback"):
        get_settings()
    env = {**os.environ, "INNOGRAPH_HOST": "0.0.0.0", "INNOGRAPH_API_KEY": "changeme"}
    result = CliRunner().invoke(cli, ["serve", "--port", "1"], env=env)
    assert result.exit_code == 2, result.output
    assert "changeme" not in result.output


def test_the_validator_raises_the_named_error() -> None:
    unchecked = Settings.model_construct(host="0.0.0.0", api_key=SecretStr("changeme"), store="embedded")
    with pytest.raises(InsecureSettingsError, match="0.0.0.0") as caught:
        unchecked._check()
    assert "changeme" not in str(caught.value)


def test_invalid_settings_errors_do_not_echo_secrets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INNOGRAPH_STORE", "neo4j")  # without INNOGRAPH_NEO4J_URI: invalid
    monkeypatch.setenv("INNOGRAPH_NEO4J_PASSWORD", NEO4J_PASSWORD)
    monkeypatch.setenv("INNOGRAPH_API_KEY", API_KEY)
    with pytest.raises(ValueError, match="NEO4J_URI") as caught:
        get_settings()
    _no_secret(str(caught.value) + repr(caught.value), "the settings error")


def test_settings_never_print_their_secrets() -> None:
    s = _settings()
    _no_secret(repr(s), "repr(settings)")
    _no_secret(str(s), "str(settings)")
    _no_secret(s.model_dump_json(), "settings as JSON")


# -- logs, responses, /health -------------------------------------------------------------------------------
def test_no_secret_in_logs_errors_or_health(store: FalkorStore, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    texts: list[tuple[str, str]] = []
    with TestClient(create_app(_settings(), store), raise_server_exceptions=False) as client:

        def call(method: str, path: str, **kwargs: Any) -> None:
            res = client.request(method, path, **kwargs)
            texts.append((f"{method} {path} -> {res.status_code}", res.text + json.dumps(dict(res.headers))))

        call("GET", "/health")
        call("GET", "/health", headers={"X-API-Key": "wrong"})
        call("GET", "/actors", headers={"X-API-Key": "wrong-key"})
        call("GET", "/actors", headers={"X-API-Key": READ_KEY})
        call("POST", "/cypher", json={"query": "RETURN 1 AS x"}, headers={"X-API-Key": "nope"})
        call("POST", "/cypher", json={"query": "MATCH (n RETURN n"}, headers={"X-API-Key": READ_KEY})
        call("POST", "/cypher", json={"query": "CREATE (n) RETURN n"}, headers={"X-API-Key": API_KEY})
        call("POST", "/cypher", json={"query": "RETURN $p AS x", "params": {"p": API_KEY}}, headers={"X-API-Key": "x"})
        call("POST", "/queries/no_such_query", json={}, headers={"X-API-Key": READ_KEY})
        call("DELETE", "/documents/d_0000000000000000", headers={"X-API-Key": API_KEY[:-1]})
        call("DELETE", "/documents/d_0000000000000000", headers={"X-API-Key": API_KEY})
        call(
            "POST",
            "/documents",
            files=[("files", ("a.txt", io.BytesIO(b"MZ\x00\x00"), "text/plain"))],
            headers={"X-API-Key": API_KEY},
        )
        call("GET", "/openapi.json")
        health = client.get("/health", headers={"X-API-Key": READ_KEY}).json()
    assert health["status"] == "ok"
    _no_secret(json.dumps(health), "/health")
    statuses = [label for label, _ in texts]
    assert any(s.endswith("401") for s in statuses) and any(s.endswith("403") for s in statuses), statuses
    for label, text in texts:
        _no_secret(text, label)
    _no_secret(caplog.text, "the log")


def test_neo4j_connection_errors_do_not_reveal_the_password(caplog: pytest.LogCaptureFixture) -> None:
    """A Neo4j store that cannot connect (nothing listens on 127.0.0.1:9): describe, errors, logs, the API."""
    from neo4j import GraphDatabase

    from graph.neo4j_store import Neo4jStore

    caplog.set_level(logging.DEBUG)
    store = Neo4jStore("bolt://127.0.0.1:9", "neo4j", NEO4J_PASSWORD, default_timeout_ms=2000)
    # The same real driver, configured not to retry for its default 30 s, so the test stays short.
    store.driver.close()
    store.driver = GraphDatabase.driver(
        "bolt://127.0.0.1:9", auth=("neo4j", NEO4J_PASSWORD), max_transaction_retry_time=0, connection_timeout=2
    )
    try:
        _no_secret(json.dumps(store.describe()), "describe()")
        with pytest.raises(Exception) as caught:  # noqa: PT011 - whatever the driver raises
            store.read("health_counts")
        _no_secret(f"{caught.value!r} {caught.value}", "the connection error")
        settings = _settings(store="neo4j", neo4j_uri="bolt://127.0.0.1:9")
        with TestClient(create_app(settings, store), raise_server_exceptions=False) as client:
            res = client.get("/health", headers={"X-API-Key": READ_KEY})
        assert res.status_code >= 500
        _no_secret(res.text, "the /health error")
    finally:
        store.close()
    _no_secret(caplog.text, "the log")


@pytest.mark.slow  # the driver retries an unreachable server for 30 s
def test_cli_status_does_not_print_the_password(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "INNOGRAPH_STORE": "neo4j",
        "INNOGRAPH_NEO4J_URI": "bolt://127.0.0.1:9",
        "INNOGRAPH_NEO4J_PASSWORD": NEO4J_PASSWORD,
        "INNOGRAPH_API_KEY": API_KEY,
    }
    result = CliRunner().invoke(cli, ["db", "status", "--json"], env=env)
    _no_secret(result.output + (repr(result.exception) if result.exception else ""), "`db status` output")
