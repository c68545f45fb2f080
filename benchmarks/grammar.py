"""Grammar layer benchmark: our throughput next to LanguageTool's own, and false alarms before/after screening.

Needs a running server (`cleanup languagetool start`); the URL comes from --url,
CLEANUP_LANGUAGETOOL_URL or the default port.

    python benchmarks/grammar.py [--url URL] [--rounds N]

Throughput: the same documents, cut into the same pieces and sent with the same
number of requests in flight, once as bare /v2/check calls (LanguageTool's own
time) and once through cleanup's grammar layer (client library, offset
conversion, filing, screening, merging with our findings). Rounds alternate and
the median is reported, so a busy machine hurts both sides alike. The layer's
answer cache is emptied before every round. On a loaded machine the difference
of the two is mostly noise, so our own processing is also timed alone, with
every answer cached.

False alarms: LanguageTool's warning-or-error findings per 1,000 words on
corpora/clean, as it sends them and after news-copy screening and merging.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleanup import corpus, document, engine  # noqa: E402
from cleanup.grammar import client, hook, screen  # noqa: E402
from cleanup.model import Severity  # noqa: E402
from cleanup.packs import builtin_rules  # noqa: E402
from cleanup.pipeline import Checked  # noqa: E402


def raw_check(url: str, language: str, text: str) -> list[dict]:
    data = urllib.parse.urlencode({"language": language, "text": text}).encode()
    with urllib.request.urlopen(url.rstrip("/") + "/v2/check", data, timeout=client.TIMEOUT) as response:
        return json.load(response)["matches"]


def bare(url: str, docs: list[document.Document]) -> float:
    """Seconds LanguageTool takes for every piece of every document, nothing of ours around it."""
    pieces = [[d.text[s.start:s.end] for s in screen.pieces(d)] for d in docs]
    languages = [screen.language(d) for d in docs]
    with ThreadPoolExecutor(client.WORKERS) as pool:
        start = time.perf_counter()
        for language, texts in zip(languages, pieces):
            list(pool.map(lambda t: raw_check(url, language, t), texts))
        return time.perf_counter() - start


def layered(url: str, checked: list[Checked]) -> float:
    """Seconds the grammar layer takes for the same documents, cache emptied first."""
    client.clear_cache()
    start = time.perf_counter()
    for c in checked:
        hook.merge(c.findings, list(screen.screen(c.document, url).kept))
    return time.perf_counter() - start


def alarms(findings) -> int:
    return sum(1 for f in findings if f.severity.rank >= Severity.WARNING.rank)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=client.resolve_url(None, None))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    rules = builtin_rules()
    articles = {name: corpus.load(name) for name in ("clean", "mt")}
    checked = {name: [Checked(d, engine.run(d, rules).findings)
                      for d in (document.build(a.text, str(a.path)) for a in arts)]
               for name, arts in articles.items()}
    docs = [c.document for cs in checked.values() for c in cs]
    words = sum(a.words for arts in articles.values() for a in arts)
    try:
        layered(args.url, checked["clean"][:1])          # reachability, and the JVM warms up
    except client.GrammarUnavailable as error:
        print(f"benchmarks/grammar.py: {error}", file=sys.stderr)
        return 2
    bare(args.url, docs)
    layered(args.url, [c for cs in checked.values() for c in cs])

    times: dict[str, list[float]] = {"bare": [], "layer": []}
    for _ in range(args.rounds):
        times["bare"].append(bare(args.url, docs))
        times["layer"].append(layered(args.url, [c for cs in checked.values() for c in cs]))
    t_bare, t_layer = statistics.median(times["bare"]), statistics.median(times["layer"])
    # With every answer cached, what is left is our own processing: filing, screening, merging.
    start = time.perf_counter()
    for c in (c for cs in checked.values() for c in cs):
        hook.merge(c.findings, list(screen.screen(c.document, args.url).kept))
    t_ours = time.perf_counter() - start

    print(f"Throughput on corpora/clean + corpora/mt ({len(docs)} articles, {words} words, "
          f"{sum(len(screen.pieces(d)) for d in docs)} pieces, {client.WORKERS} in flight, "
          f"median of {args.rounds} rounds):")
    spread = {side: f"(rounds {min(ts):.1f}-{max(ts):.1f} s)" for side, ts in times.items()}
    print(f"  {'LanguageTool alone (bare /v2/check)':<44} {words / t_bare:8.0f} words/s  {t_bare:6.2f} s  "
          f"{spread['bare']}")
    print(f"  {'cleanup grammar layer (--grammar)':<44} {words / t_layer:8.0f} words/s  {t_layer:6.2f} s  "
          f"{spread['layer']}")
    print(f"  {'overhead of our layer':<44} {100 * (t_layer / t_bare - 1):+8.1f} %")
    print(f"  {'our processing alone (answers cached)':<44} {words / t_ours:8.0f} words/s  {t_ours:6.2f} s"
          f"  = {100 * t_ours / t_bare:.2f} % of LanguageTool's time")
    clean_words = sum(a.words for a in articles["clean"])
    before = after = merged = 0
    left: Counter = Counter()
    for c in checked["clean"]:
        screened = screen.screen(c.document, args.url)
        before += alarms(screened.raw)
        after += alarms(screened.kept)
        theirs = [f for f in hook.merge(c.findings, list(screened.kept)) if f.rule.startswith("LT:")]
        merged += alarms(theirs)
        left.update(f.rule for f in theirs if f.severity.rank >= Severity.WARNING.rank)
    per = lambda n: 1000 * n / clean_words  # noqa: E731
    print(f"\nLanguageTool false alarms on corpora/clean ({clean_words} words), warning or error:")
    print(f"  {'as LanguageTool sends them':<44} {before:5d}  {per(before):6.2f} per 1,000 words")
    print(f"  {'after news-copy screening':<44} {after:5d}  {per(after):6.2f} per 1,000 words")
    print(f"  {'after merging with our findings':<44} {merged:5d}  {per(merged):6.2f} per 1,000 words")
    print("  left: " + ", ".join(f"{rule} {n}" for rule, n in left.most_common()))

    found: Counter = Counter()
    for c in checked["mt"]:
        theirs = hook.merge(c.findings, list(screen.screen(c.document, args.url).kept))
        found.update(f.category for f in theirs if f.rule.startswith("LT:"))
    print("\nLanguageTool findings kept on corpora/mt, by category: "
          + ", ".join(f"{cat} {n}" for cat, n in found.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
