"""User-facing text in Vietnamese (default) and English.

Each feature keeps its strings in its own module under messages/texts/ as
`TEXTS = {"key": {"vi": "...", "en": "..."}}`; `t()` looks them up. A test checks that every key
exists in both languages with the same {placeholders}. Values passed to `t()` for HTML messages
must be escaped by the caller (messages.render.esc) - the catalog text itself is trusted HTML.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from functools import cache

import messages.texts

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"


@cache
def catalog() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules(messages.texts.__path__):
        module = importlib.import_module(f"messages.texts.{info.name}")
        for key, forms in getattr(module, "TEXTS", {}).items():
            if key in merged:
                raise RuntimeError(f"text key {key!r} defined twice (messages.texts.{info.name})")
            merged[key] = forms
    return merged


def pick(forms: Mapping[str, str], lang: str | None, values: Mapping[str, object]) -> str:
    """One text in `lang` (Vietnamese when it has no such form), its placeholders filled."""
    text = forms.get(lang or DEFAULT_LANG) or forms[DEFAULT_LANG]
    return text.format(**values) if values else text


def t(lang: str | None, key: str, **values: object) -> str:
    return pick(catalog()[key], lang, values)
