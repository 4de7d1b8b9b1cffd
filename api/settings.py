"""Runtime settings, read from the environment (prefix ``INNOGRAPH_``) and ``.env``.

Only the CLI and the API read settings; library functions take explicit arguments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


class InsecureSettingsError(ValueError):
    """Raised when settings would expose the service unsafely."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="INNOGRAPH_", env_file=".env", extra="ignore", hide_input_in_errors=True
    )

    store: Literal["embedded", "neo4j"] = "embedded"
    data_dir: Path = Path(".innograph")
    graph_name: str = "innograph"

    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"

    host: str = "127.0.0.1"
    port: int = 8000
    api_key: SecretStr | None = None
    read_key: SecretStr | None = None

    query_timeout_ms: int = Field(default=10_000, ge=1)
    row_limit: int = Field(default=10_000, ge=1)
    max_body_bytes: int = Field(default=1_000_000, ge=1)
    max_upload_bytes: int = Field(default=50_000_000, ge=1)
    max_upload_files: int = Field(default=50, ge=1)
    max_file_bytes: int = Field(default=20_000_000, ge=1)
    file_timeout_s: int = Field(default=120, ge=0)  # reading + extraction of one file; 0 = no limit
    aliases_file: Path | None = None
    curation_file: Path | None = None  # the curation log; default: curation.jsonl in the data folder

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if self.store == "neo4j" and not self.neo4j_uri:
            raise ValueError("INNOGRAPH_STORE=neo4j needs INNOGRAPH_NEO4J_URI (e.g. bolt://localhost:7687)")
        if self.host not in LOOPBACK_HOSTS:
            key = self.api_key.get_secret_value() if self.api_key else ""
            if not key or key in {"changeme", "secret", "innograph", "dev"} or len(key) < 16:
                raise InsecureSettingsError(
                    f"refusing to bind to non-loopback host {self.host!r} without a strong "
                    "INNOGRAPH_API_KEY (at least 16 characters, not a default value)"
                )
        return self


class IngestOptions(BaseModel):
    """The settings an ingest needs, mapped once for the CLI and the API alike."""

    max_bytes: int
    timeout_s: int
    aliases_file: Path | None
    curation_file: Path  # the curation log (curation.jsonl in the data folder), replayed on every ingest

    def curation(self) -> list[Any]:
        """The decisions of the curation log (none when there is no log yet)."""
        from ingest.curation import CurationLog

        return CurationLog(self.curation_file).read()


def ingest_options(settings: Settings, aliases: Path | None = None) -> IngestOptions:
    """Per-file limits and the alias rules of an ingest, from the settings.

    ``aliases`` (a command-line option) wins over ``INNOGRAPH_ALIASES_FILE``, which wins over an
    ``aliases.yaml`` in the working directory."""
    default = Path("aliases.yaml")
    return IngestOptions(
        max_bytes=settings.max_file_bytes,
        timeout_s=settings.file_timeout_s,
        aliases_file=aliases or settings.aliases_file or (default if default.is_file() else None),
        curation_file=settings.curation_file or Path(settings.data_dir) / "curation.jsonl",
    )


def get_settings() -> Settings:
    return Settings()
