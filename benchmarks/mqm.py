"""Recall and false alarms against professional MQM annotations of real MT news output.

Reads ../shared/eval/wmt-mqm-zhen (WMT 2023 Chinese→English, ten systems, three raters
per segment) at run time, unpacking it into a temporary folder: no sentence of it is
ever written into the project. Each system's output is checked segment by segment and
also per document (segments joined, so document-level rules get their chance), and
findings are matched to the annotated target spans by overlap.

    python benchmarks/mqm.py [--data DIR] [--config benchmarks/mqm.toml] [--misses CATEGORY]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from cleanup import config
from cleanup.formats import FORMATS
from cleanup.model import Finding, Severity, Span
from cleanup.patterns import PatternRule
from cleanup.pipeline import Profile, check_source

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "wmt-mqm-zhen"
VISIBLE = ("Fluency/Punctuation", "Fluency/Grammar", "Fluency/Spelling", "Accuracy/Source language fragment",
           "Fluency/Character encoding", "Locale convention/")
DROPPED = {"Found", "Missed"}


@dataclass
class Segment:
    key: tuple[str, str, int]          # system, doc, segment number
    text: str = ""
    starts_paragraph: bool = True
    spans: list[tuple[str, Span]] = field(default_factory=list)   # (MQM category, span in text)
    raters: set = field(default_factory=set)
    clean_raters: set = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)

    @property
    def clean_for_all(self) -> bool:
        return bool(self.raters) and self.raters == self.clean_raters


def strip_markers(marked: str) -> tuple[str, Span | None]:
    start = marked.find("<v>")
    if start < 0:
        return marked, None
    end = marked.find("</v>", start)
    text = marked[:start] + marked[start + 3:end] + marked[end + 4:]
    return text, Span(start, end - 3)


def read_rows(data: Path):
    archive = next(data.glob("*.tar.gz"))
    with tempfile.TemporaryDirectory(prefix="cleanup-mqm-") as tmp:
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        tsv = next(Path(tmp).glob("*.tsv"))
        csv.field_size_limit(sys.maxsize)
        with tsv.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            next(reader)
            yield from reader


def load_segments(data: Path) -> dict[tuple, Segment]:
    segments: dict[tuple, Segment] = {}
    for row in read_rows(data):
        system, doc, seg, _, rater, _, target, category, severity = row[:9]
        if severity == "HOTW-test" or category in DROPPED:
            continue
        key = (system, doc, int(seg))
        text, span = strip_markers(target)
        segment = segments.setdefault(key, Segment(key, text))
        segment.raters.add(rater)
        if category == "No-error":
            segment.clean_raters.add(rater)
        elif span is not None:
            segment.spans.append((category, span))
        try:
            meta = json.loads(row[9]) if len(row) > 9 and row[9] else {}
        except json.JSONDecodeError:
            meta = {}
        starts = meta.get("segment", {}).get("starts_paragraph")
        if starts is not None:
            segment.starts_paragraph = bool(starts)
    return segments


def documents(segments: dict[tuple, Segment]) -> Iterator[tuple[list[Segment], str, list[int]]]:
    """Each system's output for each source document, its segments joined as the metadata says
    (a new paragraph or a space), with where each segment starts in the joined text."""
    by_doc: dict[tuple, list[Segment]] = defaultdict(list)
    for segment in segments.values():
        by_doc[segment.key[:2]].append(segment)
    for members in by_doc.values():
        members.sort(key=lambda s: s.key[2])
        text, offsets = "", []
        for segment in members:
            if text:
                text += "\n\n" if segment.starts_paragraph else " "
            offsets.append(len(text))
            text += segment.text
        yield members, text, offsets


def run(segments: dict[tuple, Segment], profile: Profile) -> None:
    """Patterns, which look at a few words, see each segment; Python checks, which reason over
    paragraphs and documents (quote pairing, attribution, consistency), see the joined document."""
    fmt = FORMATS["text"]
    local = replace(profile, rules=tuple(r for r in profile.rules if isinstance(r, PatternRule)))
    wide = replace(profile, rules=tuple(r for r in profile.rules if not isinstance(r, PatternRule)))
    for segment in segments.values():
        segment.findings = list(check_source(segment.text, "segment.txt", fmt, local).findings)
    for members, text, offsets in documents(segments):
        for finding in check_source(text, "document.txt", fmt, wide).findings:
            for segment, offset in zip(members, offsets):
                if offset <= finding.span.start < offset + len(segment.text) + 1:
                    local = Span(finding.span.start - offset, min(finding.span.end - offset, len(segment.text)))
                    moved = Finding(finding.rule, finding.category, finding.severity, finding.message, local)
                    if not any(f.rule == moved.rule and f.span == moved.span for f in segment.findings):
                        segment.findings.append(moved)
                    break


def loud(finding: Finding) -> bool:
    return finding.severity.rank >= Severity.WARNING.rank


def visible(category: str) -> bool:
    return any(category.startswith(v) for v in VISIBLE)


def report(segments: dict[tuple, Segment], show_misses: str | None) -> None:
    annotated, found = Counter(), Counter()
    fired, agreed, fired_clean = Counter(), Counter(), Counter()
    misses = []
    for segment in segments.values():
        for category, span in segment.spans:
            if not visible(category):
                continue
            group = "Locale convention/*" if category.startswith("Locale convention/") else category
            annotated[group] += 1
            hit = any(f.span.touches(span) for f in segment.findings if loud(f))
            found[group] += hit
            if not hit and show_misses and category.startswith(show_misses):
                misses.append((segment.text, span))
        for f in segment.findings:
            fired[f.rule] += 1
            agreed[f.rule] += any(f.span.touches(span) for _, span in segment.spans)
            fired_clean[f.rule] += segment.clean_for_all
    clean = [s for s in segments.values() if s.clean_for_all]
    alarmed = sum(1 for s in clean if any(loud(f) for f in s.findings))
    print(f"segments: {len(segments)}, of which every rater marked No-error: {len(clean)}")
    print(f"\n{'MQM category':<40}{'annotated':>10}{'found':>8}{'recall':>8}")
    for group in sorted(annotated):
        print(f"{group:<40}{annotated[group]:>10}{found[group]:>8}{found[group] / annotated[group]:>8.2f}")
    share = alarmed / len(clean) if clean else 0.0
    print(f"\nNo-error segments with a warning or error: {alarmed}/{len(clean)} = {share:.3f}")
    print(f"\n{'rule':<12}{'fired':>8}{'agreed':>8}{'on clean':>10}")
    for rule, n in fired.most_common():
        print(f"{rule:<12}{n:>8}{agreed[rule]:>8}{fired_clean[rule]:>10}")
    for text, span in misses:
        print(f"MISS: {text[max(0, span.start - 40):span.start]}⟦{text[span.start:span.end]}⟧{text[span.end:span.end + 40]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--config", type=Path, default=ROOT / "benchmarks" / "mqm.toml")
    parser.add_argument("--misses", help="print missed spans of MQM categories starting with this (for reading)")
    args = parser.parse_args()
    cfg = config.parse(args.config)
    profile = Profile(config.rules_for(cfg, "segment.txt"), cfg.house())
    print(f"configuration: {args.config.relative_to(ROOT) if args.config.is_relative_to(ROOT) else args.config}: "
          f"{json.dumps(cfg.values, default=str)}")
    segments = load_segments(args.data)
    run(segments, profile)
    report(segments, args.misses)


if __name__ == "__main__":
    main()
