"""Document files -> clean text -> ParsedPlan.

The one entry point for every way a plan arrives (CLI path, chat upload): it decides the format by
content as much as by name, refuses what it cannot read with a `DocumentError` whose key the CLI and
the bots translate (see `parsing.errors.MESSAGES`), and hands the extractor NFC text with its line
structure intact.

Scans and photos are read by OCR (`parsing.readers.scan`): an image-only PDF on every page, a PDF
with a partial text layer on the pages without text, and image files. Several files may be the pages
of one plan (photos sent together): `parse_pages`. OCR'd plans come back with `read_by = "ocr"` and
a `low_confidence` doubt for each row read from words OCR was unsure of.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from parsing.encodings import decode_bytes, repair_text
from parsing.errors import DocumentError
from parsing.extract import parse_text
from parsing.model import ParsedPlan
from parsing.normalize import clean_text
from parsing.readers.sniff import Kind, is_image, ole_stream_named, sniff

# The readers of PDF, Word, images and OCR (pypdf, pdfplumber, python-docx, Pillow, OpenCV, Tesseract)
# are imported when a file needs them: a text plan, and every `dutybot` command, start without them.
if TYPE_CHECKING:
    from parsing.readers.ocr_text import Uncertain
    from parsing.readers.scan import Progress

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


@dataclass(slots=True)
class OcrOptions:
    """How OCR may run for one reading: `progress(done, total)` after each page (from a worker
    thread), `deadline` (time.monotonic()) for the whole reading, `max_pages`, and `names`: unit names
    the caller knows (the unit directory), the dictionary of the OCR repair."""

    progress: Progress | None = None
    deadline: float | None = None
    max_pages: int = 60
    names: Iterable[str] = ()
    cancelled: Callable[[], bool] | None = None


@dataclass(slots=True)
class Reading:
    """A document's text and how it was obtained."""

    text: str
    read_by: str = "text"  # "text", or "ocr" when some page was read by OCR
    pages: int = 0  # pages read by OCR
    low_confidence: list[Uncertain] = field(default_factory=list)
    mean_conf: float = 0.0


@dataclass(slots=True)
class _Part:
    """One file's contribution: text pages and page images still to read, in page order."""

    pieces: list[str | object] = field(default_factory=list)  # str, or a PIL image to OCR


def read_document(
    data: bytes, *, filename: str, max_bytes: int = DEFAULT_MAX, ocr: OcrOptions | None = None
) -> str:
    """Any supported plan file's bytes -> clean NFC text (raises DocumentError with a message key)."""
    return read_files([(data, filename)], max_bytes=max_bytes, ocr=ocr).text


def read_files(
    files: Sequence[tuple[bytes, str]], *, max_bytes: int = DEFAULT_MAX, ocr: OcrOptions | None = None
) -> Reading:
    """One plan's files, in order (a document, or the photos of its pages) -> its text."""
    if not files:
        raise DocumentError("empty", source="-", detail="no file")
    options = ocr or OcrOptions()
    parts = [_part(data, filename, max_bytes) for data, filename in files]
    source = Path(files[0][1]).name or files[0][1]
    images = [p for part in parts for p in part.pieces if not isinstance(p, str)]
    if len(images) > options.max_pages:
        raise DocumentError(
            "too_many_pages",
            source=source,
            detail=f"{source}: {len(images)} pages",
            limit=str(options.max_pages),
        )
    reading = Reading(text="")
    scanned = None
    if images:
        from parsing.readers import scan

        scanned = scan.read_images(
            images,  # type: ignore[arg-type]
            source=source,
            progress=options.progress,
            deadline=options.deadline,
            cancelled=options.cancelled,
        )
        reading.read_by, reading.pages = "ocr", len(images)
        reading.low_confidence, reading.mean_conf = scanned.low_confidence, scanned.mean_conf
    ocr_texts = iter(p.text for p in scanned.pages) if scanned else iter(())
    chunks = [p if isinstance(p, str) else next(ocr_texts) for part in parts for p in part.pieces]
    raw = "\n".join(c for c in chunks if c.strip())
    if images:
        from parsing.readers.ocr_repair import repair as repair_ocr_text

        raw = repair_ocr_text(raw, options.names)
    # one text document was cleaned as it was read; pages put together (OCR, photos) are cleaned whole
    reading.text = raw if not images and len(chunks) == 1 else clean_text(raw)
    if not reading.text.strip():
        key = "no_text_found" if images else "empty"
        raise DocumentError(key, source=source, detail=f"{source}: no text after reading")
    return reading


def _part(data: bytes, filename: str, max_bytes: int) -> _Part:
    source = Path(filename).name or filename
    if len(data) > max_bytes:
        raise _too_large(source, len(data), max_bytes)
    if not data.strip():
        raise DocumentError("empty", source=source, detail=f"{source}: the file has no content")
    if is_image(data):
        from parsing.readers import images as image_reader

        return _Part(list(image_reader.open_pages(data, source=source)))
    if sniff(data) is Kind.PDF:
        return _pdf_part(data, source)
    raw = _read_raw(data, source=source, suffix=Path(filename).suffix.lower(), max_bytes=max_bytes)
    text = clean_text(raw)
    if not text.strip():
        raise DocumentError("empty", source=source, detail=f"{source}: no text after decoding")
    return _Part([text])


def _pdf_part(data: bytes, source: str) -> _Part:
    """A PDF's pages: the text layer where there is one, the page image (to OCR) where not."""
    from parsing.readers import images as image_reader
    from parsing.readers.pdf import has_text, page_texts, strip_page_numbers

    texts = page_texts(data, source=source)
    blank = [k for k, page in enumerate(texts) if not has_text(page)]
    scans = [k for k, holds in zip(blank, image_reader.has_images(data, blank), strict=True) if holds]
    if len(scans) == len(texts) or not any(has_text(t) for t in texts):
        scans = list(range(len(texts)))  # a scan: every page (a blank one reads as nothing)
    rendered = dict(zip(scans, image_reader.render_pdf_pages(data, scans, source=source), strict=True))
    pieces: list[str | object] = []
    for k, page in enumerate(texts):
        if k in rendered:
            pieces.append(rendered[k])
        elif has_text(page):
            pieces.append(clean_text(repair_text(strip_page_numbers(page), source=source)))
    return _Part(pieces)


def _read_raw(data: bytes, *, source: str, suffix: str, max_bytes: int) -> str:
    kind = sniff(data)
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


def parse_reading(reading: Reading, *, source: str) -> ParsedPlan:
    """The extractor over a reading; OCR'd plans are marked so, and rows read from unsure words doubted."""
    plan = parse_text(reading.text, source=source)
    plan.read_by = reading.read_by
    if reading.read_by == "ocr":
        from parsing.ocr_trust import low_confidence_doubts

        plan.doubts.extend(low_confidence_doubts(plan, reading.low_confidence))
    return plan


def parse_pages(
    files: Sequence[tuple[bytes, str]], *, max_bytes: int = DEFAULT_MAX, ocr: OcrOptions | None = None
) -> ParsedPlan:
    """Several files that are one plan (the photos of its pages, in order) -> ParsedPlan."""
    reading = read_files(files, max_bytes=max_bytes, ocr=ocr)
    return parse_reading(reading, source=files[0][1])


def parse_bytes(
    data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX, ocr: OcrOptions | None = None
) -> ParsedPlan:
    """An uploaded document (chat attachment) -> ParsedPlan."""
    return parse_pages([(data, filename)], max_bytes=max_bytes, ocr=ocr)


def parse_file(
    path: Path | str, *, max_bytes: int = DEFAULT_MAX, ocr: OcrOptions | None = None
) -> ParsedPlan:
    """A plan file on disk -> ParsedPlan."""
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise _too_large(path.name, size, max_bytes)
    return parse_bytes(path.read_bytes(), path.name, max_bytes=max_bytes, ocr=ocr)
