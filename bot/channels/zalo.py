"""The Zalo channel: Zalo Bot Platform updates in, router replies out, as plain text.

Zalo shows no buttons, no HTML and at most 2000 characters per message, so replies are turned into
plain text (`messages.render.to_plain`), buttons into numbered choices the user answers by typing
the number, and long text is split at line boundaries into parts marked "(1/3)".

Updates arrive one of two ways, never both for one bot:
- polling (`run_polling`): deleteWebhook first, then getUpdates in a loop (one update per call; 408
  when idle is normal), backing off on errors;
- webhook (`start_webhook` + `webhook_route`): X-Bot-Api-Secret-Token is compared in constant time,
  the request is answered at once and the update processed in the background.
Either way each message_id is claimed in the ProcessedEvent table before it is handled, so a
redelivered event is dropped, also across restarts and between processes.

Sending is paced (`rate_per_second`) and a 429 pauses every send of this channel for its
Retry-After. The first part of a reply is never retried here: the error goes to the caller (the
outbox worker reschedules; nothing was sent). Later parts are retried in place, because resending
the whole reply would repeat the parts already delivered.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from typing import Any

import httpx
from starlette.requests import Request as HttpRequest
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.channels.base import DeliveryError, PermanentFailure, RateLimited, RetryLater, split_text
from bot.channels.doc_links import LinkDownloadError, document_link, download
from bot.channels.status import status_line
from bot.channels.zalo_api import TEXT_LIMIT, ZaloAuthError, ZaloBotApi
from bot.channels.zalo_updates import fetched, photo_url, sender_of, unfetched
from bot.pacing import RatePacer
from bot.waits import sleep_unless, unless_stopped
from config.settings import Settings
from handlers.context import ChannelCaps
from handlers.router import with_numbered_choices
from messages.i18n import t
from messages.render import esc, to_plain
from messages.types import Incoming, IncomingFile, Reply, Sender
from services.account_links import account_owner
from services.conversation import remember_choices
from services.identity import chat_owner
from services.processed_events import claim_event
from storage.db import Database
from storage.enums import Channel
from storage.types import utcnow

log = logging.getLogger(__name__)

Dispatch = Callable[[Incoming, ChannelCaps], Awaitable[list[Reply]]]  # Router.handle / BotApp.dispatch

SECRET_HEADER = "X-Bot-Api-Secret-Token"
ZALO_CAPS = ChannelCaps(name=Channel.zalo, text_limit=TEXT_LIMIT, supports_buttons=False, supports_html=False)


class ZaloChannel:
    """The ChannelAdapter for Zalo, plus the polling loop and webhook endpoint that feed the router."""

    name: str = Channel.zalo
    text_limit = TEXT_LIMIT
    supports_buttons = False
    supports_html = False

    def __init__(
        self,
        api: ZaloBotApi,
        *,
        dispatch: Dispatch,
        settings: Settings,
        db: Database,
        webhook_secret: str | None = None,
        poll_timeout: int = 30,
        rate_per_second: float = 10.0,
        backoff_base: float = 1.0,
        backoff_max: float = 60.0,
        part_attempts: int = 5,
        reply_attempts: int = 3,
        http: httpx.AsyncClient | None = None,
        send_reply: Callable[[str, Reply], Awaitable[object]] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.api = api
        self._sleep = sleep  # the waits between retries (a test records the back-off it asks for)
        self._send_reply = send_reply
        self.dispatch = dispatch
        self.settings = settings
        self.db = db
        self._secret = webhook_secret
        self.poll_timeout = poll_timeout
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.part_attempts = part_attempts
        self.reply_attempts = reply_attempts
        self._pacer = RatePacer(rate_per_second)
        self._own_http = http is None
        self._http = http or httpx.AsyncClient()  # downloads of linked documents (not the Bot API)
        self._mode: str | None = None
        self._stop: asyncio.Event | None = None
        self._poller: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._chat_locks: dict[str, tuple[asyncio.Lock, int]] = {}
        # Images sent one after another by an admin are the pages of one plan: gathered per chat until
        # none has come for `album_wait` seconds (Zalo has no albums: each image is its own event).
        self.album_wait = settings.album_wait_seconds
        self._images: dict[str, list[tuple[Sender, str]]] = {}
        self._image_timers: dict[str, asyncio.Task[None]] = {}

    async def start_polling(self) -> None:
        """Poll in a background task until `stop_inbound` (used by `dutybot run`)."""
        self._stop = asyncio.Event()
        self._poller = asyncio.create_task(self.run_polling(self._stop), name="zalo-polling")

    async def stop_inbound(self) -> None:
        """No new updates: stop polling, finish the updates being handled. Sending still works."""
        if self._stop is not None:
            self._stop.set()
        if self._poller is not None:
            await asyncio.gather(self._poller, return_exceptions=True)
        await self.drain()

    async def aclose(self) -> None:
        await self.stop_inbound()
        if self._own_http:
            await self._http.aclose()

    # --- ChannelAdapter ---------------------------------------------------------------------------

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """Send as plain text in parts of <= 2000 characters; return the last part's message id."""
        if reply.buttons or reply.file is not None:
            reply = self._adapt(chat_id, reply)
        parts = split_text(to_plain(reply.html), TEXT_LIMIT, html=False)
        message_id: str | None = None
        for index, part in enumerate(parts):
            attempts = 1 if index == 0 else self.part_attempts
            result = await self._send_part(chat_id, part, attempts=attempts, sent_before=index)
            message_id = str(result.get("message_id")) if isinstance(result, dict) else message_id
        return message_id

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> bool:
        return False  # Zalo bots cannot edit sent messages; the caller sends a new one

    async def set_chat_menu(self, chat_id: str, commands: Sequence[tuple[str, str]] | None) -> None:
        """The Zalo Bot Platform has no command menus (/help lists the commands)."""

    async def _send_part(self, chat_id: str, text: str, *, attempts: int, sent_before: int) -> Any:
        for attempt in range(1, attempts + 1):
            await self._pacer.wait()
            try:
                return await self.api.send_message(chat_id, text)
            except RetryLater as exc:
                if isinstance(exc, RateLimited):
                    self._pacer.pause(exc.seconds)
                if attempt == attempts:
                    if sent_before:  # retrying the whole reply would repeat what was delivered
                        raise PermanentFailure(
                            f"zalo: gave up after {sent_before} part(s) were sent: {exc}"
                        ) from None
                    raise
                await self._sleep(self._backoff(attempt, exc.seconds))
        raise AssertionError("unreachable")

    def _adapt(self, chat_id: str, reply: Reply) -> Reply:
        """What Zalo cannot show, in words: buttons of a queued message (a reminder) become numbered
        choices remembered for the recipient's account; a file becomes a note that Zalo cannot carry it."""
        buttons = [b for row in reply.buttons for b in row]
        with self.db.session() as session:
            owner = chat_owner(session, channel=self.name, chat_id=chat_id)
            lang = owner.lang if owner is not None else None
            html = reply.html
            if reply.file is not None:
                html += "\n\n" + esc(t(lang, "zalo.no_file_out", filename=reply.file.filename))
            if buttons:
                html, choices = with_numbered_choices(lang or "vi", html, buttons)
                if owner is not None:
                    remember_choices(session, account_id=owner.account_id, choices=choices)
        return Reply(html=html)

    # --- incoming ---------------------------------------------------------------------------------

    async def process_update(self, update: dict[str, Any]) -> None:
        """Handle one update end to end: drop redeliveries, route, reply."""
        message = update.get("message")
        if not isinstance(message, dict):
            return
        message_id = str(message.get("message_id") or "")
        if message_id and not self._claim(message_id):
            log.info("zalo: dropped a redelivered event (message %s)", message_id)
            return
        sender = sender_of(message)
        if sender is None:
            return
        lock, users = self._chat_locks.get(sender.chat_id) or (asyncio.Lock(), 0)
        self._chat_locks[sender.chat_id] = (lock, users + 1)
        try:
            async with lock:  # one chat's messages are answered in the order they came
                replies = await self._replies(update.get("event_name"), message, sender, message_id)
                for reply in replies:
                    await self._reply(sender.chat_id, reply)
        finally:
            lock, users = self._chat_locks[sender.chat_id]
            if users <= 1:
                del self._chat_locks[sender.chat_id]
            else:
                self._chat_locks[sender.chat_id] = (lock, users - 1)

    async def _replies(
        self, event: object, message: dict[str, Any], sender: Sender, message_id: str
    ) -> list[Reply]:
        text = message.get("text")
        with self.db.session() as session:
            owner = account_owner(session, channel=self.name, external_id=sender.external_id)
        lang = owner.lang if owner else None
        if event == "message.text.received" and isinstance(text, str) and text.strip():
            incoming = Incoming(sender=sender, text=text)
            url = document_link(text)
            admin = (owner is not None and owner.is_admin) or f"{self.name}:{sender.external_id}" in (
                self.settings.admins
            )
            if url is not None and admin:  # Zalo passes no files: an admin's link is the document
                try:
                    incoming = await self._linked_file(incoming, url)
                except LinkDownloadError as exc:
                    log.info("zalo: document link not downloaded (%s)", exc.reason)
                    return [Reply(esc(t(lang, f"zalo.link_{exc.reason}", mb=self._max_mb())))]
            return await self.dispatch(incoming, ZALO_CAPS)
        if event == "message.image.received" and (url := photo_url(message)) is not None:
            admin = (owner is not None and owner.is_admin) or f"{self.name}:{sender.external_id}" in (
                self.settings.admins
            )
            if admin:  # a page of a plan: read with the images that follow it
                self._gather_image(sender, url)
                return []
            # Not an admin: the router answers that only admins import plans (the image is not fetched).
            return await self.dispatch(Incoming(sender=sender, file=unfetched(url)), ZALO_CAPS)
        key = {"message.image.received": "zalo.image", "message.sticker.received": "zalo.sticker"}.get(
            str(event), "zalo.unsupported"
        )
        return [Reply(esc(t(lang, key)))]

    def _gather_image(self, sender: Sender, url: str) -> None:
        self._images.setdefault(sender.chat_id, []).append((sender, url))
        waiting = self._image_timers.pop(sender.chat_id, None)
        if waiting is not None:
            waiting.cancel()
        task = asyncio.create_task(self._images_after_quiet(sender.chat_id))
        self._image_timers[sender.chat_id] = task
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _images_after_quiet(self, chat_id: str) -> None:
        try:
            await asyncio.sleep(self.album_wait)
        except asyncio.CancelledError:
            return  # another image came: its timer waits instead
        self._image_timers.pop(chat_id, None)
        images = self._images.pop(chat_id, [])
        if not images:
            return
        sender = images[0][0]
        lock, users = self._chat_locks.get(chat_id) or (asyncio.Lock(), 0)
        self._chat_locks[chat_id] = (lock, users + 1)
        try:
            async with lock:
                for reply in await self._read_images(sender, [url for _, url in images]):
                    await self._reply(chat_id, reply)
        finally:
            lock, users = self._chat_locks[chat_id]
            if users <= 1:
                del self._chat_locks[chat_id]
            else:
                self._chat_locks[chat_id] = (lock, users - 1)

    async def _read_images(self, sender: Sender, urls: list[str]) -> list[Reply]:
        """Download an admin's images (the pages of one plan) and hand them to the router."""
        files = []
        for url in urls:
            try:
                filename, data = await download(
                    url,
                    client=self._http,
                    max_bytes=self._max_mb() * 1024 * 1024,
                    allow_private=self.settings.document_links_allow_private,
                )
            except LinkDownloadError as exc:
                log.info("zalo: image not downloaded (%s)", exc.reason)
                with self.db.session() as session:
                    owner = account_owner(session, channel=self.name, external_id=sender.external_id)
                lang = owner.lang if owner else None
                return [Reply(esc(t(lang, f"zalo.link_{exc.reason}", mb=self._max_mb())))]
            files.append(fetched(filename if "." in filename else f"{filename}.jpg", data))
        incoming = Incoming(
            sender=sender,
            file=files[0],
            album=tuple(files) if len(files) > 1 else (),
            status=status_line(self, sender.chat_id),
        )
        return await self.dispatch(incoming, ZALO_CAPS)

    async def _linked_file(self, incoming: Incoming, url: str) -> Incoming:
        filename, data = await download(
            url,
            client=self._http,
            max_bytes=self._max_mb() * 1024 * 1024,
            allow_private=self.settings.document_links_allow_private,
        )

        async def fetch() -> bytes:
            return data

        file = IncomingFile(filename=filename, size=len(data), fetch=fetch)
        return replace(incoming, text=None, file=file)

    def _max_mb(self) -> int:
        return int(self.settings.max_document_mb)

    async def _reply(self, chat_id: str, reply: Reply) -> None:
        """Answer a user now: through the delivery worker's paced, retried path when the app gave
        one (`send_reply`: a burst delays answers, none is lost); else a short in-place retry."""
        if self._send_reply is not None:
            await self._send_reply(chat_id, reply)
            return
        for attempt in range(1, self.reply_attempts + 1):
            try:
                await self.send(chat_id, reply)
                return
            except RetryLater as exc:
                if attempt == self.reply_attempts:
                    log.warning("zalo: reply to chat %s not sent: %s", chat_id, exc)
                    return
                await self._sleep(self._backoff(attempt, exc.seconds))
            except DeliveryError as exc:  # blocked or refused: nothing more to do for this reply
                log.warning("zalo: reply to chat %s not sent: %s", chat_id, exc)
                return

    def _claim(self, message_id: str) -> bool:
        """Record the event as processed; False when it already was (a redelivery)."""
        with self.db.session() as session:
            return claim_event(session, channel=self.name, key=message_id, now=utcnow())

    def spawn(self, update: dict[str, Any]) -> None:
        """Process an update in the background (the webhook must answer at once)."""
        task = asyncio.create_task(self._guarded(update))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _guarded(self, update: dict[str, Any]) -> None:
        try:
            await self.process_update(update)
        except Exception:
            log.exception("zalo: processing an update failed")

    async def drain(self) -> None:
        """Wait for updates being processed (on shutdown, and in tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # --- polling ----------------------------------------------------------------------------------

    async def run_polling(self, stop: asyncio.Event | None = None) -> None:
        """Poll until `stop` is set (or the task is cancelled). Deletes any webhook first."""
        self._enter_mode("polling")
        stop = stop or asyncio.Event()
        await self._until_ok(self.api.delete_webhook, stop)
        log.info("zalo: polling for updates")
        failures = 0
        while not stop.is_set():
            try:
                update = await unless_stopped(self.api.get_updates(poll_seconds=self.poll_timeout), stop)
            except ZaloAuthError:
                log.error("zalo: the bot token was refused; polling stopped")
                raise
            except (RetryLater, PermanentFailure) as exc:
                failures += 1
                delay = self._backoff(failures, exc.seconds if isinstance(exc, RetryLater) else 0.0)
                log.warning("zalo: getUpdates failed (%s); retrying in %.1fs", exc, delay)
                await sleep_unless(delay, stop, self._sleep)
                continue
            failures = 0
            if update:
                self.spawn(update)
        await self.drain()

    async def _until_ok(self, call: Callable[[], Awaitable[Any]], stop: asyncio.Event) -> None:
        failures = 0
        while not stop.is_set():
            try:
                await call()
                return
            except RetryLater as exc:
                failures += 1
                await sleep_unless(self._backoff(failures, exc.seconds), stop, self._sleep)

    # --- webhook ----------------------------------------------------------------------------------

    async def start_webhook(self, url: str) -> None:
        """Register the webhook with Zalo; updates then arrive at `webhook_route`."""
        if not self._secret:
            raise ValueError("webhook mode needs ZALO_WEBHOOK_SECRET")
        self._enter_mode("webhook")
        await self.api.set_webhook(url, self._secret)
        log.info("zalo: webhook registered")

    def webhook_route(self, path: str = "/zalo/webhook") -> Route:
        return Route(path, self._webhook, methods=["POST"], name="zalo-webhook")

    async def _webhook(self, request: HttpRequest) -> Response:
        given = request.headers.get(SECRET_HEADER, "")
        expected = self._secret or ""
        if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
            log.warning("zalo: webhook call with a wrong secret refused")
            return JSONResponse({"ok": False}, status_code=401)
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"ok": False}, status_code=400)
        if isinstance(body, dict) and body.get("ok") is True and isinstance(body.get("result"), dict):
            body = body["result"]  # tolerate the getUpdates envelope
        if not isinstance(body, dict) or not body.get("event_name"):
            return JSONResponse({"ok": False}, status_code=400)
        self.spawn(body)
        return JSONResponse({"ok": True})

    # --- helpers ----------------------------------------------------------------------------------

    def _enter_mode(self, mode: str) -> None:
        if self._mode not in (None, mode):
            raise RuntimeError(f"zalo: {self._mode} is running; polling and webhook never run together")
        self._mode = mode

    def _backoff(self, attempt: int, hint: float = 0.0) -> float:
        return min(self.backoff_max, max(hint, self.backoff_base * 2 ** (attempt - 1)))
