"""`cleanup rules [ID]`: list the rules, or explain one with its examples."""

from __future__ import annotations

import argparse

from ..packs import PackError, builtin_rules
from ..scores.quality import MqmModel
from .check import error


def add_parser(sub: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help="list rules, or explain one")
    p.add_argument("rule", nargs="?", help="a rule id, e.g. PUN001")
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    try:
        rules = builtin_rules()
    except PackError as bad:
        error(str(bad))
        return 2
    if args.rule is None:
        for rule in rules:
            m = rule.meta
            print(f"{m.id}  {m.name:<32} {m.category:<14} {m.severity.value:<8} {m.summary}")
        return 0
    found = [r for r in rules if r.meta.id == args.rule.upper()]
    if not found:
        error(f"no rule {args.rule}; `cleanup rules` lists them")
        return 2
    print(explain(found[0].meta))
    return 0


def explain(m) -> str:
    mqm = MqmModel()
    severity = mqm.severity(m.id, m.severity)
    lines = [f"{m.id} {m.name}", "", f"Category: {m.category}   Severity: {m.severity.value}   MQM: {m.mqm}, "
             f"{severity} (penalty {mqm.weights[severity]:g} by default)",
             f"Pack: {m.pack}   Scopes: {', '.join(sorted(m.scopes))}", "", f"Finds: {m.summary}",
             f"Why: {m.why}", f"Fix: {m.fix_safety}", "", "Examples:"]
    for example in m.examples:
        if example.incorrect:
            lines.append(f"  ✗ {example.text}")
            if example.correction is not None:
                lines.append(f"  → {example.correction}")
        else:
            lines.append(f"  ✓ {example.text}")
    return "\n".join(lines)
