"""A fake Discord on loopback: the REST routes and the websocket gateway discord.py talks to.

The real discord.py client is pointed at it (REST base and gateway URL) and cannot tell the
difference for the parts a bot uses: login, application info, command sync, the gateway
handshake (HELLO, heartbeat ACK, IDENTIFY -> READY, GUILD_CREATE), dispatched events, and
every way a bot answers (interaction callbacks, webhook follow-ups and edits, channel
messages). Every request is recorded so a test can assert on exactly what the bot sent.
Files people attach to a command are served by the fake's own CDN on the same loopback
port, where the attachment's ``url`` and ``proxy_url`` point.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

API_PREFIX = "/api/v10"

# Gateway opcodes (https://discord.com/developers/docs/topics/opcodes-and-status-codes).
OP_DISPATCH = 0
OP_HEARTBEAT = 1
OP_IDENTIFY = 2
OP_PRESENCE = 3
OP_RESUME = 6
OP_RECONNECT = 7
OP_REQUEST_MEMBERS = 8
OP_INVALID_SESSION = 9
OP_HELLO = 10
OP_HEARTBEAT_ACK = 11

# Interaction types and callback types.
PING, APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 1, 2, 3, 4, 5
CALLBACK_MESSAGE = 4
CALLBACK_DEFERRED_MESSAGE = 5
CALLBACK_DEFERRED_UPDATE = 6
CALLBACK_UPDATE_MESSAGE = 7
CALLBACK_AUTOCOMPLETE = 8

EPHEMERAL = 1 << 6
LOADING = 1 << 7  # a deferred response's "thinking..." message

# Discord shows "This interaction failed" if an interaction is not acknowledged within 3 seconds.
ACK_DEADLINE = 3.0

# Privileged intents: Discord closes the gateway with 4014 when one is asked for but not enabled.
PRIVILEGED_INTENTS = {"members": 1 << 1, "presences": 1 << 8, "message_content": 1 << 15}

DISCORD_EPOCH_MS = 1_420_070_400_000
_increments = itertools.count()

# Permission bits the fake's channels grant or deny, and a member's Manage Server.
VIEW_CHANNEL, SEND_MESSAGES, EMBED_LINKS, READ_MESSAGE_HISTORY = 1 << 10, 1 << 11, 1 << 14, 1 << 16
MANAGE_GUILD = 1 << 5
EVERY_PERMISSION = (1 << 41) - 1
# Application command option types that carry a snowflake resolved in the interaction's data.
OPTION_ATTACHMENT = 11


def snowflake() -> str:
    """Return a fresh snowflake id as Discord sends it (a string), holding the current time as Discord's do."""
    ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return str((ms << 22) | (next(_increments) & 0x3FFFFF))


def _now() -> str:
    return datetime.now(UTC).isoformat()


def json_response(data: Any, status: int = 200) -> web.Response:
    """A JSON response with Content-Type exactly ``application/json``: discord.py parses nothing else."""
    return web.Response(status=status, body=json.dumps(data).encode(), headers={"Content-Type": "application/json"})


def user_payload(user_id: str, name: str, *, bot: bool = False) -> dict:
    """A user object."""
    return {
        "id": user_id,
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
    }


def message_limit_problem(message: dict) -> str | None:
    """What in a message payload breaks Discord's limits (Discord answers 400), or None."""
    if len(message.get("content") or "") > 2000:
        return "content over 2000 characters"
    embeds = message.get("embeds") or []
    if len(embeds) > 10:
        return f"{len(embeds)} embeds (at most 10)"
    total = 0
    for embed in embeds:
        parts = {
            "title": (embed.get("title") or "", 256),
            "description": (embed.get("description") or "", 4096),
            "author.name": ((embed.get("author") or {}).get("name") or "", 256),
            "footer.text": ((embed.get("footer") or {}).get("text") or "", 2048),
        }
        fields = embed.get("fields") or []
        if len(fields) > 25:
            return f"{len(fields)} embed fields (at most 25)"
        for i, f in enumerate(fields):
            parts[f"fields[{i}].name"] = (f.get("name") or "", 256)
            parts[f"fields[{i}].value"] = (f.get("value") or "", 1024)
            if not f.get("name") or not f.get("value"):
                return f"embed field {i} has an empty name or value"
        for name, (text, limit) in parts.items():
            if len(text) > limit:
                return f"embed {name} is {len(text)} characters (at most {limit})"
            total += len(text)
    if total > 6000:
        return f"embeds total {total} characters (at most 6000)"
    rows = message.get("components") or []
    if len(rows) > 5:
        return f"{len(rows)} action rows (at most 5)"
    for row in rows:
        if row.get("type") == 1 and len(row.get("components") or []) > 5:
            return "more than 5 components in an action row"
        for component in row.get("components") or []:
            if len(component.get("label") or "") > 80 or len(component.get("custom_id") or "") > 100:
                return "a button label over 80 or custom_id over 100 characters"
    return None


@dataclass
class RecordedRequest:
    """One REST request the bot made, as the fake received it."""

    method: str
    path: str  # without the /api/v10 prefix
    query: dict[str, str]
    json: Any  # the JSON body (``payload_json`` of a multipart body), or None
    at: float  # time.perf_counter() when it arrived
    status: int = 0  # what the fake answered
    response: Any = None  # the JSON the fake answered with, if any

    def message_id(self) -> str | None:
        """The id of the message this request created or edited, from the fake's answer."""
        if not isinstance(self.response, dict):
            return None
        if "resource" in self.response or "interaction" in self.response:
            return ((self.response.get("resource") or {}).get("message") or {}).get("id")
        return self.response.get("id")

    def message_payload(self) -> dict | None:
        """The message this request creates or edits, or None if it carries no message."""
        if not isinstance(self.json, dict):
            return None
        if self.path.endswith("/callback"):
            if self.json.get("type") in (CALLBACK_MESSAGE, CALLBACK_UPDATE_MESSAGE):
                return self.json.get("data") or {}
            return None
        if self.method in ("POST", "PATCH") and (
            self.path.startswith("/webhooks/") or re.fullmatch(r"/channels/\d+/messages(/\d+)?", self.path)
        ):
            return self.json
        return None


@dataclass
class Exchange:
    """One dispatched interaction and everything the bot sent back for it."""

    interaction_id: str
    token: str
    dispatched_at: float
    fake: FakeDiscord
    callback: asyncio.Future = field(repr=False)  # resolves to the callback RecordedRequest

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request the bot made about this interaction (callback, follow-ups, edits)."""
        return [r for r in self.fake.requests if self.token in r.path]

    async def response(self, timeout: float = 10.0) -> RecordedRequest:
        """Wait for the interaction callback (Discord's 3-second acknowledgement)."""
        return await asyncio.wait_for(asyncio.shield(self.callback), timeout)

    async def final(self, timeout: float = 30.0) -> RecordedRequest:
        """Wait for the request that carries the answer.

        That is the callback itself when it is a message, an update or autocomplete
        choices; after a deferral it is the first follow-up or edit of the original.
        """
        deadline = time.perf_counter() + timeout
        callback = await self.response(timeout)
        if callback.json.get("type") not in (CALLBACK_DEFERRED_MESSAGE, CALLBACK_DEFERRED_UPDATE):
            return callback
        remaining = max(0.01, deadline - time.perf_counter())
        return await self.fake.wait_for_request(
            r"POST|PATCH", rf"/webhooks/\d+/{re.escape(self.token)}(/.*)?", timeout=remaining
        )

    def sent_payloads(self) -> list[dict]:
        """The message payloads the bot sent for this interaction so far."""
        return [p for p in (r.message_payload() for r in self.requests) if p is not None]


class FakeDiscord:
    """An aiohttp server that plays Discord's REST API and gateway for one bot in one guild."""

    def __init__(
        self,
        *,
        token: str = "fake-token.for-tests.only",
        privileged_intents: frozenset[str] = frozenset({"message_content", "members", "presences"}),
        heartbeat_interval_ms: int = 41_250,
        shards: int = 1,
        close_on_identify: int | None = None,
        guild_id: str | None = None,
        other_guilds: int = 0,
    ) -> None:
        """``guild_id``: the main guild's id (another fake's, to play a second process in the same server);
        ``other_guilds``: how many more guilds the bot is in (their ids in ``other_guild_ids``)."""
        self.token = token
        self.shards = shards
        self.close_on_identify = close_on_identify  # e.g. 4011 (sharding required)
        self.privileged_intents = privileged_intents
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.bot_id = snowflake()
        self.application_id = self.bot_id  # as for every bot created in the Developer Portal
        self.owner_id = snowflake()
        self.guild_id = guild_id or snowflake()
        self.channel_id = snowflake()
        self.other_guild_ids = [snowflake() for _ in range(other_guilds)]
        self._general = {self.guild_id: self.channel_id} | {g: snowflake() for g in self.other_guild_ids}
        # The CDN: attachment id -> (file name, bytes, content type), and the paths fetched from it.
        self.cdn: dict[str, tuple[str, bytes, str | None]] = {}
        self.cdn_requests: list[str] = []
        # Channels where the bot may not send messages, or may send but not embed; and one where
        # the guild's permissions say yes but Discord answers 403 50013 (permissions changed since).
        self.no_send_channel_id = snowflake()
        self.no_embeds_channel_id = snowflake()
        self.refusing_channel_id = snowflake()
        self.deleted_messages: set[str] = set()
        self.expired_tokens: set[str] = set()  # interactions whose callback gets 404 10062
        self.rate_limits: list[tuple[str, str, float]] = []  # (method regex, path regex, retry_after), used once each
        self.bot_user = user_payload(self.bot_id, "onrecord", bot=True)
        self.requests: list[RecordedRequest] = []
        self.identify: dict | None = None  # the IDENTIFY payload's "d"
        self.gateway_connections = 0
        self.gateway_close_code: int | None = None  # how the last gateway connection was closed
        self.commands: dict[str | None, list[dict]] = {}  # guild id (None: global) -> synced commands
        self.messages: dict[str, dict] = {}  # message id -> message as stored by the fake
        self.ready = asyncio.Event()
        self._ws: web.WebSocketResponse | None = None
        self._compressors: dict[int, Any] = {}  # id(websocket) -> its zlib-stream compressor
        self._seq = 0
        self._waiters: list[tuple[Callable[[RecordedRequest], bool], asyncio.Future]] = []
        self._callbacks: dict[str, asyncio.Future] = {}  # interaction token -> callback future
        self._original: dict[str, str] = {}  # interaction token -> original response message id
        self._interaction_types: dict[str, int] = {}  # interaction token -> interaction type
        self._dispatched_at: dict[str, float] = {}  # interaction token -> when INTERACTION_CREATE was sent
        self._component_message: dict[str, str] = {}  # interaction token -> message the button is on
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.identifies: list[dict] = []  # every IDENTIFY payload's "d", in order
        self.resumes: list[dict] = []  # every RESUME payload's "d", in order
        self.session_id: str | None = None
        self._shard_ws: dict[int, web.WebSocketResponse] = {}  # shard id -> its live connection

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", rest_host: str = "localhost") -> None:
        """Listen on an ephemeral loopback port; the REST base names the host ``rest_host``, as Discord's names one."""
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/attachments/{channel}/{attachment}/{filename}", self._cdn)
        app.router.add_get("/media/attachments/{channel}/{attachment}/{filename}", self._cdn)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        self.host = host
        self.rest_host = rest_host

    async def close(self) -> None:
        """Close the gateway connection and stop the server."""
        if self._ws is not None and not self._ws.closed:
            await self._ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        """What DISCORD_API_BASE should be (discord.py's Route.BASE, version included)."""
        return f"http://{self.rest_host}:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        """What DISCORD_GATEWAY_URL should be."""
        return f"ws://{self.host}:{self.port}/gateway"

    # -- CDN ---------------------------------------------------------------------------------

    def upload(self, filename: str, data: bytes, content_type: str | None = None, *, size: int | None = None) -> dict:
        """Store a file as someone attaching it would; return its attachment object (``url`` on this fake's CDN).

        ``size`` is what Discord reports (the real length unless given).
        """
        attachment_id = snowflake()
        self.cdn[attachment_id] = (filename, data, content_type)
        path = f"attachments/{self.channel_id}/{attachment_id}/{filename}"
        payload = {
            "id": attachment_id,
            "filename": filename,
            "size": len(data) if size is None else size,
            "url": f"http://{self.host}:{self.port}/{path}?ex=0&is=0&hm=0",
            "proxy_url": f"http://{self.host}:{self.port}/media/{path}?ex=0&is=0&hm=0",
            "ephemeral": True,
        }
        if content_type is not None:
            payload["content_type"] = content_type
        return payload

    async def _cdn(self, request: web.Request) -> web.Response:
        self.cdn_requests.append(request.path)
        stored = self.cdn.get(request.match_info["attachment"])
        if stored is None or stored[0] != request.match_info["filename"]:
            return web.Response(status=404, text="Not Found")
        _, data, content_type = stored
        return web.Response(body=data, headers={"Content-Type": content_type or "application/octet-stream"})

    # -- REST --------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body = await self._read_body(request)
        record = RecordedRequest(request.method, path, dict(request.query), body, time.perf_counter())
        if request.headers.get("Authorization") not in (None, f"Bot {self.token}") and not path.startswith(
            ("/webhooks/", "/interactions/")
        ):
            response = json_response({"message": "401: Unauthorized", "code": 0}, 401)
        elif limited := self._rate_limited(record):
            response = limited
        elif problem := self._invalid(record):
            response = json_response({"message": "Invalid Form Body", "code": 50035, "errors": problem}, 400)
        else:
            response = self._route(record)
        record.status = response.status
        if isinstance(response, web.Response) and response.content_type == "application/json" and response.body:
            record.response = json.loads(response.body)
        self.requests.append(record)
        if found := re.fullmatch(r"/interactions/\d+/([^/]+)/callback", path):
            callback = self._callbacks.get(found.group(1))
            if callback is not None and not callback.done():  # rejected before it was routed
                callback.set_result(record)
        for predicate, future in list(self._waiters):
            if not future.done() and predicate(record):
                future.set_result(record)
        return response

    @staticmethod
    async def _read_body(request: web.Request) -> Any:
        if not request.can_read_body:
            return None
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if part.name == "payload_json":
                    return json.loads(await part.text())
            return None
        raw = await request.read()
        return json.loads(raw) if raw else None

    def rate_limit(self, method: str, path_pattern: str, retry_after: float) -> None:
        """Answer the next request matching ``method`` and ``path_pattern`` (regexes) with 429 and ``retry_after``."""
        self.rate_limits.append((method, path_pattern, retry_after))

    def _rate_limited(self, r: RecordedRequest) -> web.Response | None:
        for limit in self.rate_limits:
            method, pattern, retry_after = limit
            if re.fullmatch(method, r.method) and re.fullmatch(pattern, r.path):
                self.rate_limits.remove(limit)
                response = json_response(
                    {"message": "You are being rate limited.", "retry_after": retry_after, "global": False, "code": 0},
                    429,
                )
                response.headers.update(
                    {
                        "Via": "1.1 google",
                        "Retry-After": str(int(retry_after)),
                        "X-RateLimit-Limit": "2",
                        "X-RateLimit-Remaining": "0",
                        "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
                        "X-RateLimit-Reset-After": f"{retry_after:.3f}",
                        "X-RateLimit-Bucket": "fake-bucket-" + re.sub(r"\W", "", pattern)[:20],
                        "X-RateLimit-Scope": "user",
                    }
                )
                return response
        return None

    def _invalid(self, r: RecordedRequest) -> str | None:
        """What Discord would reject in this request (HTTP 400), or None."""
        if r.path.endswith("/callback") and isinstance(r.json, dict) and r.json.get("type") == CALLBACK_AUTOCOMPLETE:
            choices = (r.json.get("data") or {}).get("choices") or []
            if len(choices) > 25:
                return f"{len(choices)} autocomplete choices (at most 25)"
            for choice in choices:
                if not 1 <= len(choice.get("name") or "") <= 100 or not 1 <= len(str(choice.get("value"))) <= 100:
                    return f"autocomplete choice {choice!r} (name and value 1-100 characters)"
            return None
        message = r.message_payload()
        if message is None:
            return None
        reference = message.get("message_reference") or {}
        if (
            str(reference.get("message_id")) in self.deleted_messages
            and reference.get("fail_if_not_exists", True) is not False
        ):
            return "message_reference: Unknown message"
        return message_limit_problem(message)

    def _route(self, r: RecordedRequest) -> web.StreamResponse:
        app = self.application_id
        m = re.fullmatch
        if r.method == "GET" and r.path == "/users/@me":
            return json_response(self.bot_user)
        if r.method == "GET" and r.path == "/oauth2/applications/@me":
            return json_response(self._application())
        if r.method == "GET" and r.path in ("/gateway", "/gateway/bot"):
            return json_response(
                {
                    "url": self.gateway_url,
                    "shards": self.shards,
                    "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
                }
            )
        if found := m(rf"/applications/{app}(?:/guilds/(\d+))?/commands", r.path):
            guild = found.group(1)
            if r.method == "PUT":
                self.commands[guild] = [self._command(c, guild) for c in r.json or []]
            if r.method in ("PUT", "GET"):
                return json_response(self.commands.get(guild, []))
        if found := m(r"/interactions/(\d+)/([^/]+)/callback", r.path):
            return self._interaction_callback(found.group(1), found.group(2), r)
        if (found := m(rf"/webhooks/{app}/([^/]+)(?:/.*)?", r.path)) and found.group(1) in self._callbacks:
            callback = self._callbacks[found.group(1)]
            if not callback.done() or callback.result().status >= 400:
                # Follow-ups and edits exist only once the interaction was acknowledged.
                return json_response({"message": "Unknown Webhook", "code": 10015}, 404)
        if found := m(rf"/webhooks/{app}/([^/]+)", r.path):
            if r.method == "POST":
                sent = r.json or {}
                original = self.messages.get(self._original.get(found.group(1), ""))
                if original is not None and original["flags"] & LOADING:
                    # The first follow-up to a deferral replaces its "thinking..." message, which stays
                    # ephemeral or public as the deferral was, whatever flags the follow-up asks for.
                    flags = original["flags"] & EPHEMERAL | sent.get("flags", 0) & ~(EPHEMERAL | LOADING)
                    message = self._store_message(original["id"], {**sent, "flags": flags}, webhook=True)
                else:
                    message = self._store_message(snowflake(), sent, webhook=True)
                if r.query.get("wait") in ("1", "true", "True"):
                    return json_response(message)
                return web.Response(status=204)
        if found := m(rf"/webhooks/{app}/([^/]+)/messages/(@original|\d+)", r.path):
            token, which = found.groups()
            message_id = self._original.get(token) if which == "@original" else which
            if message_id is None or message_id not in self.messages:
                return json_response({"message": "Unknown Message", "code": 10008}, 404)
            if r.method == "PATCH":
                sent, old = r.json or {}, self.messages[message_id]
                flags = old["flags"] & EPHEMERAL | sent.get("flags", old["flags"]) & ~(EPHEMERAL | LOADING)
                return json_response(self._store_message(message_id, {**sent, "flags": flags}, webhook=True))
            if r.method == "GET":
                return json_response(self.messages[message_id])
            if r.method == "DELETE":
                self.messages.pop(message_id, None)
                return web.Response(status=204)
        if (found := m(r"/channels/(\d+)/messages(?:/\d+)?", r.path)) and found.group(1) in (
            self.refusing_channel_id,
            self.no_send_channel_id,
        ):
            return json_response({"message": "Missing Permissions", "code": 50013}, 403)
        if found := m(r"/channels/(\d+)/messages", r.path):
            if r.method == "POST":
                return json_response(self._store_message(snowflake(), r.json or {}, channel_id=found.group(1)))
        if found := m(r"/channels/(\d+)/messages/(\d+)", r.path):
            message_id = found.group(2)
            if message_id not in self.messages:
                return json_response({"message": "Unknown Message", "code": 10008}, 404)
            if r.method == "PATCH":
                return json_response(self._store_message(message_id, r.json or {}))
            if r.method == "DELETE":
                self.messages.pop(message_id, None)
                return web.Response(status=204)
        if m(r"/channels/\d+/typing", r.path) and r.method == "POST":
            return web.Response(status=204)
        return json_response({"message": f"404: Not Found ({r.method} {r.path})", "code": 0}, 404)

    def _application(self) -> dict:
        return {
            "id": self.application_id,
            "name": "onrecord",
            "icon": None,
            "description": "",
            "rpc_origins": [],
            "bot_public": True,
            "bot_require_code_grant": False,
            "bot": self.bot_user,
            "owner": user_payload(self.owner_id, "owner"),
            "team": None,
            "verify_key": "0" * 64,
            "flags": 0,
            "interactions_endpoint_url": None,
            "summary": "",
        }

    def _command(self, sent: dict, guild: str | None) -> dict:
        command = {
            "id": snowflake(),
            "application_id": self.application_id,
            "version": snowflake(),
            "type": 1,
            "default_member_permissions": None,
            "dm_permission": True,
            "nsfw": False,
            "options": [],
            **sent,
        }
        if guild is not None:
            command["guild_id"] = guild
        return command

    def _interaction_callback(self, interaction_id: str, token: str, r: RecordedRequest) -> web.Response:
        future = self._callbacks.get(token)
        if future is None:
            return json_response({"message": "Unknown interaction", "code": 10062}, 404)
        if future.done():
            return json_response({"message": "Interaction has already been acknowledged.", "code": 40060}, 400)
        if token in self.expired_tokens or r.at - self._dispatched_at[token] > ACK_DEADLINE:
            # Discord has already shown the user "This interaction failed".
            future.set_result(r)
            return json_response({"message": "Unknown interaction", "code": 10062}, 404)
        future.set_result(r)
        kind = (r.json or {}).get("type")
        data = (r.json or {}).get("data") or {}
        body: dict[str, Any] = {"interaction": {"id": interaction_id, "type": self._interaction_types[token]}}
        if kind in (CALLBACK_MESSAGE, CALLBACK_DEFERRED_MESSAGE):
            message = self._store_message(
                snowflake(),
                {**data, "flags": data.get("flags", 0) | (LOADING if kind == CALLBACK_DEFERRED_MESSAGE else 0)},
                webhook=True,
            )
            self._original[token] = message["id"]
            body["interaction"].update(
                response_message_id=message["id"],
                response_message_loading=kind == CALLBACK_DEFERRED_MESSAGE,
                response_message_ephemeral=bool(data.get("flags", 0) & EPHEMERAL),
            )
            body["resource"] = {"type": kind, "message": message}
        elif kind in (CALLBACK_UPDATE_MESSAGE, CALLBACK_DEFERRED_UPDATE):
            message_id = self._component_message.get(token)
            if message_id in self.messages:
                self._original[token] = message_id
                message = self.messages[message_id]
                if kind == CALLBACK_UPDATE_MESSAGE:
                    message = self._store_message(message_id, data, webhook=True)
                body["interaction"]["response_message_id"] = message_id
                body["resource"] = {"type": kind, "message": message}
        return json_response(body)

    def _store_message(
        self, message_id: str, sent: dict, *, webhook: bool = False, channel_id: str | None = None
    ) -> dict:
        """Create or update a message the bot sent; return it as Discord would."""
        old = self.messages.get(message_id)
        message = (
            dict(old)
            if old
            else {
                "id": message_id,
                "channel_id": channel_id or self.channel_id,
                "guild_id": self.guild_id,
                "author": self.bot_user,
                "content": "",
                "timestamp": _now(),
                "edited_timestamp": None,
                "tts": False,
                "mention_everyone": False,
                "mentions": [],
                "mention_roles": [],
                "attachments": [],
                "embeds": [],
                "components": [],
                "pinned": False,
                "type": 0,
                "flags": 0,
            }
        )
        if webhook:
            message["webhook_id"] = self.application_id
            message["application_id"] = self.application_id
        if old:
            message["edited_timestamp"] = _now()
        for key in ("content", "embeds", "components", "flags", "tts"):
            if key in sent and sent[key] is not None:
                message[key] = sent[key]
        if "message_reference" in sent:
            message["message_reference"] = sent["message_reference"]
            message["type"] = 19  # reply
        message["components"] = [self._echo_component(c) for c in message.get("components") or []]
        self.messages[message_id] = message
        return message

    @staticmethod
    def _echo_component(component: dict) -> dict:
        """Discord gives every component an id when it stores a message."""
        echoed = dict(component)
        echoed.setdefault("id", 1)
        if "components" in echoed:
            echoed["components"] = [FakeDiscord._echo_component(c) for c in echoed["components"]]
        return echoed

    # -- gateway -----------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.gateway_connections += 1
        self.gateway_query = dict(request.query)
        # Transport compression as Discord does it for the zlib-stream the client asks for; plain
        # text frames otherwise (zstd-stream included, which discord.py also accepts as text).
        if self.gateway_query.get("compress") == "zlib-stream":
            self._compressors[id(ws)] = zlib.compressobj()
        self._ws = ws
        self.gateway_close_code = None
        await self._send(ws, {"op": OP_HELLO, "d": {"heartbeat_interval": self.heartbeat_interval_ms}})
        while True:
            msg = await ws.receive()
            if msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
                if msg.type is WSMsgType.CLOSE:
                    self.gateway_close_code = msg.data  # the code the bot closed with
                break
            if msg.type is not WSMsgType.TEXT:
                continue
            payload = json.loads(msg.data)
            op = payload.get("op")
            if op == OP_HEARTBEAT:
                await self._send(ws, {"op": OP_HEARTBEAT_ACK, "d": None})
            elif op == OP_IDENTIFY:
                await self._identify(ws, payload["d"])
            elif op == OP_RESUME:
                data = payload["d"]
                self.resumes.append(data)
                if data.get("session_id") == self.session_id and data.get("seq") == self._seq and self.session_id:
                    self._ws = ws
                    await self._dispatch_on(ws, "RESUMED", {})
                else:  # a wrong session or sequence cannot be resumed: the bot must IDENTIFY afresh
                    await self._send(ws, {"op": OP_INVALID_SESSION, "d": False})
            elif op == OP_REQUEST_MEMBERS:
                data = payload["d"]
                await self._dispatch_on(
                    ws,
                    "GUILD_MEMBERS_CHUNK",
                    {
                        "guild_id": data["guild_id"],
                        "members": [self._member(self.bot_user)],
                        "chunk_index": 0,
                        "chunk_count": 1,
                        "nonce": data.get("nonce"),
                    },
                )
        if self.gateway_close_code is None:
            self.gateway_close_code = ws.close_code
        self._compressors.pop(id(ws), None)
        return ws

    async def _identify(self, ws: web.WebSocketResponse, data: dict) -> None:
        self.identify = data
        self.identifies.append(data)
        if self.close_on_identify is not None:
            await ws.close(code=self.close_on_identify, message=b"Sharding required.")
            return
        if data.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        intents = int(data.get("intents", 0))
        for name, bit in PRIVILEGED_INTENTS.items():
            if intents & bit and name not in self.privileged_intents:
                await ws.close(code=4014, message=b"Disallowed intent(s).")
                return
        session = self.session_id = snowflake()
        await self._dispatch_on(
            ws,
            "READY",
            {
                "v": 10,
                "user": self.bot_user,
                "guilds": [{"id": g, "unavailable": True} for g in self._general],
                "session_id": session,
                "resume_gateway_url": self.gateway_url,
                "shard": data.get("shard") or [0, 1],
                "application": {"id": self.application_id, "flags": 0},
                "private_channels": [],
                "relationships": [],
            },
        )
        for guild_id in self._general:
            await self._dispatch_on(ws, "GUILD_CREATE", self._guild(guild_id))
        self.ready.set()

    def _guild(self, guild_id: str) -> dict:
        if guild_id == self.guild_id:
            channels = [
                self._channel(self.channel_id, "general", 0),
                self._channel(self.no_send_channel_id, "read-only", SEND_MESSAGES),
                self._channel(self.no_embeds_channel_id, "no-embeds", EMBED_LINKS),
                self._channel(self.refusing_channel_id, "changed-permissions", 0),
            ]
        else:
            channels = [self._channel(self._general[guild_id], "general", 0, guild_id=guild_id)]
        return {
            "id": guild_id,
            "name": "onrecord test guild" if guild_id == self.guild_id else f"another guild {guild_id}",
            "unavailable": False,
            "owner_id": self.owner_id,
            "member_count": 2,
            "large": False,
            "features": [],
            "emojis": [],
            "stickers": [],
            "roles": [
                {
                    "id": guild_id,
                    "name": "@everyone",
                    "permissions": str(VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | READ_MESSAGE_HISTORY),
                    "position": 0,
                    "color": 0,
                    "hoist": False,
                    "managed": False,
                    "mentionable": False,
                    "flags": 0,
                }
            ],
            "channels": channels,
            "members": [self._member(self.bot_user)],
            "voice_states": [],
            "presences": [],
            "threads": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "joined_at": _now(),
            "preferred_locale": "en-US",
        }

    def _channel(self, channel_id: str, name: str, denied: int, *, guild_id: str | None = None) -> dict:
        """A text channel; ``denied`` permission bits are taken from @everyone there."""
        guild_id = guild_id or self.guild_id
        overwrites = [{"id": guild_id, "type": 0, "allow": "0", "deny": str(denied)}] if denied else []
        return {
            "id": channel_id,
            "type": 0,
            "name": name,
            "position": 0,
            "permission_overwrites": overwrites,
            "nsfw": False,
            "topic": None,
            "parent_id": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
        }

    def _member(self, user: dict) -> dict:
        return {"user": user, "roles": [], "joined_at": _now(), "deaf": False, "mute": False, "flags": 0}

    async def _send(self, ws: web.WebSocketResponse, payload: dict) -> None:
        text = json.dumps(payload)
        compressor = self._compressors.get(id(ws))
        if compressor is None:
            await ws.send_str(text)
        else:
            # zlib-stream: one zlib context per connection, each payload ending in a sync flush.
            await ws.send_bytes(compressor.compress(text.encode()) + compressor.flush(zlib.Z_SYNC_FLUSH))

    async def _dispatch_on(self, ws: web.WebSocketResponse, event: str, data: dict) -> None:
        self._seq += 1
        await self._send(ws, {"op": OP_DISPATCH, "t": event, "s": self._seq, "d": data})

    # -- test helpers ------------------------------------------------------------------------

    async def wait_ready(self, timeout: float = 30.0) -> None:
        """Wait until the bot has identified and been sent READY and GUILD_CREATE."""
        await asyncio.wait_for(self.ready.wait(), timeout)

    async def dispatch(self, event: str, data: dict) -> None:
        """Send a DISPATCH event to the connected bot."""
        if self._ws is None or self._ws.closed:
            raise RuntimeError("the bot is not connected to the gateway")
        await self._dispatch_on(self._ws, event, data)

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT: the bot should reconnect and RESUME."""
        assert self._ws is not None
        await self._send(self._ws, {"op": OP_RECONNECT, "d": None})

    async def invalidate_session(self) -> None:
        """Send op 9 INVALID_SESSION (not resumable): the bot should IDENTIFY afresh."""
        assert self._ws is not None
        await self._send(self._ws, {"op": OP_INVALID_SESSION, "d": False})

    async def close_gateway(self, code: int = 4000) -> None:
        """Close the gateway connection with ``code`` (4000, unknown error: the bot should reconnect and RESUME)."""
        assert self._ws is not None
        await self._ws.close(code=code, message=b"Unknown error.")

    def make_user(self, name: str = "asker") -> dict:
        """A new (human) user."""
        return user_payload(snowflake(), name)

    def command_payload(self, name: str, options: dict[str, Any] | None = None, *, focused: str | None = None) -> dict:
        """The ``data`` of an application command (or autocomplete) interaction for ``/name``."""
        registered = next(
            (c for guild in (self.guild_id, None) for c in self.commands.get(guild, []) if c["name"] == name), None
        )
        data: dict[str, Any] = {"id": registered["id"] if registered else snowflake(), "name": name, "type": 1}
        if registered and registered.get("guild_id"):
            data["guild_id"] = registered["guild_id"]
        types = {o["name"]: o.get("type", 3) for o in (registered or {}).get("options", [])}
        attachments = {k: v for k, v in (options or {}).items() if isinstance(v, dict) and "filename" in v}
        data["options"] = [
            {"name": k, "type": types.get(k, 3), "value": v, **({"focused": True} if k == focused else {})}
            for k, v in (options or {}).items()
            if k not in attachments
        ]
        # An attached file travels as its id, with the attachment itself in the resolved data.
        data["options"] += [{"name": k, "type": OPTION_ATTACHMENT, "value": v["id"]} for k, v in attachments.items()]
        if attachments:
            data["resolved"] = {"attachments": {v["id"]: v for v in attachments.values()}}
        return data

    async def dispatch_interaction(
        self,
        kind: int,
        data: dict,
        *,
        user: dict | None = None,
        message: dict | None = None,
        expired: bool = False,
        age: float = 0.0,
        guild_id: str | None = None,
        permissions: int = EVERY_PERMISSION,
    ) -> Exchange:
        """Dispatch INTERACTION_CREATE in a guild's general channel; return its Exchange.

        ``expired``: Discord answers its callback 404 10062 (Unknown interaction).
        ``age``: its snowflake says it was created that many seconds ago (a gateway that lagged).
        ``guild_id``: which of the bot's guilds (default the main one); ``permissions``: the member's there.
        """
        guild_id = guild_id or self.guild_id
        channel_id = self._general[guild_id]
        interaction_id = snowflake()
        if age:
            ms = int((time.time() - age) * 1000) - DISCORD_EPOCH_MS
            interaction_id = str((ms << 22) | (int(interaction_id) & 0x3FFFFF))
        token = "itoken-" + snowflake()
        if expired:
            self.expired_tokens.add(token)
        user = user or self.make_user()
        payload: dict[str, Any] = {
            "id": interaction_id,
            "application_id": self.application_id,
            "type": kind,
            "data": data,
            "guild_id": guild_id,
            "guild": {"id": guild_id, "locale": "en-US", "features": []},
            "channel_id": channel_id,
            "channel": {"id": channel_id, "type": 0, "guild_id": guild_id, "name": "general"},
            "member": {**self._member(user), "permissions": str(permissions)},
            "token": token,
            "version": 1,
            "app_permissions": str(EVERY_PERMISSION),
            "locale": "en-GB",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": guild_id},
            "context": 0,
            "attachment_size_limit": 8 * 1024 * 1024,
        }
        if message is not None:
            payload["message"] = message
        future = asyncio.get_running_loop().create_future()
        self._callbacks[token] = future
        self._interaction_types[token] = kind
        if message is not None:
            self._component_message[token] = message["id"]
        exchange = Exchange(interaction_id, token, time.perf_counter(), self, future)
        self._dispatched_at[token] = exchange.dispatched_at
        await self.dispatch("INTERACTION_CREATE", payload)
        return exchange

    async def slash(
        self, name: str, options: dict[str, Any] | None = None, *, user: dict | None = None, **how: Any
    ) -> Exchange:
        """Dispatch the slash command ``/name`` with ``options`` (``how``: see ``dispatch_interaction``)."""
        return await self.dispatch_interaction(
            APPLICATION_COMMAND, self.command_payload(name, options), user=user, **how
        )

    async def autocomplete(
        self, name: str, options: dict[str, Any], focused: str, *, user: dict | None = None, **how: Any
    ) -> Exchange:
        """Dispatch an autocomplete request for option ``focused`` of ``/name`` (``how``: see ``dispatch_interaction``)."""
        return await self.dispatch_interaction(
            AUTOCOMPLETE, self.command_payload(name, options, focused=focused), user=user, **how
        )

    async def press(self, message_id: str, custom_id: str, *, user: dict) -> Exchange:
        """Press the button ``custom_id`` on the bot's message ``message_id``."""
        message = self.messages[message_id]
        return await self.dispatch_interaction(
            MESSAGE_COMPONENT, {"custom_id": custom_id, "component_type": 2}, user=user, message=message
        )

    async def send_message(
        self, content: str, *, user: dict, mentions: list[dict] | None = None, channel_id: str | None = None
    ) -> dict:
        """Dispatch MESSAGE_CREATE for a message ``user`` posts in a guild channel (default general); return it.

        As Discord does, the bot gets the content only with the message-content intent
        or when the message mentions it; otherwise content arrives empty.
        """
        intents = int((self.identify or {}).get("intents", 0))
        visible = bool(intents & PRIVILEGED_INTENTS["message_content"]) or any(
            u["id"] == self.bot_id for u in mentions or []
        )
        message = {
            "id": snowflake(),
            "channel_id": channel_id or self.channel_id,
            "guild_id": self.guild_id,
            "author": user,
            "member": {"roles": [], "joined_at": _now(), "deaf": False, "mute": False, "flags": 0},
            "content": content,
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [{**u, "member": {"roles": [], "joined_at": _now()}} for u in mentions or []],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
        }
        await self.dispatch("MESSAGE_CREATE", message if visible else {**message, "content": ""})
        return message

    def delete_message(self, message_id: str) -> None:
        """The author deletes their message: a reply to it fails unless ``fail_if_not_exists`` is false."""
        self.deleted_messages.add(message_id)

    async def wait_for_request(
        self,
        method: str,
        path_pattern: str,
        timeout: float = 10.0,
        *,
        predicate: Callable[[RecordedRequest], bool] | None = None,
        since: int = 0,
    ) -> RecordedRequest:
        """Wait for a request whose method and path fully match the regexes (past ones from ``since`` count)."""

        def matches(r: RecordedRequest) -> bool:
            return bool(
                re.fullmatch(method, r.method)
                and re.fullmatch(path_pattern, r.path)
                and (predicate is None or predicate(r))
            )

        for r in self.requests[since:]:
            if matches(r):
                return r
        future = asyncio.get_running_loop().create_future()
        entry = (matches, future)
        self._waiters.append(entry)
        try:
            return await asyncio.wait_for(future, timeout)
        finally:
            self._waiters.remove(entry)

    def sent_messages(self) -> list[tuple[RecordedRequest, dict]]:
        """Every message payload the bot sent (callbacks, follow-ups, edits, channel messages)."""
        return [(r, p) for r in self.requests if (p := r.message_payload()) is not None]


@contextlib.contextmanager
def discord_endpoints_restored() -> Iterator[None]:
    """Put back discord.py's process-wide REST base and gateway URL, whatever a bot did to them."""
    import discord.gateway
    import discord.http

    base = discord.http.Route.BASE
    gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    try:
        yield
    finally:
        discord.http.Route.BASE = base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway


async def stop_task(task: asyncio.Task, timeout: float = 10.0) -> None:
    """Cancel ``task`` (a running bot) and wait for it to finish unwinding."""
    if not task.done():
        task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await asyncio.wait_for(task, timeout)
