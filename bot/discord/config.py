"""The bot's configuration, read once from environment variables (and an optional ``.env`` file)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError

DEFAULT_API_BASE = "https://discord.com/api/v10"
DEFAULT_COOLDOWN = (3, 30.0)
DEFAULT_HEARTBEAT_FILE = Path("/tmp/onrecord.heartbeat")

# Every variable the bot reads, with what it means; the README's table says the same.
VARIABLES = {
    "DISCORD_TOKEN": "the bot token from the Developer Portal (required for serve and sync)",
    "ONRECORD_DB": "the knowledge base file (default: the default database with the bundled article)",
    "ONRECORD_ANSWER_CHANNELS": "comma-separated channel ids where any question ending in '?' is answered",
    "ONRECORD_DEV_GUILD": "a development guild id: commands are synced there on every start",
    "ONRECORD_COOLDOWN": "questions per seconds per user, e.g. 3/30; 'off' disables it",
    "ONRECORD_LOG_LEVEL": "DEBUG, INFO, WARNING or ERROR (default INFO)",
    "ONRECORD_HEARTBEAT_FILE": f"the file the bot touches while healthy, read by `onrecord health` (default {DEFAULT_HEARTBEAT_FILE})",
    "ONRECORD_SHARDS": "the total number of gateway shards (default: as many as Discord's /gateway/bot recommends)",
    "ONRECORD_SHARD_IDS": "comma-separated shard ids this process runs, e.g. 0,1 (needs ONRECORD_SHARDS; default all)",
    "ONRECORD_MODEL_THREADS": "threads answering questions at once (default: one per CPU the process may use, at most 8)",
    "ONRECORD_MODEL_QUEUE": "questions that may wait for a thread; more get 'busy, try again' (default 8 per thread)",
    "DISCORD_API_BASE": f"the REST API base URL (default {DEFAULT_API_BASE})",
    "DISCORD_GATEWAY_URL": "the gateway websocket URL (default: Discord's own, wss://gateway.discord.gg/)",
}

_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


@dataclass(frozen=True)
class BotConfig:
    """Everything ``onrecord serve``, ``sync`` and ``chat`` need to know about their surroundings.

    ``cooldown`` is ``(questions, seconds)`` per user, or None when switched off.
    ``gateway_url`` None means discord.py's default gateway. ``model_threads`` and
    ``model_queue`` None mean sizes from the CPU budget (see ``model_work``). The token is kept out
    of ``repr`` so that logging a config never leaks it.
    """

    token: str | None = field(default=None, repr=False)
    db: Path | None = None
    answer_channels: frozenset[int] = frozenset()
    dev_guild: int | None = None
    cooldown: tuple[int, float] | None = DEFAULT_COOLDOWN
    log_level: str = "INFO"
    api_base: str = DEFAULT_API_BASE
    gateway_url: str | None = None
    model_threads: int | None = None
    model_queue: int | None = None
    heartbeat_file: Path = DEFAULT_HEARTBEAT_FILE
    shards: int | None = None
    shard_ids: tuple[int, ...] = ()

    @property
    def wants_message_content(self) -> bool:
        """Whether the privileged message-content intent is needed (only for answer channels)."""
        return bool(self.answer_channels)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, *, dotenv: bool = True) -> BotConfig:
        """Return the configuration in ``environ`` (default ``os.environ``).

        With ``dotenv``, a ``.env`` file in the current directory fills in variables that
        ``environ`` does not set (it never overrides them, and ``os.environ`` is left
        untouched). Raises ConfigError naming the variable for a value that cannot be used.
        The token is not checked here: ``serve`` and ``sync`` need it, ``chat`` does not.
        """
        values: dict[str, str] = {}
        if dotenv:
            values.update(_read_dotenv(Path.cwd() / ".env"))
        values.update(os.environ if environ is None else environ)

        def get(name: str) -> str | None:
            value = values.get(name)
            if value is None:
                return None
            value = value.strip()
            return value or None

        shards = _parse_count("ONRECORD_SHARDS", get("ONRECORD_SHARDS"), minimum=1)
        return cls(
            shards=shards,
            shard_ids=_parse_shard_ids(get("ONRECORD_SHARD_IDS"), shards),
            token=get("DISCORD_TOKEN"),
            db=_parse_path(get("ONRECORD_DB")),
            answer_channels=_parse_ids("ONRECORD_ANSWER_CHANNELS", get("ONRECORD_ANSWER_CHANNELS")),
            dev_guild=_parse_id("ONRECORD_DEV_GUILD", get("ONRECORD_DEV_GUILD")),
            cooldown=parse_cooldown(get("ONRECORD_COOLDOWN")),
            log_level=_parse_log_level(get("ONRECORD_LOG_LEVEL")),
            api_base=_parse_url("DISCORD_API_BASE", get("DISCORD_API_BASE"), ("http://", "https://"))
            or DEFAULT_API_BASE,
            gateway_url=_parse_url("DISCORD_GATEWAY_URL", get("DISCORD_GATEWAY_URL"), ("ws://", "wss://")),
            model_threads=_parse_count("ONRECORD_MODEL_THREADS", get("ONRECORD_MODEL_THREADS"), minimum=1),
            heartbeat_file=_parse_path(get("ONRECORD_HEARTBEAT_FILE")) or DEFAULT_HEARTBEAT_FILE,
            model_queue=_parse_count("ONRECORD_MODEL_QUEUE", get("ONRECORD_MODEL_QUEUE"), minimum=0),
        )


def _read_dotenv(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    from dotenv import dotenv_values

    return {k: v for k, v in dotenv_values(path).items() if v is not None}


def parse_cooldown(text: str | None) -> tuple[int, float] | None:
    """Return ``(questions, seconds)`` from text like ``"3/30"`` or ``"3/30s"``; None for ``off``/``0``.

    None or empty text gives the default (3 questions per 30 seconds).
    """
    if text is None or not text.strip():
        return DEFAULT_COOLDOWN
    text = text.strip().lower()
    if text in ("off", "none", "0", "false", "no"):
        return None
    match = re.fullmatch(r"(\d+)\s*/\s*(\d+(?:\.\d+)?)\s*s?", text)
    if not match or int(match.group(1)) < 1 or float(match.group(2)) <= 0:
        raise ConfigError(f"ONRECORD_COOLDOWN={text!r} is not a cooldown: write QUESTIONS/SECONDS, e.g. 3/30, or 'off'")
    return int(match.group(1)), float(match.group(2))


def _parse_path(text: str | None) -> Path | None:
    return Path(text).expanduser() if text is not None else None


def _parse_id(name: str, text: str | None) -> int | None:
    return None if text is None else _discord_id(name, text)


def _parse_ids(name: str, text: str | None) -> frozenset[int]:
    if text is None:
        return frozenset()
    return frozenset(_discord_id(name, part) for part in re.split(r"[,\s]+", text) if part)


def _discord_id(name: str, text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 2**64:
        raise ConfigError(
            f"{name}={text!r} is not a Discord id: copy it with Developer Mode on (a number like 1234567890123456789)"
        )
    return int(text)


def _parse_count(name: str, text: str | None, *, minimum: int) -> int | None:
    if text is None:
        return None
    if not text.isdigit() or int(text) < minimum:
        raise ConfigError(f"{name}={text!r} is not a whole number of at least {minimum}")
    return int(text)


def _parse_shard_ids(text: str | None, shards: int | None) -> tuple[int, ...]:
    if text is None:
        return ()
    parts = [part for part in re.split(r"[,\s]+", text) if part]
    if shards is None:
        raise ConfigError("ONRECORD_SHARD_IDS needs ONRECORD_SHARDS, the total number of shards across every process")
    if not parts or not all(p.isdigit() and int(p) < shards for p in parts):
        raise ConfigError(
            f"ONRECORD_SHARD_IDS={text!r} is not a list of shard ids: write numbers from 0 to {shards - 1}, e.g. 0,1"
        )
    return tuple(sorted({int(p) for p in parts}))


def _parse_log_level(text: str | None) -> str:
    if text is None:
        return "INFO"
    level = text.upper()
    if level == "WARN":
        level = "WARNING"
    if level not in _LOG_LEVELS:
        raise ConfigError(f"ONRECORD_LOG_LEVEL={text!r} is not a log level: use one of {', '.join(_LOG_LEVELS)}")
    return level


def _parse_url(name: str, text: str | None, schemes: tuple[str, ...]) -> str | None:
    if text is None:
        return None
    if not text.lower().startswith(schemes) or len(text) <= len(min(schemes, key=len)):
        raise ConfigError(f"{name}={text!r} is not a URL starting with {' or '.join(schemes)}")
    return text.rstrip("/") if schemes[0].startswith("http") else text
