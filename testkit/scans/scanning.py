"""Scans made from real plans: the OCR test set (tests/parsing/test_ocr_testset.py, bench/bench_ocr.py).

A plan's text (the .txt/.md renderings in ../shared/plans and tests/fixtures) is laid out as the
printed document it came from (testkit.scans.layout), printed to PDF with fpdf2
(testkit.scans.printing), rasterised with PDFium and wrapped as an image-only PDF, as a scanner would
deliver it:

- ``clean``: 200 dpi greyscale;
- ``degraded``: 150 dpi colour, turned 1.5 degrees, light noise, and a red seal stamped over the
  signature block (where the real one sits).
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from testkit.scans.printing import print_plan


def rasterise(pdf: bytes, dpi: int, *, colour: bool = False) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            image = page.render(scale=dpi / 72, grayscale=not colour).to_pil()
            pages.append(image.convert("RGB" if colour else "L"))
            page.close()
        return pages
    finally:
        document.close()


def _seal(size: int, fonts: dict[str, Path]) -> Image.Image:
    """A round red seal (ring, inscription, star), RGBA, `size` pixels across."""
    seal = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(seal)
    red = (205, 25, 35, 215)
    w = max(2, size // 45)
    draw.ellipse((w, w, size - w, size - w), outline=red, width=w)
    draw.ellipse((size * 0.2, size * 0.2, size * 0.8, size * 0.8), outline=red, width=max(1, w // 2))
    font = ImageFont.truetype(str(fonts["B"]), max(8, size // 11))
    words = "ỦY BAN NHÂN DÂN * TỈNH ĐỒNG NAI *"
    radius = size * 0.4
    for k, ch in enumerate(words):
        angle = -math.pi / 2 + 2 * math.pi * k / len(words)
        glyph = Image.new("RGBA", (size // 8, size // 8), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((size // 32, 0), ch, font=font, fill=red)
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        x = size / 2 + radius * math.cos(angle) - glyph.width / 2
        y = size / 2 + radius * math.sin(angle) - glyph.height / 2
        seal.alpha_composite(glyph, (int(x), int(y)))
    star = [
        (
            size / 2
            + (size * 0.16 if k % 2 == 0 else size * 0.065) * math.cos(-math.pi / 2 + k * math.pi / 5),
            size / 2
            + (size * 0.16 if k % 2 == 0 else size * 0.065) * math.sin(-math.pi / 2 + k * math.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=red)
    return seal.filter(ImageFilter.GaussianBlur(0.6))


def degrade(
    page: Image.Image, *, dpi: int, seal_at: tuple[float, float] | None, fonts: dict[str, Path], seed: int
) -> Image.Image:
    """A 150 dpi colour copy as a worn scan: the seal stamped, light noise, turned 1.5 degrees."""
    rng = random.Random(seed)
    page = page.convert("RGB")
    if seal_at is not None:
        size = int(40 / 25.4 * dpi)  # a 40 mm seal
        cx, cy = (int(v / 25.4 * dpi) for v in seal_at)
        stamp = _seal(size, fonts)
        base = page.convert("RGBA")
        layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
        layer.alpha_composite(stamp, (max(0, cx - size // 2), max(0, cy - size // 2)))
        page = Image.alpha_composite(base, layer).convert("RGB")
    # Gaussian noise from the seeded generator (PIL's effect_noise draws from C's rand(): a new scan
    # on every run, and the benchmark's figures with it)
    grain = np.random.default_rng(seed).normal(128.0, 18.0, (page.height, page.width))
    noise = Image.fromarray(np.clip(grain, 0, 255).astype(np.uint8), mode="L")
    page = Image.blend(page, Image.merge("RGB", (noise, noise, noise)), 0.12)
    for _ in range(page.width * page.height // 4000):  # specks of dust
        x, y = rng.randrange(page.width), rng.randrange(page.height)
        page.putpixel((x, y), (40, 40, 40))
    return page.rotate(1.5, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(255, 255, 255))


def image_pdf(pages: list[Image.Image], dpi: int, *, quality: int = 80) -> bytes:
    """Pages wrapped as an image-only PDF (JPEG, as scanners write them)."""
    out = io.BytesIO()
    first, *rest = pages
    first.save(out, format="PDF", save_all=True, append_images=rest, resolution=dpi, quality=quality)
    return out.getvalue()


@dataclass
class Scan:
    name: str
    variant: str  # "clean" | "degraded"
    dpi: int
    pages: list[Image.Image]

    def pdf(self) -> bytes:
        return image_pdf(self.pages, self.dpi)


def scans_of(path: Path, fonts: dict[str, Path], *, max_pages: int | None = None) -> list[Scan]:
    """The clean and degraded scans of one plan file."""
    printed = print_plan(path.read_text(encoding="utf-8"), fonts)
    clean = rasterise(printed.pdf, 200)[:max_pages]
    colour = rasterise(printed.pdf, 150, colour=True)[:max_pages]
    seed = sum(path.name.encode())
    worn = [
        degrade(p, dpi=150, seal_at=printed.seals.get(k), fonts=fonts, seed=seed + k)
        for k, p in enumerate(colour)
    ]
    return [Scan(path.stem, "clean", 200, clean), Scan(path.stem, "degraded", 150, worn)]
