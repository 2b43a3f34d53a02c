"""Fetches an article page from a URL a user gave, without letting the URL reach into the bot's own network.

Every hop (the URL and each redirect, at most MAX_REDIRECTS) must be http or https
and its host must resolve only to public addresses; the connection then goes to the
very addresses that were checked (a resolver that knows no others), so a name that
resolves differently a moment later (DNS rebinding) cannot slip past. The whole
fetch has one deadline, the body is counted while it streams, and only text/html
and text/plain are taken. ``ONRECORD_FETCH_ALLOW_PRIVATE=1`` lifts the address
check (tests on loopback, a bot on a private network). What comes back is bytes
with a file name: the caller reads them as it reads an uploaded file.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import re
import socket
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver
from yarl import URL

ALLOW_PRIVATE_ENV = "ONRECORD_FETCH_ALLOW_PRIVATE"
#: The whole fetch, every redirect included, must be done within this many seconds.
TIMEOUT_SECONDS = 10.0
#: A page larger than this is refused while it streams.
MAX_BYTES = 5 * 2**20
MAX_REDIRECTS = 3
#: The content types taken, with the suffix the page is read as.
CONTENT_TYPES = {"text/html": ".html", "text/plain": ".txt"}
_REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 64 * 1024
_NAME_CHARACTERS = re.compile(r"[^A-Za-z0-9._-]+")


class FetchError(Exception):
    """A URL that cannot be fetched as an article; the message is one line a person can act on."""


async def fetch_article(url: str, *, allow_private: bool | None = None) -> tuple[str, bytes]:
    """Return ``(file name, body)`` of the page at ``url``: a name ending .html or .txt, and at most MAX_BYTES.

    ``allow_private`` (default: ``$ONRECORD_FETCH_ALLOW_PRIVATE`` is 1) lets the URL
    and its redirects reach loopback, private, link-local and other non-public
    addresses. Raises FetchError for a URL that is not http(s), a host that does not
    resolve or resolves to a refused address, too many redirects, an error status,
    another content type, a body over MAX_BYTES, and no answer within TIMEOUT_SECONDS.
    """
    if allow_private is None:
        allow_private = os.environ.get(ALLOW_PRIVATE_ENV, "").strip() == "1"
    shown = _shown(url)
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS):
            return await _follow(_parsed(url), allow_private)
    except TimeoutError:
        raise FetchError(f"{shown}: no complete answer within {TIMEOUT_SECONDS:g} s") from None
    except aiohttp.ClientError as error:
        raise FetchError(f"{shown}: cannot fetch the page ({_reason(error)})") from None


async def _follow(url: URL, allow_private: bool) -> tuple[str, bytes]:
    for hop in range(MAX_REDIRECTS + 1):
        addresses = await _vetted_addresses(url, allow_private)
        connector = aiohttp.TCPConnector(resolver=_VettedResolver(addresses), use_dns_cache=False)
        async with aiohttp.ClientSession(connector=connector, trust_env=False) as session:
            async with session.get(url, allow_redirects=False, headers={"Accept": "text/html, text/plain"}) as response:
                if response.status in _REDIRECTS:
                    location = response.headers.get("Location")
                    if not location:
                        raise FetchError(f"{url}: a redirect without a Location")
                    if hop == MAX_REDIRECTS:
                        raise FetchError(
                            f"{_shown(str(url))}: more than {MAX_REDIRECTS} redirects; give the page's own URL"
                        )
                    url = _parsed(str(url.join(URL(location))))
                    continue
                return _file_name(url, _content_suffix(url, response)), await _body(url, response)
    raise AssertionError("unreachable: every hop returns, continues or raises")


def _parsed(text: str) -> URL:
    try:
        url = URL(text.strip())
    except (ValueError, TypeError):
        raise FetchError(f"{_shown(text)}: not a URL") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise FetchError(f"{_shown(text)}: not an http or https URL")
    return url


async def _vetted_addresses(url: URL, allow_private: bool) -> list[str]:
    """Return the addresses ``url``'s host resolves to, all of them allowed, or raise FetchError."""
    host = url.host or ""
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        found = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"{host}: no such host") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    if not addresses:
        raise FetchError(f"{host}: no such host")
    if not allow_private:
        for address in addresses:
            if not _public(address):
                raise FetchError(
                    f"{host}: resolves to {address}, a loopback, private or reserved address; give a public page's URL"
                )
    return addresses


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    refused = (
        ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified
    )
    return ip.is_global and not refused


class _VettedResolver(AbstractResolver):
    """Resolves a host to the addresses already checked for it, and to nothing else."""

    def __init__(self, addresses: list[str]) -> None:
        self._addresses = addresses

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET) -> list[Any]:
        return [
            {
                "hostname": host,
                "host": address,
                "port": port,
                "family": socket.AF_INET6 if ":" in address else socket.AF_INET,
                "proto": 0,
                "flags": socket.AI_NUMERICHOST,
            }
            for address in self._addresses
        ]

    async def close(self) -> None:
        return None


def _content_suffix(url: URL, response: aiohttp.ClientResponse) -> str:
    if response.status != 200:
        raise FetchError(f"{_shown(str(url))}: the server answered {response.status} {response.reason or ''}".rstrip())
    kind = response.content_type
    if kind not in CONTENT_TYPES:
        raise FetchError(f"{_shown(str(url))}: this is {kind}, not a web page (text/html or text/plain)")
    return CONTENT_TYPES[kind]


async def _body(url: URL, response: aiohttp.ClientResponse) -> bytes:
    limit = f"the limit is {MAX_BYTES // 2**20} MB"
    if response.content_length is not None and response.content_length > MAX_BYTES:
        raise FetchError(
            f"{_shown(str(url))}: too large to be an article ({response.content_length / 1e6:.0f} MB; {limit})"
        )
    body = bytearray()
    async for chunk in response.content.iter_chunked(_CHUNK):
        body += chunk
        if len(body) > MAX_BYTES:
            raise FetchError(f"{_shown(str(url))}: too large to be an article (over {MAX_BYTES // 2**20} MB; {limit})")
    return bytes(body)


def _file_name(url: URL, suffix: str) -> str:
    """Return a safe file name for the page: the last part of its path (else its host) with ``suffix``."""
    last = url.path.rstrip("/").rsplit("/", 1)[-1]
    stem = last.rsplit(".", 1)[0] if "." in last else last
    stem = _NAME_CHARACTERS.sub("-", stem).strip("-.")[:80] or _NAME_CHARACTERS.sub("-", url.host or "page")
    return stem + suffix


def _shown(url: str) -> str:
    """Return ``url`` as it may appear in a one-line message: no line breaks, not too long."""
    text = " ".join(str(url).split())
    return text if len(text) <= 120 else text[:117] + "..."


def _reason(error: aiohttp.ClientError) -> str:
    return " ".join(str(error).split())[:160] or type(error).__name__


__all__ = [
    "ALLOW_PRIVATE_ENV",
    "CONTENT_TYPES",
    "MAX_BYTES",
    "MAX_REDIRECTS",
    "TIMEOUT_SECONDS",
    "FetchError",
    "fetch_article",
]
