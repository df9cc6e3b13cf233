"""Telegram through python-telegram-bot v22, inbound: the `Application` (polling or webhook), each
private-chat update made one `Incoming` for the shared router, the photos of an album gathered into
one plan, and the replies sent back through the adapter (bot/channels/telegram_out.py). `base_url`
comes from TELEGRAM_API_BASE_URL, so tests and self-hosted Bot API servers work.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeDefault,
    Update,
)
from telegram.constants import ChatType
from telegram.error import (
    TelegramError,
)
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler
from telegram.request import BaseRequest

from bot.channels.base import (
    DeliveryError,
)
from bot.channels.status import status_line
from bot.channels.telegram_out import (
    CAPS,
    WEBHOOK_ANSWER_SLOT,
    WEBHOOK_ANSWER_WAIT,
    TelegramChannel,
    WebhookAnswer,
    webhook_answer,
)
from config.settings import Settings
from handlers.context import ChannelCaps
from messages.types import Incoming, IncomingFile, Reply, Sender

log = logging.getLogger(__name__)

CONCURRENT_UPDATES = 64

Dispatch = Callable[[Incoming, ChannelCaps], Awaitable[list[Reply]]]
ErrorSink = Callable[[str], Awaitable[None]]
ReplySender = Callable[[str, Reply], Awaitable[object]]


# --- inbound -------------------------------------------------------------------------------------


def to_incoming(update: Update, bot: Any) -> Incoming | None:
    """The platform-neutral form of an update; None for what the bot ignores (groups, edits ...).
    The update_id is the event key: the router handles each update once, however often it comes."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != ChatType.PRIVATE or user.is_bot:
        return None
    sender = Sender(
        channel="telegram",
        external_id=str(user.id),
        chat_id=str(chat.id),
        display_name=user.full_name,
        username=user.username,
        language_code=user.language_code,
    )
    if update.callback_query is not None:
        q = update.callback_query
        return Incoming(
            sender=sender,
            callback=q.data or "",
            event_key=str(update.update_id),
            callback_message_id=str(q.message.message_id) if q.message is not None else None,
        )
    msg = update.message
    if msg is None:
        return None
    if msg.photo:  # a photo (the largest size Telegram keeps): a page of a plan, for OCR
        largest = max(msg.photo, key=lambda p: p.width * p.height)

        async def fetch_photo() -> bytes:
            tg_file = await bot.get_file(largest.file_id)
            return bytes(await tg_file.download_as_bytearray())

        photo = IncomingFile(filename=f"anh-{msg.message_id}.jpg", size=largest.file_size, fetch=fetch_photo)
        return Incoming(sender=sender, file=photo, text=msg.caption, event_key=str(update.update_id))
    if msg.document is not None:
        doc = msg.document

        async def fetch() -> bytes:
            tg_file = await bot.get_file(doc.file_id)
            return bytes(await tg_file.download_as_bytearray())

        file = IncomingFile(filename=doc.file_name or "document", size=doc.file_size, fetch=fetch)
        return Incoming(sender=sender, file=file, text=msg.caption, event_key=str(update.update_id))
    if msg.text is None:
        return None
    return Incoming(sender=sender, text=msg.text, event_key=str(update.update_id))


class TelegramBot:
    """Builds and wires the python-telegram-bot `Application` around the shared router."""

    def __init__(
        self,
        *,
        settings: Settings,
        dispatch: Dispatch,
        db: Any,
        menus: Callable[[], list[tuple[str | None, list[tuple[str, str]], list[str] | None]]],
        on_error: ErrorSink,
        request: BaseRequest | None = None,
        get_updates_request: BaseRequest | None = None,
        send_reply: ReplySender | None = None,
    ) -> None:
        assert settings.telegram_token is not None
        base = settings.telegram_api_base_url.rstrip("/")
        file_base = base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base + "/file/bot"
        builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
            ApplicationBuilder()
            .token(settings.telegram_token.get_secret_value())
            .base_url(base)
            .base_file_url(file_base)
        )
        if request is not None:
            builder = builder.request(request)
        if get_updates_request is not None:
            builder = builder.get_updates_request(get_updates_request)
        # Updates are handled concurrently (one slow database query or send does not hold up the
        # next chat), but one chat's updates one at a time, in order (`_chat_locks`).
        builder = builder.concurrent_updates(CONCURRENT_UPDATES)
        self.application: Application[Any, Any, Any, Any, Any, Any] = builder.build()
        self._chat_locks: dict[int, list[Any]] = {}  # chat id -> [lock, users]
        # Photos of an album arrive as separate updates sharing a media_group_id: they are gathered
        # until none has come for `album_wait` seconds, then handled as one plan's pages, in order.
        self.album_wait = settings.album_wait_seconds
        self._albums: dict[str, list[tuple[int, Incoming]]] = {}
        self._album_tasks: dict[str, asyncio.Task[None]] = {}
        self._webhook_tasks: set[asyncio.Task[None]] = set()  # webhook updates being handled
        self.channel = TelegramChannel(self.application.bot)
        self.caps = CAPS
        self._dispatch = dispatch
        self._db = db
        self._menus = menus
        self._on_error = on_error
        self._send_reply = send_reply
        self.application.add_handler(TypeHandler(Update, self._on_update))
        self.application.add_error_handler(self._error)

    async def _on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if chat is None:
            await self._handle(update, context)
            return
        msg = update.message
        if msg is not None and msg.media_group_id and msg.photo:
            incoming = to_incoming(update, context.bot)
            if incoming is not None:
                self._gather(chat.id, str(msg.media_group_id), msg.message_id, incoming)
            return
        await self._in_chat(chat.id, self._handle(update, context))

    def _gather(self, chat_id: int, group: str, message_id: int, incoming: Incoming) -> None:
        """One photo of an album: kept, and the album's handling put off until the album is quiet."""
        self._albums.setdefault(group, []).append((message_id, incoming))
        waiting = self._album_tasks.pop(group, None)
        if waiting is not None:
            waiting.cancel()
        self._album_tasks[group] = asyncio.create_task(self._album_after_quiet(chat_id, group))

    async def _album_after_quiet(self, chat_id: int, group: str) -> None:
        try:
            await asyncio.sleep(self.album_wait)
        except asyncio.CancelledError:
            return  # another photo came: its task waits instead
        self._album_tasks.pop(group, None)
        parts = sorted(self._albums.pop(group, []), key=lambda part: part[0])
        if not parts:
            return
        first = parts[0][1]
        album = replace(
            first,
            album=tuple(p.file for _, p in parts if p.file is not None),
            text=next((p.text for _, p in parts if p.text), None),
            event_key=f"album:{group}",  # a redelivered photo of the album is dropped with it
        )
        await self._in_chat(chat_id, self._answer(album))

    async def _in_chat(self, chat_id: int, work: Awaitable[None]) -> None:
        """Run `work` holding the chat's lock: one chat's updates one at a time, in order."""
        entry = self._chat_locks.setdefault(chat_id, [asyncio.Lock(), 0])
        entry[1] += 1  # updates of this chat holding or waiting for the lock
        try:
            async with entry[0]:
                await work
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                del self._chat_locks[chat_id]  # nobody waiting: forget the chat

    async def _handle(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        incoming = to_incoming(update, context.bot)
        if incoming is None:
            return
        if update.callback_query is not None:
            try:  # stop the button's spinner; a redelivered press may be answered already
                await update.callback_query.answer()
            except TelegramError as exc:
                log.info("callback %s not answered: %s", update.callback_query.id, exc)
        await self._answer(incoming)

    async def _answer(self, incoming: Incoming) -> None:
        if incoming.file is not None:  # reading a scan takes a while: a status line shows its pages
            incoming = replace(incoming, status=status_line(self.channel, incoming.sender.chat_id))
        replies = await self._dispatch(incoming, self.caps)
        answer = WEBHOOK_ANSWER_SLOT.get()
        if answer is not None and answer.open and len(replies) == 1:
            params = webhook_answer(incoming.sender.chat_id, replies[0])
            if params is not None:
                answer.params = params  # goes back in the webhook's HTTP response
                return
        for reply in replies:
            await self.deliver(incoming.sender.chat_id, reply)

    async def deliver(self, chat_id: str, reply: Reply) -> None:
        """An interactive answer: edit the pressed message where asked, else send. Through the
        delivery worker's paced, retried path when the app gave one (`send_reply`), so a 429 under a
        burst delays the answer instead of losing it."""
        if self._send_reply is not None:
            await self._send_reply(chat_id, reply)
            return
        try:
            if reply.edit_message_id and await self.channel.edit(chat_id, reply.edit_message_id, reply):
                return
            await self.channel.send(chat_id, reply)
        except DeliveryError as exc:
            log.warning("reply to chat %s not delivered: %s", chat_id, exc)

    async def _error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The one error handler: log with the traceback, tell the admins briefly, keep serving."""
        err = context.error
        log.error("error while handling a Telegram update", exc_info=err)
        await self._on_error(f"{type(err).__name__}: {err}"[:300])

    # --- running ---------------------------------------------------------------------------------

    async def _initialize(self) -> None:
        await self.application.initialize()  # calls getMe: the bot's username makes invite deep links
        self.caps = replace(CAPS, invite_link=f"https://t.me/{self.application.bot.username}?start={{code}}")
        await self.set_commands()

    async def start_polling(self, *, poll_timeout: int = 30, poll_interval: float = 0.0) -> None:
        app = self.application
        await self._initialize()
        assert app.updater is not None
        await app.updater.start_polling(
            timeout=poll_timeout, poll_interval=poll_interval, drop_pending_updates=False
        )
        await app.start()

    async def start_webhook(self, url: str, secret: str) -> None:
        """Updates arrive through bot/webserver.py, which calls `accept` after checking the secret."""
        app = self.application
        await self._initialize()
        await app.bot.set_webhook(url=url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
        await app.start()

    async def accept(self, data: dict[str, Any]) -> dict[str, Any] | None:
        """Process one webhook update now, in this request, through the Application (same handler,
        per-chat lock and concurrency limit as polling); returns the method call to answer the
        webhook with, if the update produced exactly one plain message within WEBHOOK_ANSWER_WAIT
        seconds. A slower update (a document import) is answered "ok" then and goes on in the
        background, sending its replies as requests, so Telegram never waits long nor redelivers.

        Telegram does not report the outcome of a method called in a webhook response (a blocked
        user is only noticed on the next outbound send), which is acceptable for interactive answers.
        """
        app = self.application
        update = Update.de_json(data, app.bot)
        answer = WebhookAnswer()
        token = WEBHOOK_ANSWER_SLOT.set(answer)
        try:  # the task copies the context, so its handler sees `answer`
            task = asyncio.create_task(
                app.update_processor.process_update(update, app.process_update(update))
            )
        finally:
            WEBHOOK_ANSWER_SLOT.reset(token)
        self._webhook_tasks.add(task)
        task.add_done_callback(self._webhook_tasks.discard)
        try:
            await asyncio.wait_for(asyncio.shield(task), WEBHOOK_ANSWER_WAIT)
        except TimeoutError:
            log.info("update %s still being handled; its replies will be sent", update.update_id)
        answer.open = False  # no await since the check: a late handler sees it closed and sends
        return answer.params

    async def stop_inbound(self) -> None:
        """No new updates; sending still works (the delivery worker may be finishing a batch)."""
        app = self.application
        for task in list(self._album_tasks.values()):  # albums still gathering: handled now
            task.cancel()
        self._album_tasks.clear()
        self.album_wait = 0
        await asyncio.gather(
            *(
                self._album_after_quiet(int(parts[0][1].sender.chat_id), group)
                for group, parts in self._albums.items()
            ),
            return_exceptions=True,
        )
        if self._webhook_tasks:  # webhook updates that outlived their request
            await asyncio.gather(*self._webhook_tasks, return_exceptions=True)
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()

    async def shutdown(self) -> None:
        """Close the HTTP client: only after the delivery worker has stopped."""
        await self.stop_inbound()
        await self.application.shutdown()

    async def set_commands(self) -> None:
        """Command menus per language (default scope) and per admin chat (their own scope)."""
        bot = self.application.bot
        try:
            menus = self._menus()
        except Exception:
            log.exception("command menus could not be built")
            return
        for lang, commands, chats in menus:
            if chats is not None:
                for chat_id in chats:
                    await self.channel.set_chat_menu(chat_id, commands)
                continue
            menu = [BotCommand(name, desc[:256]) for name, desc in commands]
            try:
                await bot.set_my_commands(menu, scope=BotCommandScopeDefault(), language_code=lang)
            except TelegramError as exc:
                log.warning("command menu (%s) not set: %s", lang or "default", exc)
