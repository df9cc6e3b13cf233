"""A page image made fit for OCR: seal and signature ink dropped, enlarged when small, deskewed,
evened out and cleaned of specks, and its table rulings found (then erased, so Tesseract reads
cells, not bars).

Plans reach us as scans with a red seal stamped over the signature block and photos taken at an
angle; Tesseract reads dark text on an even light ground best, letters about 20-30 pixels high.
Every step is OpenCV:

- coloured ink (the red seal, a blue signature) is told from black text by its colour: taking each
  pixel's brightest channel makes saturated ink white while black text, under the seal too, stays
  dark;
- a page whose letters are small (a phone photo) is enlarged;
- the skew is the angle whose horizontal projection of the ink is sharpest (text lines line up);
- uneven light (a photo's shadow) is divided out against the page's background;
- table rulings are the long horizontal and vertical runs of ink (morphological opening).

The page stays greyscale: Tesseract binarises it itself, and our own binarisation (a median filter
and an adaptive threshold) cost the thin hook of the Vietnamese hỏi tone, so "tổ chức" read as
"tố chức" on every line (measured on the OCR test set, testkit/scans).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

TARGET_LETTER_PX = 24.0  # height of a tall letter Tesseract reads well (13 pt at 150-200 dpi is 19-25)
MAX_SCALE = 2.5
MAX_SKEW_DEGREES = 6.0
# 8-bit greyscale in practice; typed loosely since OpenCV's stubs widen every result's dtype.
Gray = NDArray[Any]


@dataclass(frozen=True, slots=True)
class Grid:
    """A ruled table on the prepared page: the y of each row boundary and the x of each column
    boundary (both sorted, the outer borders included), and the cells that span several rows."""

    top: int
    bottom: int
    left: int
    right: int
    rows: tuple[int, ...]
    cols: tuple[int, ...]
    # (row, col) of cells merged with the cell above (no ruling between them in that column)
    merged_down: frozenset[tuple[int, int]] = frozenset()

    def cell_of(self, x: float, y: float) -> tuple[int, int] | None:
        if not (self.left <= x <= self.right and self.top <= y <= self.bottom):
            return None
        r = int(np.searchsorted(self.rows, y)) - 1
        c = int(np.searchsorted(self.cols, x)) - 1
        if 0 <= r < len(self.rows) - 1 and 0 <= c < len(self.cols) - 1:
            return r, c
        return None


@dataclass(slots=True)
class PreparedPage:
    image: Image.Image  # greyscale, what Tesseract reads
    scale: float  # prepared size / original size
    skew: float  # degrees the page was turned to straighten it
    grids: list[Grid] = field(default_factory=list)
    width: int = 0
    height: int = 0


def _gray_without_colour_ink(image: Image.Image) -> Gray:
    if image.mode in ("L", "1", "I;16", "I", "F"):
        return np.asarray(image.convert("L"), dtype=np.uint8).copy()
    rgb = np.asarray(image.convert("RGB"), dtype=np.uint8)
    return rgb.max(axis=2).astype(np.uint8)  # red/blue ink is bright in its own channel


def _letter_height(binary_ink: Gray) -> float:
    """Median height of the letter-sized connected components of ink (0 when none)."""
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(binary_ink, connectivity=8)
    if count <= 1:
        return 0.0
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    sized = heights[(heights >= 6) & (heights <= 120) & (widths <= heights * 3)]
    if len(sized) < 20:
        return 0.0
    return float(np.percentile(sized, 75))


def _ink(gray: Gray) -> Gray:
    """Dark-on-light -> ink as 255 (Otsu), for measuring."""
    _t, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def _skew(ink: Gray) -> float:
    """The angle (degrees, positive = counter-clockwise) that makes text lines horizontal."""
    h, w = ink.shape
    factor = 800.0 / max(w, 1)
    small = (
        cv2.resize(ink, (int(w * factor), int(h * factor)), interpolation=cv2.INTER_AREA)
        if factor < 1
        else ink
    )
    sh, sw = small.shape
    centre = (sw / 2, sh / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(small, matrix, (sw, sh), flags=cv2.INTER_NEAREST, borderValue=0)
        profile = turned.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(profile)).sum())

    best = max(np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 0.01, 0.5), key=sharpness)
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    return float(max(fine, key=sharpness))


def _rotate(gray: Gray, angle: float) -> Gray:
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


def _even(gray: Gray, letter: float) -> Gray:
    """Uneven light divided out against the background (the page with its text dilated away): dark
    text on an even white ground, still greyscale. No blur: at 150 dpi the hook of hỏi is two pixels
    wide and a 3x3 blur turned "tổ" into "tố" (Tesseract's own binarisation copes with specks)."""
    size = int(max(7, letter * 1.2)) | 1
    background = cv2.dilate(gray, cv2.getStructuringElement(cv2.MORPH_RECT, (size, size)))
    background = cv2.GaussianBlur(background, (0, 0), sigmaX=letter * 2)
    return cv2.divide(gray, np.maximum(background, 1), scale=255)


def _runs(mask_line: NDArray[np.bool_]) -> list[tuple[int, int]]:
    """[start, end) of the runs of True in a 1-D mask."""
    padded = np.concatenate(([False], mask_line, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def _centres(profile: NDArray[np.floating], threshold: float) -> list[int]:
    return [(a + b - 1) // 2 for a, b in _runs(profile >= threshold)]


def find_grids(ink: Gray, letter: float) -> tuple[list[Grid], Gray]:
    """Ruled tables (and the mask of their rulings) in an ink image (ink = 255)."""
    w = ink.shape[1]
    horizontal = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (w // 12, 1))
    )
    vertical_len = int(max(letter * 2.5, 25))
    vertical = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vertical_len))
    )
    thick = int(max(3, letter / 6))
    horizontal = cv2.dilate(horizontal, cv2.getStructuringElement(cv2.MORPH_RECT, (thick, thick)))
    vertical = cv2.dilate(vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (thick, thick)))
    rulings = cv2.bitwise_or(horizontal, vertical)
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(rulings, connectivity=8)
    grids: list[Grid] = []
    for k in range(1, count):
        x, y, gw, gh = (int(v) for v in stats[k, :4])
        if gw < w * 0.3 or gh < letter * 2:
            continue
        hz = horizontal[y : y + gh, x : x + gw] > 0
        vt = vertical[y : y + gh, x : x + gw] > 0
        rows = _centres(hz.mean(axis=1), 0.5)
        cols = _centres(vt.mean(axis=0), 0.25)
        if len(rows) < 2 or len(cols) < 2:
            continue
        rows_abs = tuple(y + r for r in rows)
        cols_abs = tuple(x + c for c in cols)
        merged = set()
        for r in range(1, len(rows) - 1):  # a ruling missing over one column: the cells merge
            band = hz[max(0, rows[r] - thick) : rows[r] + thick + 1]
            for c in range(len(cols) - 1):
                span = band[:, cols[c] + thick : max(cols[c] + thick + 1, cols[c + 1] - thick)]
                if span.size and span.any(axis=0).mean() < 0.5:
                    merged.add((r, c))
        grids.append(
            Grid(
                top=y,
                bottom=y + gh,
                left=x,
                right=x + gw,
                rows=rows_abs,
                cols=cols_abs,
                merged_down=frozenset(merged),
            )
        )
    return grids, rulings


def prepare(image: Image.Image) -> PreparedPage:
    """The page as Tesseract should see it, with its tables' grids (coordinates of the result)."""
    gray = _gray_without_colour_ink(image)
    ink = _ink(gray)
    letter = _letter_height(ink)
    scale = 1.0
    if 0 < letter < TARGET_LETTER_PX * 0.7:
        scale = min(MAX_SCALE, TARGET_LETTER_PX / letter)
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        ink = _ink(gray)
        letter *= scale
    skew = _skew(ink) if letter else 0.0
    if abs(skew) >= 0.15:
        gray = _rotate(gray, skew)
    gray = _even(gray, letter or TARGET_LETTER_PX)
    grids, rulings = find_grids(_ink(gray), letter or TARGET_LETTER_PX)
    if grids:
        gray = np.where(rulings > 0, 255, gray).astype(np.uint8)
    h, w = gray.shape
    return PreparedPage(Image.fromarray(gray), scale, skew, grids, w, h)
