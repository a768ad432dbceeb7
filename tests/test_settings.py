import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_bool, env_int

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checklist():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x7Rk2pQv9LmZ4sT1wYb8NcJ5hG3fD6aE0uI-_oPqRsTuVwXyZaBcDeFgHiJkLmNo",
        ALLOWED_HOSTS="nastavnik.example.ru",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = _manage("check", DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_env_helpers_fail_loudly_on_bad_values(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_bool("SOME_FLAG", False)
    with pytest.raises(ImproperlyConfigured):
        env_int("SOME_NUMBER", 1)
    monkeypatch.setenv("SOME_FLAG", "Yes")
    assert env_bool("SOME_FLAG", False) is True


def test_limits_must_be_positive(monkeypatch):
    monkeypatch.setenv("SOME_LIMIT", "0")
    with pytest.raises(ImproperlyConfigured, match="SOME_LIMIT must be at least 1"):
        env_int("SOME_LIMIT", 3, minimum=1)
    monkeypatch.setenv("SOME_LIMIT", "30")
    assert env_int("SOME_LIMIT", 3, minimum=1) == 30


def test_cache_is_redis_when_cache_url_is_set():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        CACHE_URL="redis://127.0.0.1:6379/1",
    )
    assert result.stdout.strip().endswith("RedisCache"), result.stderr


_PRINT_OPTIONS = (
    "import json, config.settings as s; "
    "print(json.dumps(s.DATABASES['default'].get('OPTIONS', {})))"
)


def _database_options(url: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", _PRINT_OPTIONS],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_sqlite_requests_wait_for_each_others_writes_and_postgres_is_left_as_is(tmp_path):
    assert _database_options(f"sqlite:///{tmp_path / 'db.sqlite3'}") == {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    assert _database_options("postgres://nastavnik@127.0.0.1:5432/nastavnik") == {}


_PRINT_LOADERS = (
    "from django.template import engines; from django.forms.renderers import get_default_renderer; "
    "print(type(engines['django'].engine.template_loaders[0]).__module__, "
    "type(get_default_renderer().engine.engine.template_loaders[0]).__module__)"
)


@pytest.mark.parametrize("debug", ["true", "false"])
def test_templates_and_form_widgets_are_compiled_once_per_process(debug):
    """The cached loader in development and production alike: the benchmark measures pages
    as they are served."""
    result = _manage(
        "shell",
        "-c",
        _PRINT_LOADERS,
        DEBUG=debug,
        SECRET_KEY="x7Rk2pQv9LmZ4sT1wYb8NcJ5hG3fD6aE0uI-_oPqRsTuVwXyZaBcDeFgHiJkLmNo",
        ALLOWED_HOSTS="nastavnik.example.ru",
    )
    last_line = result.stdout.strip().splitlines()[-1]
    assert last_line.split() == ["django.template.loaders.cached"] * 2, result.stderr
