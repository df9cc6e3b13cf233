"""Document files -> clean text -> ParsedPlan.

The one entry point for every way a plan arrives (CLI path, chat upload): it decides the format by
content as much as by name, refuses what it cannot read with a `DocumentError` whose key the CLI and
the bots translate (see `parsing.errors.MESSAGES`), and hands the extractor NFC text with its line
structure intact.
"""

from __future__ import annotations

from pathlib import Path

from parsing.encodings import decode_bytes, repair_text
from parsing.errors import DocumentError
from parsing.extract import parse_text
from parsing.model import ParsedPlan
from parsing.normalize import clean_text
from parsing.readers.sniff import Kind, ole_stream_named, sniff

DEFAULT_MAX = 20 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
_UNPACK_RATIO = 10  # a .docx body may unpack to this multiple of the size limit


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _too_large(source: str, size: int, max_bytes: int) -> DocumentError:
    return DocumentError(
        "too_large",
        source=source,
        detail=f"{source}: {_size(size)} is over the {_size(max_bytes)} limit",
        limit=_size(max_bytes),
    )


def read_document(data: bytes, *, filename: str, max_bytes: int = DEFAULT_MAX) -> str:
    """Any supported plan file's bytes -> clean NFC text (raises DocumentError with a message key)."""
    source = Path(filename).name or filename
    if len(data) > max_bytes:
        raise _too_large(source, len(data), max_bytes)
    if not data.strip():
        raise DocumentError("empty", source=source, detail=f"{source}: the file has no content")
    raw = _read_raw(data, source=source, suffix=Path(filename).suffix.lower(), max_bytes=max_bytes)
    text = clean_text(raw)
    if not text.strip():
        raise DocumentError("empty", source=source, detail=f"{source}: no text after decoding")
    return text


def _read_raw(data: bytes, *, source: str, suffix: str, max_bytes: int) -> str:
    kind = sniff(data)
    # The PDF and Word readers (pypdf, pdfplumber, python-docx) are imported when a file needs them:
    # a text plan, and every `dutybot` command, start without their second of imports.
    if kind is Kind.PDF:
        from parsing.readers.pdf import read_pdf

        return repair_text(read_pdf(data, source=source), source=source)
    if kind is Kind.DOCX:
        from parsing.readers.docx import read_docx

        text = read_docx(data, source=source, max_unpacked=max_bytes * _UNPACK_RATIO)
        return repair_text(text, source=source)
    if kind is Kind.OLE:
        return _refuse_ole(data, source=source, suffix=suffix)
    if kind is Kind.ZIP:
        if suffix == ".docx":
            raise DocumentError("corrupt", source=source, detail=f"{source}: zip without word/document.xml")
        raise DocumentError(
            "unsupported_format", source=source, detail=f"{source}: a zip archive (Excel/PowerPoint/ODF?)"
        )
    if kind is Kind.RTF:
        raise DocumentError("unsupported_format", source=source, detail=f"{source}: RTF; save as .docx")
    if kind is Kind.BINARY:
        raise DocumentError("not_a_document", source=source, detail=f"{source}: image or binary file")
    return _read_text_like(data, source=source, suffix=suffix)


def _refuse_ole(data: bytes, *, source: str, suffix: str) -> str:
    if ole_stream_named(data, "EncryptedPackage"):
        raise DocumentError("corrupt", source=source, detail=f"{source}: Office file is password-protected")
    if suffix == ".doc" or ole_stream_named(data, "WordDocument"):
        raise DocumentError("legacy_doc", source=source, detail=f"{source}: Word 97-2003 (.doc) file")
    raise DocumentError(
        "unsupported_format", source=source, detail=f"{source}: old Office (OLE) file, not a Word document"
    )


def _read_text_like(data: bytes, *, source: str, suffix: str) -> str:
    if suffix == ".pdf":
        raise DocumentError("corrupt", source=source, detail=f"{source}: does not start like a PDF")
    if suffix == ".docx":
        raise DocumentError("corrupt", source=source, detail=f"{source}: not a zip package")
    if suffix == ".doc":
        raise DocumentError("legacy_doc", source=source, detail=f"{source}: .doc file")
    if suffix not in TEXT_SUFFIXES:
        raise DocumentError(
            "unsupported_format", source=source, detail=f"{source}: extension {suffix or '(none)'!r}"
        )
    return decode_bytes(data, source=source)


def read_path(path: Path | str, *, max_bytes: int = DEFAULT_MAX) -> str:
    """Read a plan file, refusing an oversized one from its size alone (never loads it)."""
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise _too_large(path.name, size, max_bytes)
    return read_document(path.read_bytes(), filename=path.name, max_bytes=max_bytes)


def read_text(path: Path) -> str:
    """Kept for callers of the skeleton API; same as `read_path`."""
    return read_path(path)


def parse_bytes(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX) -> ParsedPlan:
    """An uploaded document (chat attachment) -> ParsedPlan."""
    return parse_text(read_document(data, filename=filename, max_bytes=max_bytes), source=filename)


def parse_file(path: Path | str, *, max_bytes: int = DEFAULT_MAX) -> ParsedPlan:
    """A plan file on disk -> ParsedPlan."""
    path = Path(path)
    return parse_text(read_path(path, max_bytes=max_bytes), source=path.name)
