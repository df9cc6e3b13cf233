"""`dutybot run` with a Telegram and a Zalo token: one process serves both platforms.

The command runs as a real subprocess against the fake Telegram and Zalo servers, is asked something
on each platform, then stopped with SIGTERM. Its log must not contain either token.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from testkit.fakes.telegram_server import FakeTelegram
from testkit.fakes.zalo_server import FakeZaloServer

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def servers() -> Iterator[tuple[FakeTelegram, FakeZaloServer]]:
    with FakeTelegram() as tg, FakeZaloServer(max_poll_seconds=0.3) as zl:
        yield tg, zl


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_run(tmp_path: Path, tg: FakeTelegram, zl: FakeZaloServer, **env: str) -> subprocess.Popen[str]:
    environ = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_", "DATABASE_"))},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
        "TELEGRAM_TOKEN": tg.token,
        "TELEGRAM_API_BASE_URL": tg.base_url,
        "ZALO_TOKEN": zl.token,
        "ZALO_API_BASE_URL": zl.base_url,
        "IMPORT_SAMPLES_WHEN_EMPTY": "false",
        **env,
    }
    return subprocess.Popen(
        [sys.executable, "-c", "from bot.cli import main; main()", "run"],
        cwd=tmp_path,  # no .env from the developer's checkout
        env=environ | {"PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGTERM)
    try:
        out, _ = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        raise AssertionError(f"dutybot run did not stop on SIGTERM:\n{out}") from None
    assert proc.returncode == 0, out
    return out


@pytest.mark.slow
async def test_run_serves_telegram_and_zalo_from_one_process(
    servers: tuple[FakeTelegram, FakeZaloServer], tmp_path: Path
) -> None:
    tg, zl = servers
    proc = start_run(tmp_path, tg, zl)
    try:
        tg.push_text(501, "/help")
        zl.say("z501", "/help")
        await tg.wait_for(lambda: len(tg.texts_to(501)) >= 1, within=30)
        [zalo_help] = await zl.wait_texts("z501", 1, within=30)
    finally:
        out = stop(proc)
    assert "mã mời" in tg.texts_to(501)[0] and "mã mời" in zalo_help
    calls = [m for m, _ in zl.calls]
    assert calls.index("deleteWebhook") < calls.index("getUpdates") and zl.conflicts == 0
    assert tg.token not in out and zl.token not in out


@pytest.mark.slow
async def test_run_with_a_zalo_webhook(servers: tuple[FakeTelegram, FakeZaloServer], tmp_path: Path) -> None:
    tg, zl = servers
    port = _free_port()
    proc = start_run(
        tmp_path,
        tg,
        zl,
        ZALO_WEBHOOK_URL=f"http://127.0.0.1:{port}/zalo/hook",
        ZALO_WEBHOOK_SECRET="run-webhook-secret",
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
    )
    try:
        await zl.wait_for(lambda: zl.webhook_url is not None, within=30)
        assert zl.webhook_secret == "run-webhook-secret"
        # The web server may come up just after setWebhook: retry the first delivery briefly.
        await zl.wait_for(
            lambda: zl.post_webhook(zl.text_update("z1", "/help"), secret="run-webhook-secret") == 200
        )
        [reply] = await zl.wait_texts("z1", 1, within=30)
        forged = zl.post_webhook(zl.text_update("z2", "/help"), secret="not-the-secret")
    finally:
        out = stop(proc)
    assert "mã mời" in reply and forged == 401 and zl.texts("z2") == []
    assert zl.method_calls("getUpdates") == [] and zl.conflicts == 0
    assert zl.token not in out
