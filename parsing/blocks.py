"""The document model every reader builds and every role reader reads: blocks in document order.

A plan arrives as plain text, Markdown (with pipe, HTML or one-line-per-bar tables), Word or PDF. Each
of them is turned into the same list of `Block`s, so that the readers of roles ("Sở X chủ trì ...",
"Cơ quan chủ trì: ...", annex task tables, unit headings) never see how the document was stored:

- a text block is one paragraph, numbered item or bullet, its wrapped lines rejoined, with its numbering
  mark split off (`marker`, `label`) and whether it stands as a title (`heading`);
- a table block holds its cells row by row, merged cells already spread over the rows they span;
- a title block opens a document inside the file (the plan a Quyết định issues, an annex "PHỤ LỤC");
- a closing block stands for what ends a document: the recipients ("Nơi nhận") and the signature.

The outline (`parsing.outline`) then gives each block its section ("III.2.a"), the part it stands in
(purpose, tasks, implementation ...) and the item it hangs under.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# roman "II.", number "1." / "1.2." / party "1-", letter "a)", dash "-", plus "+", article "Điều 3.",
# chapter "Chương II".
Marker = Literal["roman", "number", "letter", "dash", "plus", "article", "chapter", "none"]
Kind = Literal["text", "table", "title", "closing"]
PartKind = Literal["preamble", "purpose", "tasks", "funding", "implementation", "annex"]


@dataclass(slots=True)
class Table:
    """A table's cells, row by row; a cell's own line breaks are kept as "\\n"."""

    rows: list[list[str]]


@dataclass(slots=True, eq=False)
class Block:
    """One paragraph, item, bullet, table, title or closing of a document (compared by identity)."""

    text: str
    kind: Kind = "text"
    marker: Marker = "none"
    label: str = ""  # "II", "3", "1.2", "a" or "" for bullets and paragraphs
    heading: bool = False  # stands alone as the title of what follows
    table: Table | None = None
    # set by the outline
    section: str | None = None  # "III.3", "IV.2.a", "Phụ lục I.2", None before the first part
    part: PartKind = "preamble"
    parent: Block | None = field(default=None, repr=False)  # the item a bullet or sub-item hangs under

    @property
    def numbered(self) -> bool:
        return self.marker in ("roman", "number", "letter", "article", "chapter")

    def ancestors(self) -> list[Block]:
        out: list[Block] = []
        node = self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out
