"""Throughput and latency of `cleanup serve` under 50 concurrent clients on loopback.

Starts a real server, sends a bounded number of requests (the clean corpus articles in
turn) from 50 concurrent httpx clients to each API, and prints requests per second
and p50/p95 latency. Given a LanguageTool server (--peer URL, or CLEANUP_LANGUAGETOOL_URL),
its /v2/check is measured the same way, side by side. Client and server share this
machine's cores, so the figures are a floor, not a capacity plan.

    python benchmarks/serve.py [--requests 1000] [--clients 50] [--peer http://127.0.0.1:8010/]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import statistics
import time
from pathlib import Path

import httpx

from cleanup.server.launch import ServeProcess

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "clean"


async def load(url: str, requests: list[dict], clients: int) -> dict:
    """Send every request once, `clients` at a time; latencies in seconds."""
    latencies: list[float] = []
    errors: collections.Counter = collections.Counter()
    queue = iter(requests)

    async def client(session: httpx.AsyncClient) -> None:
        for request in queue:
            started = time.perf_counter()
            try:
                response = await session.post(url, **request)
                if response.status_code != 200:
                    errors[str(response.status_code)] += 1
            except httpx.HTTPError as error:
                errors[type(error).__name__] += 1
            latencies.append(time.perf_counter() - started)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=120) as session:
        started = time.perf_counter()
        await asyncio.gather(*(client(session) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    return {"requests": len(latencies), "errors": dict(errors), "rps": len(latencies) / elapsed,
            "p50": cuts[49] * 1000, "p95": cuts[94] * 1000}


def bodies(texts: list[str], count: int, endpoint: str) -> list[dict]:
    if endpoint == "/api/v1/check":
        return [{"json": {"text": texts[i % len(texts)]}} for i in range(count)]
    return [{"data": {"text": texts[i % len(texts)], "language": "en-US"}} for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000, help="requests per target (default 1000)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--peer", default=os.environ.get("CLEANUP_LANGUAGETOOL_URL"),
                        help="a LanguageTool server to measure side by side")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"{args.requests} requests per row, {args.clients} concurrent clients, {len(texts)} articles "
          f"of {words:.0f} words on average, {os.cpu_count()} cores shared by clients and server\n")
    print(f"{'target':<22} {'endpoint':<15} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
    rows = []
    with ServeProcess() as server:
        for endpoint in ("/api/v1/check", "/v2/check"):
            rows.append(("cleanup serve", endpoint, server.url.rstrip("/") + endpoint))
        if args.peer:
            rows.append(("LanguageTool (peer)", "/v2/check", args.peer.rstrip("/") + "/v2/check"))
        for name, endpoint, url in rows:
            # Warm-up, not counted: first requests pay for thread start-up and cold caches.
            asyncio.run(load(url, bodies(texts, args.clients, endpoint), args.clients))
            result = asyncio.run(load(url, bodies(texts, args.requests, endpoint), args.clients))
            errors = sum(result["errors"].values())
            print(f"{name:<22} {endpoint:<15} {result['requests']:>8} {errors:>6} "
                  f"{result['rps']:>8.1f} {result['p50']:>8.1f} {result['p95']:>8.1f}"
                  + (f"  ({result['errors']})" if errors else ""), flush=True)


if __name__ == "__main__":
    main()
