"""A Celery worker whose order PDFs take RENDER_DELAY seconds longer, so that a test can kill it
in the middle of a render; each render it starts and finishes is noted in RENDER_JOURNAL.

Run as `python -m tests.slow_render_worker [celery worker options]`.
"""

import os
import sys
import time
from pathlib import Path


def _note(journal: Path, line: str) -> None:
    with journal.open("a") as file:
        file.write(f"{line}\n")


def main(options: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()

    from config.celery import app
    from reports.services import rendering

    delay = float(os.environ["RENDER_DELAY"])
    journal = Path(os.environ["RENDER_JOURNAL"])
    render = rendering.order_pdf_bytes

    def slow_render(order) -> bytes:
        _note(journal, f"started {order.pk} in {os.getpid()}")
        time.sleep(delay)
        content = render(order)
        _note(journal, f"rendered {order.pk} in {os.getpid()}")
        return content

    # The pool's processes are forked from this one and inherit the slow render.
    rendering.order_pdf_bytes = slow_render
    app.worker_main(["worker", *options])


if __name__ == "__main__":
    main(sys.argv[1:])
