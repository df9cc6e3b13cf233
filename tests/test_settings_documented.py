"""Every setting is documented in .env.example, with the name the environment gives it."""

from __future__ import annotations

import re
from pathlib import Path

from config.settings import Settings

EXAMPLE = Path(__file__).resolve().parent.parent / ".env.example"


def test_env_example_documents_every_setting() -> None:
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", EXAMPLE.read_text(encoding="utf-8"), re.M))
    missing = sorted(name.upper() for name in Settings.model_fields if name.upper() not in documented)
    assert not missing, f".env.example does not document {missing}"
