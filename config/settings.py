"""Settings from the environment (and `.env`), validated once at start-up by pydantic-settings.

Secrets have no defaults and placeholder values are refused, so a copied `.env.example` cannot
start a bot with a fake token. With no token at all, `dutybot run` falls back to the console.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PLACEHOLDERS = {"", "changeme", "change-me", "your-token-here", "xxx", "token", "secret", "<token>"}
ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = f"sqlite:///{ROOT / 'var' / 'dutybot.db'}"
    timezone: str = "Asia/Ho_Chi_Minh"
    default_lang: str = "vi"
    # The province a plan belongs to when its header does not say (communes often omit it).
    default_province: str = "Đồng Nai"
    sample_plans_dir: Path = ROOT / "data" / "plans"
    import_samples_when_empty: bool = True
    max_document_mb: int = 20
    # OCR of scans and photos (Tesseract, optional): the time one reading may take, the most pages
    # read at once, how many readings run at the same time (each reads two pages at a time), and
    # how long the channels wait for the rest of an album of photos (the pages of one plan).
    ocr_time_limit_seconds: int = 300
    ocr_max_pages: int = 60
    ocr_concurrent: int = 1
    album_wait_seconds: float = 2.0
    # Longest a plan may take to read (services/plan_reading.py: a child process, stopped past it).
    parse_timeout_seconds: float = 60.0
    log_level: str = "INFO"  # DEBUG for troubleshooting: tokens and secrets are redacted at every level
    # Zalo admins import plans by pasting a link; links into private networks are refused unless this
    # is set (a bot that fetches from an intranet document server, or tests on loopback).
    document_links_allow_private: bool = False
    log_dir: Path = ROOT / "var"  # where `dutybot console` writes its log (the terminal is the chat)
    # Reports submitted as files ("Đã nộp" with the report): kept here, one folder per occurrence.
    # Several processes must share it (one machine, or a shared volume). Telegram lets bots download
    # files up to 20 MB.
    submissions_dir: Path = ROOT / "var" / "submissions"
    submission_max_mb: int = 20

    # Admins: platform identities, "telegram:123456789,zalo:abc123,console:admin".
    admins: Annotated[list[str], NoDecode] = Field(default_factory=list)

    telegram_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_webhook_url: str | None = None  # public URL; set it to use a webhook instead of polling
    telegram_webhook_secret: SecretStr | None = None

    zalo_token: SecretStr | None = None
    zalo_api_base_url: str = "https://bot-api.zaloplatforms.com"
    zalo_webhook_url: str | None = None
    zalo_webhook_secret: SecretStr | None = None

    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8080

    # Delivery rates (Telegram: ~30 messages/s overall, 1/s per chat; Zalo: unpublished, be gentle).
    # The bot's rate, shared by every process through the database: the same full value in each.
    telegram_rate_per_second: float = 30.0
    telegram_per_chat_interval: float = 1.0
    zalo_rate_per_second: float = 10.0

    # Expensive queries (/nhiemvu, "ai phụ trách", /export): per person, per process (services/ratelimit.py)
    query_rate_per_minute: float = 30.0
    query_burst: int = 10

    invite_ttl_hours: int = 72
    invite_max_failures: int = 5
    invite_lockout_minutes: int = 15

    # Reminder defaults; each jurisdiction may override them in its settings.
    reminder_offsets_days: Annotated[list[int], NoDecode] = Field(default_factory=lambda: [7, 3, 1, 0])
    reminder_overdue_every_working_days: int = 2
    reminder_time: str = "08:00"
    quiet_hours: str = "21:00-07:00"
    escalate_after_working_days: int = 3
    scheduler_tick_seconds: int = 60

    @field_validator("admins", "reminder_offsets_days", mode="before")
    @classmethod
    def _split_csv(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("telegram_token", "zalo_token", "telegram_webhook_secret", "zalo_webhook_secret")
    @classmethod
    def _no_placeholder(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value().strip().lower() in PLACEHOLDERS:
            raise ValueError("is a placeholder; set the real value or leave it unset")
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
