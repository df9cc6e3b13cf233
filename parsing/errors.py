"""Why a document could not be read; each carries a message key the CLI and chat translate."""

from __future__ import annotations


class DocumentError(Exception):
    """A document that cannot become a plan. `key` names a user-facing message; `detail` fills it."""

    def __init__(self, key: str, *, source: str, detail: str = "") -> None:
        super().__init__(f"{source}: {key} {detail}".strip())
        self.key = key
        self.source = source
        self.detail = detail
