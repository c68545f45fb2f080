"""The web editor in real headless Chromium: paste, review, accept, reject, download.

Needs Debian's `chromium` (apt-get install -y chromium); Playwright drives it, never
a browser of its own. A screenshot of the review lands in test-output/ for a person
to look at.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from cleanup.model import Edit, Span
from cleanup.fixes import apply_edits
from cleanup.server.launch import ServeProcess

pytestmark = pytest.mark.integration

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).resolve().parent.parent / "test-output"

# An invented wire story with the artefacts machine translation leaves.
ARTICLE = """Harbour authority approves new ferry terminal

HAMBURG, Germany (dpa) — The harbour authority approved on Monday the construction of a new ferry terminal , the spokesman said, the minister said. The project will cost around 240 million euros and. should be finished in 2029..

According to the plan,the terminal will serve 3 million passengers per year.The old terminal WILL be closed after the opening.

«We are very happy with this decision», said the port director Anna Feld.  She added that the city "had waited too long for this step.

Local residents criticised the noise from the construction site, which is expected to last three years.
"""


@pytest.fixture(scope="module")
def server():
    with ServeProcess() as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def findings(server, text: str) -> list[dict]:
    return server.client.post(f"{server.url}api/v1/check", json={"text": text}).json()["files"][0]["findings"]


def test_review_accept_reject_and_download(server, browser, tmp_path):
    expected = findings(server, ARTICLE)
    rules = {r["id"]: r for r in server.client.get(f"{server.url}api/v1/rules").json()["rules"]}
    page = browser.new_page(viewport={"width": 1400, "height": 860}, accept_downloads=True)
    page.set_default_timeout(15_000)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server.url)

    # Paste and check: every finding is counted, by category.
    page.fill("#draft", ARTICLE)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("mark.finding")
    assert page.text_content("#summary strong") == str(len(expected))
    for category in {f["category"] for f in expected}:
        count = page.text_content(f'#legend button[data-category="{category}"] .count')
        assert count == str(sum(f["category"] == category for f in expected))
    assert page.text_content("#review") == ARTICLE

    # The scores panel: the quality score the API computes, and one bar per paragraph.
    scores = server.client.post(f"{server.url}api/v1/score", json={"text": ARTICLE}).json()["files"][0]["scores"]
    expect(page.locator("#scores dd").first).to_have_text(f"{scores['quality']['score']:.1f}/100".replace(".0/", "/"))
    paragraphs = [p for p in scores["paragraphs"] if p["readability"]["lexicon_count"] > 0]
    assert page.locator("#scores svg.paragraph-chart rect").count() == len(paragraphs)

    # Click a finding: its message, why it matters (rule metadata) and its fix.
    page.click('mark[data-rule="ATT002"]')
    assert page.text_content("#d-message") == next(f["message"] for f in expected if f["rule"] == "ATT002")
    assert page.text_content("#d-why") == rules["ATT002"]["why"]
    assert page.text_content("#d-applicability") == "unsafe"
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "web-editor.png"))

    # Accept one fix with the mouse: the text changes exactly by its edits.
    space = next(f for f in expected if f["rule"] == "PUN002")
    page.click('mark[data-rule="PUN002"]')
    page.click("#accept")
    page.wait_for_selector('mark[data-rule="PUN002"]', state="detached")
    after_one = apply_edits(ARTICLE, [Edit(Span(e["start"], e["end"]), e["replacement"]) for e in space["fix"]["edits"]])
    assert page.text_content("#review") == after_one

    # Keyboard only: focus a finding, open it with Enter, reject it with R.
    page.focus('mark[data-rule="PUN006"]')
    page.keyboard.press("Enter")
    assert page.text_content("#d-rule").startswith("PUN006")
    page.keyboard.press("r")
    page.wait_for_selector('mark[data-rule="PUN006"]', state="detached")
    assert "1 rejected" in page.text_content("#summary")

    # Accept all safe fixes (Shift+A), then undo and redo it.
    # (Locator waits: the page's CSP rightly forbids the eval that wait_for_function needs.)
    status = page.locator("#status")
    page.keyboard.press("Shift+A")
    expect(status).to_have_text(re.compile("^Applied"))
    cleaned = page.text_content("#review")
    assert cleaned != after_one
    page.keyboard.press("u")
    expect(status).to_have_text("Undone.")
    assert page.text_content("#review") == after_one
    page.keyboard.press("Shift+A")
    expect(status).to_have_text(re.compile("^Applied"))
    assert page.text_content("#review") == cleaned

    with page.expect_download() as download:
        page.click("#download")
    saved = tmp_path / "saved.txt"
    download.value.save_as(saved)
    result = saved.read_text(encoding="utf-8")
    assert download.value.suggested_filename == "article.clean.txt"
    assert result == cleaned
    left = findings(server, result)
    # The safe fixes are all in, except the one the editor rejected; unsafe ones wait for a person.
    assert [f["rule"] for f in left if f["fix"] and f["fix"]["applicability"] == "safe"] == ["PUN006"]
    assert {"ATT002", "STY002", "QUO001"} <= {f["rule"] for f in left}
    page.screenshot(path=str(SHOTS / "web-editor-cleaned.png"))

    assert errors == []
    assert all(url.startswith(server.url) or url.startswith("blob:") for url in requested), requested
    page.close()


def test_open_a_file_edit_and_keyboard_fixes(server, browser):
    story = "Fans 🎉🎉 cheered the team , the club said.The parade starts at noon.\n"
    page = browser.new_page(viewport={"width": 1200, "height": 800}, accept_downloads=True)
    page.set_default_timeout(15_000)
    page.goto(server.url)
    page.set_input_files("#file", files=[{"name": "parade.txt", "mimeType": "text/plain",
                                          "buffer": story.encode("utf-8")}])
    page.wait_for_selector("mark.finding")
    assert page.text_content("#filename") == "parade.txt"
    # After a check the first finding has the focus: the keyboard alone fixes it.
    assert page.locator(":focus").get_attribute("data-rule") == "PUN002"
    page.keyboard.press("a")
    page.wait_for_selector('mark[data-rule="PUN002"]', state="detached")
    assert page.text_content("#review") == story.replace("team ,", "team,")

    # Hiding a category from the legend takes its highlights out of view and out of the tab order.
    legend = page.locator('#legend button[data-category="punctuation"]')
    legend.click()
    assert legend.get_attribute("aria-pressed") == "false"
    assert page.get_attribute('mark[data-rule="PUN003"]', "tabindex") == "-1"
    legend.click()

    # Back to editing, change the text by hand, check again; undo brings the earlier text back.
    page.keyboard.press("e")
    assert page.is_visible("#draft") and not page.is_visible("#review")
    page.fill("#draft", page.input_value("#draft").replace("noon", "noon,then"))
    page.keyboard.press("Control+Enter")
    page.wait_for_selector('mark[data-rule="PUN004"]')
    page.locator(":focus").press("u")
    expect(page.locator("#status")).to_have_text("Undone.")
    assert page.text_content("#review") == story.replace("team ,", "team,")

    with page.expect_download() as download:
        page.keyboard.press("d")
    assert download.value.suggested_filename == "parade.clean.txt"
    page.close()
