"""The default SQLite database under several requests writing at once: separate processes on one
database file edit and approve orders at the same moment, and none of them is told «database is
locked»."""

import json
import os
import sqlite3
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from reports.models import Order
from reports.services.orders import order_draft, order_submit, order_update

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 4
EDITS = 3
START_TIMEOUT = 180
RUN_TIMEOUT = 300


@pytest.fixture
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite settings are tested on SQLite")


def _submitted(school, curator, title: str) -> Order:
    order = order_draft(organisation=school, kind=Order.Kind.FREE, actor=curator)
    order = order_update(order=order, title=title, preamble="", items=["Назначить дежурных."])
    return order_submit(order=order)


def _database_file(path) -> None:
    """A file copy of the test database, in the journal mode a server's first connection sets."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(path)])
    with sqlite3.connect(path) as copy:
        copy.execute("PRAGMA journal_mode=WAL")


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


def test_concurrent_approvals_and_edits_wait_for_each_other_instead_of_failing(
    sqlite_only, school, curator, director, tmp_path
):
    shared_order = _submitted(school, curator, "Об общем дежурстве")
    own_orders = [_submitted(school, curator, f"О дежурстве № {n}") for n in range(WRITERS)]
    draft = order_draft(organisation=school, kind=Order.Kind.FREE, actor=curator)
    path = tmp_path / "db.sqlite3"
    _database_file(path)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{path}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    env.pop("CELERY_BROKER_URL", None)
    writers = []
    for index, own in enumerate(own_orders):
        plan = {
            "folder": str(tmp_path),
            "index": index,
            "director": director.pk,
            "shared_draft": draft.pk,
            "edits": EDITS,
            "shared_order": shared_order.pk,
            "own_order": own.pk,
        }
        writers.append(
            subprocess.Popen(
                [sys.executable, "-m", "tests.sqlite_writer", json.dumps(plan)],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
        )
    try:
        _wait(
            lambda: (
                all((tmp_path / f"ready-{n}").exists() for n in range(WRITERS))
                or any(w.poll() not in (None, 0) for w in writers)
            ),
            START_TIMEOUT,
            "the writers to start",
        )
        (tmp_path / "go").touch()
        logs = [w.communicate(timeout=RUN_TIMEOUT)[0].decode(errors="replace") for w in writers]
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
    assert [w.returncode for w in writers] == [0] * WRITERS, "\n".join(logs)

    outcomes = [json.loads((tmp_path / f"outcomes-{n}.json").read_text()) for n in range(WRITERS)]
    failures = [o for writer in outcomes for o in writer if o[1] == "OperationalError"]
    assert failures == [], "\n".join(json.dumps(w, ensure_ascii=False) for w in outcomes)
    edits = [o for writer in outcomes for o in writer if o[0] == "edit"]
    assert [o[1] for o in edits] == ["done"] * WRITERS * EDITS
    shared = sorted(o[1:] for writer in outcomes for o in writer if o[0] == "approve shared")
    refused = ["refused", "Утвердить можно только приказ, ожидающий утверждения."]
    assert shared == [["done", ""]] + [refused] * (WRITERS - 1)
    assert [o[1] for writer in outcomes for o in writer if o[0] == "approve own"] == [
        "done"
    ] * WRITERS

    with sqlite3.connect(path) as db:
        approved = db.execute(
            "SELECT id, status, number, pdf_status FROM reports_order WHERE id IN "
            f"({', '.join('?' * (WRITERS + 1))})",
            [shared_order.pk, *(o.pk for o in own_orders)],
        ).fetchall()
        version, title = db.execute(
            "SELECT version, title FROM reports_order WHERE id = ?", [draft.pk]
        ).fetchone()
        items = db.execute(
            "SELECT text FROM reports_orderitem WHERE order_id = ?", [draft.pk]
        ).fetchall()
        notices = db.execute(
            "SELECT count(*) FROM mentoring_notification WHERE url LIKE ?",
            [f"%/orders/{shared_order.pk}/"],
        ).fetchone()[0]
    assert {status for _id, status, _n, _pdf in approved} == {"approved"}
    # One number each, without gaps or repeats.
    assert sorted(number for _id, _s, number, _pdf in approved) == list(range(1, WRITERS + 2))
    assert {pdf for *_rest, pdf in approved} == {"ready"}
    # No edit was lost, and the text is one edit's whole.
    assert version == 1 + WRITERS * EDITS
    assert items == [(title.replace("Редакция", "Пункт"),)]
    # The author is told once about the order approved once.
    assert notices == 1
