"""Building reply text safely: every value from a document or a user goes through `esc`."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]+>")


def esc(value: object) -> str:
    """Escape for Telegram's HTML parse mode (&, <, > and quotes)."""
    return html.escape(str(value), quote=True)


def bold(value: object) -> str:
    return f"<b>{esc(value)}</b>"


def italic(value: object) -> str:
    return f"<i>{esc(value)}</i>"


def code(value: object) -> str:
    return f"<code>{esc(value)}</code>"


def to_plain(html_text: str) -> str:
    """The same message for channels without HTML (Zalo, the console)."""
    text = re.sub(r"<a href=\"([^\"]*)\">([^<]*)</a>", r"\2 (\1)", html_text)
    return html.unescape(_TAG.sub("", text))
