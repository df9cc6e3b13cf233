"""Page images -> text, one page after another (or two at a time), with progress and a time limit.

A page is cleaned up (`page_prep`), read by Tesseract (`ocr`) and written as text (`ocr_text`).
Its ruled tables are read apart from the running text: Tesseract's page layout analysis (psm 3)
merges the words of neighbouring cells once the rulings are gone, while its sparse-text mode (psm
11) reads each cell's words where they stand; running text needs the layout analysis for its lines
and paragraphs. So a page with tables costs two OCR calls on two halves of the page.

The caller's `progress(done, total)` is called after each page, from the thread doing the work;
`deadline` (time.monotonic()) bounds the whole reading: each Tesseract call gets the time left and
is killed at it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from parsing.errors import DocumentError
from parsing.readers import ocr
from parsing.readers.ocr_text import Page, Uncertain, page_text
from parsing.readers.page_prep import prepare

Progress = Callable[[int, int], None]
PAGE_WORKERS = 2  # Tesseract runs one thread per page (see parsing.readers.ocr); two pages at a time


@dataclass(slots=True)
class ScanReading:
    """What OCR made of a document's page images."""

    pages: list[Page] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages if p.text.strip())

    @property
    def low_confidence(self) -> list[Uncertain]:
        return [u for p in self.pages for u in p.low_confidence]

    @property
    def mean_conf(self) -> float:
        words = sum(p.words for p in self.pages)
        return sum(p.mean_conf * p.words for p in self.pages) / words if words else 0.0


def _time_left(deadline: float | None, source: str) -> float:
    if deadline is None:
        return 600.0
    left = deadline - time.monotonic()
    if left <= 0:
        raise DocumentError("ocr_timeout", source=source, detail=f"{source}: OCR ran out of time")
    return left


def read_page(image: Image.Image, *, page: int, source: str, deadline: float | None = None) -> Page:
    """One page image as text (tables as pipe rows), with the words OCR was unsure of."""
    prepared = prepare(image)
    if not prepared.grids:
        words = ocr.recognize(prepared.image, source=source, timeout=_time_left(deadline, source))
    else:
        pixels = np.asarray(prepared.image)
        inside = np.zeros(pixels.shape, dtype=bool)
        for grid in prepared.grids:
            inside[grid.top : grid.bottom + 1, grid.left : grid.right + 1] = True
        flow = Image.fromarray(np.where(inside, 255, pixels).astype(np.uint8))
        tables = Image.fromarray(np.where(inside, pixels, 255).astype(np.uint8))
        words = ocr.recognize(flow, source=source, timeout=_time_left(deadline, source))
        words += ocr.recognize(tables, source=source, timeout=_time_left(deadline, source), psm=11)
    return page_text(words, prepared.grids, page=page, width=prepared.width)


def read_images(
    images: Sequence[Image.Image],
    *,
    source: str,
    progress: Progress | None = None,
    deadline: float | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ScanReading:
    """Every page image of a document, in order. Raises DocumentError (`ocr_unavailable`,
    `ocr_timeout`) rather than returning half a plan."""
    ocr.require(source)
    if not images:
        return ScanReading()
    started = time.monotonic()
    total = len(images)
    done = 0
    results: dict[int, Page] = {}

    def one(index: int) -> tuple[int, Page]:
        if cancelled is not None and cancelled():
            raise DocumentError("ocr_timeout", source=source, detail=f"{source}: OCR cancelled")
        return index, read_page(images[index], page=index, source=source, deadline=deadline)

    with ThreadPoolExecutor(max_workers=min(PAGE_WORKERS, max(1, total))) as pool:
        for index, page in pool.map(one, range(total)):
            results[index] = page
            done += 1
            if progress is not None:
                progress(done, total)
    return ScanReading([results[k] for k in range(total)], time.monotonic() - started)
