"""The real ``onrecord serve`` code path under load and faults: a burst of 200 questions, expired and stale interactions.

Like test_e2e.py, the bot (``run_bot``) runs as a task in the test's event loop against the
fake Discord (REST base named by hostname, snowflakes with real timestamps).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import statistics
import threading

import pytest
import pytest_asyncio

from tests.bot.discord.fake_discord import (
    ACK_DEADLINE,
    CALLBACK_DEFERRED_MESSAGE,
    CALLBACK_MESSAGE,
    EPHEMERAL,
    Exchange,
    FakeDiscord,
    discord_endpoints_restored,
    stop_task,
)
from tests.bot.discord.test_e2e import (
    LATENCY_QUESTIONS,
    QUESTION,
    RecordingHandler,
    answer_of,
    percentile,
    serve_environ,
    serve_logging,
    start_bot,
    text_of,
)

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="module")]

BURST = 200
IDLE = 16.0  # seconds: past aiohttp's DNS cache (10 s) and its idle connections (15 s)


LOADED_DIRS: dict = {}  # fake Discord port -> the module bot's directory (its database and heartbeat file)


def loaded_dir(fake: FakeDiscord):
    return LOADED_DIRS[fake.port]


class CountingAnswerer:
    """The real answerer, counting the questions that reached it."""

    def __init__(self, answerer) -> None:
        self._answerer = answerer
        self.asked: list[str] = []

    def ask(self, question: str, **kwargs):
        self.asked.append(question)
        return self._answerer.ask(question, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._answerer, name)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def loaded(bundled_answerer, tmp_path_factory):
    """One bot for the module (default cooldown, default model threads and queue) and its log."""
    fake = FakeDiscord()
    await fake.start()
    directory = tmp_path_factory.mktemp("load")
    LOADED_DIRS[fake.port] = directory
    environ = serve_environ(fake, directory)
    handler = RecordingHandler()
    logging.getLogger().addHandler(handler)
    from bot.discord.config import BotConfig

    answerer = CountingAnswerer(bundled_answerer)
    with discord_endpoints_restored(), serve_logging(BotConfig.from_env(environ, dotenv=False)):
        task = await start_bot(fake, environ, answerer)
        try:
            yield fake, task, handler.records, answerer
        finally:
            await stop_task(task)
            await fake.close()
            logging.getLogger().removeHandler(handler)


async def test_a_rate_limited_command_sync_does_not_keep_the_bot_offline(bundled_answerer, tmp_path, caplog):
    fake = FakeDiscord()
    await fake.start()
    fake.rate_limit("PUT", rf"/applications/{fake.application_id}/guilds/{fake.guild_id}/commands", 600)
    environ = serve_environ(fake, tmp_path, ONRECORD_DEV_GUILD=fake.guild_id)
    try:
        with discord_endpoints_restored(), caplog.at_level(logging.INFO):
            started = asyncio.get_running_loop().time()
            task = await start_bot(fake, environ, bundled_answerer)
            try:
                exchange = await fake.slash("ask", {"question": QUESTION}, user=fake.make_user())
                assert "John Healey" in text_of(await answer_of(exchange, 20))
                assert asyncio.get_running_loop().time() - started < 30
                sync = await fake.wait_for_request(
                    "PUT", rf"/applications/{fake.application_id}/guilds/{fake.guild_id}/commands", 10
                )
                assert sync.status == 429
                await asyncio.sleep(0.5)
            finally:
                await stop_task(task)
    finally:
        await fake.close()
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and "rate-limited" in r.getMessage()]
    assert len(warnings) == 1 and "onrecord sync" in warnings[0].getMessage()
    assert "Traceback" not in caplog.text


async def test_at_debug_the_log_holds_no_token_interaction_token_or_question(bundled_answerer, tmp_path):
    from bot.discord.config import BotConfig

    fake = FakeDiscord()
    await fake.start()
    environ = serve_environ(fake, tmp_path, ONRECORD_LOG_LEVEL="DEBUG")
    handler = RecordingHandler()
    logging.getLogger().addHandler(handler)
    secret = "what did Healey say about the reindeer sledge near Kirkenes?"
    try:
        with discord_endpoints_restored(), serve_logging(BotConfig.from_env(environ, dotenv=False)):
            task = await start_bot(fake, environ, bundled_answerer)
            try:
                exchange = await fake.slash("ask", {"question": secret}, user=fake.make_user())
                await answer_of(exchange)
                since = len(fake.requests)
                await mention(fake, fake.channel_id, secret)
                await fake.wait_for_request("POST", rf"/channels/{fake.channel_id}/messages", 30, since=since)
            finally:
                await stop_task(task)
    finally:
        await fake.close()
        logging.getLogger().removeHandler(handler)
    lines = [f"{r.name}: {r.getMessage()}" for r in handler.records]
    for line in lines:
        assert fake.token not in line and exchange.token not in line, line
        assert secret not in line and "reindeer" not in line, line


class HangingAnswerer:
    """The real answerer, except that questions hang until ``release`` is set (model threads stuck in a call)."""

    def __init__(self, answerer) -> None:
        self._answerer = answerer
        self.release = threading.Event()

    def ask(self, question: str, **kwargs):
        self.release.wait(60)
        return self._answerer.ask(question, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._answerer, name)


async def test_sigterm_with_questions_in_flight_tells_the_waiting_and_exits_within_5_s(
    bundled_answerer, tmp_path, caplog
):
    fake = FakeDiscord()
    await fake.start()
    answerer = HangingAnswerer(bundled_answerer)
    try:
        with discord_endpoints_restored(), caplog.at_level(logging.INFO):
            task = await start_bot(fake, serve_environ(fake, tmp_path, ONRECORD_COOLDOWN="off"), answerer)
            try:
                exchanges = await asyncio.gather(
                    *(fake.slash("ask", {"question": QUESTION}, user=fake.make_user()) for _ in range(20))
                )
                for exchange in exchanges:
                    await exchange.response(10)
                await asyncio.sleep(1.5)  # the two running ones are deferred too by now
                deferred = [e for e in exchanges if (await e.response()).json["type"] == CALLBACK_DEFERRED_MESSAGE]
                assert deferred, "nothing was waiting for an answer"
                os.kill(os.getpid(), signal.SIGTERM)
                started = asyncio.get_running_loop().time()
                code = await asyncio.wait_for(asyncio.shield(task), 10)
                took = asyncio.get_running_loop().time() - started
            finally:
                await stop_task(task)
                answerer.release.set()
    finally:
        await fake.close()
    assert code == 0 and took < 5.0, (code, took)
    for exchange in deferred:
        told = [p for p in exchange.sent_payloads() if "restarting" in (p.get("content") or "")]
        assert told, f"a deferred question was not told the bot is restarting: {exchange.sent_payloads()}"
    assert "Traceback" not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text


def callbacks_of(exchange: Exchange) -> list:
    return [r for r in exchange.requests if r.path.endswith("/callback")]


def tracebacks(records: list[logging.LogRecord]) -> list[str]:
    return [r.getMessage() for r in records if r.exc_info or "Traceback" in r.getMessage()]


async def test_the_connected_bot_keeps_its_heartbeat_fresh_for_onrecord_health(loaded, monkeypatch, capsys):
    from bot import cli
    from bot.discord.config import BotConfig

    fake, task, *_ = loaded
    path = BotConfig.from_env(serve_environ(fake, loaded_dir(fake)), dotenv=False).heartbeat_file
    for _ in range(50):
        if path.exists():
            break
        await asyncio.sleep(0.1)
    monkeypatch.setenv("ONRECORD_HEARTBEAT_FILE", str(path))
    assert cli.main(["health"]) == 0
    assert cli.main(["health", "--max-age", "-1"]) == 1
    assert "unhealthy" in capsys.readouterr().err


async def test_an_expired_interaction_gets_one_callback_no_traceback_and_the_next_is_answered(loaded):
    fake, task, records, _ = loaded
    since = len(records)
    expired = await fake.slash("ask", {"question": QUESTION}, user=fake.make_user(), expired=True)
    callback = await expired.response()
    assert callback.status == 404
    await asyncio.sleep(1.5)  # time for a second callback or a follow-up, which must not come
    assert [r.status for r in expired.requests] == [404], [(r.method, r.path, r.status) for r in expired.requests]
    assert not tracebacks(records[since:])
    assert any("expired" in r.getMessage() for r in records[since:])
    following = await fake.slash("ask", {"question": QUESTION}, user=fake.make_user())
    assert "John Healey" in text_of(await answer_of(following))
    assert not task.done()


async def test_an_interaction_too_old_on_arrival_is_dropped_without_running_the_model(loaded):
    fake, _, records, answerer = loaded
    question = "what did Healey say about the snow on the Barents Sea?"
    stale = await fake.slash("ask", {"question": question}, user=fake.make_user(), age=2.9)
    await asyncio.sleep(1.0)
    assert stale.requests == []
    assert question not in answerer.asked
    assert any("expired" in r.getMessage() for r in records)


async def test_a_burst_of_200_questions_after_idling_is_acknowledged_in_time(loaded, tmp_path_factory):
    """Every one acknowledged within 3 s, exactly once, and answered or told the bot is busy; the timings are written out."""
    fake, task, records, _ = loaded
    await asyncio.sleep(IDLE)
    since = len(records)
    users = [fake.make_user(f"reader{i}") for i in range(BURST)]
    exchanges = await asyncio.gather(
        *(
            fake.slash("ask", {"question": LATENCY_QUESTIONS[i % len(LATENCY_QUESTIONS)]}, user=users[i])
            for i in range(BURST)
        )
    )
    acknowledged, answered, busy_at = [], [], []
    for exchange in exchanges:
        callback = await exchange.response(15)
        acknowledged.append(callback.at - exchange.dispatched_at)
    late = [round(s, 2) for s in acknowledged if s >= ACK_DEADLINE]
    assert not late, f"{len(late)} of {BURST} acknowledged after {ACK_DEADLINE} s: {late[:10]}"
    finals = await asyncio.gather(*(exchange.final(60) for exchange in exchanges))
    for exchange, final in zip(exchanges, finals, strict=True):
        callbacks = callbacks_of(exchange)
        assert len(callbacks) == 1 and callbacks[0].status < 400, [(r.path, r.status) for r in callbacks]
        assert callbacks[0].json["type"] in (CALLBACK_MESSAGE, CALLBACK_DEFERRED_MESSAGE)
        message = fake.messages[final.message_id()]
        if "try again in a moment" in text_of(message):
            assert message["flags"] & EPHEMERAL
            busy_at.append(final.at - exchange.dispatched_at)
        else:
            assert message.get("embeds"), text_of(message)
            assert not message["flags"] & EPHEMERAL
            answered.append(final.at - exchange.dispatched_at)
        assert all(r.status < 400 for r in exchange.requests), [(r.path, r.status) for r in exchange.requests]
    assert answered, "nothing in the burst was answered"
    assert not tracebacks(records[since:])
    assert not task.done()
    after = await fake.slash("ask", {"question": QUESTION}, user=fake.make_user())
    assert "John Healey" in text_of(await answer_of(after))

    def summary(seconds: list[float]) -> dict:
        ms = [s * 1000 for s in seconds]
        return {"n": len(ms), "p50": statistics.median(ms), "p95": percentile(ms, 0.95), "max": max(ms)} if ms else {}

    report = {
        "burst": BURST,
        "acknowledged_ms": summary(acknowledged),
        "answered_ms": summary(answered),
        "busy_ms": summary(busy_at),
    }
    path = tmp_path_factory.getbasetemp() / "burst_latency.json"
    path.write_text(json.dumps(report, indent=2))
    print(f"\nBENCHMARK burst of {BURST} /ask after {IDLE:.0f} s idle: {json.dumps(report)} ({path})")


# -- channels: permissions, refusals, deleted questions ---------------------------------------------


async def mention(fake: FakeDiscord, channel_id: str, question: str = QUESTION) -> dict:
    return await fake.send_message(
        f"<@{fake.bot_id}> {question}", user=fake.make_user("reader"), mentions=[fake.bot_user], channel_id=channel_id
    )


def channel_requests(fake: FakeDiscord, channel_id: str, since: int) -> list:
    return [r for r in fake.requests[since:] if r.path.startswith(f"/channels/{channel_id}/")]


def warnings_about(records: list[logging.LogRecord], channel_id: str) -> list[logging.LogRecord]:
    return [r for r in records if r.levelno == logging.WARNING and channel_id in r.getMessage()]


async def test_a_channel_where_the_bot_may_not_send_gets_no_requests_and_one_warning(loaded):
    fake, task, records, _ = loaded
    since, logged = len(fake.requests), len(records)
    for _ in range(3):
        await mention(fake, fake.no_send_channel_id)
    await asyncio.sleep(1.0)
    assert channel_requests(fake, fake.no_send_channel_id, since) == []
    assert len(warnings_about(records[logged:], fake.no_send_channel_id)) == 1
    assert not tracebacks(records[logged:])


async def test_a_channel_that_answers_403_is_tried_once_then_left_alone_and_others_are_fine(loaded):
    fake, task, records, _ = loaded
    since, logged = len(fake.requests), len(records)
    await mention(fake, fake.refusing_channel_id)
    await fake.wait_for_request("POST", rf"/channels/{fake.refusing_channel_id}/messages", 30, since=since)
    for _ in range(2):
        await mention(fake, fake.refusing_channel_id)
    await mention(fake, fake.channel_id)
    answer = await fake.wait_for_request("POST", rf"/channels/{fake.channel_id}/messages", 30, since=since)
    await asyncio.sleep(1.0)
    refused = channel_requests(fake, fake.refusing_channel_id, since)
    assert len(refused) == 1 and refused[0].status == 403, [(r.method, r.status) for r in refused]
    assert len(warnings_about(records[logged:], fake.refusing_channel_id)) == 1
    assert not tracebacks(records[logged:])
    assert answer.status == 200 and answer.json["embeds"]


async def test_without_embed_links_the_answer_is_plain_text(loaded):
    fake, *_ = loaded
    since = len(fake.requests)
    await mention(fake, fake.no_embeds_channel_id)
    reply = await fake.wait_for_request("POST", rf"/channels/{fake.no_embeds_channel_id}/messages", 30, since=since)
    assert reply.status == 200
    assert not reply.json.get("embeds")
    assert "John Healey" in reply.json["content"] and len(reply.json["content"]) <= 2000


async def test_a_question_deleted_before_its_answer_still_gets_the_answer(loaded):
    fake, *_ = loaded
    since = len(fake.requests)
    message = await mention(fake, fake.channel_id)
    fake.delete_message(message["id"])
    reply = await fake.wait_for_request("POST", rf"/channels/{fake.channel_id}/messages", 30, since=since)
    assert reply.status == 200, reply.response
    assert reply.json["message_reference"]["fail_if_not_exists"] is False
    assert "John Healey" in text_of(reply.json)


# -- sharding ------------------------------------------------------------------------------------


async def test_two_shards_from_gateway_bot_identify_as_0_and_1_of_2_and_answer(bundled_answerer, tmp_path):
    fake = FakeDiscord(shards=2)
    await fake.start()
    try:
        with discord_endpoints_restored():
            task = await start_bot(fake, serve_environ(fake, tmp_path), bundled_answerer)
            try:
                for _ in range(150):  # discord.py waits 5 s before identifying each further shard
                    if len(fake.identifies) == 2:
                        break
                    await asyncio.sleep(0.1)
                assert sorted(tuple(i["shard"]) for i in fake.identifies) == [(0, 2), (1, 2)]
                assert any(r.path == "/gateway/bot" for r in fake.requests)
                exchange = await fake.slash("ask", {"question": QUESTION}, user=fake.make_user())
                assert "John Healey" in text_of(await answer_of(exchange))
            finally:
                await stop_task(task)
    finally:
        await fake.close()


async def test_onrecord_shard_ids_run_a_subset_of_the_shards(bundled_answerer, tmp_path):
    fake = FakeDiscord(shards=4)
    await fake.start()
    try:
        with discord_endpoints_restored():
            environ = serve_environ(fake, tmp_path, ONRECORD_SHARDS="2", ONRECORD_SHARD_IDS="1")
            task = await start_bot(fake, environ, bundled_answerer)
            try:
                await asyncio.sleep(0.5)
                assert [i["shard"] for i in fake.identifies] == [[1, 2]]
            finally:
                await stop_task(task)
    finally:
        await fake.close()


async def test_close_4011_says_what_to_do(bundled_answerer, tmp_path, caplog):
    from tests.bot.discord.test_e2e import run_to_exit

    fake = FakeDiscord(close_on_identify=4011)
    await fake.start()
    try:
        code = await run_to_exit(fake, serve_environ(fake, tmp_path), bundled_answerer)
    finally:
        await fake.close()
    assert code == 1
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "4011" in errors[0] and "ONRECORD_SHARDS" in errors[0], errors
    assert "Traceback" not in caplog.text


# -- gateway trouble -------------------------------------------------------------------------------


async def test_reconnect_invalid_session_and_close_4000_resume_or_reidentify_and_answer_once(
    bundled_answerer, tmp_path
):
    fake = FakeDiscord()
    await fake.start()

    async def wait_until(condition, what: str) -> None:
        for _ in range(200):
            if condition():
                return
            await asyncio.sleep(0.05)
        pytest.fail(f"the bot did not {what}")

    async def answered_once() -> None:
        exchange = await fake.slash("ask", {"question": QUESTION}, user=fake.make_user())
        assert "John Healey" in text_of(await answer_of(exchange))
        await asyncio.sleep(0.3)
        assert len(callbacks_of(exchange)) == 1

    try:
        with discord_endpoints_restored():
            task = await start_bot(fake, serve_environ(fake, tmp_path, ONRECORD_COOLDOWN="off"), bundled_answerer)
            try:
                await answered_once()
                session = fake.session_id
                await fake.request_reconnect()
                await wait_until(lambda: len(fake.resumes) == 1, "RESUME after op 7")
                assert fake.resumes[0]["session_id"] == session
                await answered_once()
                await fake.close_gateway(4000)
                await wait_until(lambda: len(fake.resumes) == 2, "RESUME after close 4000")
                assert fake.resumes[1]["session_id"] == session and fake.resumes[1]["seq"] > 0
                await answered_once()
                identified = len(fake.identifies)
                await fake.invalidate_session()
                await wait_until(lambda: len(fake.identifies) == identified + 1, "IDENTIFY after op 9")
                await answered_once()
                assert not task.done()
            finally:
                await stop_task(task)
    finally:
        await fake.close()
