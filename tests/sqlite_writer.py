"""One process of tests/test_sqlite_concurrency.py, standing for one request of the web server:
it waits for the start signal, then edits and approves orders in a SQLite file shared with the
other processes, and writes down how each action ended.

Run as `python -m tests.sqlite_writer PLAN`, PLAN being JSON with the keys `folder`, `index`,
`director`, `shared_draft`, `edits`, `shared_order` and `own_order`; the database is the one
DATABASE_URL names.
"""

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path


def main(plan: dict) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()

    from django.core.exceptions import ValidationError
    from django.db import OperationalError, connection
    from django.urls import get_resolver

    from mentoring.models import User
    from reports.models import Order
    from reports.services.orders import order_approve, order_update

    folder, index = Path(plan["folder"]), plan["index"]
    director = User.objects.get(pk=plan["director"])
    # Before the signal every process has done what a running server did at its first request:
    # loaded the URLs, and with them every module a request imports, and opened its connection.
    # Otherwise the first transaction would hold the write lock while WeasyPrint is imported.
    get_resolver().url_patterns  # noqa: B018
    connection.ensure_connection()
    (folder / f"ready-{index}").touch()
    while not (folder / "go").exists():
        time.sleep(0.005)

    outcomes = []

    def attempt(action: str, run: Callable[[], object]) -> None:
        started = time.monotonic()
        try:
            run()
        except ValidationError as error:
            outcome = ["refused", " ".join(error.messages)]
        except OperationalError as error:
            outcome = ["OperationalError", f"{error} after {time.monotonic() - started:.1f}s"]
        else:
            outcome = ["done", ""]
        outcomes.append([action, *outcome])

    draft = Order(pk=plan["shared_draft"])
    for edit in range(plan["edits"]):
        tag = f"{index}-{edit}"
        attempt(
            "edit",
            lambda tag=tag: order_update(
                order=draft, title=f"Редакция {tag}", preamble="", items=[f"Пункт {tag}"]
            ),
        )
    attempt(
        "approve shared",
        lambda: order_approve(order=Order(pk=plan["shared_order"]), actor=director),
    )
    attempt("approve own", lambda: order_approve(order=Order(pk=plan["own_order"]), actor=director))
    (folder / f"outcomes-{index}.json").write_text(json.dumps(outcomes, ensure_ascii=False))


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
