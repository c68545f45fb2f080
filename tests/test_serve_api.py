"""The JSON API answers exactly what the CLI prints, and describes itself in OpenAPI."""

import json
import socket
import subprocess
import sys
import time

import anyio
import httpx
import pytest
from openapi_spec_validator import validate

from cleanup.model import Finding, Severity, Span
from cleanup.server.app import ServerConfig, create_app
from cleanup.server.launch import ServeProcess

ARTICLE = """Council approves new tram line

LYON, France (AP) — The city council approved on Tuesday a new tram line , the mayor said.The line will link
the airport to the old town,officials said.

“We waited ten years for this,” said one councillor.  Work begins in spring and must end before 2029..
"""


@pytest.fixture(scope="module")
def server():
    with ServeProcess() as running:
        yield running


def in_process(app, method: str, path: str, **kwargs) -> httpx.Response:
    """A request to an app object, for what a subprocess cannot be given (a Python hook)."""
    async def send():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            return await client.request(method, path, **kwargs)
    return anyio.run(send)


def api(server, endpoint: str, **body) -> httpx.Response:
    return server.client.post(f"{server.url}api/v1/{endpoint}", json=body)


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleanup", *args], input=stdin, capture_output=True,
                          text=True, check=False, timeout=60)


def cli(*args: str, stdin: str | None = None) -> str:
    return run_cli(*args, stdin=stdin).stdout


def test_check_answers_what_the_cli_prints(server):
    response = api(server, "check", text=ARTICLE)
    assert response.status_code == 200
    assert response.json() == json.loads(cli("check", "--format", "json", "-", stdin=ARTICLE))
    assert len(response.json()["files"][0]["findings"]) >= 5


def test_score_answers_what_cleanup_score_prints(server):
    answer = api(server, "score", text=ARTICLE).json()
    assert answer == json.loads(cli("score", "--format", "json", "-", stdin=ARTICLE))
    assert answer["files"][0]["scores"]["quality"]["score"] < 100


def test_fix_gives_the_text_cli_fix_writes(server, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(ARTICLE, encoding="utf-8")
    report = json.loads(cli("fix", "--format", "json", "--exit-zero", str(draft)))
    answer = api(server, "fix", text=ARTICLE, path=str(draft)).json()
    fixed = answer["files"][0].pop("fixed")
    assert fixed["text"] == draft.read_text(encoding="utf-8") != ARTICLE
    assert answer == report
    assert "PUN002" in fixed["applied"] and fixed["rounds"] >= 1


def test_select_and_ignore_choose_rules(server):
    only_punctuation = api(server, "check", text=ARTICLE, select=["punctuation"], ignore="PUN006").json()
    rules = {f["rule"] for f in only_punctuation["files"][0]["findings"]}
    assert rules and all(r.startswith("PUN") for r in rules) and "PUN006" not in rules
    unknown = api(server, "check", text=ARTICLE, select=["NOPE"])
    assert unknown.status_code == 400 and "NOPE" in unknown.json()["error"]["message"]


@pytest.mark.parametrize("body, complaint", [
    ({"format": "text"}, "'text' is required"),
    ({"text": "x", "format": "docx"}, "unknown format"),
    ({"text": "x", "colour": True}, "unknown field 'colour'"),
    ({"text": "x", "unsafe_fixes": "yes"}, "boolean"),
    ({"text": "Talks resumed \ud800 today."}, "lone surrogate (U+D800) at character 14"),
])
def test_bad_requests_are_named(server, body, complaint):
    # json.dumps escapes a lone surrogate, which httpx's json= would fail to encode
    response = server.client.post(f"{server.url}api/v1/check", content=json.dumps(body))
    assert response.status_code == 400
    assert complaint in response.json()["error"]["message"]


def test_rules_carry_what_the_editor_explains(server):
    rules = server.client.get(f"{server.url}api/v1/rules").json()["rules"]
    assert [r["id"] for r in rules] == [line.split()[0] for line in cli("rules").splitlines()]
    assert all(r["why"] and r["summary"] and r["fix_safety"] for r in rules)


def test_openapi_document_is_valid(server):
    spec = server.client.get(f"{server.url}openapi.json").json()
    validate(spec)
    assert {"/v2/check", "/api/v1/check", "/api/v1/fix", "/api/v1/rules"} <= set(spec["paths"])


def test_extra_findings_join_both_apis():
    """The grammar step plugs in as a function of the prose; a fake stands in for it here."""
    def grammar(doc):
        at = doc.text.index("has went")
        yield Finding("LT:HAVE_PART_AGREEMENT", "grammar", Severity.WARNING, "Use the past participle",
                      Span(at + 4, at + 8))

    app = create_app(ServerConfig(extra_findings=grammar))
    text = "The mayor has went to Lyon , officials said."
    native = in_process(app, "POST", "/api/v1/check", json={"text": text}).json()["files"][0]["findings"]
    assert [(f["rule"], text[f["start"]:f["end"]]) for f in native] == [("LT:HAVE_PART_AGREEMENT", "went"),
                                                                         ("PUN002", " ")]
    ignored = in_process(app, "POST", "/api/v1/check", json={"text": text, "ignore": ["grammar"]}).json()
    assert [f["rule"] for f in ignored["files"][0]["findings"]] == ["PUN002"]
    matches = in_process(app, "POST", "/v2/check", data={"text": text, "language": "en-US"}).json()["matches"]
    assert [(m["rule"]["id"], m["rule"]["category"]["id"]) for m in matches] == [
        ("HAVE_PART_AGREEMENT", "GRAMMAR"), ("PUN002", "PUNCTUATION")]
    disabled = in_process(app, "POST", "/v2/check", data={"text": text, "language": "en-US",
                                                          "disabledRules": "HAVE_PART_AGREEMENT"}).json()["matches"]
    assert [m["rule"]["id"] for m in disabled] == ["PUN002"]


def test_cors_only_for_allowed_origins():
    origin = {"Origin": "https://desk.example"}
    closed = in_process(create_app(), "POST", "/api/v1/check", json={"text": "x"}, headers=origin)
    assert "access-control-allow-origin" not in closed.headers
    open_app = create_app(ServerConfig(allow_origins=("https://desk.example",)))
    allowed = in_process(open_app, "POST", "/api/v1/check", json={"text": "x"}, headers=origin)
    assert allowed.headers["access-control-allow-origin"] == "https://desk.example"
    other = in_process(open_app, "POST", "/api/v1/check", json={"text": "x"},
                       headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers


def test_serve_refuses_in_one_line_what_it_cannot_do():
    with socket.create_server(("127.0.0.1", 0)) as closed:
        dead = f"http://127.0.0.1:{closed.getsockname()[1]}"
    grammar = run_cli("serve", "--grammar", "--languagetool-url", dead)
    assert grammar.returncode == 2 and len(grammar.stderr.splitlines()) == 1
    assert "LanguageTool is not reachable" in grammar.stderr and "cleanup languagetool start" in grammar.stderr
    with socket.create_server(("127.0.0.1", 0)) as busy:
        taken = run_cli("serve", "--port", str(busy.getsockname()[1]))
    assert taken.returncode == 2
    assert taken.stderr.startswith("cleanup: cannot listen on 127.0.0.1:") and len(taken.stderr.splitlines()) == 1


def test_project_configuration_is_read_once_at_start(tmp_path):
    settings = tmp_path / "cleanup.toml"
    settings.write_text('ignore = ["PUN006"]\n\n[severity]\nPUN002 = "error"\n', encoding="utf-8")
    with ServeProcess("--config", str(settings)) as configured:
        answer = api(configured, "check", text=ARTICLE).json()
        refused = api(configured, "check", text=ARTICLE, select=["PUN006"])
    assert answer == json.loads(cli("check", "--config", str(settings), "--format", "json", "-", stdin=ARTICLE))
    severities = {f["rule"]: f["severity"] for f in answer["files"][0]["findings"]}
    assert "PUN006" not in severities and severities["PUN002"] == "error"
    assert refused.status_code == 400 and "configuration ignores" in refused.json()["error"]["message"]
    settings.write_text('colour = "blue"\n', encoding="utf-8")
    broken = run_cli("serve", "--config", str(settings))
    assert broken.returncode == 2 and "unknown key 'colour'" in broken.stderr


def test_listening_socket_names_tcp_so_asyncio_disables_nagle():
    """Without IPPROTO_TCP asyncio leaves Nagle on, and each answer waits for a delayed ACK."""
    from cleanup.commands.serve import listen

    with listen("127.0.0.1", 0) as listener:
        assert listener.proto == socket.IPPROTO_TCP
        with socket.create_connection(listener.getsockname()), listener.accept()[0] as accepted:
            assert accepted.proto == socket.IPPROTO_TCP


def test_rules_and_scores_load_in_the_background_at_start(server):
    """The first request should not wait for compiling rules and loading the scores' data."""
    deadline = time.monotonic() + 60
    while "rules and scores loaded in" not in server.log() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "rules and scores loaded in" in server.log() and "warm-up failed" not in server.log()


def test_the_warm_up_text_reads_through_every_pack_and_finds_nothing():
    from cleanup.server.native_api import WARM_UP_TEXT, warm_up
    from cleanup.server.service import Checker

    assert warm_up(Checker()) > 0
    assert cli("check", "--format", "json", "--no-cache", "-", stdin=WARM_UP_TEXT).count('"rule"') == 0
