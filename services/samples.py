"""The bundled sample plans, imported on the first run of an empty database so a newcomer can ask
"Sở Ngoại vụ Đồng Nai phụ trách gì?" straight away."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, select

from parsing.document import parse_file
from parsing.errors import DocumentError
from services.importer import import_plan
from storage.models import Plan

log = logging.getLogger(__name__)


def import_samples_if_empty(session: Session, *, directory: Path, default_province: str) -> int:
    """Import every plan file in `directory` when no plan is stored yet; returns how many were imported."""
    if session.exec(select(func.count()).select_from(Plan)).one():
        return 0
    count = 0
    for path in sorted(
        p for p in directory.glob("*") if p.suffix.lower() in {".txt", ".md", ".docx", ".pdf"}
    ):
        try:
            parsed = parse_file(path)
        except DocumentError as exc:
            log.warning("sample %s skipped: %s", path.name, exc.message("en"))
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        import_plan(
            session,
            parsed=parsed,
            source_name=path.name,
            content_hash=digest,
            default_province=default_province,
        )
        count += 1
    return count
