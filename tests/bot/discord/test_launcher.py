"""Bringing the bot up and down: start-up errors in one line, endpoints, and ``sync_commands``."""

from __future__ import annotations

import logging

import discord
import pytest

from bot.discord.config import BotConfig
from bot.discord.launcher import (
    INTENT_REFUSED,
    TOKEN_MISSING,
    TOKEN_REJECTED,
    discord_endpoints,
    explain_start_error,
    run_bot,
    sync_commands,
)
from bot.errors import StartError
from tests.bot.discord.fake_discord import discord_endpoints_restored
from tests.bot.fake_answerer import FakeAnswerer

# -- start-up ------------------------------------------------------------------------------------


async def test_run_bot_without_a_token_is_one_line_and_a_failing_exit(caplog):
    with caplog.at_level(logging.ERROR):
        assert await run_bot(BotConfig()) == 1
    assert [r.getMessage() for r in caplog.records] == [TOKEN_MISSING]


def test_start_errors_are_explained_in_one_line():
    config = BotConfig()
    assert explain_start_error(discord.LoginFailure("Improper token has been passed."), config) == TOKEN_REJECTED
    assert explain_start_error(discord.PrivilegedIntentsRequired(None), config) == INTENT_REFUSED
    assert "Message Content Intent" in INTENT_REFUSED and "Developer Portal" in INTENT_REFUSED
    assert "discord.com" in explain_start_error(OSError("connection refused"), config)
    assert explain_start_error(ValueError("bug"), config) is None
    for line in (TOKEN_MISSING, TOKEN_REJECTED, INTENT_REFUSED):
        assert "\n" not in line


def test_endpoints_are_pointed_and_restored():
    from discord.gateway import DiscordWebSocket
    from discord.http import Route

    before = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    with discord_endpoints("http://127.0.0.1:9/api/v10/", "ws://127.0.0.1:9/gateway"):
        assert Route("GET", "/users/@me").url == "http://127.0.0.1:9/api/v10/users/@me"
        assert str(DiscordWebSocket.DEFAULT_GATEWAY) == "ws://127.0.0.1:9/gateway"
    assert (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY) == before
    with discord_endpoints("https://discord.com/api/v10", None):
        assert DiscordWebSocket.DEFAULT_GATEWAY == before[1]


async def test_a_rejected_token_exits_non_zero_with_one_line(aiohttp_unauthorized, caplog):
    config = BotConfig(token="bad-token", api_base=aiohttp_unauthorized, gateway_url="ws://127.0.0.1:9/")
    with caplog.at_level(logging.ERROR):
        assert await run_bot(config, answerer=FakeAnswerer()) == 1
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [TOKEN_REJECTED]
    assert not any("bad-token" in r.getMessage() for r in caplog.records)


@pytest.fixture
async def aiohttp_unauthorized():
    """A loopback REST API that answers 401 to everything, as Discord does for a bad token."""
    from aiohttp import web

    async def unauthorized(request):
        return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", unauthorized)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/api/v10"
    finally:
        await runner.cleanup()


# -- registering the commands (onrecord sync) ----------------------------------------------------


async def test_sync_registers_the_commands_globally_or_in_one_guild(fake_discord):
    config = BotConfig(token=fake_discord.token, api_base=fake_discord.api_base, gateway_url=fake_discord.gateway_url)
    with discord_endpoints_restored():
        synced = await sync_commands(config)
        assert {c.name for c in synced} == {
            "ask",
            "quote",
            "speakers",
            "article",
            "help",
            "article-add",
            "article-remove",
        }
        assert {c["name"] for c in fake_discord.commands[None]} == {c.name for c in synced}
        guild = int(fake_discord.guild_id)
        in_guild = await sync_commands(config, guild)
        assert len(in_guild) == 7 and len(fake_discord.commands[str(guild)]) == 7
    assert fake_discord.gateway_connections == 0  # sync logs in over REST only


async def test_sync_with_a_rejected_token_is_one_line(aiohttp_unauthorized):
    with pytest.raises(StartError, match="rejected DISCORD_TOKEN"):
        await sync_commands(BotConfig(token="nope", api_base=aiohttp_unauthorized))


def test_interaction_tokens_in_logged_urls_are_redacted():
    import logging

    from bot.discord.log_privacy import private_discord_logs, redact

    url = "POST https://discord.com/api/v10/interactions/123/aW50ZXJhY3Rpb24.abc-_x/callback with None has returned 429"
    assert "aW50ZXJhY3Rpb24" not in redact(url) and "/interactions/123/<token>/callback" in redact(url)
    assert redact("/webhooks/99/tok.en/messages/@original") == "/webhooks/99/<token>/messages/@original"
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("discord.http")
    logger.addHandler(handler)
    try:
        with private_discord_logs():
            logger.warning("We are being rate limited. %s responded with 429.", url)
            assert logging.getLogger("discord").getEffectiveLevel() >= logging.INFO
    finally:
        logger.removeHandler(handler)
    assert "aW50ZXJhY3Rpb24" not in records[0].getMessage()
