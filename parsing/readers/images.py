"""Page images: photos and scans sent as image files, and the pages of a PDF that carry no text.

Images are recognised by their first bytes (chat apps rename files): JPEG, PNG, TIFF (a multi-page
TIFF is several pages), WebP, BMP, GIF and HEIC/HEIF (iPhone photos, through pillow-heif). A photo's
EXIF orientation is applied, so a page photographed sideways stands upright. PDF pages are drawn
by PDFium (pypdfium2) at the resolution of the scan they hold, so OCR sees the scanner's pixels.
"""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Sequence

import pypdfium2 as pdfium
from PIL import Image, ImageOps

from parsing.errors import DocumentError
from parsing.readers.sniff import is_heif

log = logging.getLogger(__name__)

MAX_PIXELS = 60_000_000  # a 600 dpi A3 page is 35 MP; anything larger is refused, not decoded
MIN_DPI, MAX_DPI, DEFAULT_DPI = 150, 300, 200
IMAGE_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".bmp", ".gif", ".heic", ".heif"}
)

try:  # HEIC support is a wheel with libheif inside; without it HEIC files get a clear message
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIF = True
except ImportError:  # pragma: no cover - pillow-heif is a dependency, but the bot runs without it
    HEIF = False


def open_pages(data: bytes, *, source: str) -> list[Image.Image]:
    """The page images in an image file (upright, RGB or greyscale)."""
    if is_heif(data) and not HEIF:
        raise DocumentError("unsupported_format", source=source, detail=f"{source}: HEIC without pillow-heif")
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            frames = getattr(image, "n_frames", 1)
            pages = []
            for k in range(min(frames, 200)):
                image.seek(k)
                page = ImageOps.exif_transpose(image.copy())
                pages.append(page.convert("L" if page.mode in ("1", "L", "I;16", "I") else "RGB"))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DocumentError(
            "too_large", source=source, detail=f"{source}: image over {MAX_PIXELS} pixels", limit="60 MP"
        ) from exc
    except Exception as exc:  # Pillow raises many types for a damaged image
        raise DocumentError("corrupt", source=source, detail=f"{source}: unreadable image ({exc})") from exc
    return pages


def _page_dpi(page: pdfium.PdfPage) -> float:
    """The resolution of the scan a PDF page holds (its largest image over the page), else default."""
    width_pt = page.get_width() or 595
    best = 0.0
    for obj in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        try:
            px_w, _px_h = obj.get_px_size()
            left, _bottom, right, _top = obj.get_pos()
        except Exception:  # an image PDFium cannot measure: fall back to the default
            continue
        shown = max(right - left, 1.0)
        if shown > width_pt * 0.5:
            best = max(best, px_w / (shown / 72.0))
    return min(MAX_DPI, max(MIN_DPI, best)) if best else DEFAULT_DPI


def has_images(data: bytes, indexes: Sequence[int]) -> list[bool]:
    """For each page index: does the page hold an image (a scan to read)?"""
    document = pdfium.PdfDocument(data)
    try:
        out = []
        for index in indexes:
            page = document[index]
            out.append(
                any(True for _ in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2))
            )
            page.close()
        return out
    finally:
        document.close()


def render_pdf_pages(data: bytes, indexes: Sequence[int], *, source: str) -> list[Image.Image]:
    """The given pages of a PDF as images (in colour: the seal is told by it), at their scans' dpi."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise DocumentError(
            "corrupt", source=source, detail=f"{source}: PDFium cannot open it ({exc})"
        ) from exc
    try:
        pages = []
        for index in indexes:
            page = document[index]
            dpi = _page_dpi(page)
            bitmap = page.render(scale=dpi / 72.0, grayscale=False)
            pages.append(bitmap.to_pil().convert("RGB"))
            page.close()
        return pages
    finally:
        document.close()
