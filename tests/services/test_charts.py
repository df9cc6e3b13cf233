"""Charts are real PNGs whose bars carry the numbers: read back from the pixels, not the file size."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from services.charts import CATEGORIES, COLORS, Labels, UnitCounts, status_chart, submissions_chart
from services.clock import VN_TZ

LABELS = Labels.of("vi")


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return (int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16))


def _bars(png: bytes, box: tuple[int, int, int, int]) -> list[dict[str, int]]:
    """Each bar inside the plot, top to bottom: pixels of each category's colour on its middle line."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    left, top, right, bottom = box
    colours = {_rgb(COLORS[c]): c for c in CATEGORIES}
    lines = []
    for y in range(top, bottom):
        row = [image.getpixel((x, y)) for x in range(left, right)]
        counts = {c: sum(1 for p in row if colours.get(p) == c) for c in CATEGORIES}  # type: ignore[arg-type]
        lines.append((y, counts if any(counts.values()) else None))
    bars: list[list[dict[str, int]]] = []
    previous = None
    for _, counts in lines:
        if counts is not None:
            if previous is None:
                bars.append([])
            bars[-1].append(counts)
        previous = counts
    return [bar[len(bar) // 2] for bar in bars]


def test_status_chart_bars_read_back_from_the_png() -> None:
    rows = [
        UnitCounts("Sở Tài chính", {"overdue": 1, "in_time": 4, "done_on_time": 2}),
        UnitCounts("UBND xã Long Hưng", {"overdue": 3, "done_late": 2, "due_soon": 1}),
        UnitCounts("Sở Ngoại vụ", {"done_on_time": 7}),
        UnitCounts("Sở Y tế", {"done_late": 1, "due_soon": 2, "in_time": 1, "done_on_time": 3}),
    ]
    image = status_chart(rows, title="Hạn báo cáo theo đơn vị", labels=LABELS)
    assert image.png.startswith(b"\x89PNG\r\n\x1a\n")
    assert Image.open(io.BytesIO(image.png)).size == (image.width, image.height)
    bars = _bars(image.png, image.plot_box)
    # worst first: most overdue, then done late ...
    expected = [rows[1], rows[0], rows[3], rows[2]]
    assert len(bars) == len(expected)
    scale = sum(bars[0].values()) / sum(expected[0].get(c) for c in CATEGORIES)  # pixels per occurrence
    assert scale > 10
    for bar, row in zip(bars, expected, strict=True):
        for category in CATEGORIES:
            # within 3 px: rounding at both ends, and the axis line drawn over the first pixel
            assert abs(bar[category] - row.get(category) * scale) <= 3, (row.name, category, bar)


def test_five_hundred_units_fit_telegram_limits() -> None:
    rows = [
        UnitCounts(f"UBND xã {i:03d}", {"overdue": i % 4, "in_time": 3, "done_on_time": i % 5})
        for i in range(500)
    ]
    image = status_chart(rows, title="500 đơn vị", labels=LABELS)
    assert image.width + image.height <= 10_000 and image.height / image.width <= 20
    assert not image.fits_a_photo  # sent as a document: a photo would be shrunk unreadable
    assert len(_bars(image.png, image.plot_box)) == 500


def test_submissions_chart_is_a_png() -> None:
    times = [dt.datetime(2026, 3, d, 9, tzinfo=VN_TZ) for d in (3, 5, 5, 9, 12)]
    image = submissions_chart(times=times, total=20, due_on=dt.date(2026, 3, 10), title="Nộp", labels=LABELS)
    assert image.png.startswith(b"\x89PNG") and image.fits_a_photo
    pixels = Image.open(io.BytesIO(image.png)).convert("RGB")
    assert _rgb(COLORS["done_on_time"]) in {c for _, c in pixels.getcolors(1 << 20) or []}
