"""The surveys under load: 1,000 respondents submitting a 20-question questionnaire at once
through gunicorn on PostgreSQL, and the results page at 1,000 and 10,000 responses.

Run from the repository root against its own PostgreSQL database (it is flushed first):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nastavnik_bench_surveys \
        .venv/bin/python bench/surveys.py

1. Data: a school with 1,000 teachers (each with a processing consent), a satisfaction
   questionnaire of 20 questions in four sections (every kind but the choice of people, a matrix
   of four rows, one question shown only after a given answer), a campaign with a participation
   and a personal link for each teacher (sha256 of the token in Participation.token_hash, the
   tokens and the answers to post in a file for the load tool).
2. Load: gunicorn serves the project (DEBUG off, 2×cores+1 sync workers, persistent database
   connections) on a free port of 127.0.0.1; locust (bench/locust_surveys.py) runs a simulated
   respondent per link: GET the link, POST all answers with action=submit, and for 5 % of them the
   same POST again as a retried request. The same load first runs against a floor: a bare view
   behind the same middleware, session and CSRF check that INSERTs one row per POST
   (bench/surveys_urls.py). Afterwards the database is counted: one Response per respondent with
   an Answer per answered item, each participation submitted once — lost and duplicated. Then
   20 respondents one at a time in process, against the floor: the cost without the queue.
3. Results: a second campaign of the same questionnaire gets 1,000 and then 10,000 generated
   responses; /campaigns/<pk>/results/ is timed in process as the curator, with its queries
   counted, against a floor doing the same GROUP BY aggregate into a minimal template.

Results go to bench/results.json under "surveys"; the other keys are kept.
"""

# Django is set up before the project's modules are imported.
# ruff: noqa: E402

import argparse
import hashlib
import json
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV_BIN = Path(sys.executable).parent

# Production-like settings: no debug machinery, static files from a manifest. Plain HTTP on the
# loopback, so no redirect to HTTPS and no secure-only cookies.
STATIC_ROOT = str(Path(tempfile.gettempdir()) / "nastavnik-bench-static")
SETTINGS = {
    "DEBUG": "false",
    "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key"),
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "STATIC_ROOT": STATIC_ROOT,
    "LOG_LEVEL": "WARNING",
}
os.environ.update(
    {"DJANGO_SETTINGS_MODULE": "config.settings", "ALLOWED_HOSTS": "testserver", **SETTINGS}
)
for name in ("CELERY_BROKER_URL", "CACHE_URL"):  # tasks in-process, counters in each process
    os.environ.pop(name, None)

import django

django.setup()

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench.surveys_counts import intact, integrity, ratio
from bench.timing import WARMUP, measure, measure_against
from mentoring import demo
from mentoring.models import (
    AcademicYear,
    Consent,
    Membership,
    MentoringType,
    Organisation,
    Person,
    Role,
    User,
)
from surveys.models import Answer, Campaign, Participation, Question, Response
from surveys.selectors.questionnaires import current_version
from surveys.services.questionnaires import (
    FILE_FORMAT,
    FILE_FORMAT_VERSION,
    questionnaire_create_from_data,
)

RESULTS = ROOT / "bench" / "results.json"
RESPONDENTS = 1_000
RESULTS_SCALES = {"1k": 1_000, "10k": 10_000}
RETRY_SHARE = 0.05  # respondents whose submission is sent twice
BUILTIN_DATA = (
    ("0005_builtin_mentoring_forms", "add_forms"),
    ("0008_builtin_role_models_and_types", "add"),
)

# The questionnaire: what a school asks its mentors and mentees at the end of the year.
SCALE_0_2 = ["не проявляется", "проявляется частично", "проявляется в полной мере"]
FORMS = [
    {"value": "traditional", "label": "Традиционное"},
    {"value": "group", "label": "Групповое"},
    {"value": "virtual", "label": "Виртуальное (дистанционное)"},
    {"value": "reverse", "label": "Реверсивное"},
    {"value": "situational", "label": "Ситуационное"},
]
ACTIVITIES = [
    {"value": "lessons", "label": "Посещение уроков друг друга"},
    {"value": "talks", "label": "Беседы и разбор ситуаций"},
    {"value": "planning", "label": "Совместное планирование уроков"},
    {"value": "online", "label": "Онлайн-консультации"},
    {"value": "workshops", "label": "Мастер-классы"},
]
TOPICS = [
    {"value": "discipline", "label": "Дисциплина на уроке"},
    {"value": "parents", "label": "Работа с родителями"},
    {"value": "documents", "label": "Документация"},
    {"value": "assessment", "label": "Оценивание"},
    {"value": "digital", "label": "Цифровые инструменты"},
    {"value": "inclusion", "label": "Инклюзивное образование"},
]
QUESTIONNAIRE = {
    "format": FILE_FORMAT,
    "format_version": FILE_FORMAT_VERSION,
    "title": "Удовлетворённость участием в программе наставничества",
    "kind": "satisfaction",
    "sections": [
        {
            "title": "О вас",
            "questions": [
                {
                    "key": "role",
                    "text": "В какой роли вы участвуете в программе?",
                    "kind": "single",
                    "required": True,
                    "options": [
                        {"value": "mentor", "label": "Наставник"},
                        {"value": "mentee", "label": "Наставляемый"},
                    ],
                },
                {
                    "key": "form",
                    "text": "Форма наставничества",
                    "kind": "single",
                    "required": True,
                    "options": FORMS,
                    "allow_other": True,
                },
                {
                    "key": "experience",
                    "text": "Педагогический стаж, лет",
                    "kind": "number",
                    "min_value": 0,
                    "max_value": 50,
                },
                {
                    "key": "first_time",
                    "text": "Вы впервые участвуете в программе наставничества?",
                    "kind": "yes_no",
                },
            ],
        },
        {
            "title": "Встречи",
            "questions": [
                {
                    "key": "meetings",
                    "text": "Как часто проходили встречи?",
                    "kind": "single",
                    "required": True,
                    "options": [
                        {"value": "weekly", "label": "Каждую неделю"},
                        {"value": "biweekly", "label": "Раз в две недели"},
                        {"value": "monthly", "label": "Раз в месяц"},
                        {"value": "rarely", "label": "Реже"},
                    ],
                },
                {
                    "key": "why_rare",
                    "text": "Что мешало встречаться чаще?",
                    "kind": "long_text",
                    "show_if_key": "meetings",
                    "show_if_values": ["rarely"],
                },
                {
                    "key": "activities",
                    "text": "Что вы делали вместе?",
                    "kind": "multiple",
                    "options": ACTIVITIES,
                    "allow_other": True,
                },
                {"key": "last_meeting", "text": "Дата последней встречи", "kind": "date"},
                {
                    "key": "hours",
                    "text": "Сколько часов в месяц занимали встречи?",
                    "kind": "number",
                    "min_value": 0,
                    "max_value": 40,
                },
            ],
        },
        {
            "title": "Оценка",
            "questions": [
                {
                    "key": "satisfaction",
                    "text": "Насколько вы удовлетворены участием в программе?",
                    "kind": "scale",
                    "required": True,
                    "scale_min": 1,
                    "scale_max": 5,
                    "scale_labels": ["совсем нет", "", "", "", "полностью"],
                },
                {
                    "key": "usefulness",
                    "text": "Насколько полезной была программа для вашей работы?",
                    "kind": "scale",
                    "scale_min": 1,
                    "scale_max": 5,
                    "scale_labels": ["бесполезна", "", "", "", "очень полезна"],
                },
                {
                    "key": "skills",
                    "text": "Оцените, как изменились умения",
                    "kind": "matrix",
                    "scale_min": 0,
                    "scale_max": 2,
                    "scale_labels": SCALE_0_2,
                    "rows": [
                        {"key": "planning", "label": "Планирование урока"},
                        {"key": "feedback", "label": "Обратная связь ученикам"},
                        {"key": "classroom", "label": "Управление классом"},
                        {"key": "parents", "label": "Работа с родителями"},
                    ],
                },
                {
                    "key": "climate",
                    "text": "Насколько комфортно вам было работать в паре или группе?",
                    "kind": "scale",
                    "scale_min": 1,
                    "scale_max": 10,
                },
                {
                    "key": "goals",
                    "text": "Достигнуты ли цели, поставленные в начале?",
                    "kind": "single",
                    "options": [
                        {"value": "fully", "label": "Полностью"},
                        {"value": "partly", "label": "Частично"},
                        {"value": "no", "label": "Нет"},
                    ],
                },
                {
                    "key": "recommend",
                    "text": "Порекомендуете ли вы участие в программе коллегам?",
                    "kind": "yes_no",
                },
                {
                    "key": "next_year",
                    "text": "Хотите ли вы участвовать в следующем году?",
                    "kind": "yes_no",
                },
            ],
        },
        {
            "title": "Ваши слова",
            "questions": [
                {"key": "best", "text": "Что было самым полезным?", "kind": "long_text"},
                {"key": "improve", "text": "Что стоит изменить?", "kind": "long_text"},
                {
                    "key": "topics",
                    "text": "Какие темы нужны в следующем году?",
                    "kind": "multiple",
                    "options": TOPICS,
                },
                {"key": "contact", "text": "Как с вами связаться", "kind": "short_text"},
            ],
        },
    ],
}
BEST = [
    "Разбор конкретных уроков после посещения.",
    "Поддержка в первые месяцы работы, когда всё было новым.",
    "Совместное планирование: стало понятно, как выстраивать урок.",
    "Советы по работе с трудным классом.",
    "Возможность задать вопрос в любой момент.",
]
IMPROVE = [
    "Больше времени на встречи в расписании.",
    "Встречаться чаще в первой четверти.",
    "Ничего, всё устроило.",
    "Добавить встречи с психологом.",
    "Меньше отчётов, больше практики.",
]
WHY_RARE = ["Не совпадало расписание.", "Большая нагрузка.", "Болезнь, потом каникулы."]
OTHER = ["Смешанное", "Проектное", "Сетевое с другой школой"]


@dataclass(frozen=True)
class Scene:
    school: Organisation
    year: AcademicYear
    curator: User
    teachers: list[Person]


def build() -> Scene:
    """The school with its teachers, their consents, the curator and the questionnaire."""
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    # flush also empties the built-in forms, role models and types the migrations seeded.
    for module, function in BUILTIN_DATA:
        getattr(import_module(f"mentoring.migrations.{module}"), function)(apps, None)
    municipality = Organisation.objects.create(
        kind=Organisation.Kind.MUNICIPALITY,
        full_name="Управление образования администрации города Березники",
        short_name="УО г. Березники",
        city="Березники",
    )
    school = Organisation.objects.create(municipality=municipality, **demo.school_fields(1))
    start, end = AcademicYear.bounds_for(demo.demo_year())
    year = AcademicYear.objects.create(
        organisation=school, start_date=start, end_date=end, is_current=True
    )
    rng = random.Random(15)
    teachers = demo.people_insert(school, demo.staff(rng, RESPONDENTS), demo.subjects_catalogue())
    curator = User.objects.create(
        email="curator@bench.test", full_name=teachers[1].full_name, password=make_password(None)
    )
    Membership.objects.create(user=curator, organisation=school, role=Role.CURATOR)
    teachers[1].user = curator
    teachers[1].save(update_fields=["user"])
    consents_insert(teachers, rng)
    return Scene(school, year, curator, teachers)


def consents_insert(people: list[Person], rng: random.Random) -> None:
    today = timezone.localdate()
    Consent.objects.bulk_create(
        [
            Consent(
                person=person,
                kind=Consent.Kind.PROCESSING,
                given_on=demo.september_day(rng, today),
                text_version="2025-09",
                text_sha256="0" * 64,
            )
            for person in people
        ],
        batch_size=2000,
    )


def campaign_create(scene: Scene, version, title: str) -> Campaign:
    now = timezone.now()
    return Campaign.objects.create(
        organisation=scene.school,
        academic_year=scene.year,
        version=version,
        title=title,
        audience=Campaign.Audience.ALL_TEACHERS,
        opens_at=now - timedelta(days=7),
        closes_at=now + timedelta(days=14),
        launched_at=now - timedelta(days=7),
    )


def participations_insert(
    campaign: Campaign, people: list[Person], *, tokens: bool
) -> list[tuple[Participation, str]]:
    """A participation per person; with tokens, each with a personal link's token (only its
    sha256 is stored)."""
    invited = campaign.opens_at
    rows = []
    for person in people:
        token = secrets.token_urlsafe(32) if tokens else ""
        digest = hashlib.sha256(token.encode()).hexdigest() if tokens else None
        rows.append(
            (
                Participation(
                    campaign=campaign, person=person, token_hash=digest, invited_at=invited
                ),
                token,
            )
        )
    Participation.objects.bulk_create([row for row, _token in rows], batch_size=2000)
    return rows


# Answers: stored values per the shared contract, drawn with skewed, plausible distributions.


def _scale(rng: random.Random, low: int, high: int, lean: float) -> int:
    """A point of the scale leaning towards its top by `lean` (0: uniform)."""
    points = list(range(low, high + 1))
    weights = [1 + lean * i for i in range(len(points))]
    return rng.choices(points, weights)[0]


def answers(rng: random.Random, questions: list[Question], today: date) -> dict:
    """item key → stored value (and "<key>__other" → text) of one respondent who answers every
    question shown to them."""
    values: dict = {}
    for question in questions:
        key = question.key
        if question.show_if_key and values.get(question.show_if_key) not in question.show_if_values:
            continue
        options = [option["value"] for option in question.options]
        match question.kind:
            case Question.Kind.SINGLE:
                if question.allow_other and rng.random() < 0.05:
                    values[key] = "__other__"
                    values[f"{key}__other"] = rng.choice(OTHER)
                else:
                    values[key] = rng.choices(options, range(len(options) + 1, 1, -1))[0]
            case Question.Kind.MULTIPLE:
                chosen = rng.sample(options, rng.randint(1, 3))
                if question.allow_other and rng.random() < 0.05:
                    chosen.append("__other__")
                    values[f"{key}__other"] = rng.choice(OTHER)
                values[key] = chosen
            case Question.Kind.SCALE:
                values[key] = _scale(rng, question.scale_min, question.scale_max, 0.8)
            case Question.Kind.MATRIX:
                for row in question.rows:
                    values[f"{key}.{row['key']}"] = _scale(
                        rng, question.scale_min, question.scale_max, 1.0
                    )
            case Question.Kind.YES_NO:
                values[key] = rng.random() < 0.75
            case Question.Kind.NUMBER:
                middle = (question.min_value + question.max_value) / 4
                number = round(rng.gauss(middle, middle / 2))
                values[key] = int(min(question.max_value, max(question.min_value, number)))
            case Question.Kind.DATE:
                values[key] = (today - timedelta(days=rng.randint(0, 60))).isoformat()
            case Question.Kind.SHORT_TEXT:
                values[key] = (
                    f"+7 9{rng.randint(10, 99)} {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"
                )
            case Question.Kind.LONG_TEXT:
                pool = {"best": BEST, "improve": IMPROVE}.get(key, WHY_RARE)
                values[key] = rng.choice(pool)
    return values


def items(values: dict) -> int:
    """Answer rows of these values: one per item, «другое» texts are not items."""
    return sum(1 for key in values if not key.endswith("__other"))


def form_fields(questions: list[Question], values: dict) -> list[tuple[str, str]]:
    """The fields the fill page posts for these values (form data, as a browser sends it)."""
    fields = []
    for question in questions:
        key = question.key
        if question.kind == Question.Kind.MATRIX:
            for row in question.rows:
                item = f"{key}.{row['key']}"
                if item in values:
                    fields.append((item, str(values[item])))
            continue
        if key not in values:
            continue
        value = values[key]
        match question.kind:
            case Question.Kind.MULTIPLE:
                fields += [(key, choice) for choice in value]
            case Question.Kind.YES_NO:
                fields.append((key, "yes" if value else "no"))
            case Question.Kind.DATE:
                fields.append((key, date.fromisoformat(value).strftime("%d.%m.%Y")))
            case _:
                fields.append((key, str(value)))
        if f"{key}__other" in values:
            fields.append((f"{key}__other", values[f"{key}__other"]))
    return fields


def posts(questions: list[Question], values: dict, flow: str) -> list[dict]:
    """What a respondent POSTs: every answer with action=submit in one request («one-request»),
    or a section at a time with action=next and the last one with action=submit («sections»,
    as the page does without JavaScript)."""
    if flow == "one-request":
        return [{"fields": form_fields(questions, values), "action": "submit"}]
    sections: dict[int, list[Question]] = {}
    for question in questions:
        sections.setdefault(question.section.position, []).append(question)
    numbers = sorted(sections)
    return [
        {
            "fields": form_fields(sections[position], values),
            "action": "submit" if number == len(numbers) else "next",
            "section": number,
        }
        for number, position in enumerate(numbers, start=1)
    ]


def answer_rows(response: Response, questions: list[Question], values: dict) -> list[Answer]:
    rows = []
    for question in questions:
        keys = (
            [f"{question.key}.{row['key']}" for row in question.rows]
            if question.kind == Question.Kind.MATRIX
            else [question.key]
        )
        for key in keys:
            if key not in values:
                continue
            value = values[key]
            number = None
            if question.kind in (Question.Kind.SCALE, Question.Kind.MATRIX, Question.Kind.NUMBER):
                number = value
            elif question.kind == Question.Kind.YES_NO:
                number = int(value)
            rows.append(
                Answer(
                    response=response,
                    question=question,
                    item_key=key,
                    value=value,
                    number=number,
                    other_text=values.get(f"{key}__other", ""),
                )
            )
    return rows


def version_questions(version) -> list[Question]:
    return list(
        Question.objects.filter(section__version=version)
        .select_related("section")
        .order_by("section__position", "position")
    )


# The load run.


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn_start(port: int, workers: int, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        **SETTINGS,
        "DJANGO_SETTINGS_MODULE": "bench.surveys_settings",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_CONN_MAX_AGE": "600",
    }
    command = [
        str(VENV_BIN / "gunicorn"),
        "bench.surveys_wsgi",
        f"--workers={workers}",
        f"--bind=127.0.0.1:{port}",
        "--backlog=2048",
        "--timeout=600",
        "--log-level=warning",
        # The project and its views are imported once (bench/surveys_wsgi.py) and forked: the
        # workers start warm. Only the start is quicker; requests are served the same.
        "--preload",
        f"--chdir={ROOT}",
    ]
    # The command is ours, with fixed arguments.
    server = subprocess.Popen(  # noqa: S603
        command, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start, see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench-floor/surveys/thanks/"):  # noqa: S310
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError(f"gunicorn did not answer within a minute, see {log}")


def gunicorn_stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def warm_up(host: str, paths: list[str], workers: int) -> None:
    """Each worker's first requests import the views and compile templates: not part of the
    load. Sent several at a time, so that every worker gets some."""

    def get(path: str) -> None:
        with urllib.request.urlopen(host + path, timeout=300) as page:  # noqa: S310 (loopback)
            page.read()

    with ThreadPoolExecutor(max_workers=workers * 2) as pool:
        for _ in range(WARMUP):
            list(pool.map(get, paths * workers * 2))


def load(name: str, respondents: Path, host: str, args, work: Path) -> dict:
    """A headless locust run of one simulated respondent per line of `respondents`."""
    command = [
        str(VENV_BIN / "locust"),
        f"--locustfile={ROOT / 'bench' / 'locust_surveys.py'}",
        "--headless",
        f"--users={args.users}",
        f"--spawn-rate={args.spawn_rate}",
        f"--run-time={args.run_time}s",
        f"--host={host}",
        "--only-summary",
        "--loglevel=WARNING",
    ]
    env = {
        **os.environ,
        "SURVEYS_RESPONDENTS": str(respondents),
        "SURVEYS_STATS": str(work / f"{name}.json"),
    }
    started = time.perf_counter()
    with (work / f"{name}.log").open("w") as log:
        subprocess.run(  # noqa: S603
            command, env=env, stdout=log, stderr=subprocess.STDOUT, check=True
        )
    seconds = time.perf_counter() - started
    figures = json.loads((work / f"{name}.json").read_text())
    submit = figures.get("POST submit", {})
    total = figures.get("Aggregated", {})
    return {
        "users": args.users,
        "seconds": round(seconds, 1),
        "requests": total.get("requests"),
        "failures": total.get("failures"),
        "throughput_rps": total.get("rps"),
        "submits_per_s": submit.get("rps"),
        "submit_median_ms": submit.get("median_ms"),
        "submit_p95_ms": submit.get("p95_ms"),
        "submit_max_ms": submit.get("max_ms"),
        "submit_failures": submit.get("failures"),
        "by_request": figures,
    }


def write_respondents(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))


def counted(campaign: Campaign, expected: dict[int, int]) -> dict:
    """The campaign's responses and answers as found in the database."""
    responses = campaign.responses.order_by()
    by_participation = dict(
        responses.filter(participation__isnull=False)
        .values_list("participation")
        .annotate(n=Count("pk"))
    )
    answers = dict(
        Answer.objects.filter(response__campaign=campaign, response__participation__isnull=False)
        .order_by()
        .values_list("response__participation")
        .annotate(n=Count("pk"))
    )
    unlinked = responses.filter(participation=None).count()
    unlinked_answers = Answer.objects.filter(
        response__campaign=campaign, response__participation=None
    ).count()
    figures = integrity(
        expected=expected,
        responses=by_participation,
        answers=answers,
        submitted=campaign.participations.filter(submitted_at__isnull=False).count(),
        unlinked=unlinked,
    )
    figures["answers_extra"] += unlinked_answers
    return figures


def measure_submit(scene: Scene, version, questions, args, work: Path) -> dict:
    """The floor's load, then the real submissions' load, under the same gunicorn."""
    campaign = campaign_create(scene, version, "Удовлетворённость участием: итоги года")
    floor_campaign = campaign_create(scene, version, "Floor: one insert per submission")
    rng = random.Random(1000)
    today = timezone.localdate()
    rows, floor_rows, expected = [], [], {}
    for participation, token in participations_insert(campaign, scene.teachers, tokens=True):
        values = answers(rng, questions, today)
        expected[participation.pk] = items(values)
        steps = posts(questions, values, args.flow)
        retry = rng.random() < RETRY_SHARE
        rows.append({"path": f"/a/{token}/", "steps": steps, "retry": retry})
        floor_path = f"/bench-floor/surveys/{floor_campaign.pk}/{version.pk}/{token}/"
        floor_rows.append({"path": floor_path, "steps": steps, "retry": retry})
    write_respondents(work / "respondents.jsonl", rows)
    write_respondents(work / "floor_respondents.jsonl", floor_rows)
    retries = sum(row["retry"] for row in rows)

    workers = args.workers or 2 * (os.cpu_count() or 1) + 1
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = gunicorn_start(port, workers, work / "gunicorn.log")
    try:
        warm_up(host, [floor_rows[0]["path"]], workers)
        print(f"gunicorn ready and warm in {time.perf_counter() - started:.0f} s")
        floor = load("floor", work / "floor_respondents.jsonl", host, args, work)
        floor["rows_inserted"] = floor_campaign.responses.count()
        floor["rows_expected"] = sum(len(row["steps"]) + row["retry"] for row in floor_rows)
        floor_campaign.responses.all().delete()
        warm_up(host, [rows[0]["path"]], workers)
        submit = load("submit", work / "respondents.jsonl", host, args, work)
    finally:
        gunicorn_stop(server)
    result = {
        "respondents": RESPONDENTS,
        "questions": len(questions),
        "items_per_respondent": f"{min(expected.values())}–{max(expected.values())}",
        "retried": retries,
        "flow": args.flow,
        "posts_per_respondent": len(rows[0]["steps"]),
        "gunicorn_workers": workers,
        "conn_max_age": 600,
        "floor": floor,
        "submit": submit,
    }
    result["database"] = counted(campaign, expected)
    result["intact"] = intact(result["database"])
    result["p95_ratio_to_floor"] = ratio(submit["submit_p95_ms"], floor["submit_p95_ms"])
    result["median_ratio_to_floor"] = ratio(submit["submit_median_ms"], floor["submit_median_ms"])
    result["throughput_ratio_to_floor"] = ratio(submit["throughput_rps"], floor["throughput_rps"])
    return result


# The results page.


def responses_insert(
    campaign: Campaign, version, questions: list[Question], people: list[Person], seed: int
) -> None:
    """A submitted, named response with its answers for each person, in bulk."""
    rng = random.Random(seed)
    forms = [code for code in MentoringType.Code if code != MentoringType.Code.OTHER]
    participations = [row for row, _token in participations_insert(campaign, people, tokens=False)]
    now = timezone.now()
    responses, rows = [], []
    for participation in participations:
        submitted = now - timedelta(minutes=rng.randint(0, 7 * 24 * 60))
        participation.submitted_at = submitted
        values = answers(rng, questions, submitted.date())
        response = Response(
            campaign=campaign,
            version=version,
            participation=participation,
            person_id=participation.person_id,
            submitted_on=timezone.localdate(submitted),
            submitted_at=submitted,
            role=values["role"],
            form_code=rng.choice(forms),
            category=participation.person.category,
        )
        responses.append(response)
        rows += answer_rows(response, questions, values)
    Participation.objects.bulk_update(participations, ["submitted_at"], batch_size=2000)
    Response.objects.bulk_create(responses, batch_size=2000)
    Answer.objects.bulk_create(rows, batch_size=5000)


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _spread(times: list[float]) -> dict:
    times = sorted(times)
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[max(0, round(0.95 * len(times)) - 1)], 2),
    }


def _one_respondent(
    client: Client, path: str, fields: list[tuple[str, str]]
) -> tuple[float, float, int, int]:
    """GET the form and POST every answer with action=submit, with CSRF checks on, as one
    respondent alone: (GET ms, POST ms, POST queries, POST status)."""
    # A new browser: no cookies. The client itself is kept, since a new one loads the
    # middleware again (WhiteNoise reads every static file), which gunicorn does once.
    client.cookies.clear()
    start = time.perf_counter()
    page = client.get(path)
    got = (time.perf_counter() - start) * 1000
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    data["csrfmiddlewaretoken"] = [CSRF.search(page.content.decode()).group(1)]
    data["action"] = ["submit"]
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        response = client.post(path, data)
        posted = (time.perf_counter() - start) * 1000
    return got, posted, len(captured.captured_queries), response.status_code


def measure_submit_alone(scene: Scene, version, questions, requests: int) -> dict:
    """Server time of one respondent with nobody else on the server (in process, every
    middleware and the CSRF check), against the floor's one insert: the cost of a submission
    without the queue of the load run."""
    campaign = campaign_create(scene, version, "Удовлетворённость участием: по одному")
    floor_campaign = campaign_create(scene, version, "Floor: one respondent alone")
    rng = random.Random(1)
    today = timezone.localdate()
    links = participations_insert(campaign, scene.teachers[: requests + WARMUP], tokens=True)
    client = Client(enforce_csrf_checks=True)
    times: dict[str, list] = {name: [] for name in ("get", "submit", "floor_get", "floor")}
    queries = {}
    for number, (_participation, token) in enumerate(links):
        fields = form_fields(questions, answers(rng, questions, today))
        floor_path = f"/bench-floor/surveys/{floor_campaign.pk}/{version.pk}/{token}/"
        for get, post, path in (
            ("get", "submit", f"/a/{token}/"),
            ("floor_get", "floor", floor_path),
        ):
            got, posted, count, status = _one_respondent(client, path, fields)
            if status != 302:
                raise RuntimeError(f"POST {path} answered {status}")
            if number >= WARMUP:  # the first few compile templates
                times[get].append(got)
                times[post].append(posted)
                queries[post] = count
    submitted = campaign.responses.count()
    floor_campaign.responses.all().delete()
    result = {name: _spread(values) for name, values in times.items()}
    for name in ("submit", "floor"):
        result[name]["queries"] = queries[name]
    result["respondents"] = requests
    result["responses"] = submitted
    result["ratio_to_floor"] = ratio(result["submit"]["median_ms"], result["floor"]["median_ms"])
    return result


def measure_results(scene: Scene, version, questions, args) -> dict:
    campaign = campaign_create(scene, version, "Удовлетворённость участием: итоги (10 000)")
    url = reverse("campaign_results", args=[campaign.pk])
    floor_url = reverse("bench_floor_results", args=[campaign.pk])
    client = Client()
    client.force_login(scene.curator)
    result: dict = {}
    people = list(scene.teachers)
    rng = random.Random(10_000)
    catalogue = demo.subjects_catalogue()
    for scale, total in RESULTS_SCALES.items():
        if len(people) < total:
            rows = demo.staff(rng, total - len(people) + 2)[2:]
            people += demo.people_insert(scene.school, rows, catalogue)
        done = campaign.participations.count()
        started = time.perf_counter()
        responses_insert(campaign, version, questions, people[done:total], seed=total)
        print(f"{total} responses ready in {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        entry = {
            "responses": campaign.responses.count(),
            "answers": Answer.objects.filter(response__campaign=campaign).count(),
        }
        try:
            entry["page"], entry["floor"] = measure_against(client, url, floor_url, args.requests)
        except RuntimeError as error:  # a failing page still leaves its floor measured
            entry["floor"] = measure(client, floor_url, args.requests)
            entry["page"] = {"error": str(error)}
        else:
            entry["ratio_to_floor"] = ratio(entry["page"]["median_ms"], entry["floor"]["median_ms"])
        result[scale] = entry
    counts = {result[scale]["page"].get("queries") for scale in RESULTS_SCALES}
    result["queries_equal"] = len(counts) == 1 and None not in counts
    return result


def machine() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "postgres": postgres,
    }


def summary(surveys: dict) -> str:
    lines = []
    if load_run := surveys.get("submit_load"):
        lines += _load_summary(load_run)
    if alone := surveys.get("submit_alone"):
        lines.append(
            f"one respondent alone: GET {alone['get']['median_ms']} ms "
            f"(floor {alone['floor_get']['median_ms']}), submit {alone['submit']['median_ms']} ms "
            f"with {alone['submit']['queries']} queries (floor {alone['floor']['median_ms']} ms, "
            f"{alone['floor']['queries']} queries): {alone['ratio_to_floor']}x"
        )
    if results := surveys.get("results_page"):
        lines += _results_summary(results)
    return "\n".join(lines)


def _load_summary(load_run: dict) -> list[str]:
    lines = [
        f"{load_run['respondents']} respondents, {load_run['questions']} questions "
        f"({load_run['items_per_respondent']} answer rows each), {load_run['retried']} "
        f"submissions retried, gunicorn {load_run['gunicorn_workers']} workers:",
        f"{'run':<8}{'s':>7}{'req/s':>8}{'submit/s':>10}{'median ms':>11}{'p95 ms':>9}"
        f"{'failed':>8}",
    ]
    for name in ("floor", "submit"):
        row = load_run[name]
        lines.append(
            f"{name:<8}{row['seconds']:>7}{row['throughput_rps']:>8}{row['submits_per_s']:>10}"
            f"{row['submit_median_ms']:>11}{row['submit_p95_ms']:>9}{row['failures']:>8}"
        )
    db = load_run["database"]
    lines.append(
        f"database: {db['responses']} responses, {db['answers']} answers of "
        f"{db['answers_expected']}, lost {db['lost']}, duplicated {db['duplicated']}, "
        f"answers missing {db['answers_missing']}, extra {db['answers_extra']}; "
        f"p95 {load_run['p95_ratio_to_floor']}x the floor's, throughput "
        f"{load_run['throughput_ratio_to_floor']}x"
    )
    return lines


def _results_summary(results: dict) -> list[str]:
    lines = [f"\n{'results':<8}{'median ms':>11}{'p95 ms':>9}{'queries':>9}{'floor ms':>10}"]
    for scale in RESULTS_SCALES:
        entry = results[scale]
        page, floor = entry["page"], entry["floor"]
        if "error" in page:
            lines.append(f"{scale:<8}{page['error']} (floor {floor['median_ms']} ms)")
            continue
        lines.append(
            f"{scale:<8}{page['median_ms']:>11}{page['p95_ms']:>9}{page['queries']:>9}"
            f"{floor['median_ms']:>10}"
        )
    lines.append(
        f"queries at 1,000 and 10,000: {'equal' if results['queries_equal'] else 'DIFFERENT'}"
    )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=RESPONDENTS, help="simulated at once")
    parser.add_argument("--spawn-rate", type=int, default=200, help="users started a second")
    parser.add_argument("--run-time", type=int, default=300, help="seconds at most per load run")
    parser.add_argument("--workers", type=int, default=0, help="gunicorn's (2×cores+1)")
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--flow",
        choices=("one-request", "sections"),
        default="one-request",
        help="a section a POST, or every answer in one POST (see bench/README.md)",
    )
    parser.add_argument(
        "--static-collected",
        action="store_true",
        help=f"{STATIC_ROOT} is up to date (make bench: bench/run.py has just collected it)",
    )
    parser.add_argument(
        "--part", choices=("all", "load", "results"), default="all", help="what to measure"
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL (its data will be flushed).")
    if settings.DATABASES["default"]["NAME"] in {"test", "postgres"}:
        sys.exit("Use a database of the benchmark's own: it is flushed.")

    started = time.perf_counter()
    if not args.static_collected:
        call_command("collectstatic", interactive=False, verbosity=0)
        print(f"static files collected in {time.perf_counter() - started:.0f} s")
    scene = build()
    questionnaire = questionnaire_create_from_data(
        organisation=scene.school, data=QUESTIONNAIRE, created_by=None
    )
    version = current_version(questionnaire)
    questions = version_questions(version)
    work = Path(tempfile.mkdtemp(prefix="nastavnik-bench-surveys-"))
    print(f"data ready in {time.perf_counter() - started:.0f} s; load files in {work}")
    existing = json.loads(args.output.read_text()) if args.output.exists() else {}
    # A part run alone keeps the other part's figures of an earlier run.
    surveys = existing.get("surveys", {})
    surveys.update(
        {"generated_at": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine()}
    )
    if args.part in ("all", "load"):
        surveys["submit_load"] = measure_submit(scene, version, questions, args, work)
        print(f"load runs done in {time.perf_counter() - started:.0f} s")
    if args.part in ("all", "load"):
        with override_settings(ROOT_URLCONF="bench.surveys_urls"):
            surveys["submit_alone"] = measure_submit_alone(scene, version, questions, args.requests)
    if args.part in ("all", "results"):
        with override_settings(ROOT_URLCONF="bench.surveys_urls"):
            surveys["results_page"] = measure_results(scene, version, questions, args)
    existing["surveys"] = surveys
    args.output.write_text(json.dumps(existing, ensure_ascii=False, indent=2) + "\n")
    print(summary(surveys))
    print(f"Written {args.output} in {time.perf_counter() - started:.0f} s")
    ok = surveys.get("submit_load", {}).get("intact", False)
    ok = ok and surveys.get("results_page", {}).get("queries_equal", False)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
