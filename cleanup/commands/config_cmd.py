"""`cleanup config [PATH]`: the configuration that governs a file, resolved, as JSON."""

from __future__ import annotations

import argparse
import json

from .. import config
from .check import error


def add_parser(sub: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help="print the resolved configuration for a file")
    p.add_argument("path", nargs="?", default="-", help="the file whose configuration to show (default: here)")
    p.add_argument("--config", help="configuration file to use instead of searching for one")
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> int:
    try:
        cfg = config.for_file(args.path, args.config)
        rules = config.rules_for(cfg, config.relative_to_root(cfg, args.path))
    except config.ConfigError as bad:
        error(str(bad))
        return 2
    resolved = {key: (value.value if hasattr(value, "value") else value) for key, value in cfg.resolved().items()}
    resolved["severity"] = {k: v.value for k, v in cfg["severity"].items()}
    print(json.dumps({"config": str(cfg.path) if cfg.path else None, "settings": resolved,
                      "rules": [r.meta.id for r in rules]}, indent=2, ensure_ascii=False))
    return 0
