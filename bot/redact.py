"""Bot tokens and webhook secrets must never reach a log.

Both Bot APIs put the token in every URL (`.../bot<token>/<method>`), httpx logs each request URL at
INFO, and at DEBUG python-telegram-bot prints its base URLs and every request's parameters (the
webhook secret among them). Two layers: a filter on the loggers that print URLs rewrites
`/bot<token>/` to `/bot<redacted>/`; and the same filter on every handler of the root logger also
replaces the configured secret values themselves, whichever logger (child loggers included) wrote
the record. Install it after logging is configured and before the first request.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

_TOKEN_IN_URL = re.compile(r"/bot[^/\s\"']+/")
_SECRETS: set[str] = set()
REDACTED = "<redacted>"


def _scrub(text: str) -> str:
    if "/bot" in text:
        text = _TOKEN_IN_URL.sub(f"/bot{REDACTED}/", text)
    for secret in _SECRETS:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


class RedactBotToken(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = _scrub(message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        if record.exc_info and not record.exc_text:  # tracebacks may quote a URL too
            record.exc_text = _scrub(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = _scrub(record.exc_text)
        return True


_FILTER = RedactBotToken()


def install_token_redaction(secrets: Iterable[str | None] = ()) -> None:
    """Idempotent: filter the URL-printing loggers and every root handler; remember `secrets`."""
    _SECRETS.update(s for s in secrets if s and len(s) >= 6)
    for name in ("httpx", "httpcore", "telegram", "telegram.ext"):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
    for handler in logging.getLogger().handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)
