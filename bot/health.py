"""The bot's health file: what a running bot last said about itself, for `python -m bot --check
--live` (the Docker HEALTHCHECK).

The bot rewrites the file (`bot.health_file`) every `INTERVAL` seconds from its event loop: its
state (loading, ready, connected, reconnecting, closed), the gateway latency, its pid and host.
A hung bot stops rewriting it, so its `updated` time grows old; a bot that lost the gateway says
so. The live check passes only for a fresh "connected" from this host.
"""

from __future__ import annotations

import contextlib
import math
import os
import socket
import time
from pathlib import Path
from typing import Any

from retrieval.embedding import read_json, write_json

INTERVAL = 10.0  # seconds between rewrites while the bot runs
MAX_AGE = 60.0  # older than this: the bot is hung (or gone)


def write(path: Path, state: str, *, latency: float | None = None, user: str | None = None,
          guilds: int | None = None) -> None:
    """Record the bot's state now. Never raises: a full disk must not stop the bot."""
    data: dict[str, Any] = {"state": state, "updated": time.time(), "pid": os.getpid(),
                            "host": socket.gethostname()}
    if latency is not None and math.isfinite(latency):
        data["latency_ms"] = round(latency * 1000, 1)
    if user is not None:
        data["user"] = user
    if guilds is not None:
        data["guilds"] = guilds
    with contextlib.suppress(OSError):
        write_json(path, data)


def read(path: Path) -> dict[str, Any] | None:
    data = read_json(path)
    return data if isinstance(data, dict) else None


def live_problem(path: Path, data: dict[str, Any] | None, now: float | None = None) -> str | None:
    """Why the bot is not live (one line), or None when it has a live gateway connection."""
    if data is None:
        return f"the bot has not reported a gateway connection (no health file {path})"
    age = (time.time() if now is None else now) - float(data.get("updated", 0))
    if data.get("host") not in (None, socket.gethostname()):
        return f"the health file {path} is another host's ({data.get('host')})"
    if age > MAX_AGE:
        return (f"the bot's health file is {age:.0f} s old (it is rewritten every {INTERVAL:.0f} "
                f"s): the bot is hung or stopped")
    if data.get("state") != "connected":
        return f"the bot is {data.get('state', 'in an unknown state')}, not connected to Discord"
    return None


def describe(data: dict[str, Any], now: float | None = None) -> str:
    """"connected as X to 2 servers, gateway latency 41 ms, 3 s ago"."""
    age = (time.time() if now is None else now) - float(data.get("updated", 0))
    parts = [str(data.get("state", "?"))]
    if data.get("user"):
        parts[0] += f" as {data['user']}"
    if data.get("guilds") is not None:
        parts[0] += f" to {data['guilds']} servers"
    if data.get("latency_ms") is not None:
        parts.append(f"gateway latency {data['latency_ms']:.0f} ms")
    parts.append(f"{age:.0f} s ago")
    return ", ".join(parts)
