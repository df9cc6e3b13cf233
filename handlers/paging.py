"""Long lists in pages: which page exists, and the ◀ / ▶ buttons between pages. One pager for every
list (duties, deadlines, the collector's collections and boards, a plan under review), one pair of
button texts."""

from __future__ import annotations

from collections.abc import Callable

from messages.i18n import t
from messages.types import Button


def page_of(total: int, page: int, size: int) -> tuple[int, int, int]:
    """(page, pages, index of the page's first item) for `page` clamped to the pages that exist
    (a button from before the list got shorter opens its last page)."""
    pages = max(1, -(-total // size))
    page = min(max(1, page), pages)
    return page, pages, (page - 1) * size


def nav_buttons(lang: str, page: int, pages: int, data: Callable[[int], str]) -> list[Button]:
    """◀ previous / next ▶ where there is one; `data(n)` is the callback that opens page n."""
    row = []
    if page > 1:
        row.append(Button(t(lang, "btn.prev"), data(page - 1)))
    if page < pages:
        row.append(Button(t(lang, "btn.next"), data(page + 1)))
    return row
