"""Doubts in words: the one rendering of `parsing.model.Doubt` (and the importer's own notes) for
people, through the text catalogue by kind, so a Vietnamese reply carries no English warning."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from messages.i18n import catalog, t
from messages.render import shorten

TEXT_CHARS = 100


def doubt_text(lang: str, kind: str, text: str = "", section: str | None = None) -> str:
    """One doubt as plain text in `lang` (callers escape it for HTML)."""
    key = f"doubt.{kind}" if f"doubt.{kind}" in catalog() else "doubt.note"
    return t(lang, key, text=shorten(text, TEXT_CHARS), section=section or "-")


def doubt_texts(lang: str, doubts: Sequence[Mapping[str, Any]]) -> list[str]:
    """Stored doubts ({"kind", "text", "section"} rows, as `Plan.doubts` keeps them) in words."""
    return [
        doubt_text(lang, str(d.get("kind") or "note"), str(d.get("text") or ""), d.get("section"))
        for d in doubts
    ]
