"""Nothing typed on the console stops the bot (issue 13, item 6); its files and `file:` (minor items)."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from pathlib import Path

from bot.app import BotApp
from bot.channels.console import ConsoleChannel, ConsoleSession
from config.settings import Settings
from handlers.router import clean_text

REPO = Path(__file__).resolve().parents[2]


def test_undecodable_bytes_become_replacement_characters() -> None:
    assert clean_text("ai phụ trách \udcc3") == "ai phụ trách \ufffd"
    assert clean_text("so \udce1\udcbb\udca5") == "so ụ"  # escaped bytes of a valid character
    assert clean_text("lone \ud800 surrogate") == "lone \ufffd surrogate"
    assert clean_text("bình thường") == "bình thường"


async def test_invalid_text_gets_an_answer_and_the_next_line_too(database_url: str, tmp_path: Path) -> None:
    settings = Settings(_env_file=None, database_url=database_url, admins=["console:boss"])  # type: ignore[call-arg]
    app = BotApp.build(settings)
    out = io.StringIO()
    files = tmp_path / "files"
    channel = ConsoleChannel(out=out, me="boss", files_dir=files)
    session = ConsoleSession(app.dispatch, channel, user="boss")
    await session.repl(io.StringIO("ai phụ trách \udcc3\n/help\nfile: /no/such/plan.docx\n/export\n"))
    text = out.getvalue()
    assert "Ai phụ trách «\ufffd»" in text or "\ufffd" in text
    assert "Các lệnh" in text  # /help after it was answered
    assert "Không tìm thấy tệp /no/such/plan.docx" in text and "Đã có lỗi" not in text
    [(saved, size)] = await asyncio.to_thread(lambda: [(p, p.stat().st_size) for p in files.iterdir()])
    assert saved.suffix == ".xlsx" and size > 0 and str(saved) in text
    app.services.db.dispose()


def test_piped_invalid_utf8_does_not_kill_the_console(tmp_path: Path) -> None:
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}",
        "LOG_DIR": str(tmp_path),
        "PYTHONIOENCODING": "",
    }
    env.pop("TELEGRAM_TOKEN", None)
    env.pop("ZALO_TOKEN", None)
    done = subprocess.run(
        [str(Path(sys.executable).parent / "dutybot"), "console"],
        input=b"ai ph\xe1\xbb\xa5 tr\xc3\xa1ch \xc3\n/help\n",
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )
    output = done.stdout.decode("utf-8", "replace")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    assert output.count("Các lệnh") >= 2  # the /help at start and the one after the bad line
