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


def code(value: object) -> str:
    return f"<code>{esc(value)}</code>"


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters with "…" when cut:
    lists and echoes never end in half a word, nor hide that they were cut."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    head = text[: max(1, limit - 1)]
    space = head.rfind(" ")
    if space >= limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:.-–") + "…"


QUOTE_CHARS = 80


def quote(value: object, limit: int = QUOTE_CHARS) -> str:
    """What the user typed, echoed back escaped and short: a 5,000-character question is not
    repeated in four messages."""
    return esc(shorten(str(value), limit))


def to_plain(html_text: str) -> str:
    """The same message for channels without HTML (Zalo, the console)."""
    text = re.sub(r"<a href=\"([^\"]*)\">([^<]*)</a>", r"\2 (\1)", html_text)
    return html.unescape(_TAG.sub("", text))
