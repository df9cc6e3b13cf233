"""Plan documents sent as links, for platforms that do not pass file attachments to bots (Zalo).

An admin pastes a direct download link (".../ke-hoach.docx"); the channel downloads it with a size
cap and hands the router an ordinary IncomingFile, so the import flow is the same as a Telegram
upload. Only a message that is nothing but one http(s) URL ending in a document extension counts.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import httpx

DOCUMENT_SUFFIXES = frozenset({".docx", ".doc", ".pdf", ".txt", ".md"})
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_FILENAME = re.compile(r"filename\*?=(?:UTF-8'')?\"?([^\";]+)\"?", re.IGNORECASE)


MAX_REDIRECTS = 5


class LinkDownloadError(Exception):
    """The link could not be fetched; `reason` is "too_large", "http", "network" or "forbidden_host"."""

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


async def _check_host(url: str, *, allow_private: bool) -> None:
    """Refuse links into the bot's own network (loopback, private, link-local ...).

    The bot runs next to its database and proxies; a pasted link must not make it fetch from there
    (server-side request forgery). Every address the name resolves to is checked, on every redirect.
    """
    if allow_private:
        return
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port)
    except OSError:
        raise LinkDownloadError("network", "name does not resolve") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise LinkDownloadError("forbidden_host", host)


async def download(
    url: str, *, client: httpx.AsyncClient, max_bytes: int, allow_private: bool = False
) -> tuple[str, bytes]:
    """(filename, bytes) of the linked file; stops reading past `max_bytes`."""
    try:
        for _ in range(MAX_REDIRECTS + 1):
            await _check_host(url, allow_private=allow_private)
            async with client.stream("GET", url, follow_redirects=False, timeout=30.0) as response:
                if response.is_redirect and "Location" in response.headers:
                    url = urljoin(url, response.headers["Location"])
                    continue
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
                break
        else:
            raise LinkDownloadError("http", "too many redirects")
    except httpx.HTTPError as exc:
        raise LinkDownloadError("network", type(exc).__name__) from None
    name = unquote(disposition.group(1)) if disposition else PurePosixPath(unquote(urlsplit(url).path)).name
    return PurePosixPath(name).name or "document", b"".join(chunks)
