"""Fetching an article URL: on a loopback web server (allowed by the variable), and refused without it."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from bot import fetching
from bot.fetching import FetchError, fetch_article
from knowledge import KnowledgeError, bundled_article_path
from retrieval import RetrievalError
from retrieval.uploads import read_upload

PAGE = (
    "<html><head><title>Council approves harbour rebuild</title></head><body><article>"
    "<h1>Council approves harbour rebuild</h1>"
    "<p>The mayor, Ana Ortiz, said on Tuesday that the council had approved the plan to rebuild the harbour.</p>"
    "<p>“We will rebuild the harbour wall by spring, and the fishing fleet will be back in the water,” Ortiz said.</p>"
    "</article></body></html>"
)


@pytest.fixture
async def site():
    """A web server on 127.0.0.1; ``site.requests`` lists the paths it was asked for."""
    requests: list[str] = []

    async def record(request: web.Request, handler):
        requests.append(request.path)
        return await handler(request)

    async def big(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        chunk = b"<p>" + b"x" * 65_536 + b"</p>"
        for _ in range(fetching.MAX_BYTES // len(chunk) + 2):
            await response.write(chunk)
        await response.write_eof()
        return response

    def redirect(to: str):
        async def handler(request: web.Request) -> web.Response:
            raise web.HTTPFound(to)

        return handler

    def reply(text: str, content_type: str = "text/html", status: int = 200):
        async def handler(request: web.Request) -> web.Response:
            return web.Response(text=text, content_type=content_type, status=status)

        return handler

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(2)
        return web.Response(text=PAGE, content_type="text/html")

    async def to_loopback(request: web.Request) -> web.Response:
        raise web.HTTPFound(f"http://127.0.0.1:{request.url.port}/news/harbour-rebuild")

    app = web.Application(middlewares=[web.middleware(record)])
    app.router.add_get("/news/harbour-rebuild", reply(PAGE))
    app.router.add_get("/story.txt", reply(bundled_article_path().read_text(), "text/plain"))
    app.router.add_get("/empty", reply(""))
    app.router.add_get("/script-only", reply("<html><body><script>app()</script></body></html>"))
    app.router.add_get("/data.json", reply('{"a": 1}', "application/json"))
    app.router.add_get("/missing", reply("no", "text/plain", 404))
    app.router.add_get("/big", big)
    app.router.add_get("/to-loopback", to_loopback)
    app.router.add_get("/slow", slow)
    app.router.add_get("/r1", redirect("/r2"))
    app.router.add_get("/r2", redirect("/r3"))
    app.router.add_get("/r3", redirect("/news/harbour-rebuild"))
    app.router.add_get("/r0", redirect("/r1"))
    runner = web.AppRunner(app)
    await runner.setup()
    server = web.TCPSite(runner, "127.0.0.1", 0)
    await server.start()
    port = runner.addresses[0][1]

    class Site:
        url = f"http://127.0.0.1:{port}"

    Site.requests = requests
    yield Site
    await runner.cleanup()


@pytest.fixture
def allowed(monkeypatch):
    monkeypatch.setenv(fetching.ALLOW_PRIVATE_ENV, "1")


async def test_an_html_page_is_fetched_and_read_as_an_article(site, allowed):
    name, body = await fetch_article(f"{site.url}/news/harbour-rebuild")
    assert name == "harbour-rebuild.html" and body == PAGE.encode()
    article = read_upload(name, body)
    assert article.id == "harbour-rebuild" and [s.name for s in article.speakers] == ["Ana Ortiz"]


async def test_a_text_page_is_read_as_text(site, allowed):
    name, body = await fetch_article(f"{site.url}/story.txt")
    assert name == "story.txt"
    assert read_upload(name, body).speakers[0].name == "John Healey"


async def test_three_redirects_are_followed_and_four_refused(site, allowed):
    name, _ = await fetch_article(f"{site.url}/r1")
    assert name == "harbour-rebuild.html"
    site.requests.clear()
    with pytest.raises(FetchError, match="more than 3 redirects") as error:
        await fetch_article(f"{site.url}/r0")
    assert "\n" not in str(error.value)
    assert site.requests == ["/r0", "/r1", "/r2", "/r3"], "the fourth redirect was followed"


async def test_a_body_over_the_limit_is_refused_while_streaming(site, allowed):
    with pytest.raises(FetchError, match="too large to be an article.*5 MB"):
        await fetch_article(f"{site.url}/big")


async def test_a_page_that_takes_too_long_is_refused(site, allowed, monkeypatch):
    monkeypatch.setattr(fetching, "TIMEOUT_SECONDS", 0.5)
    with pytest.raises(FetchError, match="no complete answer within 0.5 s"):
        await fetch_article(f"{site.url}/slow")


def test_an_upload_must_be_an_article_file():
    with pytest.raises(RetrievalError, match="not an article file; give a .txt, .htm or .html file"):
        read_upload("photo.png", b"\x89PNG")
    with pytest.raises(KnowledgeError, match="^story.txt: this is a binary file"):
        read_upload("../../story.txt", b"\x00\x01" * 100)


@pytest.mark.parametrize(
    "path, message",
    [("/data.json", "application/json, not a web page"), ("/missing", "answered 404"), ("/nowhere", "answered 404")],
)
async def test_other_content_types_and_errors_are_one_line(site, allowed, path, message):
    with pytest.raises(FetchError, match=message) as error:
        await fetch_article(site.url + path)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("path, message", [("/empty", "the file is empty"), ("/script-only", "no article text")])
async def test_pages_without_an_article_get_the_file_errors(site, allowed, path, message):
    name, body = await fetch_article(site.url + path)
    with pytest.raises(KnowledgeError, match=rf"^{name}: .*{message}") as error:
        read_upload(name, body)
    assert "onrecord-upload" not in str(error.value) and "\n" not in str(error.value)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
async def test_loopback_is_refused_without_the_variable_and_nothing_is_requested(site, monkeypatch, host):
    monkeypatch.delenv(fetching.ALLOW_PRIVATE_ENV, raising=False)
    url = site.url.replace("127.0.0.1", host) + "/news/harbour-rebuild"
    with pytest.raises(FetchError, match="loopback, private or reserved") as error:
        await fetch_article(url)
    assert "\n" not in str(error.value)
    assert site.requests == []


async def test_every_redirect_hop_is_checked_and_connects_to_the_checked_address(site, monkeypatch):
    monkeypatch.delenv(fetching.ALLOW_PRIVATE_ENV, raising=False)
    original = fetching._vetted_addresses

    async def vetted(url, allow_private):
        # news.example stands for a public host: it "resolves" to the test server, as DNS
        # rebinding would make it. The connection must go there and nowhere else.
        if url.host == "news.example":
            return ["127.0.0.1"]
        return await original(url, allow_private)

    monkeypatch.setattr(fetching, "_vetted_addresses", vetted)
    port = site.url.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match="127.0.0.1: resolves to 127.0.0.1, a loopback"):
        await fetch_article(f"http://news.example:{port}/to-loopback")
    assert site.requests == ["/to-loopback"], "the redirect to loopback was followed"


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd", "not a url", "http://"])
async def test_only_http_urls(url):
    with pytest.raises(FetchError, match="not an http or https URL|not a URL"):
        await fetch_article(url)


@pytest.mark.parametrize(
    "address, public",
    [
        ("93.184.215.14", True),
        ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("224.0.0.1", False),
        ("240.0.0.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("ff02::1", False),
        ("::ffff:127.0.0.1", False),
    ],
)
def test_which_addresses_are_public(address, public):
    assert fetching._public(address) is public


async def test_the_connection_goes_to_the_checked_addresses_only():
    resolver = fetching._VettedResolver(["93.184.215.14"])
    found = await resolver.resolve("rebinding.example", 80)
    assert [entry["host"] for entry in found] == ["93.184.215.14"]
