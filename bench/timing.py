"""Timing one page, or a piece of work against its floor: the measure every benchmark of the
harness shares (bench/run.py, bench/surveys.py). Import it after django.setup()."""

import gc
import statistics
import time
from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

WARMUP = 3


def elapsed(call: Callable[[], object]) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def in_turn(
    work: Callable[[], object], floor: Callable[[], object], runs: int, *, collect: bool = False
) -> tuple[list[float], list[float]]:
    """Seconds of `runs` calls of each, taken in turn (work, floor, work, …), so that whatever
    else the machine does during the run slows both alike and their ratio stays fair. With
    `collect`, garbage is collected before each call, outside its time: after a call that leaves
    much of it (a long PDF's layout), the next would otherwise pay for it."""
    work_times, floor_times = [], []
    for _ in range(runs):
        for call, times in ((work, work_times), (floor, floor_times)):
            if collect:
                gc.collect()
            times.append(elapsed(call))
    return work_times, floor_times


def _warm_up(client: Client, url: str) -> int:
    """A few GETs that must succeed, then one with its SQL queries counted."""
    for _ in range(WARMUP):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    # Read now: the next request clears the connection's query log.
    return len(captured.captured_queries)


def _figures(seconds: list[float], queries: int) -> dict:
    times = sorted(second * 1000 for second in seconds)
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[max(0, round(0.95 * len(times)) - 1)], 2),
        "queries": queries,
    }


def measure(client: Client, url: str, requests: int) -> dict:
    """Median and p95 of `requests` GETs after a warm-up, and the queries of one of them."""
    queries = _warm_up(client, url)
    return _figures([elapsed(lambda: client.get(url)) for _ in range(requests)], queries)


def measure_against(client: Client, url: str, floor_url: str, requests: int) -> tuple[dict, dict]:
    """A page and its floor as `measure` does, their requests taken in turn (`in_turn`)."""
    page_queries, floor_queries = _warm_up(client, url), _warm_up(client, floor_url)
    page_times, floor_times = in_turn(
        lambda: client.get(url), lambda: client.get(floor_url), requests
    )
    return _figures(page_times, page_queries), _figures(floor_times, floor_queries)
