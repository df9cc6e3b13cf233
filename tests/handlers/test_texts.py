"""Every user-facing string exists in Vietnamese and English with the same placeholders."""

from __future__ import annotations

import string

from bot.channels import console
from bot.channels.base import split_text
from bot.cli import texts as cli_texts
from messages.i18n import LANGS, catalog


def test_every_key_in_both_languages_with_same_placeholders() -> None:
    for key, forms in {**catalog(), **cli_texts.TEXTS, **console.TEXTS}.items():
        assert set(forms) >= set(LANGS), key
        fields = [{f for _, f, _, _ in string.Formatter().parse(forms[lang]) if f} for lang in LANGS]
        assert fields[0] == fields[1], key


def test_command_line_words_live_with_the_command_line() -> None:
    """The chat's catalogue has no command-line or console text, and no key is defined twice."""
    chat = set(catalog())
    assert not any(key.startswith(("cli.", "console.")) for key in chat)
    assert not chat & set(cli_texts.TEXTS) and not chat & set(console.TEXTS)
    assert cli_texts.t("en", "cli.flag") and cli_texts.t("vi", "error.internal")  # shared words reached


def test_split_text_respects_the_limit_and_lines() -> None:
    text = "\n".join(f"<b>{i}</b> " + "chữ " * 40 for i in range(200))
    parts = split_text(text, 4096, html=True)
    assert len(parts) > 1 and all(len(p) <= 4096 for p in parts)
    assert parts[0].startswith(f"(1/{len(parts)})")
    assert all(p.count("<b>") == p.count("</b>") for p in parts)
    long_line = "&lt;" + "x" * 5000
    assert all(len(p) <= 2000 for p in split_text(long_line, 2000, html=True))
