"""Document files -> text -> ParsedPlan. (Readers for .docx/.pdf/legacy encodings: being built.)"""

from __future__ import annotations

from pathlib import Path

from parsing.extract import parse_text
from parsing.model import ParsedPlan
from parsing.vntext import nfc


def read_text(path: Path) -> str:
    return nfc(path.read_text(encoding="utf-8"))


def parse_file(path: Path) -> ParsedPlan:
    return parse_text(read_text(path), source=path.name)
