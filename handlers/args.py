"""Reading callback and command arguments defensively: button data can be forged or stale."""

from __future__ import annotations

from handlers.context import Request


def int_arg(req: Request, index: int) -> int | None:
    """`req.args[index]` as a non-negative int, or None when missing or malformed."""
    if index >= len(req.args):
        return None
    value = req.args[index]
    return int(value) if value.isdigit() and len(value) < 12 else None


def rest(req: Request) -> str:
    """Everything after the command, as typed."""
    return " ".join(req.args).strip()
