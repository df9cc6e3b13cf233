"""One unit or class of units as a sentence names it, and when a class names nobody.

A class narrowed by "liên quan" / "chức năng" / "khác" names nobody when its kinds are generic ("các cơ
quan, đơn vị liên quan"): it is a catch-all. With named kinds ("các sở, ngành liên quan") it is a
performer of its own item, never a partner.
"""

from __future__ import annotations

from dataclasses import dataclass

from parsing.units_lexicon import CATCH_ALL_TAIL, GENERIC_KINDS, KIND_RE


@dataclass(frozen=True, slots=True)
class Mention:
    """One unit or class of units as written (titles such as "Giám đốc" removed)."""

    text: str
    group: bool
    catch_all: bool = False  # a class that names nobody: "các cơ quan, đơn vị liên quan"
    qualified: bool = False  # a class narrowed by "liên quan" / "khác": a performer, never a partner
    position: bool = False  # an office held by a person ("Đồng chí Phó Chủ tịch Thường trực")

    @property
    def partner(self) -> bool:
        """Whether the mention may stand as a supporting partner ("phối hợp với ...")."""
        return not (self.catch_all or self.qualified)


def class_mention(body: str) -> Mention:
    """A class of units. Narrowed by "liên quan" / "chức năng" / "khác" it names nobody when its kinds
    are generic ("các cơ quan, đơn vị liên quan"); with named kinds ("các sở, ngành liên quan") it is a
    performer of its own item, though never a partner."""
    qualified = bool(CATCH_ALL_TAIL.search(body))
    return Mention(body, True, catch_all=qualified and generic_kinds(body), qualified=qualified)


def generic_kinds(text: str) -> bool:
    """Whether every kind of body the text names is generic ("các cơ quan, đơn vị"); true of none."""
    return all(k.group().lower() in GENERIC_KINDS for k in KIND_RE.finditer(text))
