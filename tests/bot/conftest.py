"""Bot fixtures: the answering API over the bundled article, built once per test session."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.bot.fake_discord import FakeDiscord, discord_endpoints_restored, stop_task  # noqa: F401 (test modules import these from here too)


@pytest.fixture(scope="session")
def bundled_answerer():
    """The answering API over the bundled article, with the session's embedding model."""
    import knowledge
    from retrieval import Answerer

    return Answerer.open(knowledge=[knowledge.bundled_article_path()])


@pytest_asyncio.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A fake Discord listening on a loopback port, for one test."""
    fake = FakeDiscord()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.close()
