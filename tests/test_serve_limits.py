"""Oversized, malformed and slow requests are refused with a JSON error, and the server goes on."""

import json
import socket
import threading

import httpx
import pytest

from cleanup.server.app import ServerConfig, create_app
from cleanup.server.launch import ServeProcess
from cleanup.server.limits import Limits

from .test_serve_api import in_process

MAX_CHARS = 5_000


@pytest.fixture(scope="module")
def server():
    with ServeProcess("--max-chars", str(MAX_CHARS)) as running:
        yield running


def refused(response: httpx.Response, status: int, words: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert words in response.json()["error"]["message"]


def still_serving(server) -> None:
    response = server.client.post(f"{server.url}api/v1/check", json={"text": "Prices rose , analysts said."})
    assert response.status_code == 200 and response.json()["files"][0]["findings"]
    assert server.alive()


def test_body_over_the_limit_is_refused(server):
    big = "x" * (Limits(MAX_CHARS).max_body + 1)
    refused(server.client.post(f"{server.url}api/v1/check", content=json.dumps({"text": big})), 413, "request body")
    refused(server.client.post(f"{server.url}v2/check", data={"language": "en-US", "text": big}), 413, "request body")
    still_serving(server)


def test_chunked_body_over_the_limit_is_refused(server):
    chunk = b"y" * 65536
    chunks = (chunk for _ in range(Limits(MAX_CHARS).max_body // len(chunk) + 2))
    refused(server.client.post(f"{server.url}api/v1/check", content=chunks), 413, "request body")
    still_serving(server)


def test_huge_declared_length_is_refused_before_reading(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        raw.sendall(b"POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 999999999\r\n\r\n{")
        received = b""
        while chunk := raw.recv(65536):   # the server closes the connection after refusing
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413")
    assert "request body" in json.loads(body)["error"]["message"]
    still_serving(server)


def test_text_over_the_limit_is_refused(server):
    long = "Officials said the talks would resume. " * (MAX_CHARS // 39 + 1)
    refused(server.client.post(f"{server.url}api/v1/check", json={"text": long}), 413, f"at most {MAX_CHARS:,}")
    refused(server.client.post(f"{server.url}v2/check", data={"language": "en-US", "text": long}), 413, "characters")
    still_serving(server)


@pytest.mark.parametrize("endpoint, kwargs, words", [
    ("api/v1/check", {"content": b"{\"text\": "}, "not valid JSON"),
    ("api/v1/check", {"content": b"\xff\xfe"}, "not valid JSON"),
    ("api/v1/check", {"json": ["text"]}, "JSON object"),
    ("api/v1/fix", {"json": {"text": 3}}, "'text'"),
    ("v2/check", {"data": {"language": "en-US", "data": "{\"annotation\": 5}"}}, "must be a list"),
    ("v2/check", {"data": {"language": "en-US", "data": "<p>not json"}}, "must be JSON"),
    ("v2/check", {"data": {"language": "en-US", "data": "{\"annotation\": [{\"text\": 1}]}"}}, "item 0"),
    ("v2/check", {"data": {"language": "en-US", "text": "x", "enabledOnly": "true"}}, "enabledOnly"),
    ("v2/check", {"files": {"text": ("draft.txt", b"Hello")}, "data": {"language": "en-US"}}, "file upload"),
])
def test_malformed_requests_get_400(server, endpoint, kwargs, words):
    refused(server.client.post(server.url + endpoint, **kwargs), 400, words)
    still_serving(server)


def test_requests_reach_no_files(server):
    assert server.client.get(f"{server.url}static/editor.js").status_code == 200
    for path in ["static/..%2F..%2F__init__.py", "static/../app.py", "static/%2e%2e/limits.py", "etc/passwd"]:
        response = server.client.get(server.url + path)
        assert response.status_code == 404 and "error" in response.json(), path
    refused(server.client.delete(f"{server.url}api/v1/check"), 405, "Method Not Allowed")


def test_slow_check_times_out_and_the_next_one_is_served():
    release = threading.Event()

    def stuck_on_slow(doc):
        if "slow" in doc.text:
            release.wait(30)
        return ()

    app = create_app(ServerConfig(Limits(timeout=0.2), extra_findings=stuck_on_slow))
    try:
        refused(in_process(app, "POST", "/api/v1/check", json={"text": "A slow one."}), 503, "longer than 0.2 s")
        assert in_process(app, "POST", "/api/v1/check", json={"text": "A quick one."}).status_code == 200
    finally:
        release.set()
