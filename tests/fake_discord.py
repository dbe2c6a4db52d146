"""A fake Discord on loopback, to drive the bot through the real discord.py stack in tests.

It serves the REST API and the gateway websocket on 127.0.0.1 (an ephemeral port) with aiohttp,
and points discord.py at itself through `discord.http.Route.BASE` and
`discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY`. The bot logs in, connects, syncs its commands
and receives events exactly as it would from Discord; the tests play users with `slash`, `click`,
`choose` and `user_message`.

Like Discord, it refuses what breaks the platform's rules, and records each refusal as a
violation, so that a test fails even when the bot swallows the error:
- message limits (content 2,000; embed title 256, description 4,096, 25 fields, field name 256,
  value 1,024, footer 2,048, author 256, 6,000 per message; 10 embeds; component limits);
- an interaction not acknowledged within 3 seconds, acknowledged twice, or followed up before
  being acknowledged;
- a message sent without `allowed_mentions` `{"parse": []}` (anything that could ping);
- any endpoint it does not know; a request to the gateway without the bot's token; privileged
  intents.
Every request is recorded. A 429 can be injected for any route, with a `Via` header and
`retry_after` as Discord sends them. Attachments are served from `/attachments/...` on loopback.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import json
import re
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import discord
import yarl
from aiohttp import WSMsgType, web

TOKEN = "fake-bot-token.Xx.not-a-real-one"
APP_ID = 1_100_000_000_000_000_001
BOT_ID = 1_100_000_000_000_000_002
GUILD_ID = 1_100_000_000_000_000_100
CHANNEL_ID = 1_100_000_000_000_000_200  # #news
OTHER_CHANNEL_ID = 1_100_000_000_000_000_201  # #general
THREAD_ID = 1_100_000_000_000_000_202  # a thread in #news
ADMIN_ROLE_ID = 1_100_000_000_000_000_300  # "newsqa-admin"
MOD_ROLE_ID = 1_100_000_000_000_000_301  # "Moderator"
OWNER_ID = 1_100_000_000_000_000_400
ADMIN_ID = 1_100_000_000_000_000_401  # has the newsqa-admin role
USER_ID = 1_100_000_000_000_000_402  # an ordinary member
MANAGER_ID = 1_100_000_000_000_000_403  # has Manage Server
OTHER_BOT_ID = 1_100_000_000_000_000_404

BODY = web.RequestKey("body", object)  # the parsed request body
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
ACK_SECONDS = 3.0
DISCORD_EPOCH_MS = 1_420_070_400_000

# Permission bits (https://discord.com/developers/docs/topics/permissions).
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
USE_APPLICATION_COMMANDS = 1 << 31
SEND_MESSAGES_IN_THREADS = 1 << 38
MANAGE_GUILD = 1 << 5
ADMINISTRATOR = 1 << 3
EVERYONE = (VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY
            | USE_APPLICATION_COMMANDS | SEND_MESSAGES_IN_THREADS)
ALL_PERMISSIONS = (1 << 53) - 1
PRIVILEGED_INTENTS = {1 << 1: "GUILD_MEMBERS", 1 << 8: "GUILD_PRESENCES",
                      1 << 15: "MESSAGE_CONTENT"}

_ids = itertools.count(1)


def snowflake() -> int:
    ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return (ms << 22) | (next(_ids) & 0x3FFFFF)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def user_payload(uid: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {"id": str(uid), "username": name, "discriminator": "0", "global_name": name,
            "avatar": None, "bot": bot, "public_flags": 0}


BOT_USER = user_payload(BOT_ID, "newsqa", bot=True)


@dataclass
class FakeUser:
    id: int
    name: str
    roles: tuple[int, ...] = ()
    permissions: int = EVERYONE
    bot: bool = False

    def payload(self) -> dict[str, Any]:
        return user_payload(self.id, self.name, bot=self.bot)

    def member(self) -> dict[str, Any]:
        return {"user": self.payload(), "roles": [str(r) for r in self.roles], "nick": None,
                "avatar": None, "joined_at": "2024-01-01T00:00:00+00:00", "deaf": False,
                "mute": False, "flags": 0, "pending": False, "permissions": str(self.permissions),
                "communication_disabled_until": None}


OWNER = FakeUser(OWNER_ID, "owner", permissions=ALL_PERMISSIONS)
ADMIN = FakeUser(ADMIN_ID, "editor", roles=(ADMIN_ROLE_ID,))
USER = FakeUser(USER_ID, "reader")
MANAGER = FakeUser(MANAGER_ID, "manager", roles=(MOD_ROLE_ID,), permissions=EVERYONE | MANAGE_GUILD)
OTHER_BOT = FakeUser(OTHER_BOT_ID, "otherbot", bot=True)
MEMBERS = (OWNER, ADMIN, USER, MANAGER, OTHER_BOT)


@dataclass
class Attachment:
    """A file a test user attaches; `size` may claim another size than the data's."""

    filename: str
    data: bytes
    size: int | None = None
    content_type: str = "text/plain; charset=utf-8"


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    at: float


@dataclass
class FakeInteraction:
    """One interaction the fake sent, and what the bot did with it."""

    id: int
    token: str
    kind: str  # "command", "component" or "autocomplete"
    name: str
    user: FakeUser
    created: float
    acked: float | None = None
    ack_type: int | None = None
    ephemeral: bool = False
    original: dict[str, Any] | None = None  # the message of the first response
    deferred_pending: bool = False  # deferred and still "thinking"
    messages: list[dict[str, Any]] = field(default_factory=list)  # every message it produced
    choices: list[dict[str, Any]] | None = None  # an autocomplete interaction's answer

    @property
    def replies(self) -> list[dict[str, Any]]:
        """Messages with content or embeds (not the "thinking…" placeholder)."""
        return [m for m in self.messages if m.get("content") or m.get("embeds")]


class FakeDiscord:
    def __init__(self, *, heartbeat_interval: float = 0.25, token: str = TOKEN) -> None:
        self.token = token
        self.heartbeat_interval = heartbeat_interval
        self.requests: list[Request] = []
        self.violations: list[str] = []
        self.heartbeats: list[float] = []
        self.commands: dict[str, dict[str, Any]] = {}  # synced, by name
        self.synced_to: list[str] = []  # "global" or a guild id, per sync
        self.messages: dict[int, dict[str, Any]] = {}
        self.interactions: dict[str, FakeInteraction] = {}
        self.attachments: dict[str, bytes] = {}
        self.downloads: list[str] = []
        self.identified = asyncio.Event()
        self._rate_limits: list[list[Any]] = []  # [method, path regex, retry_after, count]
        self._ws: web.WebSocketResponse | None = None
        self._seq = 0
        self._runner: web.AppRunner | None = None
        self._timers: list[asyncio.TimerHandle] = []
        self._saved: tuple[str, yarl.URL] | None = None
        self.port = 0
        self.bot_task: asyncio.Task[None] | None = None  # the bot's connection, when known

    # -- lifecycle -------------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(middlewares=[self._middleware], client_max_size=64 * 1024 * 1024)
        r = app.router
        api = "/api/v10"
        r.add_get("/gateway", self._gateway)
        r.add_get("/attachments/{aid}/{filename}", self._attachment)
        r.add_get(api + "/users/@me", self._me)
        r.add_get(api + "/oauth2/applications/@me", self._application)
        r.add_put(api + "/applications/{app}/commands", self._sync)
        r.add_put(api + "/applications/{app}/guilds/{guild}/commands", self._sync)
        r.add_post(api + "/interactions/{iid}/{token}/callback", self._callback)
        r.add_post(api + "/webhooks/{app}/{token}", self._followup)
        r.add_patch(api + "/webhooks/{app}/{token}/messages/{mid}", self._edit_webhook_message)
        r.add_get(api + "/webhooks/{app}/{token}/messages/{mid}", self._get_webhook_message)
        r.add_post(api + "/channels/{cid}/messages", self._create_message)
        r.add_get(api + "/channels/{cid}/messages", self._history)
        r.add_get(api + "/channels/{cid}/messages/{mid}", self._get_message)
        r.add_post(api + "/channels/{cid}/typing", self._typing)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._saved = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
        discord.http.Route.BASE = f"{self.base}/api/v10"
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(f"ws://127.0.0.1:{self.port}/gateway")

    async def stop(self) -> None:
        for timer in self._timers:
            timer.cancel()
        if self._ws is not None and not self._ws.closed:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
        if self._saved is not None:
            discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = self._saved

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def check(self) -> None:
        """Fail on any rule the bot broke, including interactions never acknowledged."""
        problems = list(self.violations)
        for i in self.interactions.values():
            if i.acked is None:
                problems.append(f"interaction {i.name} ({i.kind}) was never acknowledged")
            elif i.deferred_pending:
                problems.append(f"interaction {i.name} was deferred but never answered")
        assert not problems, "the fake Discord saw:\n" + "\n".join(problems)

    def rate_limit(self, method: str, path: str, *, retry_after: float = 0.2,
                   count: int = 1) -> None:
        """Answer the next `count` requests matching `method` and the `path` regex with a 429."""
        self._rate_limits.append([method, re.compile(path), retry_after, count])

    def calls(self, method: str, path: str) -> list[Request]:
        rx = re.compile(path)
        return [q for q in self.requests if q.method == method and rx.search(q.path)]

    # -- responses -------------------------------------------------------------------------------

    @staticmethod
    def json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
        # Exactly "application/json": with "; charset=utf-8" discord.py reads the body as text.
        h = {"Content-Type": "application/json"}
        h.update(headers or {})
        return web.Response(body=json.dumps(data).encode(), status=status, headers=h)

    def refuse(self, what: str, status: int, code: int, message: str,
               errors: dict[str, Any] | None = None) -> web.Response:
        self.violations.append(what)
        body: dict[str, Any] = {"code": code, "message": message}
        if errors:
            body["errors"] = errors
        return self.json(body, status)

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Callable[..., Any]
                          ) -> web.StreamResponse:
        body: Any = None
        if request.can_read_body:
            if request.content_type == "application/json":
                body = await request.json()
            elif request.content_type.startswith("multipart/"):
                form = await request.post()
                raw = form.get("payload_json")
                body = json.loads(raw) if isinstance(raw, str) else None
            else:
                body = await request.read()
        self.requests.append(Request(request.method, request.path, dict(request.query), body,
                                     time.monotonic()))
        request[BODY] = body
        # Webhook and interaction-callback routes are authorised by the token in their path.
        by_path = request.path.startswith(("/api/v10/webhooks/", "/api/v10/interactions/"))
        authorised = request.headers.get("Authorization") == f"Bot {self.token}"
        if request.path.startswith("/api/") and not by_path and not authorised:
            return self.json({"message": "401: Unauthorized", "code": 0}, 401)
        for rule in self._rate_limits:
            method, rx, retry_after, count = rule
            if count > 0 and method == request.method and rx.search(request.path):
                rule[3] -= 1
                return self.json(
                    {"message": "You are being rate limited.", "retry_after": retry_after,
                     "global": False, "code": 0},
                    429,
                    {"Via": "1.1 google", "Retry-After": str(retry_after),
                     "X-RateLimit-Scope": "user"},
                )
        try:
            return await handler(request)
        except web.HTTPNotFound:
            return self.refuse(f"unknown endpoint {request.method} {request.path}", 404, 0,
                               "404: Not Found")
        except web.HTTPMethodNotAllowed:
            return self.refuse(f"unknown endpoint {request.method} {request.path}", 405, 0,
                               "405: Method Not Allowed")

    # -- gateway ---------------------------------------------------------------------------------

    async def _send(self, op: int, d: Any, t: str | None = None) -> None:
        assert self._ws is not None, "the bot is not connected to the gateway"
        frame: dict[str, Any] = {"op": op, "d": d}
        if op == 0:
            self._seq += 1
            frame.update(s=self._seq, t=t)
        await self._ws.send_str(json.dumps(frame))

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        await self._send(0, data, event)

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await self._send(10, {"heartbeat_interval": int(self.heartbeat_interval * 1000)})
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            frame = json.loads(msg.data)
            op = frame.get("op")
            if op == 1:
                self.heartbeats.append(time.monotonic())
                await self._send(11, None)
            elif op == 2:
                await self._identify(ws, frame["d"])
            elif op in (3, 8):  # presence update, request guild members
                continue
            else:
                self.violations.append(f"unexpected gateway op {op}")
        return ws

    async def _identify(self, ws: web.WebSocketResponse, d: dict[str, Any]) -> None:
        if d.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        intents = int(d.get("intents", 0))
        for bit, name in PRIVILEGED_INTENTS.items():
            if intents & bit:
                self.violations.append(f"privileged intent {name} requested")
        await self.dispatch("READY", {
            "v": 10, "user": {**BOT_USER, "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
            "session_id": "fake-session", "private_channels": [], "relationships": [],
            "resume_gateway_url": f"ws://127.0.0.1:{self.port}/gateway",
            "application": {"id": str(APP_ID), "flags": 0},
        })
        await self.dispatch("GUILD_CREATE", self.guild_payload())
        self.identified.set()

    def guild_payload(self) -> dict[str, Any]:
        def role(rid: int, name: str, perms: int, position: int) -> dict[str, Any]:
            return {"id": str(rid), "name": name, "permissions": str(perms), "position": position,
                    "color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0}

        def channel(cid: int, name: str) -> dict[str, Any]:
            return {"id": str(cid), "type": 0, "guild_id": str(GUILD_ID), "name": name,
                    "position": 0, "permission_overwrites": [], "nsfw": False, "parent_id": None,
                    "topic": None, "last_message_id": None, "rate_limit_per_user": 0}

        me = FakeUser(BOT_ID, "newsqa", bot=True)
        members = [m.member() for m in (*MEMBERS, me)]
        return {
            "id": str(GUILD_ID), "name": "Newsroom", "icon": None, "owner_id": str(OWNER_ID),
            "afk_channel_id": None, "afk_timeout": 300, "verification_level": 0,
            "default_message_notifications": 0, "explicit_content_filter": 0, "mfa_level": 0,
            "features": [], "emojis": [], "stickers": [], "premium_tier": 0,
            "preferred_locale": "en-US", "system_channel_id": None, "system_channel_flags": 0,
            "rules_channel_id": None, "vanity_url_code": None, "description": None,
            "banner": None, "splash": None, "discovery_splash": None, "nsfw_level": 0,
            "joined_at": "2024-01-01T00:00:00+00:00", "large": False, "unavailable": False,
            "member_count": len(members), "members": members, "presences": [],
            "voice_states": [], "stage_instances": [], "guild_scheduled_events": [],
            "roles": [role(GUILD_ID, "@everyone", EVERYONE, 0),
                      role(ADMIN_ROLE_ID, "newsqa-admin", EVERYONE, 1),
                      role(MOD_ROLE_ID, "Moderator", EVERYONE | MANAGE_GUILD, 2)],
            "channels": [channel(CHANNEL_ID, "news"), channel(OTHER_CHANNEL_ID, "general")],
            "threads": [{
                "id": str(THREAD_ID), "type": 11, "guild_id": str(GUILD_ID), "name": "Peskov",
                "parent_id": str(CHANNEL_ID), "owner_id": str(USER_ID), "last_message_id": None,
                "rate_limit_per_user": 0, "message_count": 0, "member_count": 2, "flags": 0,
                "thread_metadata": {"archived": False, "auto_archive_duration": 1440,
                                    "archive_timestamp": now_iso(), "locked": False},
            }],
        }

    # -- REST: login and commands ----------------------------------------------------------------

    async def _me(self, request: web.Request) -> web.Response:
        return self.json({**BOT_USER, "verified": True, "mfa_enabled": False, "flags": 0})

    async def _application(self, request: web.Request) -> web.Response:
        return self.json({
            "id": str(APP_ID), "name": "newsqa", "icon": None, "description": "",
            "bot_public": False, "bot_require_code_grant": False, "verify_key": "00" * 32,
            "owner": user_payload(OWNER_ID, "owner"), "flags": 0, "team": None,
            "rpc_origins": [], "summary": "",
        })

    async def _sync(self, request: web.Request) -> web.Response:
        body = request[BODY]
        guild = request.match_info.get("guild")
        problems = []
        result = []
        for cmd in body:
            problems += [f"/{cmd.get('name')}: {p}" for p in command_problems(cmd)]
            out = {**cmd, "id": str(snowflake()), "application_id": str(APP_ID), "version": "1",
                   "type": cmd.get("type", 1)}
            if guild:
                out["guild_id"] = guild
            result.append(out)
        if problems:
            return self.refuse("; ".join(problems), 400, 50035, "Invalid Form Body")
        self.commands = {c["name"]: c for c in result}
        self.synced_to.append(guild or "global")
        return self.json(result)

    # -- REST: messages --------------------------------------------------------------------------

    def _message(self, channel_id: int, author: dict[str, Any], body: dict[str, Any],
                 *, interaction: FakeInteraction | None = None, mid: int | None = None,
                 flags: int = 0) -> dict[str, Any]:
        msg: dict[str, Any] = {
            "id": str(mid or snowflake()), "channel_id": str(channel_id), "guild_id": str(GUILD_ID),
            "author": author, "content": body.get("content") or "", "timestamp": now_iso(),
            "edited_timestamp": None, "tts": False, "mention_everyone": False, "mentions": [],
            "mention_roles": [], "attachments": [], "embeds": body.get("embeds") or [],
            "components": body.get("components") or [], "pinned": False, "type": 0,
            "flags": flags, "webhook_id": str(APP_ID) if interaction else None,
        }
        ref = body.get("message_reference")
        if ref:
            parent = self.messages.get(int(ref["message_id"]))
            if parent is None:
                self.violations.append(f"reply to unknown message {ref['message_id']}")
            msg["type"] = 19
            msg["message_reference"] = {"message_id": str(ref["message_id"]),
                                        "channel_id": str(channel_id), "guild_id": str(GUILD_ID)}
            msg["referenced_message"] = _without_reference(parent)
        if interaction is not None:
            msg["type"] = 20
            msg["interaction_metadata"] = {"id": str(interaction.id), "type": 2,
                                           "user": interaction.user.payload(),
                                           "authorizing_integration_owners": {"0": str(GUILD_ID)}}
        return msg

    def _checked(self, body: Any, where: str) -> web.Response | None:
        """A 400 with Discord's nested error body for a message that breaks a rule, else None."""
        if not isinstance(body, dict):
            return self.refuse(f"{where}: body is not a JSON object", 400, 50109, "Invalid JSON")
        errors = message_errors(body)
        if errors:
            text = "; ".join(f"{k}: {v}" for k, v in errors)
            return self.refuse(f"{where}: {text}", 400, 50035, "Invalid Form Body",
                               nested_errors(errors))
        return None

    async def _store_and_dispatch(self, msg: dict[str, Any], *, dispatch: bool = True) -> None:
        self.messages[int(msg["id"])] = msg
        if dispatch and self._ws is not None and not self._ws.closed:
            await self.dispatch("MESSAGE_CREATE", _with_member(msg))

    async def _create_message(self, request: web.Request) -> web.Response:
        cid = int(request.match_info["cid"])
        if cid not in (CHANNEL_ID, OTHER_CHANNEL_ID, THREAD_ID):
            return self.refuse(f"message to unknown channel {cid}", 404, 10003, "Unknown Channel")
        refused = self._checked(request[BODY], f"POST /channels/{cid}/messages")
        if refused is not None:
            return refused
        msg = self._message(cid, BOT_USER, request[BODY])
        await self._store_and_dispatch(msg)
        return self.json(msg)

    async def _get_message(self, request: web.Request) -> web.Response:
        msg = self.messages.get(int(request.match_info["mid"]))
        if msg is None or msg["channel_id"] != request.match_info["cid"]:
            return self.json({"code": 10008, "message": "Unknown Message"}, 404)
        return self.json(msg)

    async def _history(self, request: web.Request) -> web.Response:
        cid = request.match_info["cid"]
        limit = int(request.query.get("limit", 50))
        before = int(request.query.get("before", 1 << 63))
        found = sorted((m for m in self.messages.values()
                        if m["channel_id"] == cid and int(m["id"]) < before
                        and not m["flags"] & 64),
                       key=lambda m: int(m["id"]), reverse=True)
        return self.json(found[:limit])

    async def _typing(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    async def _attachment(self, request: web.Request) -> web.Response:
        key = f"{request.match_info['aid']}/{request.match_info['filename']}"
        self.downloads.append(key)
        data = self.attachments.get(key)
        if data is None:
            return web.Response(status=404)
        return web.Response(body=data, headers={"Content-Type": "application/octet-stream"})

    # -- REST: interactions ----------------------------------------------------------------------

    def _interaction(self, token: str) -> FakeInteraction | None:
        return self.interactions.get(token)

    async def _callback(self, request: web.Request) -> web.Response:
        i = self._interaction(request.match_info["token"])
        if i is None or str(i.id) != request.match_info["iid"]:
            return self.refuse("callback for an unknown interaction", 404, 10062,
                               "Unknown interaction")
        if i.acked is not None:
            return self.refuse(f"interaction {i.name} acknowledged twice", 400, 40060,
                               "Interaction has already been acknowledged.")
        if time.monotonic() - i.created > ACK_SECONDS:
            return self.refuse(f"interaction {i.name} acknowledged after {ACK_SECONDS} s", 404,
                               10062, "Unknown interaction")
        body = request[BODY]
        kind = body.get("type")
        data = body.get("data") or {}
        i.acked, i.ack_type = time.monotonic(), kind
        i.ephemeral = bool(int(data.get("flags", 0)) & 64)
        resource: dict[str, Any] | None = None
        if kind in (4, 5):
            if kind == 4:
                refused = self._checked(data, f"/{i.name} response")
                if refused is not None:
                    return refused
            flags = (64 if i.ephemeral else 0) | (128 if kind == 5 else 0)
            msg = self._message(CHANNEL_ID, BOT_USER, data if kind == 4 else {},
                                interaction=i, flags=flags)
            i.original = msg
            i.deferred_pending = kind == 5
            i.messages.append(msg)
            await self._store_and_dispatch(msg, dispatch=kind == 4 and not i.ephemeral)
            resource = {"type": kind, "message": msg}
        elif kind in (6, 7):
            if i.kind != "component":
                return self.refuse(f"update response to a command /{i.name}", 400, 50035,
                                   "Invalid Form Body")
        elif kind == 8:
            if i.kind != "autocomplete":
                return self.refuse(f"autocomplete result for {i.kind} {i.name}", 400, 50035,
                                   "Invalid Form Body")
            if len(data.get("choices") or []) > 25:
                return self.refuse("more than 25 autocomplete choices", 400, 50035,
                                   "Invalid Form Body")
            i.choices = list(data.get("choices") or [])
        else:
            return self.refuse(f"interaction response type {kind}", 400, 50035, "Invalid Form Body")
        out: dict[str, Any] = {"interaction": {
            "id": str(i.id), "type": {"command": 2, "component": 3, "autocomplete": 4}[i.kind],
            "response_message_id": i.original["id"] if i.original else None,
            "response_message_loading": kind == 5, "response_message_ephemeral": i.ephemeral,
        }}
        if resource is not None:
            out["resource"] = resource
        return self.json(out)

    async def _followup(self, request: web.Request) -> web.Response:
        i = self._interaction(request.match_info["token"])
        if i is None or request.match_info["app"] != str(APP_ID):
            return self.refuse("followup to an unknown webhook", 404, 10015, "Unknown Webhook")
        if i.acked is None:
            return self.refuse(f"followup to /{i.name} before acknowledging it", 404, 10015,
                               "Unknown Webhook")
        body = request[BODY]
        refused = self._checked(body, f"/{i.name} followup")
        if refused is not None:
            return refused
        flags = int(body.get("flags", 0))
        if i.deferred_pending and i.original is not None:
            # The first followup after a "thinking" defer replaces the placeholder, and keeps its
            # visibility whatever its own flags say.
            msg = self._message(CHANNEL_ID, BOT_USER, body, interaction=i,
                                mid=int(i.original["id"]), flags=i.original["flags"] & 64)
            i.deferred_pending = False
            i.messages[i.messages.index(i.original)] = msg
            i.original = msg
            await self._store_and_dispatch(msg, dispatch=False)
        else:
            msg = self._message(CHANNEL_ID, BOT_USER, body, interaction=i, flags=flags & 64)
            i.messages.append(msg)
            await self._store_and_dispatch(msg, dispatch=not flags & 64)
        if request.query.get("wait") in ("true", "1", "True"):
            return self.json(msg)
        return web.Response(status=204)

    async def _edit_webhook_message(self, request: web.Request) -> web.Response:
        i = self._interaction(request.match_info["token"])
        if i is None or i.acked is None:
            return self.refuse("edit of an unknown or unacknowledged interaction", 404, 10015,
                               "Unknown Webhook")
        mid = request.match_info["mid"]
        target = i.original if mid == "@original" else self.messages.get(int(mid))
        if target is None:
            return self.json({"code": 10008, "message": "Unknown Message"}, 404)
        body = request[BODY]
        if "content" in body or "embeds" in body:
            refused = self._checked(body, f"/{i.name} edit")
            if refused is not None:
                return refused
        for key in ("content", "embeds", "components"):
            if key in body:
                target[key] = body[key] or ([] if key != "content" else "")
        if target is i.original:
            i.deferred_pending = False
        return self.json(target)

    async def _get_webhook_message(self, request: web.Request) -> web.Response:
        i = self._interaction(request.match_info["token"])
        if i is None or i.original is None:
            return self.json({"code": 10008, "message": "Unknown Message"}, 404)
        return self.json(i.original)

    # -- playing users ---------------------------------------------------------------------------

    def _start(self, kind: str, name: str, user: FakeUser) -> FakeInteraction:
        iid = snowflake()
        i = FakeInteraction(iid, f"itoken-{iid}", kind, name, user, time.monotonic())
        self.interactions[i.token] = i
        loop = asyncio.get_running_loop()

        def late() -> None:
            if i.acked is None:
                self.violations.append(
                    f"interaction {name} not acknowledged within {ACK_SECONDS} s")

        self._timers.append(loop.call_later(ACK_SECONDS, late))
        return i

    def _interaction_payload(self, i: FakeInteraction, itype: int, channel_id: int,
                             data: dict[str, Any], message: dict[str, Any] | None = None
                             ) -> dict[str, Any]:
        channel = {"id": str(channel_id), "type": 11 if channel_id == THREAD_ID else 0,
                   "guild_id": str(GUILD_ID), "name": "news",
                   "parent_id": str(CHANNEL_ID) if channel_id == THREAD_ID else None}
        payload: dict[str, Any] = {
            "id": str(i.id), "application_id": str(APP_ID), "type": itype, "token": i.token,
            "version": 1, "guild_id": str(GUILD_ID), "channel_id": str(channel_id),
            "channel": channel, "member": i.user.member(), "locale": "en-US",
            "guild_locale": "en-US", "app_permissions": str(EVERYONE), "entitlements": [],
            "authorizing_integration_owners": {"0": str(GUILD_ID)}, "context": 0,
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT, "data": data,
        }
        if message is not None:
            payload["message"] = message
        return payload

    async def slash(self, name: str, user: FakeUser = USER, *, channel_id: int = CHANNEL_ID,
                    **options: Any) -> FakeInteraction:
        """A user runs `/name option=value…`; attachments are `Attachment`s."""
        command = self.commands.get(name)
        assert command is not None, f"/{name} was never synced (synced: {sorted(self.commands)})"
        schema = {o["name"]: o for o in command.get("options", [])}
        opts, resolved = [], {}
        for key, value in options.items():
            if value is None:
                continue
            assert key in schema, f"/{name} has no option {key!r}"
            otype = schema[key]["type"]
            if otype == 11:
                aid = snowflake()
                path = f"{aid}/{value.filename}"
                self.attachments[path] = value.data
                resolved[str(aid)] = {
                    "id": str(aid), "filename": value.filename,
                    "size": len(value.data) if value.size is None else value.size,
                    "url": f"{self.base}/attachments/{path}",
                    "proxy_url": f"{self.base}/attachments/{path}",
                    "content_type": value.content_type,
                }
                value = str(aid)
            opts.append({"name": key, "type": otype, "value": value})
        missing = [o["name"] for o in schema.values()
                   if o.get("required") and o["name"] not in options]
        assert not missing, f"/{name} needs {missing}"
        data: dict[str, Any] = {"id": command["id"], "name": name, "type": 1, "options": opts}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        if resolved:
            data["resolved"] = {"attachments": resolved}
        i = self._start("command", name, user)
        await self.dispatch("INTERACTION_CREATE", self._interaction_payload(i, 2, channel_id, data))
        return i

    async def autocomplete(self, name: str, option: str, typed: str, user: FakeUser = USER,
                           **options: Any) -> FakeInteraction:
        """A user types `typed` into option `option` of `/name` (other options already filled
        in); the bot's choices arrive in the interaction's `choices`."""
        command = self.commands.get(name)
        assert command is not None, f"/{name} was never synced"
        schema = {o["name"]: o for o in command.get("options", [])}
        assert schema.get(option, {}).get("autocomplete"), f"/{name} {option}: no autocomplete"
        opts = [{"name": k, "type": schema[k]["type"], "value": v}
                for k, v in options.items() if v is not None]
        opts.append({"name": option, "type": schema[option]["type"], "value": typed,
                     "focused": True})
        data: dict[str, Any] = {"id": command["id"], "name": name, "type": 1, "options": opts}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        i = self._start("autocomplete", name, user)
        await self.dispatch("INTERACTION_CREATE", self._interaction_payload(i, 4, CHANNEL_ID, data))
        return i

    def _component(self, message: dict[str, Any], custom_id_prefix: str, ctype: int
                   ) -> dict[str, Any]:
        for row in message.get("components", []):
            for comp in row.get("components", []):
                custom_id = comp.get("custom_id", "")
                if comp.get("type") == ctype and custom_id.startswith(custom_id_prefix):
                    return comp
        raise AssertionError(f"no component {custom_id_prefix!r} on message {message['id']}")

    async def click(self, message: dict[str, Any], custom_id_prefix: str,
                    user: FakeUser = USER) -> FakeInteraction:
        """A user presses the button whose custom id starts with `custom_id_prefix`."""
        comp = self._component(message, custom_id_prefix, 2)
        i = self._start("component", comp["custom_id"], user)
        data = {"custom_id": comp["custom_id"], "component_type": 2}
        channel_id = int(message["channel_id"])
        await self.dispatch("INTERACTION_CREATE",
                            self._interaction_payload(i, 3, channel_id, data, message))
        return i

    async def choose(self, message: dict[str, Any], custom_id_prefix: str, value: str,
                     user: FakeUser = USER) -> FakeInteraction:
        """A user picks `value` in the select menu whose custom id starts with the prefix."""
        comp = self._component(message, custom_id_prefix, 3)
        assert value in [o["value"] for o in comp["options"]], f"no option {value!r}"
        i = self._start("component", comp["custom_id"], user)
        data = {"custom_id": comp["custom_id"], "component_type": 3, "values": [value]}
        channel_id = int(message["channel_id"])
        await self.dispatch("INTERACTION_CREATE",
                            self._interaction_payload(i, 3, channel_id, data, message))
        return i

    async def user_message(self, content: str, user: FakeUser = USER, *,
                           channel_id: int = CHANNEL_ID, mention_bot: bool = True,
                           reply_to: dict[str, Any] | None = None,
                           content_visible: bool = True) -> dict[str, Any]:
        """A user posts a message; `mention_bot` puts `<@bot>` in front (a reply to the bot's
        message mentions it without that). Without the message-content intent Discord sends an
        empty content for a message that does not mention the bot: `content_visible=False`."""
        text = f"<@{BOT_ID}> {content}" if mention_bot and reply_to is None else content
        body: dict[str, Any] = {"content": text}
        if reply_to is not None:
            body["message_reference"] = {"message_id": reply_to["id"]}
        msg = self._message(channel_id, user.payload(), body)
        if mention_bot:
            msg["mentions"] = [BOT_USER]
        self.messages[int(msg["id"])] = msg
        event = dict(msg)
        if not content_visible:
            event["content"] = ""
        await self.dispatch("MESSAGE_CREATE", _with_member(event))
        return msg

    # -- waiting ---------------------------------------------------------------------------------

    async def until(self, predicate: Callable[[], Any], timeout: float = 20.0,
                    what: str = "") -> Any:
        """Poll `predicate` until it returns something true; fail after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if self.bot_task is not None and self.bot_task.done():
                error = None if self.bot_task.cancelled() else self.bot_task.exception()
                raise AssertionError(f"the bot's gateway connection ended ({error!r})")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what or predicate}; "
                                     f"violations: {self.violations}")
            await asyncio.sleep(0.02)

    async def replies_to(self, i: FakeInteraction, n: int = 1, timeout: float = 20.0
                         ) -> list[dict[str, Any]]:
        await self.until(lambda: len(i.replies) >= n and not i.deferred_pending, timeout,
                         f"{n} replies to {i.name}")
        return i.replies

    def bot_messages(self, channel_id: int | None = None) -> list[dict[str, Any]]:
        return [m for m in self.messages.values() if m["author"]["id"] == str(BOT_ID)
                and not m.get("webhook_id")
                and (channel_id is None or m["channel_id"] == str(channel_id))]

    async def bot_reply_to(self, message: dict[str, Any], timeout: float = 20.0) -> dict[str, Any]:
        def found() -> dict[str, Any] | None:
            for m in self.bot_messages():
                if m.get("message_reference", {}).get("message_id") == message["id"]:
                    return m
            return None

        return await self.until(found, timeout, f"a reply to message {message['id']}")


def _without_reference(msg: dict[str, Any] | None) -> dict[str, Any] | None:
    if msg is None:
        return None
    return {k: v for k, v in msg.items() if k != "referenced_message"}


def _with_member(msg: dict[str, Any]) -> dict[str, Any]:
    """A MESSAGE_CREATE event: the message with its author's partial member in a guild."""
    uid = int(msg["author"]["id"])
    for m in (*MEMBERS, FakeUser(BOT_ID, "newsqa", bot=True)):
        if m.id == uid:
            member = m.member()
            member.pop("user")
            return {**msg, "member": member}
    return dict(msg)


# -- Discord's rules ---------------------------------------------------------------------------


def message_errors(body: dict[str, Any]) -> list[tuple[str, str]]:
    """(path, problem) for every rule a message payload breaks."""
    errors: list[tuple[str, str]] = []

    def too_long(path: str, value: Any, limit: int) -> None:
        if value is not None and len(str(value)) > limit:
            errors.append((path, f"Must be {limit} or fewer in length."))

    am = body.get("allowed_mentions")
    if not isinstance(am, dict) or am.get("parse") != [] or am.get("users") or am.get("roles") \
            or am.get("replied_user"):
        errors.append(("allowed_mentions", f"must be {{'parse': []}} (no pings), got {am!r}"))
    content = body.get("content")
    too_long("content", content, 2000)
    embeds = body.get("embeds") or []
    if len(embeds) > 10:
        errors.append(("embeds", "Must be 10 or fewer in length."))
    total = 0
    for n, e in enumerate(embeds):
        p = f"embeds.{n}"
        too_long(f"{p}.title", e.get("title"), 256)
        too_long(f"{p}.description", e.get("description"), 4096)
        too_long(f"{p}.footer.text", (e.get("footer") or {}).get("text"), 2048)
        too_long(f"{p}.author.name", (e.get("author") or {}).get("name"), 256)
        fields = e.get("fields") or []
        if len(fields) > 25:
            errors.append((f"{p}.fields", "Must be 25 or fewer in length."))
        for m, f in enumerate(fields):
            too_long(f"{p}.fields.{m}.name", f.get("name"), 256)
            too_long(f"{p}.fields.{m}.value", f.get("value"), 1024)
            if not f.get("name") or not f.get("value"):
                errors.append((f"{p}.fields.{m}", "This field is required"))
        if e.get("url") and not re.match(r"https?://", e["url"]):
            errors.append((f"{p}.url", "Not a well formed URL."))
        total += sum(len(str(x or "")) for x in (
            e.get("title"), e.get("description"), (e.get("footer") or {}).get("text"),
            (e.get("author") or {}).get("name")))
        total += sum(len(f.get("name", "")) + len(f.get("value", "")) for f in fields)
    if total > 6000:
        errors.append(("embeds", f"Embed size exceeds maximum size of 6000 ({total})"))
    if not content and not embeds and not body.get("components") and not body.get("attachments"):
        errors.append(("content", "Cannot send an empty message"))
    rows = body.get("components") or []
    if len(rows) > 5:
        errors.append(("components", "Must be 5 or fewer in length."))
    for r, row in enumerate(rows):
        items = row.get("components") or []
        if row.get("type") != 1 or not 1 <= len(items) <= 5:
            errors.append((f"components.{r}", "an action row holds 1 to 5 components"))
        for c, comp in enumerate(items):
            p = f"components.{r}.components.{c}"
            too_long(f"{p}.custom_id", comp.get("custom_id"), 100)
            if comp.get("type") == 2:
                too_long(f"{p}.label", comp.get("label"), 80)
            if comp.get("type") == 3:
                if len(items) != 1:
                    errors.append((p, "a select menu must be alone in its row"))
                options = comp.get("options") or []
                if not 1 <= len(options) <= 25:
                    errors.append((f"{p}.options", "Must be between 1 and 25 in length."))
                too_long(f"{p}.placeholder", comp.get("placeholder"), 150)
                values = [o.get("value") for o in options]
                if len(set(values)) != len(values):
                    errors.append((f"{p}.options", "option values must be unique"))
                for o, opt in enumerate(options):
                    for key in ("label", "value", "description"):
                        too_long(f"{p}.options.{o}.{key}", opt.get(key), 100)
    return errors


def nested_errors(errors: list[tuple[str, str]]) -> dict[str, Any]:
    """Discord's error body: {"embeds": {"0": {"title": {"_errors": [...]}}}}."""
    root: dict[str, Any] = {}
    for path, message in errors:
        node = root
        for part in path.split("."):
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append({"code": "BASE_TYPE_INVALID", "message": message})
    return root


_NAME = re.compile(r"^[-_\w]{1,32}$")


def command_problems(cmd: dict[str, Any]) -> list[str]:
    problems = []
    if not _NAME.match(cmd.get("name", "")) or cmd["name"] != cmd["name"].lower():
        problems.append("bad name")
    if not 1 <= len(cmd.get("description", "")) <= 100:
        problems.append("description must be 1-100 characters")
    options = cmd.get("options", [])
    if len(options) > 25:
        problems.append("more than 25 options")
    seen_optional = False
    for o in options:
        if not _NAME.match(o.get("name", "")):
            problems.append(f"bad option name {o.get('name')!r}")
        if not 1 <= len(o.get("description", "")) <= 100:
            problems.append(f"option {o.get('name')}: description must be 1-100 characters")
        if o.get("required"):
            if seen_optional:
                problems.append("required options must come before optional ones")
        else:
            seen_optional = True
    return problems


# -- running a bot against the fake --------------------------------------------------------------


@contextlib.asynccontextmanager
async def connected(make_bot: Callable[[], discord.Client], fake: FakeDiscord | None = None
                    ) -> AsyncIterator[tuple[FakeDiscord, Any]]:
    """Start a fake Discord, log `make_bot()` in and connect it; stop both afterwards, and fail
    on any rule the bot broke."""
    fake = fake or FakeDiscord()
    await fake.start()
    bot = None
    task = None
    try:
        bot = make_bot()
        await bot.login(fake.token)
        task = fake.bot_task = asyncio.create_task(bot.connect(reconnect=False))
        ready = asyncio.create_task(bot.wait_until_ready())
        done, _ = await asyncio.wait({ready, task}, timeout=15, return_when=asyncio.FIRST_COMPLETED)
        if ready not in done:
            ready.cancel()
            if task in done:
                task.result()  # raises what stopped the connection
            raise AssertionError("the bot did not become ready")
        yield fake, bot
        fake.check()
    finally:
        if bot is not None:
            await bot.close()
        if task is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(task, 5)
        await fake.stop()


# -- a stand-in for the core, for tests that are about the bot rather than the answers ------------


class FakeEngine:
    """Has the Engine's methods; answers from canned passages, can be slowed down or made to
    fail, and records every call (with the thread it ran on)."""

    def __init__(self, *, delay: float = 0.0, text: str | None = None, n_citations: int = 3,
                 n_more: int = 2, fail: BaseException | None = None) -> None:
        self.delay = delay
        self.text = text
        self.n_citations = n_citations
        self.n_more = n_more
        self.fail = fail
        self.calls: list[tuple[str, Any]] = []
        self.threads: list[str] = []
        self.loaded: tuple[str, float] | None = None  # (thread, when) of load()
        self.running = 0
        self.max_running = 0
        self._lock = __import__("threading").Lock()

    def _enter(self, name: str, arg: Any) -> None:
        import threading

        with self._lock:
            self.calls.append((name, arg))
            self.threads.append(threading.current_thread().name)
            self.running += 1
            self.max_running = max(self.max_running, self.running)
        try:
            if self.delay:
                time.sleep(self.delay)
            if self.fail is not None:
                raise self.fail
        finally:
            with self._lock:
                self.running -= 1

    def citation(self, n: int) -> Any:
        from retrieval.models import Citation, SourceRef

        text = (f"Passage {n}: Kremlin spokesman Dmitry Peskov said on Tuesday that the talks "
                f"would continue. *Not bold* and <@{USER_ID}> and @everyone stay plain text.")
        return Citation(n=n, article_id=f"art-{n}", title=f"Article number {n} [with brackets]",
                        source="MENAFN", date=f"2024-02-{10 + n:02d}",
                        url=f"https://example.com/news/{n}", path=None, start=0, end=len(text),
                        text=text, score=1.0 / n,
                        also_in=(SourceRef("copy-1", "Copy", "Reuters", "2024-02-12", None),)
                        if n == 1 else ())

    outlet_names = ("MENAFN", "Reuters")

    def outlets(self) -> list[str]:
        self._enter("outlets", None)
        return list(self.outlet_names)

    def source_matches(self, source: str) -> bool:
        self._enter("source_matches", source)
        return any(source.lower() in o.lower() for o in self.outlet_names)

    def ask(self, question: str, *, k: int | None = None, filters: Any = None,
            history: Any = ()) -> Any:
        from retrieval.models import Answer, Quote

        self._enter("ask", {"question": question, "filters": filters, "history": tuple(history)})
        cites = tuple(self.citation(n) for n in range(1, self.n_citations + 1))
        more = tuple(self.citation(n) for n in range(self.n_citations + 1,
                                                     self.n_citations + 1 + self.n_more))
        text = self.text or "Peskov said [1]: “the talks would continue”\nLavrov agreed [2]."
        quotes = (Quote("Dmitry Peskov", "Kremlin spokesman", "the talks would continue",
                        "said", 1, 0, 10, "quote"),
                  Quote("Sergey Lavrov", "Foreign Minister", "We agree with *all* of it",
                        "said", 2, 0, 10, "quote", (3,)))
        return Answer(question, text, False, cites, quotes, more, "2024-02-22")

    def load(self) -> None:
        """What the bot calls before it connects; recorded apart from `calls`."""
        import threading

        self.loaded = (threading.current_thread().name, time.monotonic())

    def stats(self) -> Any:
        from retrieval.models import Stats

        self._enter("stats", None)
        return Stats(5, 40, 12, 6, "2024-02-22", "2024-01-02", (("MENAFN", 3), ("Saba", 2)),
                     "all-MiniLM-L6-v2", "/tmp/index", "g1")

    def index(self, paths: Any, progress: Any = None) -> Any:
        from retrieval.models import IndexReport

        self._enter("index", [str(p) for p in paths])
        return IndexReport(added=tuple(str(p).rsplit("/", 1)[-1] for p in paths))

    def remove(self, ids: Any) -> Any:
        from retrieval.models import IndexReport

        self._enter("remove", list(ids))
        return IndexReport(removed=tuple(ids))

    def reindex(self, progress: Any = None) -> Any:
        from retrieval.models import IndexReport

        self._enter("reindex", None)
        return IndexReport(unchanged=("a", "b"))

    def article(self, article_id: str) -> Any:
        from retrieval.errors import IndexUnavailable

        raise IndexUnavailable(f"no article '{article_id}' in the index")


def run_async(coro: Any, timeout: float = 90.0) -> Any:
    """Run a test's coroutine on a fresh event loop, failing after `timeout` seconds."""
    with asyncio.Runner() as runner:
        return runner.run(asyncio.wait_for(coro, timeout))


@contextlib.contextmanager
def fake_in_thread(fake: FakeDiscord | None = None) -> Any:
    """A fake Discord served from its own thread and event loop, for code that runs its own
    loop (`bot.app.run`). Yields the fake; its loop is `fake.loop`."""
    import threading

    fake = fake or FakeDiscord()
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(fake.start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10), "the fake Discord did not start"
    fake.loop = loop  # type: ignore[attr-defined]
    try:
        yield fake
    finally:
        asyncio.run_coroutine_threadsafe(fake.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
