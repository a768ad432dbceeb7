"""Checks for what the tests marked `postgres`, `redis` and `e2e` need.

A missing service skips such a test with its reason in the summary; under CI=true it fails
the test instead, so CI never passes without having run them.
"""

import os
from pathlib import Path

import pytest
import redis

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")
CHROMIUM = Path("/usr/bin/chromium")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require(available: bool, reason: str) -> None:
    if available:
        return
    if in_ci():
        pytest.fail(f"{reason} (CI=true: a missing service fails the run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The Redis server's URL, without a database number."""
    try:
        answers = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        answers = False
    require(answers, f"Redis does not answer at {REDIS_URL} (`make services` starts it)")
    return REDIS_URL


@pytest.fixture(scope="session")
def postgres_required() -> None:
    from django.db import connection

    require(
        connection.vendor == "postgresql",
        "needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/test "
        "(`make test` does)",
    )


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    require(CHROMIUM.exists(), f"Chromium is not installed at {CHROMIUM} (`make bootstrap`)")
    return CHROMIUM


@pytest.fixture(autouse=True)
def _required_services(request) -> None:
    """Applies the checks above to every test carrying the matching marker."""
    for marker, fixture in (
        ("postgres", "postgres_required"),
        ("redis", "redis_url"),
        ("e2e", "chromium_path"),
    ):
        if request.node.get_closest_marker(marker):
            request.getfixturevalue(fixture)
