"""What the OCR tests share: the skip when Tesseract (or a Vietnamese font for the test set) is
missing, and scans of the real sample plans (data/plans), made once per test session."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest

from parsing.readers.ocr import availability
from testkit.scans.printing import font_files
from testkit.scans.scanning import Scan, scans_of

REPO = Path(__file__).resolve().parent.parent
PLANS = REPO / "data" / "plans"

needs_tesseract = pytest.mark.skipif(
    not availability().ok,
    reason=f"OCR needs Tesseract with the Vietnamese model ({availability().missing} missing: "
    "apt-get install tesseract-ocr tesseract-ocr-vie)",
)
needs_fonts = pytest.mark.skipif(
    font_files() is None,
    reason="the scan test set needs a serif font with Vietnamese glyphs (fonts-liberation2)",
)


@cache
def scans(stem: str) -> dict[str, Scan]:
    """The clean and degraded scans of one sample plan, by variant."""
    fonts = font_files()
    assert fonts is not None
    path = next(PLANS.glob(f"{stem}*"))
    return {scan.variant: scan for scan in scans_of(path, fonts)}


def jpeg(scan: Scan, page: int) -> bytes:
    out = io.BytesIO()
    scan.pages[page].convert("RGB").save(out, format="JPEG", quality=85)
    return out.getvalue()
