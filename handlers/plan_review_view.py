"""What the admin sees while reviewing a plan: the page the draft is on, made of the overview and its
lists (handlers.review_lists) or one item (handlers.review_items), from the parts every page shares
(handlers.review_parts); corrections in words are handlers.review_words.

Every page is one Reply within Telegram's limits. With buttons (Telegram) each item opens with a tap
and each fix is a tap (or a tap and a typed name or date); without them (Zalo, the console) the page
shows the item numbers and the one-line commands that act on them. Button data is
"rv:<draft token>:c:<command>" (run the command) or "rv:<token>:i:<template>" (ask for the text
that completes it): every button is a command the admin could have typed, checked the same way.
"""

from __future__ import annotations

from handlers.review_items import deadline_page, doubt_page, row_page, unit_page
from handlers.review_lists import all_rows_page, deadlines_page, doubts_page, home_page, units_page
from handlers.review_parts import (
    MAX_HTML,
    final_row,
)
from messages.types import Reply
from services.correction_commands import target_kind
from services.plan_review import Review


def render(lang: str, rv: Review, *, buttons: bool, toast: str = "", footer: bool = True) -> Reply:
    """The page the draft is on (`draft.page`), with `toast` (what the last command did) on top;
    `footer` False leaves out the overview's help and question (the command line prints its own)."""
    page = rv.draft.page
    kind = target_kind(page) if page not in ("home", "all", "h", "n", "d") else page
    view = {
        "home": home_page,
        "all": all_rows_page,
        "h": deadlines_page,
        "n": doubts_page,
        "d": units_page,
        "row": row_page,
        "deadline": deadline_page,
        "doubt": doubt_page,
        "unit": unit_page,
    }[kind]
    html, rows = view(lang, rv, buttons) if kind != "home" else home_page(lang, rv, buttons, footer=footer)
    if toast:
        html = f"{toast}\n\n{html}"
    if len(html) > MAX_HTML:  # cut at a line, never inside a tag or an entity
        html = html[: html.rfind("\n", 0, MAX_HTML)] + "\n…"
    # undo, confirm and cancel on every page: a fix can be taken back, or the plan saved, from anywhere
    return Reply(html, buttons=(*rows, final_row(lang, rv)) if buttons else (final_row(lang, rv),))
