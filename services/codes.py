"""One-time codes people type: invite codes (services.members) and account-link codes
(services.account_links). The one implementation of what makes them safe to type.

A code is drawn from `secrets` in an alphabet without look-alikes (no 0/O, 1/I/L: codes are read
off paper and typed on phones), shown once, stored only as a SHA-256 hash of its letters and
digits (dashes and case do not matter), and an account that types too many wrong codes in a row is
locked for a while (`ChatAccount.failed_codes`, `locked_until`), whichever kind of code it tried.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets

from storage.models import ChatAccount

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise(code: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", code).upper()


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def locked_until(account: ChatAccount, now: dt.datetime) -> dt.datetime | None:
    """When the account may type a code again; None when it may now."""
    if account.locked_until is not None and account.locked_until > now:
        return account.locked_until
    return None


def wrong_code(
    account: ChatAccount, *, now: dt.datetime, max_failures: int, lockout: dt.timedelta
) -> dt.datetime | None:
    """Count a wrong code; at `max_failures` in a row the account is locked for `lockout` (the
    count starts again after it). Returns the end of the lock, if one began."""
    account.failed_codes += 1
    if account.failed_codes >= max_failures:
        account.failed_codes, account.locked_until = 0, now + lockout
        return account.locked_until
    return None


def right_code(account: ChatAccount) -> None:
    """A right code clears the count of wrong ones."""
    account.failed_codes, account.locked_until = 0, None
