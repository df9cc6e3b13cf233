"""Style and list-numbering facts a .docx keeps outside the paragraph text.

Word stores "I.", "1.", "a)" of an auto-numbered list in numbering.xml, not in the text, and bold or
heading looks often come from a style. The extractor needs both ("III.3" sections, "**" titles), so we
resolve them here: enough of ECMA-376 §17.7 (styles) and §17.9 (numbering) for plan documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml.etree import _Element

_OFF = {"0", "false", "off", "none"}


def _val(el: _Element | None, default: str = "") -> str:
    if el is None:
        return default
    return el.get(qn("w:val"), default)


def is_on(el: _Element | None) -> bool | None:
    """An OOXML on/off property: None when absent, else whether it is switched on."""
    if el is None:
        return None
    return el.get(qn("w:val"), "true").lower() not in _OFF


class Styles:
    """Paragraph/character style lookups, following `basedOn` chains."""

    def __init__(self, styles_el: _Element | None) -> None:
        self._by_id: dict[str, _Element] = {}
        if styles_el is not None:
            for style in styles_el.iter(qn("w:style")):
                self._by_id[style.get(qn("w:styleId"), "")] = style

    def _chain(self, style_id: str) -> list[_Element]:
        chain: list[_Element] = []
        while style_id and style_id in self._by_id and len(chain) < 20:
            style = self._by_id[style_id]
            chain.append(style)
            style_id = _val(style.find(qn("w:basedOn")))
        return chain

    def bold(self, style_id: str) -> bool:
        for style in self._chain(style_id):
            on = is_on(style.find(f"{qn('w:rPr')}/{qn('w:b')}"))
            if on is not None:
                return on
        return False

    def heading_level(self, style_id: str) -> int:
        """1-6 for "Heading n"/"Title" styles (or an outline level), else 0."""
        for style in self._chain(style_id):
            name = _val(style.find(qn("w:name"))).lower()
            if name == "title":
                return 1
            if name.startswith("heading ") and name[8:].isdigit():
                return min(int(name[8:]), 6)
            outline = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
            if outline is not None and _val(outline).isdigit() and int(_val(outline)) < 9:
                return min(int(_val(outline)) + 1, 6)
        return 0

    def num_pr(self, style_id: str) -> tuple[str, int] | None:
        """(numId, ilvl) a paragraph style applies, if any."""
        for style in self._chain(style_id):
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                num_id = _val(num_pr.find(qn("w:numId")))
                if num_id:
                    return num_id, int(_val(num_pr.find(qn("w:ilvl")), "0") or 0)
        return None


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class _Num:
    abstract_id: str
    overrides: dict[int, int] = field(default_factory=dict)


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _roman(n: int) -> str:
    out = []
    for value, digits in _ROMAN:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz, aaa...
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def format_number(n: int, fmt: str) -> str:
    """One counter in a numbering format (decimal, upperRoman, lowerLetter, ...)."""
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class Numbering:
    """Renders list labels ("II.", "1.2.", "a)") in document order, keeping Word's counters."""

    def __init__(self, numbering_el: _Element | None, styles: Styles) -> None:
        self._styles = styles
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, _Num] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()  # list instances whose start override has been applied
        if numbering_el is None:
            return
        for abstract in numbering_el.iter(qn("w:abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(qn("w:lvl")):
                start = _val(lvl.find(qn("w:start")), "1")
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = _Level(
                    start=int(start) if start.isdigit() else 1,
                    fmt=_val(lvl.find(qn("w:numFmt")), "decimal"),
                    text=_val(lvl.find(qn("w:lvlText")), ""),
                )
            self._abstract[abstract.get(qn("w:abstractNumId"), "")] = levels
        for num in numbering_el.iter(qn("w:num")):
            overrides = {}
            for override in num.iter(qn("w:lvlOverride")):
                start = _val(override.find(qn("w:startOverride")))
                if start.isdigit():
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            self._nums[num.get(qn("w:numId"), "")] = _Num(_val(num.find(qn("w:abstractNumId"))), overrides)

    def label(self, p: _Element, style_id: str) -> str:
        """Advance the counters for paragraph `p` and return its label ("" when not numbered)."""
        ref = self._num_ref(p, style_id)
        if ref is None:
            return ""
        num_id, ilvl = ref
        num = self._nums.get(num_id)
        levels = self._abstract.get(num.abstract_id, {}) if num else {}
        if num is None or ilvl not in levels:
            return ""
        # Lists sharing an abstract definition share its counters (as Word and LibreOffice number them);
        # a list instance that overrides the start resets them where it is first used.
        counters = self._counters.setdefault(num.abstract_id, {})
        if num.overrides and num_id not in self._started:
            self._started.add(num_id)
            for level, value in num.overrides.items():
                counters[level] = value - 1
            for deeper in [k for k in counters if k > min(num.overrides)]:
                del counters[deeper]
        start = num.overrides.get(ilvl, levels[ilvl].start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        for upper in range(ilvl):
            counters.setdefault(upper, num.overrides.get(upper, levels.get(upper, _Level()).start))
        return self._render(levels, ilvl, counters)

    def _num_ref(self, p: _Element, style_id: str) -> tuple[str, int] | None:
        num_pr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is not None:
            num_id = _val(num_pr.find(qn("w:numId")))
            ilvl = _val(num_pr.find(qn("w:ilvl")))
            if num_id == "0":
                return None  # numbering explicitly removed from this paragraph
            if num_id:
                return num_id, int(ilvl) if ilvl.isdigit() else 0
            style_ref = self._styles.num_pr(style_id)
            return (style_ref[0], int(ilvl) if ilvl.isdigit() else style_ref[1]) if style_ref else None
        return self._styles.num_pr(style_id)

    @staticmethod
    def _render(levels: dict[int, _Level], ilvl: int, counters: dict[int, int]) -> str:
        level = levels[ilvl]
        if level.fmt == "bullet":
            return level.text if level.text in ("-", "+", "*", "–") else "-"
        if level.fmt == "none":
            return ""
        text = level.text
        for k in range(9, 0, -1):
            placeholder = f"%{k}"
            if placeholder in text:
                lvl = levels.get(k - 1, _Level())
                text = text.replace(placeholder, format_number(counters.get(k - 1, lvl.start), lvl.fmt))
        return text.strip()
