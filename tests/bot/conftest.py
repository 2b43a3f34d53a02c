"""Bot fixtures: the answerer over the bundled article (built once per session) and a fake Discord."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator

import pytest
import pytest_asyncio

from tests.bot.fake_discord import FakeDiscord


@pytest.fixture(scope="session")
def bundled_answerer(tmp_path_factory: pytest.TempPathFactory):
    """The answering API over the bundled article, with the session's embedding model."""
    import knowledge

    try:
        from retrieval import Answerer
    except ImportError:  # before retrieval exports it at the top level
        from retrieval.answering import Answerer

    return Answerer.open(knowledge=[knowledge.bundled_article_path()])


@contextlib.contextmanager
def discord_endpoints_restored() -> Iterator[None]:
    """Put back discord.py's process-wide REST base and gateway URL after a bot pointed them elsewhere."""
    import discord.gateway
    import discord.http

    base = discord.http.Route.BASE
    gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    try:
        yield
    finally:
        discord.http.Route.BASE = base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway


@pytest_asyncio.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A fake Discord listening on a loopback port, for one test."""
    fake = FakeDiscord()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.close()


async def stop_task(task: asyncio.Task, timeout: float = 10.0) -> None:
    """Cancel ``task`` and wait for it to finish unwinding."""
    if not task.done():
        task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await asyncio.wait_for(task, timeout)
