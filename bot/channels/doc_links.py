"""Plan documents sent as links, for platforms that do not pass file attachments to bots (Zalo).

An admin pastes a direct download link (".../ke-hoach.docx"); the channel downloads it with a size
cap and hands the router an ordinary IncomingFile, so the import flow is the same as a Telegram
upload. Only a message that is nothing but one http(s) URL ending in a document extension counts.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import httpx

DOCUMENT_SUFFIXES = frozenset({".docx", ".doc", ".pdf", ".txt", ".md"})
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_FILENAME = re.compile(r"filename\*?=(?:UTF-8'')?\"?([^\";]+)\"?", re.IGNORECASE)


class LinkDownloadError(Exception):
    """The link could not be fetched; `reason` is "too_large", "http" or "network"."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}".strip(": "))
        self.reason = reason


def document_link(text: str | None) -> str | None:
    """The URL when `text` is exactly one link to a document file, else None."""
    candidate = (text or "").strip()
    if not _URL.match(candidate):
        return None
    suffix = PurePosixPath(unquote(urlsplit(candidate).path)).suffix.lower()
    return candidate if suffix in DOCUMENT_SUFFIXES else None


async def download(url: str, *, client: httpx.AsyncClient, max_bytes: int) -> tuple[str, bytes]:
    """(filename, bytes) of the linked file; stops reading past `max_bytes`."""
    try:
        async with client.stream("GET", url, follow_redirects=True, timeout=30.0) as response:
            if response.status_code != 200:
                raise LinkDownloadError("http", str(response.status_code))
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise LinkDownloadError("too_large")
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise LinkDownloadError("too_large")
                chunks.append(chunk)
            disposition = _FILENAME.search(response.headers.get("Content-Disposition", ""))
    except httpx.HTTPError as exc:
        raise LinkDownloadError("network", type(exc).__name__) from None
    name = unquote(disposition.group(1)) if disposition else PurePosixPath(unquote(urlsplit(url).path)).name
    return PurePosixPath(name).name or "document", b"".join(chunks)
