"""`dutybot run`, `dutybot console`, `dutybot invite create`, `dutybot admins add`.

`run` starts every channel whose token is set (Telegram: polling, or a webhook when
TELEGRAM_WEBHOOK_URL is set; Zalo the same with ZALO_WEBHOOK_URL), all in one process sharing one
database, router and scheduler; with no token at all it opens the console, so the README's one command
works on a fresh clone. The first run on an empty database imports the bundled sample plans.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.common import Lang

if TYPE_CHECKING:  # the command line imports what a command needs when it runs (start-up time)
    import asyncio

    from pydantic import SecretStr

    from bot.app import BotApp
    from config.settings import Settings
    from handlers.context import AppServices

log = logging.getLogger(__name__)


def _configure_logging(settings: Settings, *, console_mode: bool) -> None:
    """Servers log to stderr (journald); the console keeps the terminal for the chat and logs to a file."""
    fmt = "%(asctime)s %(levelname)s %(name)s: %(message)s"
    level = settings.log_level.upper()
    if level != "DEBUG":  # one INFO line per Bot API request is noise, and costs time at load
        logging.getLogger("httpx").setLevel(logging.WARNING)
    if not console_mode:
        logging.basicConfig(level=level, format=fmt)
        return
    settings.log_dir.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=level, format=fmt, filename=settings.log_dir / "console.log")


def _prepare(settings: Settings) -> BotApp:
    from bot.app import BotApp
    from bot.scheduler import materialize_once
    from services.samples import import_samples_if_empty

    app = BotApp.build(settings)
    if settings.import_samples_when_empty:
        with app.services.db.session() as session:
            n = import_samples_if_empty(
                session, directory=settings.sample_plans_dir, default_province=settings.default_province
            )
        if n:
            log.info("imported %d sample plan(s) into the empty database", n)
    # Date the deadline rules before the first message, so /hanbaocao answers from the first minute
    # (the scheduler re-dates them periodically after that).
    log.info("occurrences dated at start-up: %d", materialize_once(app.services))
    return app


def run() -> None:
    """Start every channel whose token is set; with none, the console."""
    import asyncio
    import gc

    from bot.redact import install_token_redaction
    from config.settings import get_settings

    settings = get_settings()
    console_mode = settings.telegram_token is None and settings.zalo_token is None
    _configure_logging(settings, console_mode=console_mode)
    # Before the first request: httpx logs URLs, URLs hold the tokens, and DEBUG shows parameters.
    install_token_redaction(
        secret.get_secret_value()
        for secret in (
            settings.telegram_token,
            settings.zalo_token,
            settings.telegram_webhook_secret,
            settings.zalo_webhook_secret,
        )
        if secret is not None
    )
    app = _prepare(settings)
    # What start-up allocated (modules, the import of the sample plans) lives as long as the process:
    # out of the collector's generations, a full collection walks only what requests allocate, and
    # its pause stays out of the reply latency.
    gc.freeze()
    if console_mode:
        typer.echo("No TELEGRAM_TOKEN or ZALO_TOKEN set: starting the console (Ctrl-D to quit).\n")
        asyncio.run(_console(app, user="admin", admin=True))
        return
    with asyncio.Runner(loop_factory=_fast_loop()) as runner:
        runner.run(_serve(app))


def _fast_loop() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop where it is installed (not on Windows): the webhook path spends a good part of each
    update in the event loop and the HTTP server, and uvloop roughly halves that."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def _webhook_secret(configured: SecretStr | None) -> str:
    """The secret a platform sends with each webhook call: the configured one, else a fresh one
    for this run (the webhook is registered with it at start-up). Never written to the log."""
    import secrets

    from bot.redact import install_token_redaction

    secret = configured.get_secret_value() if configured is not None else secrets.token_urlsafe(32)
    install_token_redaction([secret])
    return secret


async def _serve(app: BotApp) -> None:
    import asyncio
    import signal
    from urllib.parse import urlparse

    import uvicorn

    from bot.webserver import build_webserver, telegram_route

    settings = app.services.settings
    routes = []
    if settings.telegram_token is not None:
        telegram = app.add_telegram()
        if settings.telegram_webhook_url:
            secret = _webhook_secret(settings.telegram_webhook_secret)
            routes.append(
                telegram_route(
                    urlparse(settings.telegram_webhook_url).path or "/telegram", secret, telegram.accept
                )
            )
            await telegram.start_webhook(settings.telegram_webhook_url, secret)
        else:
            await telegram.start_polling()
    if settings.zalo_token is not None:
        # One bot never polls and receives webhooks at once: ZALO_WEBHOOK_URL picks the webhook (and
        # setWebhook), otherwise polling (which deletes any webhook first).
        if settings.zalo_webhook_url:
            zalo = app.add_zalo(webhook_secret=_webhook_secret(settings.zalo_webhook_secret))
            routes.append(zalo.webhook_route(urlparse(settings.zalo_webhook_url).path or "/zalo/webhook"))
            await zalo.start_webhook(settings.zalo_webhook_url)
        else:
            await app.add_zalo().start_polling()
    server = None
    if routes:
        config = uvicorn.Config(
            build_webserver(routes),
            host=settings.webhook_listen,
            port=settings.webhook_port,
            log_level="warning",
        )
        server = uvicorn.Server(config)
    await app.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    serving = asyncio.create_task(server.serve()) if server is not None else None
    await stop.wait()
    if server is not None and serving is not None:
        server.should_exit = True
        await serving
    await app.stop()


async def _console(app: BotApp, *, user: str, admin: bool = False, unit: str | None = None) -> None:
    from bot.channels.console import ConsoleChannel, ConsoleSession, t

    channel = ConsoleChannel(me=user, files_dir=app.services.settings.log_dir / "console-files")
    app.add_channel(channel)
    try:
        # an unknown --unit exits here, before start: the database is still closed below
        _console_account(app.services, user=user, admin=admin, unit=unit)
    except BaseException:
        app.services.db.dispose()
        raise
    session = ConsoleSession(app.dispatch, channel, user=user)
    await app.start()
    try:
        channel.out.write(t(None, "console.intro", files=channel.files_dir.resolve()) + "\n\n")
        await session.say("/help")
        await session.repl()
    finally:
        await app.stop()


def _console_account(services: AppServices, *, user: str, admin: bool, unit: str | None) -> None:
    """The terminal is trusted (it holds the database file): it may be an admin or a unit's member.
    The unit is found by the one rule of every command (`unit_or_exit`): never a guess."""
    from bot.cli.common import unit_or_exit
    from services.members import ensure_account, join_unit, set_admin

    with services.db.session() as s:
        account = ensure_account(s, channel="console", external_id=user, lang=services.settings.default_lang)
        if admin:
            set_admin(s, person_id=account.person_id, admin=True, by=None)
        if unit:
            found = unit_or_exit(s, unit, services.settings.default_lang)
            join_unit(s, person_id=account.person_id, unit_id=found.id or 0, now=services.clock.now())


def console(
    as_user: Annotated[str, typer.Option("--as", help="console user name (new or existing)")] = "admin",
    admin: Annotated[bool, typer.Option(help="make this console user an admin")] = True,
    unit: Annotated[str | None, typer.Option(help="make this user a member of the unit")] = None,
) -> None:
    """The same conversation in the terminal, on the local database."""
    import asyncio

    from config.settings import get_settings

    _configure_logging(get_settings(), console_mode=True)
    asyncio.run(_console(_prepare(get_settings()), user=as_user, admin=admin, unit=unit))


invite_app = typer.Typer(no_args_is_help=True, help="Invite codes.")
admins_app = typer.Typer(no_args_is_help=True, help="Admins.")


@invite_app.command("create")
def invite_create(
    unit: Annotated[str, typer.Option(help="the unit, as officers would type it")],
    hours: Annotated[int | None, typer.Option(help="hours until it expires")] = None,
    province: Annotated[str | None, typer.Option(help="look for the unit in this province only")] = None,
    lang: Lang = "vi",
) -> None:
    """A single-use invite code for a unit (shown once; only its hash is stored).

    An invite grants access to the unit's plans, so the unit must be named exactly or matched with
    confidence (`unit_or_exit`); otherwise nothing is created and the closest units are suggested."""
    from bot.cli.common import open_database, say, unit_or_exit
    from config.settings import get_settings
    from services import jurisdictions
    from services.clock import SystemClock, local_time
    from services.members import create_invite
    from storage.models import Jurisdiction

    settings = get_settings()
    with open_database() as db, db.session() as s:
        found = unit_or_exit(s, unit, lang, province=province)
        if not found.active:
            say(lang, "cli.invite.inactive", err=True, unit=found.name)
            raise typer.Exit(1)
        ttl = dt.timedelta(hours=hours or settings.invite_ttl_hours)
        invite, code = create_invite(s, unit_id=found.id or 0, now=SystemClock().now(), ttl=ttl)
        place = jurisdictions.label(
            s.get(Jurisdiction, found.jurisdiction_id) if found.jurisdiction_id else None
        )
        name = found.name
    say(lang, "cli.invite.created", unit=name, place=place, code=code, expires=local_time(invite.expires_at))
    say(lang, "cli.invite.link", code=code)


@admins_app.command("add")
def admins_add(
    who: Annotated[str, typer.Argument(help='"telegram:123456789", "zalo:abc" or "console:name"')],
) -> None:
    """Make a platform identity an admin (creates the account if the person has not written yet)."""
    from bot.cli.common import open_database
    from services.members import ensure_account, set_admin

    channel, _, external = who.partition(":")
    if channel not in ("telegram", "zalo", "console") or not external:
        typer.echo("expected channel:id, e.g. telegram:123456789", err=True)
        raise typer.Exit(2)
    with open_database() as db, db.session() as s:
        account = ensure_account(s, channel=channel, external_id=external)
        set_admin(s, person_id=account.person_id, admin=True, by=None)
    typer.echo(f"{who} is an admin")
