"""Pictures for admins and collectors: PNG charts rendered without a display (matplotlib, Agg).

- `status_chart`: for each unit, its occurrences by status in the state's four categories plus
  "sắp đến hạn", one horizontal stacked bar per unit, worst first (/stats, the weekly digest).
- `submissions_chart`: for one collection, how many reports had come in by each day, against the
  number owed and the due date (the collector's board).

Figures are built with the object API (`Figure` + `FigureCanvasAgg`), never pyplot, so nothing global
is touched and rendering is safe in a worker thread (handlers run it off the event loop). Bars are
drawn without anti-aliasing or edges in flat colours, so each bar's length in pixels is its count
times the scale: the tests read the numbers back from the PNG. The text beside every chart carries
the same numbers (Zalo gets only the text).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib (about a second to import) loads on the first chart, not at start-up
    from matplotlib.figure import Figure
    from PIL import ImageDraw, ImageFont

from messages.i18n import t
from services.clock import local_date

# worst first, as the bars are stacked from the left
CATEGORIES = ("overdue", "done_late", "due_soon", "in_time", "done_on_time")
COLORS = {
    "overdue": "#d62728",
    "done_late": "#ff7f0e",
    "due_soon": "#ffd700",
    "in_time": "#1f77b4",
    "done_on_time": "#2ca02c",
}
DPI = 100
WIDTH_IN = 10.0
ROW_IN = 0.2  # one unit's row (12 px at the least)
MAX_HEIGHT_PX = 8000  # Telegram refuses photos whose width + height exceed 10,000 px
PHOTO_MAX_HEIGHT_PX = 2500  # taller ones go as a document: Telegram would shrink a photo unreadable


@dataclass(frozen=True, slots=True)
class UnitCounts:
    name: str
    counts: Mapping[str, int]  # CATEGORIES -> occurrences

    def get(self, category: str) -> int:
        return int(self.counts.get(category, 0))


@dataclass(frozen=True, slots=True)
class ChartImage:
    png: bytes
    width: int
    height: int
    plot_box: tuple[int, int, int, int]  # the axes' pixel box (left, top, right, bottom), top-left origin

    @property
    def fits_a_photo(self) -> bool:
        return self.height <= PHOTO_MAX_HEIGHT_PX


@dataclass(frozen=True, slots=True)
class Labels:
    categories: Mapping[str, str]
    units_axis: str
    count_axis: str
    submitted: str
    owed: str
    due: str

    @classmethod
    def of(cls, lang: str) -> Labels:
        return cls(
            categories={c: t(lang, f"chart.{c}") for c in CATEGORIES},
            units_axis=t(lang, "chart.units"),
            count_axis=t(lang, "chart.occurrences"),
            submitted=t(lang, "chart.submitted"),
            owed=t(lang, "chart.owed"),
            due=t(lang, "chart.due"),
        )


def worst_first(rows: Sequence[UnitCounts]) -> list[UnitCounts]:
    """Most overdue first, then done late, then due soon; then by name."""
    return sorted(rows, key=lambda r: (-r.get("overdue"), -r.get("done_late"), -r.get("due_soon"), r.name))


def _render(fig: Figure, row_labels: Sequence[tuple[float, str]] = (), label_px: int = 12) -> ChartImage:
    """Draw once and encode the canvas (savefig would draw the whole figure a second time).

    `row_labels` ((data y, text) of the first axes) are written with Pillow after the draw, right-
    aligned left of the axes: matplotlib lays out each text through FreeType at about 3 ms apiece,
    which for 500 unit names was most of the time."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image as PILImage
    from PIL import ImageDraw

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    width, height = canvas.get_width_height()
    ax = fig.axes[0]
    box = ax.get_window_extent()  # bottom-left origin
    plot_box = (round(box.x0), round(height - box.y1), round(box.x1), round(height - box.y0))
    image = PILImage.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert(
        "RGB"
    )
    if row_labels:
        draw = ImageDraw.Draw(image)
        font = _font(label_px)
        right = plot_box[0] - 6
        for y, text in row_labels:
            py = height - float(ax.transData.transform((0.0, y))[1])
            draw.text((right, py), _fit(draw, text, font, right - 4), fill="#222222", font=font, anchor="rm")
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3)
    return ChartImage(out.getvalue(), width, height, plot_box)


@functools.cache
def _font(px: int) -> ImageFont.FreeTypeFont:
    from matplotlib import font_manager
    from PIL import ImageFont

    return ImageFont.truetype(font_manager.findfont("DejaVu Sans"), px)


def _fit(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, room: float) -> str:
    """The name, cut with "…" when it is wider than the room left of the axes."""
    if draw.textlength(text, font=font) <= room:
        return text
    while text and draw.textlength(text + "…", font=font) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def status_chart(rows: Sequence[UnitCounts], *, title: str, labels: Labels) -> ChartImage:
    """One stacked horizontal bar per unit, worst first from the top; the tallest picture stays within
    Telegram's photo limits (rows get thinner past about 400 units)."""
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    ordered = worst_first(rows)
    n = max(1, len(ordered))
    header_in, footer_in = 1.1, 0.6
    row_in = min(ROW_IN, (MAX_HEIGHT_PX / DPI - header_in - footer_in) / n)
    fig = Figure(figsize=(WIDTH_IN, header_in + footer_in + row_in * n), dpi=DPI)
    ax = fig.add_axes(
        (
            0.3,
            footer_in / (header_in + footer_in + row_in * n),
            0.66,
            row_in * n / (header_in + footer_in + row_in * n),
        )
    )
    positions = list(range(n))
    left = [0] * n
    # one collection of rectangles per category (thousands of separate patches draw ten times slower)
    for category in CATEGORIES:
        values = [r.get(category) for r in ordered]
        boxes = [
            [(x, y - 0.35), (x + v, y - 0.35), (x + v, y + 0.35), (x, y + 0.35)]
            for y, x, v in zip(positions, left, values, strict=True)
            if v
        ]
        ax.add_collection(
            PolyCollection(boxes, facecolors=COLORS[category], linewidths=0, antialiaseds=False)
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    handles = [Patch(color=COLORS[c], label=labels.categories[c]) for c in CATEGORIES]
    ax.set_yticks([])  # the names are written by _render (500 axis ticks cost seconds to lay out)
    ax.set_ylim(n - 0.5, -0.5)  # first row at the top
    ax.set_xlim(0, max(max(left, default=0), 1) * 1.02)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(labels.count_axis)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.suptitle(title, x=0.02, ha="left", fontsize=12, fontweight="bold")
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.02, 1 - 0.45 / fig.get_figheight()),
        ncols=5,
        fontsize=8,
        frameon=False,
    )
    label_px = max(8, min(13, round(row_in * DPI * 0.6)))
    return _render(fig, [(float(y), r.name) for y, r in zip(positions, ordered, strict=True)], label_px)


def submissions_chart(
    *, times: Sequence[dt.datetime], total: int, due_on: dt.date, title: str, labels: Labels
) -> ChartImage:
    """Cumulative submissions by day (a step line), the number owed, and the due date."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    days = [local_date(t) for t in sorted(times)]
    start = min([*days, due_on - dt.timedelta(days=7)])
    end = max([*days, due_on + dt.timedelta(days=2)])
    xs: list[dt.date] = []
    ys: list[int] = []
    count = 0
    day = start
    while day <= end:
        count += sum(1 for d in days if d == day)
        xs.append(day)
        ys.append(count)
        day += dt.timedelta(days=1)
    fig = Figure(figsize=(WIDTH_IN, 4.5), dpi=DPI)
    ax = fig.add_axes((0.08, 0.15, 0.88, 0.7))
    ax.step(xs, ys, where="post", color=COLORS["done_on_time"], linewidth=2, label=labels.submitted)  # type: ignore[arg-type]
    ax.axhline(total, color="#555555", linestyle="--", linewidth=1, label=labels.owed)
    ax.axvline(due_on, color=COLORS["overdue"], linestyle=":", linewidth=1.5, label=labels.due)  # type: ignore[arg-type]
    ax.set_ylim(0, max(total, 1) * 1.1)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(labels.submitted)
    fig.autofmt_xdate()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.suptitle(title, x=0.02, ha="left", fontsize=12, fontweight="bold")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    return _render(fig)
