"""Timing one page: the measure every benchmark of the harness shares (bench/run.py,
bench/surveys.py). Import it after django.setup()."""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

WARMUP = 3


def measure(client: Client, url: str, requests: int) -> dict:
    """Median and p95 of `requests` GETs after a warm-up, and the queries of one of them."""
    for _ in range(WARMUP):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    # Read now: the next request clears the connection's query log.
    queries = len(captured.captured_queries)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[max(0, round(0.95 * len(times)) - 1)], 2),
        "queries": queries,
    }
