"""The bot's health signal: a file the event loop touches while the bot is connected, read by ``onrecord health``.

A container runtime cannot see a stalled bot: the process is alive, the gateway may
even still answer heartbeats from discord.py's own thread. The file's age can: if
the event loop stops turning, or the bot stays disconnected, the file goes stale.
This module imports nothing from discord.py, so ``onrecord health`` starts quickly.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

BEAT_EVERY = 10.0  # seconds between touches
STALE_AFTER = 60.0  # seconds after which ``onrecord health`` calls the bot unhealthy


def beat(path: Path) -> None:
    """Write the time into ``path`` (replacing it in one step, so a reader never sees half a file)."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps({"at": time.time(), "pid": os.getpid()}))
    partial.replace(path)


async def keep_beating(path: Path, connected: Callable[[], bool], every: float = BEAT_EVERY) -> None:
    """Touch ``path`` every ``every`` seconds while ``connected()`` (at once on connecting); run until cancelled, then remove it."""
    last = -every
    try:
        while True:
            now = time.monotonic()
            if connected() and now - last >= every:
                last = now
                try:
                    beat(path)
                except OSError as error:
                    log.warning("cannot write the heartbeat file %s: %s", path, error)
            await asyncio.sleep(min(1.0, every))
    finally:
        path.unlink(missing_ok=True)


def health_problem(path: Path, stale_after: float = STALE_AFTER, now: float | None = None) -> str | None:
    """Return why the bot is not healthy by ``path``, in one line, or None when it beat within ``stale_after`` s."""
    try:
        at = float(json.loads(path.read_text())["at"])
    except FileNotFoundError:
        return f"no heartbeat file at {path}: the bot is not running, or not connected yet"
    except (OSError, ValueError, KeyError, TypeError) as error:
        return f"cannot read the heartbeat file {path}: {error}"
    age = (time.time() if now is None else now) - at
    if age > stale_after:
        return f"the bot's last heartbeat was {age:.0f} s ago (more than {stale_after:.0f} s): it is stalled or disconnected"
    return None
