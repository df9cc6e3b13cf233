"""Bot tokens must never reach a log: both Bot APIs put the token in every URL
(`.../bot<token>/<method>`), and httpx logs each request URL at INFO. This filter rewrites such
URLs to `/bot<redacted>/` on the httpx and httpcore loggers; install it before the first request.
"""

from __future__ import annotations

import logging
import re

_TOKEN_IN_URL = re.compile(r"/bot[^/\s\"']+/")


class RedactBotToken(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and "/bot" in record.msg:
            record.msg = _TOKEN_IN_URL.sub("/bot<redacted>/", record.msg)
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(
                _TOKEN_IN_URL.sub("/bot<redacted>/", str(a)) if "/bot" in str(a) else a for a in args
            )
        return True


_FILTER = RedactBotToken()


def install_token_redaction() -> None:
    """Idempotent: add the filter to the loggers that print request URLs."""
    for name in ("httpx", "httpcore", "telegram", "telegram.ext"):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
