"""A task queued by a service travels through Redis and runs in a real Celery worker process."""

import email
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from kombu import pools as kombu_pools

from config.celery import app as celery_app
from mentoring.models import Notification, Role
from mentoring.services.invitations import invitation_create
from reports.models import Order
from reports.services.orders import order_approve, order_draft, order_submit, order_update
from roadmap.models import Activity, Reminder, ReminderSettings, Roadmap, Stage
from roadmap.tasks import send_reminder_emails, send_roadmap_reminders
from tests.mentoring.factories import PersonFactory, UserFactory

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKER_START_TIMEOUT = 60
TASK_TIMEOUT = 30
REDELIVERY_TIMEOUT = 120


def wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.2)


def worker_database_url() -> str:
    """The URL of the database pytest-django created, for the worker to use the same rows."""
    db = settings.DATABASES["default"]
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def drop_broker_connections() -> None:
    # Celery keeps the connection pools it made on first use, even for eager tasks, bound to the
    # broker configured then; without this the next message would still go there.
    # The pools live in kombu's registry by broker URL: a closed one left there would be handed
    # to the next test that publishes to the same URL.
    kombu_pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_url(redis_url):
    """A Redis database of this run's own; the test process publishes there instead of running
    tasks eagerly."""
    url = f"{redis_url}/{1 + os.getpid() % 15}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    saved = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = url, False
    drop_broker_connections()
    yield url
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
    drop_broker_connections()
    client.flushdb()
    client.close()


WORKER_OPTIONS = ("--loglevel=INFO", "--without-heartbeat", "--without-gossip", "--without-mingle")


class Worker:
    """A Celery worker subprocess on the test database, in a process group of its own; its
    output goes to `log`."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                command,
                cwd=settings.BASE_DIR,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_for(self._ready, WORKER_START_TIMEOUT, "the Celery worker to start")
        except BaseException:
            self.stop()
            raise

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            pytest.fail(f"the Celery worker exited with {self.process.returncode}:\n{self.text()}")
        return " ready." in self.text()

    def kill(self) -> None:
        """Kill the worker and its pool at once, as a crash or an OOM kill of the machine would:
        nothing is acknowledged or handed back to the broker."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        print(self.text())


def worker_env(broker_url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CELERY_BROKER_URL": broker_url,
        "DATABASE_URL": worker_database_url(),
        # The test's own media folder (the autouse media_root fixture), where the worker's
        # files must land for the test to read them.
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **extra,
    }


@pytest.fixture
def celery_worker(broker_url, transactional_db, tmp_path):
    """A worker subprocess on the test database; yields the folder its e-mails are written to."""
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = worker_env(
        broker_url,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
    )
    command = [
        *(sys.executable, "-m", "celery", "-A", "config", "worker"),
        *("--pool=solo", "--concurrency=1", *WORKER_OPTIONS),
    ]
    worker = Worker(command, env, tmp_path / "worker.log")
    try:
        yield mail_dir
    finally:
        worker.stop()


def sent_messages(mail_dir: Path) -> list[EmailMessage]:
    separator = b"\n" + b"-" * 79 + b"\n"
    return [
        email.message_from_bytes(chunk, policy=policy.default)
        for path in sorted(mail_dir.iterdir())
        for chunk in path.read_bytes().split(separator)
        if chunk.strip()
    ]


def text_of(message: EmailMessage) -> str:
    return "\n".join(
        part.get_content() for part in message.walk() if part.get_content_maintype() == "text"
    )


def test_invitation_email_is_sent_by_a_worker_through_redis(celery_worker, school, curator):
    invitation, token = invitation_create(
        organisation=school, email="new.teacher@school.test", role=Role.TEACHER, invited_by=curator
    )

    def sent() -> bool:
        invitation.refresh_from_db(fields=["sent_at"])
        return invitation.sent_at is not None and any(celery_worker.iterdir())

    wait_for(sent, TASK_TIMEOUT, "the worker to send the invitation")
    [message] = sent_messages(celery_worker)
    assert message["To"] == "new.teacher@school.test"
    accept_url = settings.SITE_URL + reverse("invitation_accept", args=[token])
    assert accept_url in text_of(message)


def test_an_approved_order_is_rendered_to_pdf_by_a_worker(celery_worker, school, curator, director):
    order = order_draft(organisation=school, kind=Order.Kind.FREE, actor=curator)
    order = order_update(
        order=order,
        title="О дежурстве по школе",
        preamble="В целях организации дежурства,",
        items=["Назначить дежурных администраторов.", "Контроль оставляю за собой."],
    )
    order_submit(order=order)
    with transaction.atomic():
        order_approve(order=order, actor=director)

    def rendered() -> bool:
        order.refresh_from_db()
        assert order.pdf_status != Order.PdfStatus.FAILED, order.pdf_error
        return order.pdf_status == Order.PdfStatus.READY

    wait_for(rendered, TASK_TIMEOUT, "the worker to render the order")
    assert order.pdf_version == order.version
    path = Path(order.pdf.path)
    assert path.is_relative_to(settings.MEDIA_ROOT)
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    flat = " ".join(text.split())
    assert f"{order.signed_on:%d.%m.%Y} № {order.registration_number}" in flat
    assert "О дежурстве по школе" in flat
    assert "ПРИКАЗЫВАЮ:" in flat
    assert "1. Назначить дежурных администраторов." in flat
    assert "Директор А.С. Петрова" in flat


def succeeded(log: Path, task) -> int:
    """How many runs of the task the worker's log reports finished."""
    return len(re.findall(rf"Task {re.escape(task.name)}\[[^\]]+\] succeeded", log.read_text()))


def test_roadmap_reminders_run_in_the_worker_and_mail_once_when_queued_twice(celery_worker, school):
    # Hour 0: whatever the hour the test runs at, the school's time has come.
    ReminderSettings.objects.create(organisation=school, hour=0)
    roadmap = Roadmap.objects.create(
        organisation=school, academic_year=school.academic_years.get(), title="Дорожная карта"
    )
    stage = Stage.objects.create(roadmap=roadmap, number=1, title="Подготовительный этап")
    activity = Activity.objects.create(
        stage=stage,
        number=1,
        title="Утвердить Положение о наставничестве",
        deadline_kind=Activity.DeadlineKind.DATE,
        due_on=timezone.localdate(),
    )
    user = UserFactory(email="responsible@school.test")
    activity.responsible_people.add(PersonFactory(organisation=school, user=user))
    log = celery_worker.parent / "worker.log"

    send_roadmap_reminders.delay()
    send_roadmap_reminders.delay()
    wait_for(
        lambda: (
            succeeded(log, send_roadmap_reminders) == 2
            and succeeded(log, send_reminder_emails) == 1
        ),
        TASK_TIMEOUT,
        "the worker to run both reminder jobs and the e-mail",
    )
    reminder = Reminder.objects.get()
    assert reminder.email_sent_at is not None
    # The e-mail task delivered again (a redelivery after a lost acknowledgement) sends nothing.
    send_reminder_emails.delay([reminder.pk])
    wait_for(
        lambda: succeeded(log, send_reminder_emails) == 2, TASK_TIMEOUT, "the repeated e-mail task"
    )
    [message] = sent_messages(celery_worker)
    assert message["To"] == "responsible@school.test"
    assert "Утвердить Положение о наставничестве" in text_of(message)
    assert Notification.objects.filter(user=user).count() == 1


def test_a_render_cut_off_by_a_killed_worker_is_finished_once_by_the_next(
    broker_url, transactional_db, tmp_path, school, curator, director
):
    journal = tmp_path / "renders.txt"
    journal.touch()
    command = [sys.executable, "-m", "tests.slow_render_worker", "--pool=prefork"]
    command += ["--concurrency=1", *WORKER_OPTIONS]
    order = order_draft(organisation=school, kind=Order.Kind.FREE, actor=curator)
    order = order_update(order=order, title="О дежурстве", preamble="", items=["Назначить."])
    order_submit(order=order)
    first = Worker(
        command,
        worker_env(broker_url, RENDER_DELAY="600", RENDER_JOURNAL=str(journal)),
        tmp_path / "first.log",
    )
    try:
        with transaction.atomic():
            order_approve(order=order, actor=director)
        wait_for(lambda: "started" in journal.read_text(), TASK_TIMEOUT, "the render to start")
        first.kill()
    finally:
        first.stop()
    order.refresh_from_db()
    assert order.pdf_status == Order.PdfStatus.RENDERING

    # The job taken by the dead worker is handed to the next one once the visibility timeout
    # has passed since it was taken: a second here instead of ten minutes.
    second = Worker(
        command,
        worker_env(
            broker_url,
            RENDER_DELAY="0",
            RENDER_JOURNAL=str(journal),
            CELERY_VISIBILITY_TIMEOUT="1",
        ),
        tmp_path / "second.log",
    )
    unacked = redis.Redis.from_url(broker_url)
    try:

        def rendered() -> bool:
            order.refresh_from_db()
            return order.pdf_status == Order.PdfStatus.READY

        wait_for(rendered, REDELIVERY_TIMEOUT, "the next worker to render the order")
        # Acknowledged: nothing is left to be delivered again.
        wait_for(
            lambda: unacked.hlen("unacked") == 0 and unacked.llen("celery") == 0,
            TASK_TIMEOUT,
            "the job to be acknowledged",
        )
    finally:
        second.stop()
        unacked.close()

    lines = journal.read_text().splitlines()
    assert [line.split()[0] for line in lines] == ["started", "started", "rendered"], lines
    assert order.pdf_is_current
    assert sorted(p.name for p in (Path(settings.MEDIA_ROOT) / "orders").rglob("*.pdf")) == [
        f"order-{order.pk}-v{order.version}.pdf"
    ]
    assert order.pdf.read().startswith(b"%PDF")
