// cleanup web editor: check a draft, review findings, accept or reject fixes, download.
//
// The server counts offsets in code points; JavaScript strings count UTF-16 units, so
// the text is handled here as an array of code points wherever offsets are involved.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const el = {
    draft: $("draft"), review: $("review"), dropzone: $("dropzone"), file: $("file"),
    filename: $("filename"), wordcount: $("wordcount"), summary: $("summary"), legend: $("legend"),
    detail: $("detail"), detailEmpty: $("detail-empty"), status: $("status"), scores: $("scores"),
    shortcuts: $("shortcuts"),
  };
  const buttons = ["open", "edit", "check", "accept-safe", "undo", "download", "help", "accept", "reject",
                   "prev", "next", "close-help"].reduce((all, id) => ({ ...all, [id]: $(id) }), {});
  const state = {
    text: "",              // the text the findings belong to
    findings: [],          // from /api/v1/check
    visible: [],           // findings not rejected, in document order
    selected: -1,          // index into visible
    rejected: new Set(),   // keys of findings the editor dismissed
    hiddenCategories: new Set(),
    history: [],           // earlier texts, for undo
    rules: {},             // rule id -> metadata from /api/v1/rules
    filename: "article.txt",
    reviewing: false,
    busy: false,
  };

  // ---- text helpers --------------------------------------------------------------

  const codePoints = (text) => Array.from(text);

  function applyEdits(text, edits) {
    const cps = codePoints(text);
    let out = "";
    let cursor = 0;
    for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
      out += cps.slice(cursor, edit.start).join("") + edit.replacement;
      cursor = edit.end;
    }
    return out + cps.slice(cursor).join("");
  }

  // Two edits conflict when they overlap or one inserts at the other's edge (as in fixes.py).
  function touches(a, b) {
    if (a.start < b.end && b.start < a.end) return true;
    if (a.start === a.end || b.start === b.end) {
      return (b.start <= a.start && a.start <= b.end) || (a.start <= b.start && b.start <= a.end);
    }
    return false;
  }

  // A rejected finding stays rejected after other edits move it: it is known by its rule and surroundings.
  function findingKey(finding, cps) {
    return `${finding.rule}|${cps.slice(Math.max(0, finding.start - 20), finding.end + 20).join("")}`;
  }

  const shown = (s) => (s.trim() === "" ? s.replace(/ /g, "␣").replace(/\n/g, "↵\n") || "∅" : s);
  const words = (text) => (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) || []).length;
  const plural = (n, word, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

  // ---- server --------------------------------------------------------------------

  async function api(path, body) {
    const init = body === undefined ? {} : {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
    };
    const response = await fetch(path, init);
    let data = null;
    try { data = await response.json(); } catch { /* not JSON: reported below */ }
    if (!response.ok) {
      throw new Error(data && data.error ? data.error.message : `${response.status} ${response.statusText}`);
    }
    return data;
  }

  function setStatus(message, isError = false) {
    el.status.textContent = message;
    el.status.parentElement.classList.toggle("error", isError);
  }

  async function busy(label, work) {
    if (state.busy) return;
    state.busy = true;
    document.body.setAttribute("aria-busy", "true");
    setStatus(label);
    updateButtons();
    try {
      await work();
    } catch (error) {
      setStatus(`Error: ${error.message}`, true);
    } finally {
      state.busy = false;
      document.body.removeAttribute("aria-busy");
      updateButtons();
    }
  }

  async function check(text, selectFrom = null) {
    const report = await api("/api/v1/check", { text, path: state.filename });
    state.text = text;
    state.findings = report.files[0].findings;
    state.reviewing = true;
    el.draft.hidden = true;
    el.review.hidden = false;
    render(selectFrom);
    loadScores();
  }

  async function loadScores() {
    // The score endpoint is optional: without it the panel keeps its placeholder.
    try {
      const report = await api("/api/v1/score", { text: state.text, path: state.filename });
      renderScores(report.files[0].scores || {});
    } catch {
      el.scores.querySelector(".placeholder").textContent = "Scores unavailable";
    }
  }

  function renderScores(scores) {
    // A glance for a copy editor: the two numbers, what costs most, and where the hard paragraphs are.
    const quality = scores.quality || {};
    const reading = scores.readability || {};
    const fmt = (v, digits = 1) => (typeof v === "number" ? v.toLocaleString(undefined, { maximumFractionDigits: digits }) : "–");
    const summary = document.createElement("dl");
    const add = (name, value, title = "") => {
      const dt = document.createElement("dt");
      const dd = document.createElement("dd");
      dt.textContent = name;
      dd.textContent = value;
      if (title) dd.title = title;
      summary.append(dt, dd);
    };
    add("Quality", `${fmt(quality.score)}/100`, `MQM penalty ${fmt(quality.absolute_penalty)} in ${fmt(quality.words, 0)} words`);
    add("Grade", fmt(reading.flesch_kincaid_grade), "Flesch–Kincaid grade");
    add("Reading ease", fmt(reading.flesch_reading_ease));
    add("Words/sentence", fmt(reading.avg_sentence_length));
    const costs = Object.entries(quality.by_type || {})
      .sort((a, b) => b[1].penalty - a[1].penalty).slice(0, 3)
      .map(([type, detail]) => `${type} ${fmt(detail.penalty, 0)}`);
    if (costs.length) add("Costs most", costs.join(" · "));
    for (const gate of scores.gates || []) {
      add(`Gate ${gate.gate}`, `${gate.passed ? "pass" : "FAIL"} (${fmt(gate.value)} vs ${fmt(gate.limit)})`);
    }
    el.scores.replaceChildren(summary, paragraphChart(scores.paragraphs || []));
  }

  function paragraphChart(paragraphs) {
    // One bar per paragraph: its Flesch–Kincaid grade; the tallest are the ones to split first.
    const body = paragraphs.filter((p) => p.readability && p.readability.lexicon_count > 0);
    const svgNS = "http://www.w3.org/2000/svg";
    const width = 240, height = 44, gap = 2;
    const svg = document.createElementNS(svgNS, "svg");
    svg.setAttribute("class", "paragraph-chart");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", `Flesch–Kincaid grade of each of ${body.length} paragraphs`);
    const grades = body.map((p) => Math.max(0, p.readability.flesch_kincaid_grade));
    const top = Math.max(16, ...grades);
    const bar = body.length ? (width - gap * (body.length - 1)) / body.length : width;
    body.forEach((p, i) => {
      const h = Math.max(1, (grades[i] / top) * (height - 2));
      const rect = document.createElementNS(svgNS, "rect");
      rect.setAttribute("x", String(i * (bar + gap)));
      rect.setAttribute("y", String(height - h));
      rect.setAttribute("width", String(Math.max(1, bar)));
      rect.setAttribute("height", String(h));
      rect.setAttribute("class", grades[i] > 12 ? "hard" : "easy");
      const title = document.createElementNS(svgNS, "title");
      title.textContent = `line ${p.line}: grade ${grades[i].toFixed(1)}`;
      rect.append(title);
      svg.append(rect);
    });
    return svg;
  }

  // ---- rendering -----------------------------------------------------------------

  function render(selectFrom = null) {
    const cps = codePoints(state.text);
    state.visible = state.findings.filter((f) => !state.rejected.has(findingKey(f, cps)));
    const fragment = document.createDocumentFragment();
    let cursor = 0;
    let last = null;
    state.visible.forEach((finding, index) => {
      const point = finding.start === finding.end;
      if (finding.start < cursor && (point || finding.end <= cursor)) {
        finding.el = last;   // inside an earlier highlight: selecting it highlights that one
        return;
      }
      const start = Math.max(finding.start, cursor);
      if (start > cursor) fragment.append(cps.slice(cursor, start).join(""));
      const mark = document.createElement("mark");
      mark.className = `finding cat-${finding.category}${point ? " point" : ""}`;
      mark.textContent = cps.slice(start, finding.end).join("");
      mark.tabIndex = 0;
      mark.dataset.index = index;
      mark.dataset.rule = finding.rule;
      mark.setAttribute("role", "button");
      mark.setAttribute("aria-label", `${finding.category} ${finding.severity}: ${finding.message}`);
      mark.title = finding.message;
      if (state.hiddenCategories.has(finding.category)) hideMark(mark);
      fragment.append(mark);
      finding.el = mark;
      last = mark;
      cursor = Math.max(cursor, finding.end);
    });
    fragment.append(cps.slice(cursor).join(""));
    el.review.replaceChildren(fragment);
    el.wordcount.textContent = plural(words(state.text), "word");
    renderSummary();
    renderLegend();
    const next = selectFrom === null ? -1 : state.visible.findIndex((f) => f.start >= selectFrom);
    select(next, { focus: selectFrom !== null && el.review.contains(document.activeElement) });
  }

  function hideMark(mark) {
    mark.classList.add("hidden-category");
    mark.tabIndex = -1;
  }

  function renderSummary() {
    const total = state.visible.length;
    const safe = state.visible.filter((f) => f.fix && f.fix.applicability === "safe").length;
    el.summary.replaceChildren();
    if (total === 0) {
      el.summary.textContent = state.rejected.size ? "No findings left to review." : "No findings: the copy looks clean.";
    } else {
      const strong = document.createElement("strong");
      strong.textContent = total;
      el.summary.append(strong, `${total === 1 ? "finding" : "findings"} · ${plural(safe, "safe fix", "safe fixes")}`);
    }
    if (state.rejected.size) el.summary.append(` · ${state.rejected.size} rejected`);
    setStatus(total ? `Checked ${plural(words(state.text), "word")}: ${plural(total, "finding")}.`
                    : `Checked ${plural(words(state.text), "word")}: nothing to fix.`);
  }

  function renderLegend() {
    const counts = new Map();
    state.visible.forEach((f) => counts.set(f.category, (counts.get(f.category) || 0) + 1));
    const items = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    el.legend.replaceChildren(...items.map(([category, count]) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = `cat-${category}`;
      button.dataset.category = category;
      button.setAttribute("aria-pressed", String(!state.hiddenCategories.has(category)));
      button.title = `Show or hide ${category} findings`;
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      const name = document.createElement("span");
      name.textContent = category[0].toUpperCase() + category.slice(1);
      const badge = document.createElement("span");
      badge.className = "count";
      badge.textContent = count;
      button.append(swatch, name, badge);
      button.addEventListener("click", () => toggleCategory(category));
      item.append(button);
      return item;
    }));
  }

  function toggleCategory(category) {
    if (state.hiddenCategories.has(category)) state.hiddenCategories.delete(category);
    else state.hiddenCategories.add(category);
    const position = state.selected >= 0 ? state.visible[state.selected].start : null;
    render(position);
  }

  // ---- selection and detail ------------------------------------------------------

  function select(index, { focus = false } = {}) {
    el.review.querySelectorAll("mark.selected").forEach((m) => m.classList.remove("selected"));
    state.selected = index >= 0 && index < state.visible.length ? index : -1;
    const finding = state.visible[state.selected];
    el.detail.hidden = !finding;
    el.detailEmpty.hidden = Boolean(finding);
    updateButtons();
    if (!finding) return;
    if (finding.el) {
      finding.el.classList.add("selected");
      finding.el.scrollIntoView({ block: "nearest" });
      if (focus) finding.el.focus({ preventScroll: true });
    }
    showDetail(finding);
  }

  function showDetail(finding) {
    const rule = state.rules[finding.rule] || {};
    const chip = $("d-category");
    chip.className = `chip cat-${finding.category}`;
    chip.textContent = finding.category;
    $("d-severity").className = `severity ${finding.severity}`;
    $("d-severity").textContent = finding.severity;
    $("d-rule").textContent = rule.name ? `${finding.rule} · ${rule.name}` : finding.rule;
    $("d-message").textContent = finding.message;
    $("d-why").textContent = rule.why || rule.summary || "—";
    const fix = finding.fix;
    $("d-fix-block").hidden = !fix;
    $("d-nofix").hidden = Boolean(fix);
    if (fix) {
      const tag = $("d-applicability");
      tag.className = `applicability ${fix.applicability}`;
      tag.textContent = fix.applicability === "display" ? "by hand" : fix.applicability;
      $("d-fix-title").textContent = fix.message;
      showDiff(fix.edits);
    }
    $("position").textContent = `${state.selected + 1} / ${state.visible.length}`;
  }

  function showDiff(edits) {
    const cps = codePoints(state.text);
    const sorted = [...edits].sort((a, b) => a.start - b.start);
    // About four words either side, cut at spaces so that no word is shown in part.
    const last = Math.max(...sorted.map((e) => e.end));
    let left = Math.max(0, sorted[0].start - 28);
    let right = Math.min(cps.length, last + 28);
    while (left > 0 && left < sorted[0].start && !/\s/.test(cps[left - 1])) left += 1;
    while (right < cps.length && right > last && !/\s/.test(cps[right])) right -= 1;
    const before = [];
    const after = [];
    const text = (from, to) => cps.slice(from, to).join("").replace(/\s+/g, " ");
    const tagged = (tag, content) => {
      const node = document.createElement(tag);
      node.textContent = shown(content);
      return node;
    };
    let cursor = left;
    if (left > 0) { before.push("…"); after.push("…"); }
    for (const edit of sorted) {
      const plain = text(cursor, edit.start);
      before.push(plain);
      after.push(plain);
      if (edit.end > edit.start) before.push(tagged("del", cps.slice(edit.start, edit.end).join("")));
      if (edit.replacement) after.push(tagged("ins", edit.replacement));
      else if (edit.end === edit.start) after.push(tagged("ins", ""));
      cursor = edit.end;
    }
    const tail = text(cursor, right) + (right < cps.length ? "…" : "");
    before.push(tail);
    after.push(tail);
    $("d-before").replaceChildren(...before);
    $("d-after").replaceChildren(...after);
  }

  function move(step) {
    if (!state.reviewing || !state.visible.length) return;
    let index = state.selected;
    for (let tries = 0; tries < state.visible.length; tries++) {
      index = index < 0 ? (step > 0 ? 0 : state.visible.length - 1)
                        : (index + step + state.visible.length) % state.visible.length;
      if (!state.hiddenCategories.has(state.visible[index].category)) break;
    }
    select(index, { focus: true });
  }

  // ---- actions -------------------------------------------------------------------

  const current = () => state.visible[state.selected];
  const fixable = (finding) => finding && finding.fix && finding.fix.applicability !== "display";

  function remember() {
    state.history.push(state.text);
  }

  function runCheck() {
    const text = state.reviewing ? state.text : el.draft.value;
    if (!text.trim()) {
      setStatus("Paste or open an article first.", true);
      el.draft.focus();
      return;
    }
    busy("Checking…", async () => {
      if (!state.reviewing && state.text && text !== state.text) remember();
      await check(text, 0);
      select(state.visible.length ? 0 : -1, { focus: true });   // the keyboard goes on from the first finding
    });
  }

  function accept() {
    const finding = current();
    if (!fixable(finding)) return;
    busy("Applying the fix…", async () => {
      remember();
      await check(applyEdits(state.text, finding.fix.edits), finding.start);
      setStatus(`Fixed: ${finding.fix.message}.`);
    });
  }

  function reject() {
    const finding = current();
    if (!finding) return;
    state.rejected.add(findingKey(finding, codePoints(state.text)));
    render(finding.start);
    setStatus(`Rejected ${finding.rule}.`);
  }

  function acceptAllSafe() {
    if (!state.reviewing) return;
    busy("Applying safe fixes…", async () => {
      const before = state.text;
      let applied = 0;
      for (let round = 0; round < 10; round++) {   // rounds, like `cleanup fix`: settle what conflicted
        const edits = [];
        let taken = 0;
        for (const finding of state.visible) {
          if (!finding.fix || finding.fix.applicability !== "safe") continue;
          if (finding.fix.edits.some((e) => edits.some((o) => touches(e, o)))) continue;
          edits.push(...finding.fix.edits);
          taken += 1;
        }
        if (!taken) break;
        await check(applyEdits(state.text, edits), 0);
        applied += taken;
      }
      if (applied) state.history.push(before);
      select(state.visible.length ? 0 : -1);
      setStatus(applied ? `Applied ${plural(applied, "safe fix", "safe fixes")}.` : "No safe fixes to apply.");
    });
  }

  function undo() {
    if (!state.history.length) return;
    busy("Undoing…", async () => {
      await check(state.history.pop(), 0);
      setStatus("Undone.");
    });
  }

  function edit() {
    if (!state.reviewing) return;
    state.reviewing = false;
    el.draft.value = state.text;
    el.review.hidden = true;
    el.draft.hidden = false;
    select(-1);
    el.draft.focus();
    setStatus("Editing. Press Ctrl+Enter to check again.");
  }

  function download() {
    const text = state.reviewing ? state.text : el.draft.value;
    const name = state.filename.replace(/(\.[^.]*)?$/, (ext) => `.clean${ext || ".txt"}`);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 5000);
    setStatus(`Downloaded ${name}.`);
  }

  function openFile(file) {
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      state.filename = file.name;
      el.filename.textContent = file.name;
      state.reviewing = false;
      state.rejected.clear();
      el.draft.value = String(reader.result).replace(/^\uFEFF/, "");
      runCheck();
    };
    reader.onerror = () => setStatus(`Cannot read ${file.name}.`, true);
    reader.readAsText(file);
  }

  function updateButtons() {
    const finding = current();
    const idle = !state.busy;
    buttons.edit.disabled = !idle || !state.reviewing;
    buttons.check.disabled = !idle;
    buttons["accept-safe"].disabled = !idle || !state.visible.some((f) => f.fix && f.fix.applicability === "safe");
    buttons.undo.disabled = !idle || !state.history.length;
    buttons.download.disabled = !idle || !(state.reviewing || el.draft.value);
    buttons.accept.disabled = !idle || !fixable(finding);
    buttons.reject.disabled = !idle || !finding;
  }

  // ---- wiring --------------------------------------------------------------------

  buttons.open.addEventListener("click", () => el.file.click());
  el.file.addEventListener("change", () => { openFile(el.file.files[0]); el.file.value = ""; });
  buttons.edit.addEventListener("click", edit);
  buttons.check.addEventListener("click", runCheck);
  buttons["accept-safe"].addEventListener("click", acceptAllSafe);
  buttons.undo.addEventListener("click", undo);
  buttons.download.addEventListener("click", download);
  buttons.help.addEventListener("click", () => el.shortcuts.showModal());
  buttons["close-help"].addEventListener("click", () => el.shortcuts.close());
  buttons.accept.addEventListener("click", accept);
  buttons.reject.addEventListener("click", reject);
  buttons.prev.addEventListener("click", () => move(-1));
  buttons.next.addEventListener("click", () => move(1));
  el.draft.addEventListener("input", updateButtons);

  el.review.addEventListener("click", (event) => {
    const mark = event.target.closest("mark.finding");
    if (mark && !mark.classList.contains("hidden-category")) select(Number(mark.dataset.index));
  });

  const paper = el.draft.parentElement;
  paper.addEventListener("dragover", (event) => { event.preventDefault(); el.dropzone.hidden = false; });
  paper.addEventListener("dragleave", (event) => { if (!paper.contains(event.relatedTarget)) el.dropzone.hidden = true; });
  paper.addEventListener("drop", (event) => {
    event.preventDefault();
    el.dropzone.hidden = true;
    openFile(event.dataTransfer.files[0]);
  });

  const keys = {
    j: () => move(1), k: () => move(-1), a: accept, r: reject, A: acceptAllSafe, u: undo, e: edit,
    o: () => el.file.click(), d: download, "?": () => el.shortcuts.showModal(),
    Escape: () => select(-1),
  };
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      runCheck();
      return;
    }
    const typing = event.target === el.draft || event.target.tagName === "INPUT";
    if (typing || event.ctrlKey || event.metaKey || event.altKey || el.shortcuts.open) return;
    const mark = event.target.closest && event.target.closest("mark.finding");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select(Number(mark.dataset.index), { focus: true });
      return;
    }
    if (event.target.tagName === "BUTTON" && (event.key === "Enter" || event.key === " ")) return;
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  api("/api/v1/rules")
    .then((data) => { data.rules.forEach((rule) => { state.rules[rule.id] = rule; }); })
    .catch((error) => setStatus(`Cannot load rule descriptions: ${error.message}`, true));
  updateButtons();
  el.draft.focus();
})();
