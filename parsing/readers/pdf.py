"""PDF text layer -> text, with the page furniture (page numbers) removed.

Only PDFs exported from a word processor have a text layer; a scanned plan is a stack of images and
needs OCR, which we say instead of returning an empty plan.
"""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader

from parsing.errors import DocumentError
from parsing.readers.pdf_tables import pages_with_tables

# "12", "- 12 -", "Trang 3", "Trang 3/10", "Page 3 of 10": alone on the first or last line of a page.
_PAGE_NUMBER = re.compile(
    r"\s*(?:(?:trang|page)\s*)?[-–—]?\s*\d{1,4}\s*(?:(?:/|of|trên)\s*\d{1,4})?\s*[-–—]?\s*",
    re.IGNORECASE,
)
_MIN_TEXT = 20  # non-blank characters on at least one page before we believe there is a text layer


def read_pdf(data: bytes, *, source: str) -> str:
    """Join the text of all pages; raise `corrupt`, or `scanned_pdf` when no page has text."""
    pages = page_texts(data, source=source)
    if max(len("".join(p.split())) for p in pages) < _MIN_TEXT:
        raise DocumentError(
            "scanned_pdf", source=source, detail=f"{source}: no text layer on any of {len(pages)} page(s)"
        )
    return "\n".join(strip_page_numbers(p) for p in pages)


def has_text(page: str) -> bool:
    """Whether a page's text layer holds text (a scanned page has none, or a few stray marks)."""
    return len("".join(page.split())) >= _MIN_TEXT


def page_texts(data: bytes, *, source: str) -> list[str]:
    """Each page's text layer ("" for a scanned page); raise `corrupt` for what cannot be opened."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged-but-readable files log noisily
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("corrupt", source=source, detail=f"{source}: PDF is password-protected")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged input; any of them means "corrupt"
        raise DocumentError(
            "corrupt", source=source, detail=f"{source}: cannot read PDF ({type(exc).__name__}: {exc})"
        ) from exc
    if not pages:
        raise DocumentError("corrupt", source=source, detail=f"{source}: PDF has no pages")
    if any(has_text(p) for p in pages):
        try:  # the same text, with ruled tables kept as tables (scanned pages stay empty for OCR)
            with_tables = pages_with_tables(data)
            pages = [t if has_text(p) else p for p, t in zip(pages, with_tables, strict=True)]
        except Exception:  # pdfplumber/pdfminer on a file pypdf could read: keep pypdf's text
            logging.getLogger(__name__).warning("%s: tables not read, text only", source, exc_info=True)
    return pages


def strip_page_numbers(page: str) -> str:
    """Drop a page number standing alone as the first or last non-blank line of a page."""
    lines = page.splitlines()
    for index in (_first_nonblank(lines), _last_nonblank(lines)):
        if index is not None and _PAGE_NUMBER.fullmatch(lines[index]):
            lines[index] = ""
    return "\n".join(lines)


def _first_nonblank(lines: list[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if line.strip()), None)


def _last_nonblank(lines: list[str]) -> int | None:
    return next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), None)
