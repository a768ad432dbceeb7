"""Server time and SQL query count of the main pages at 1× and 10× data.

Run from the repository root against an empty PostgreSQL database (it is flushed first):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nastavnik_bench .venv/bin/python bench/run.py

Each page is compared with its "floor": a bare view behind the same middleware and session that
reads the rows the page shows into a minimal template, and its time is broken down into SQL,
templates, context processors, crispy forms, the view and the middleware around it (plus a
cProfile of the project's functions). Results go to bench/results.json.
To measure another page, add a Page to PAGES. The matching section times mentoring/matching.py
on generated banks, without the database. The PDF section times the rendering of a long pairs
order against a one-paragraph order (WeasyPrint; pdfinfo counts the pages), each against bare
WeasyPrint on the same final HTML. The reminders
section writes a day's roadmap reminders for many schools, twice: the second run sends nothing.
The people import section uploads and applies a school's messy staff list of 2,000 rows against
bulk-inserting the same people.
The roadmap import section uploads a school's 40-activity roadmap file, previews and applies it,
against bulk-creating the same stages and activities.
The imports section times refusing a decompression bomb against reading a small staff file.
"""

# Django is set up before the project's modules are imported.
# ruff: noqa: E402

import argparse
import cProfile
import functools
import json
import os
import platform
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from importlib import import_module
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Production-like settings: no debug machinery, static files from a manifest.
STATIC_ROOT = str(Path(tempfile.gettempdir()) / "nastavnik-bench-static")
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": os.environ.get("DEBUG", "false"),
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key"),
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "STATIC_ROOT": STATIC_ROOT,
        "LOG_LEVEL": "WARNING",
    }
)

import django
import numpy as np
from openpyxl import Workbook
from scipy.optimize import linear_sum_assignment

django.setup()

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse
from django.utils import timezone, translation
from weasyprint import HTML

from bench.timing import WARMUP, in_turn, measure_against
from config.celery import app as celery_app
from core.pdf import STATIC_DIR
from mentoring import demo
from mentoring.demo_files import staff_list_workbook
from mentoring.forms.banks import STUDENT_CATEGORIES, TEACHER_CATEGORIES
from mentoring.imports.staff_file import people_file_read
from mentoring.matching import (
    FORBIDDEN,
    PAIR_BONUS,
    Mentee,
    Mentor,
    Options,
    Weights,
    assign,
    greedy,
    score_matrix,
)
from mentoring.models import (
    AcademicYear,
    Consent,
    DataDestruction,
    Meeting,
    Membership,
    MenteeEntry,
    MentorEntry,
    MentoringForm,
    MentoringPair,
    MentoringType,
    Notification,
    Organisation,
    Person,
    Programme,
    ProgrammeItem,
    Role,
    StaffImport,
    Tag,
    User,
)
from mentoring.selectors.banks import valid_processing_consent
from mentoring.services.meetings import meeting_schedule
from mentoring.services.pairs import HOLDING_STATUSES
from reports.models import (
    Contingent,
    Indicator,
    IndicatorTarget,
    MonitoringReport,
    Order,
    OrderAppendix,
    OrderItem,
)
from reports.selectors.attention import attention
from reports.selectors.indicators import indicators_for, seed_target
from reports.services.drafting import person_line
from reports.services.monitoring import report_create, report_pdf_bytes, report_pdf_context
from reports.services.rendering import order_pdf_bytes, order_pdf_context
from roadmap.models import Activity, Reminder, Roadmap, Stage
from roadmap.services.reminders import reminder_email_send, reminders_send
from roadmap.services.roadmap import STRUCTURE_FIELDS
from surveys.models import Participation
from tests.core.hostile_files import BOMB_MB, bomb_sheet
from tests.mentoring.xlsx_helpers import xlsx_bytes

RESULTS = ROOT / "bench" / "results.json"
# The banks of one school at 1×; the measured school's grow tenfold at 10×.
MENTEES, MENTORS, TAGS = 25, 15, 12
CONSENT_SHARE = 0.9  # people with a processing consent; the rest have none


@dataclass(frozen=True)
class Scene:
    municipality: Organisation
    school: Organisation  # the school whose pages are measured; it grows 10× too
    curator: User
    coordinator: User


# Floors: the least a page could do for the same rows. Each is a bare view behind the same
# middleware and session, signed in as the page's user, that reads the rows the page shows
# (same filters, the joins and prefetches its cells need, the page of 25 and its count) and
# renders them into a minimal Django template: no permissions, forms, navigation, context
# processors or base layout.


def _template(source: str):
    return engines["django"].from_string(source)


def _render(template, **context) -> HttpResponse:
    # No request in the context: a plain Context, so no context processor runs.
    return HttpResponse(template.render(context))


WITHDRAWN = (
    "{% for c in p.consents.all %}{% if c.withdrawn_on %} (отозвано {{ c.withdrawn_on }})"
    "{% endif %}{% endfor %}"
)
PAGE_FOOT = "<p>{{ page.number }} / {{ page.paginator.num_pages }} ({{ page.paginator.count }})</p>"
PEOPLE_TEMPLATE = _template(
    "<table>{% for p in page.object_list %}<tr><td>{{ p.full_name }}"
    + WITHDRAWN
    + "</td><td>{{ p.get_kind_display }}</td><td>{% if p.grade %}{{ p.grade }}{{ p.class_letter }}"
    "{% else %}{{ p.position }}{% endif %}</td><td>{% for s in p.subjects.all %}{{ s.name }} "
    "{% endfor %}</td><td>{{ p.teaching_since|default:'' }}</td><td>{{ p.get_category_display }}"
    "</td><td>{{ p.email }}</td></tr>{% endfor %}</table>" + PAGE_FOOT
)


def _page(rows, request: HttpRequest):
    return Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("page"))


def floor_people(request: HttpRequest, org: int) -> HttpResponse:
    people = Person.objects.filter(organisation_id=org, archived_at=None)
    if category := request.GET.get("category"):
        people = people.filter(category=category)
    for word in request.GET.get("q", "").split():
        people = people.filter(
            Q(last_name__icontains=word)
            | Q(first_name__icontains=word)
            | Q(patronymic__icontains=word)
            | Q(position__icontains=word)
            | Q(email__icontains=word)
        )
    people = people.prefetch_related("subjects", "consents").order_by(
        "last_name", "first_name", "patronymic", "pk"
    )
    return _render(PEOPLE_TEMPLATE, page=_page(people, request))


def _counts(people) -> dict[str, int]:
    active = Q(archived_at=None)
    return people.aggregate(
        staff=Count("pk", filter=active & ~Q(kind=Person.Kind.STUDENT)),
        students=Count("pk", filter=active & Q(kind=Person.Kind.STUDENT)),
        accounts=Count("pk", filter=active & Q(user__isnull=False)),
    )


SCHOOL_DASHBOARD_TEMPLATE = _template(
    "<h1>{{ school.short_name }}</h1><dl>{% for key, value in counts.items %}<dt>{{ key }}</dt>"
    "<dd>{{ value }}</dd>{% endfor %}</dl>"
    "{% for pair in own_pairs %}<p>{{ pair.mentor.person.full_name }} {{ pair.form.name }}</p>"
    "{% endfor %}{% for d in destructions %}<p>{{ d.person_name }} {{ d.due_on }}</p>{% endfor %}"
    "{% for pair in withdrawn %}<p>{{ pair.mentor.person.full_name }}</p>{% endfor %}"
    "{% for p in participations %}<p>{{ p.campaign.title }}</p>{% endfor %}"
    "{% for order in orders %}<p>{{ order.title }} {{ order.get_status_display }}</p>{% endfor %}"
)


def floor_school_dashboard(request: HttpRequest, org: int) -> HttpResponse:
    """What the curator's home page shows: the school; its people, banks, active pairs and
    roadmap activities done and overdue counted; the user's own pairs; data awaiting
    destruction; pairs holding someone who withdrew consent; campaigns awaiting the user's
    answer; orders approved in the last 30 days or awaiting approval."""
    school = Organisation.objects.get(pk=org)
    counts = _counts(Person.objects.filter(organisation_id=org))
    current = {"organisation_id": org, "academic_year__is_current": True}
    for name, model, extra in (
        ("mentees", MenteeEntry, {}),
        ("mentors", MentorEntry, {}),
        ("pairs", MentoringPair, {"status": MentoringPair.Status.ACTIVE}),
    ):
        counts[name] = model.objects.filter(**current, **extra).count()
    today = timezone.localdate()
    counts |= Activity.objects.filter(
        stage__roadmap__organisation_id=org, stage__roadmap__academic_year__is_current=True
    ).aggregate(
        done=Count("pk", filter=Q(status=Activity.Status.DONE)),
        overdue=Count("pk", filter=Q(due_on__lt=today) & ~Q(status=Activity.Status.DONE)),
    )
    mine = Q(mentor__person__user=request.user) | Q(mentees__person__user=request.user)
    withdrawn = Consent.objects.filter(
        kind=Consent.Kind.PROCESSING, withdrawn_on__isnull=False, person__organisation_id=org
    ).values("person_id")
    now = timezone.now()
    return _render(
        SCHOOL_DASHBOARD_TEMPLATE,
        school=school,
        counts=counts,
        own_pairs=MentoringPair.objects.filter(
            mine, organisation_id=org, status__in=HOLDING_STATUSES
        )
        .select_related("mentor__person", "form")
        .distinct(),
        destructions=DataDestruction.objects.filter(
            organisation_id=org, destroyed_at=None
        ).order_by("due_on")[:10],
        withdrawn=MentoringPair.objects.filter(organisation_id=org, status__in=HOLDING_STATUSES)
        .filter(Q(mentor__person__in=withdrawn) | Q(mentees__person__in=withdrawn))
        .select_related("mentor__person")
        .distinct()[:10],
        participations=Participation.objects.filter(
            person__user=request.user,
            campaign__organisation_id=org,
            submitted_at=None,
            campaign__closed_at=None,
            campaign__opens_at__lte=now,
            campaign__closes_at__gt=now,
        ).select_related("campaign"),
        orders=Order.objects.filter(
            Q(status=Order.Status.APPROVED, approved_at__gte=now - timedelta(days=30))
            | Q(status=Order.Status.SUBMITTED),
            organisation_id=org,
        ),
    )


MUNICIPALITY_DASHBOARD_TEMPLATE = _template(
    "<table>{% for name, staff, students, accounts in rows %}<tr><td>{{ name }}</td>"
    "<td>{{ staff }}</td><td>{{ students }}</td><td>{{ accounts }}</td></tr>{% endfor %}</table>"
)


def floor_municipality_dashboard(request: HttpRequest, org: int) -> HttpResponse:
    active = Q(people__archived_at=None)
    rows = (
        Organisation.objects.filter(municipality_id=org)
        .annotate(
            staff=Count("people", filter=active & ~Q(people__kind=Person.Kind.STUDENT)),
            students=Count("people", filter=active & Q(people__kind=Person.Kind.STUDENT)),
            accounts=Count("people", filter=active & Q(people__user__isnull=False)),
        )
        .order_by("short_name")
        .values_list("short_name", "staff", "students", "accounts")
    )
    return _render(MUNICIPALITY_DASHBOARD_TEMPLATE, rows=rows)


BANK_TEMPLATE = _template(
    "<table>{% for e in page.object_list %}{% with p=e.person %}<tr><td>{{ p.full_name }}"
    + WITHDRAWN
    + "<br>{{ p.get_kind_display }}</td><td>{% if p.grade %}{{ p.grade }}{{ p.class_letter }}"
    "{% else %}{{ p.position }}{% endif %}{% if subjects %}{% for s in p.subjects.all %} "
    "{{ s.name }}{% endfor %}{% endif %}"
    "</td><td>{{ p.teaching_since|default:'' }}</td><td>{{ e.choices|join:'; ' }}"
    "</td><td>{% for t in e.tags.all %}{{ t.name }} {% endfor %}</td><td>{{ e.capacity }}</td>"
    "<td>{{ e.get_status_display }}</td><td>{{ e.has_consent|yesno:'есть,нет согласия' }}</td></tr>"
    "{% endwith %}{% endfor %}</table>" + PAGE_FOOT
)


def _floor_bank(model, tags: str, request: HttpRequest, org: int, *more) -> HttpResponse:
    has_consent = valid_processing_consent()
    entries = model.objects.filter(organisation_id=org, academic_year__is_current=True)
    if consent := request.GET.get("consent"):
        entries = entries.filter(has_consent if consent == "valid" else ~has_consent)
    entries = (
        entries.annotate(has_consent=has_consent)
        .select_related("person")
        .prefetch_related("person__consents", Prefetch(tags, to_attr="tag_list"), *more)
        .order_by("person__last_name", "person__first_name", "person__patronymic", "pk")
    )
    page = _page(entries, request)
    for entry in page.object_list:
        entry.tags = {"all": entry.tag_list}
        entry.choices = getattr(entry, "categories", None) or getattr(entry, "grounds", [])
    return _render(BANK_TEMPLATE, page=page, subjects=bool(more))


def floor_mentees(request: HttpRequest, org: int) -> HttpResponse:
    return _floor_bank(MenteeEntry, "requests", request, org)


def floor_mentors(request: HttpRequest, org: int) -> HttpResponse:
    return _floor_bank(MentorEntry, "competences", request, org, "person__subjects")


PAIRS_TEMPLATE = _template(
    "<table>{% for pair in page.object_list %}<tr><td>{% with p=pair.mentor.person %}"
    "{{ p.full_name }}" + WITHDRAWN + "{% endwith %}{% if pair.co_mentor %}"
    "{% with p=pair.co_mentor.person %}<br>{{ p.full_name }}" + WITHDRAWN + "{% endwith %}"
    "{% endif %}</td><td>{% for mentee in pair.mentees.all %}{% with p=mentee.person %}"
    "<div>{{ p.full_name }}" + WITHDRAWN + "</div>{% endwith %}{% endfor %}</td>"
    "<td>{{ pair.form.name }} {{ pair.role_model.name|default:'' }} {{ pair.mentoring_type.name }}"
    "</td><td>{{ pair.items_done }} / {{ pair.items_total }}</td><td>{{ pair.last_meeting|date:'d.m.Y' }}"
    " {{ pair.next_meeting|date:'d.m.Y' }}</td><td>{{ pair.get_status_display }} "
    "{{ pair.start_date|date:'d.m.Y' }} – {{ pair.end_date|date:'d.m.Y' }}</td></tr>{% endfor %}"
    "</table>" + PAGE_FOOT
)


def _subquery_count(queryset, group: str):
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def floor_pairs(request: HttpRequest, org: int) -> HttpResponse:
    """The pairs of the current year with the plan progress and the meetings the list shows."""
    pairs = MentoringPair.objects.filter(organisation_id=org, academic_year__is_current=True)
    if status := request.GET.get("status"):
        pairs = pairs.filter(status=status)
    for word in request.GET.get("q", "").split():
        names = Q()
        for who in ("mentor__person", "co_mentor__person", "mentees__person"):
            for field in ("last_name", "first_name", "patronymic"):
                names |= Q(**{f"{who}__{field}__icontains": word})
        pairs = pairs.filter(pk__in=MentoringPair.objects.filter(names).values("pk"))
    items = ProgrammeItem.objects.filter(programme__pair=OuterRef("pk"))
    meetings = Meeting.objects.filter(pair=OuterRef("pk"))
    pairs = (
        pairs.annotate(
            items_total=_subquery_count(items, "programme__pair"),
            items_done=_subquery_count(items.filter(done=True), "programme__pair"),
            last_meeting=Subquery(
                meetings.filter(held_on__isnull=False).order_by("-held_on").values("held_on")[:1]
            ),
            next_meeting=Subquery(
                meetings.filter(held_on__isnull=True)
                .order_by("planned_on")
                .values("planned_on")[:1]
            ),
        )
        .select_related(
            "mentor__person", "co_mentor__person", "form", "role_model", "mentoring_type"
        )
        .prefetch_related(
            Prefetch(
                "mentees",
                queryset=MenteeEntry.objects.select_related("person")
                .prefetch_related("person__consents")
                .order_by("person__last_name", "person__first_name", "person__patronymic", "pk"),
            ),
            "mentor__person__consents",
            "co_mentor__person__consents",
        )
        .order_by("-created_at")
    )
    return _render(PAIRS_TEMPLATE, page=_page(pairs, request))


REGISTRY_TEMPLATE = _template(
    "<table>{% for school in schools %}<tr><td>{{ school.short_name }}</td>"
    "<td>{% for year in school.academic_years.all %}{{ year.title }}{% endfor %}</td>"
    "{% for status, n in school.counts %}<td>{{ status }} {{ n }}</td>{% endfor %}</tr>"
    "{% endfor %}</table><dl>{% for value, n in by_value %}<dt>{{ value }}</dt>"
    "<dd>{{ n }}</dd>{% endfor %}</dl>"
)


def floor_registry(request: HttpRequest, org: int) -> HttpResponse:
    """Each school of the municipality (the first page of 50) with its current year and its
    bank entries of that year counted by status, and the active entries across the
    municipality counted by category and by ground."""
    schools = list(
        Organisation.objects.filter(municipality_id=org, kind=Organisation.Kind.SCHOOL)
        .prefetch_related(
            Prefetch("academic_years", queryset=AcademicYear.objects.filter(is_current=True))
        )
        .order_by("short_name")[:50]
    )
    counts = defaultdict(list)
    by_value = Counter()
    for model, field, inactive in (
        (MenteeEntry, "categories", MenteeEntry.Status.WITHDRAWN),
        (MentorEntry, "grounds", MentorEntry.Status.ARCHIVED),
    ):
        entries = model.objects.filter(
            organisation__municipality_id=org, academic_year__is_current=True
        ).order_by()
        for school, status, n in entries.values_list("organisation_id", "status").annotate(
            n=Count("pk")
        ):
            counts[school].append((status, n))
        lists = entries.exclude(status=inactive).values_list(field).annotate(n=Count("pk"))
        for values, n in lists:
            for value in values:
                by_value[value] += n
    for school in schools:
        school.counts = counts[school.pk]
    return _render(REGISTRY_TEMPLATE, schools=schools, by_value=sorted(by_value.items()))


INDICATORS_TEMPLATE = _template(
    "<table>{% for school in schools %}<tr><td>{{ school.organisation_id }}</td>"
    "{% for figure in school.figures.values %}<td>{{ figure.value }} / {{ figure.target }}</td>"
    "{% endfor %}</tr>{% endfor %}</table>"
)
MONITORING_TEMPLATE = _template(
    "{% include indicators %}{% for items in attention %}<p>{{ items.total }}: "
    "{% for row in items.rows %}{{ row }} {% endfor %}</p>{% endfor %}"
)


def floor_monitoring(request: HttpRequest, org: int) -> HttpResponse:
    """The school's indicators on today and what needs attention, read by the selectors the
    page uses (their aggregates and first rows are the rows the page shows), into a minimal
    table."""
    school = Organisation.objects.get(pk=org)
    today = timezone.localdate()
    schools = indicators_for([school], today).values()
    lists = attention(school, today)
    return _render(
        MONITORING_TEMPLATE,
        indicators=INDICATORS_TEMPLATE.template,
        schools=schools,
        attention=(
            lists.overdue_activities,
            lists.quiet_pairs,
            lists.feedback_missing,
            lists.low_response,
        ),
    )


def floor_municipal_summary(request: HttpRequest, org: int) -> HttpResponse:
    """Every school of the municipality with its indicators on today, as the selector reads them,
    into a minimal table."""
    schools = list(Organisation.objects.filter(municipality_id=org).order_by("short_name"))
    rows = indicators_for(schools, timezone.localdate()).values()
    return _render(INDICATORS_TEMPLATE, schools=rows)


@dataclass(frozen=True)
class Page:
    name: str
    url: Callable[[Scene], str]
    user: Callable[[Scene], User]
    floor_view: Callable[[HttpRequest, int], HttpResponse]
    floor_org: Callable[[Scene], Organisation]  # passed to the floor view

    def floor_url(self, scene: Scene) -> str:
        query = urlsplit(self.url(scene)).query
        url = reverse("bench_floor", args=[self.name, self.floor_org(scene).pk])
        return f"{url}?{query}" if query else url


PAGES = [
    Page(
        "people_list",
        url=lambda s: reverse("people_list", args=[s.school.pk]),
        user=lambda s: s.curator,
        floor_view=floor_people,
        floor_org=lambda s: s.school,
    ),
    Page(
        "people_search",
        url=lambda s: reverse("people_list", args=[s.school.pk]) + "?q=ова&category=highest",
        user=lambda s: s.curator,
        floor_view=floor_people,
        floor_org=lambda s: s.school,
    ),
    Page(
        "dashboard_curator",
        url=lambda s: reverse("home"),
        user=lambda s: s.curator,
        floor_view=floor_school_dashboard,
        floor_org=lambda s: s.school,
    ),
    Page(
        "dashboard_coordinator",
        url=lambda s: reverse("home"),
        user=lambda s: s.coordinator,
        floor_view=floor_municipality_dashboard,
        floor_org=lambda s: s.municipality,
    ),
    Page(
        "mentee_list",
        url=lambda s: reverse("mentee_list", args=[s.school.pk]),
        user=lambda s: s.curator,
        floor_view=floor_mentees,
        floor_org=lambda s: s.school,
    ),
    Page(
        "mentee_list_no_consent",
        url=lambda s: reverse("mentee_list", args=[s.school.pk]) + "?consent=missing",
        user=lambda s: s.curator,
        floor_view=floor_mentees,
        floor_org=lambda s: s.school,
    ),
    Page(
        "mentor_list",
        url=lambda s: reverse("mentor_list", args=[s.school.pk]),
        user=lambda s: s.curator,
        floor_view=floor_mentors,
        floor_org=lambda s: s.school,
    ),
    Page(
        "pair_list",
        url=lambda s: reverse("pair_list", args=[s.school.pk]),
        user=lambda s: s.curator,
        floor_view=floor_pairs,
        floor_org=lambda s: s.school,
    ),
    Page(
        "pair_list_search",
        url=lambda s: reverse("pair_list", args=[s.school.pk]) + "?q=ова&status=active",
        user=lambda s: s.curator,
        floor_view=floor_pairs,
        floor_org=lambda s: s.school,
    ),
    Page(
        "monitoring",
        url=lambda s: reverse("monitoring", args=[s.school.pk]),
        user=lambda s: s.curator,
        floor_view=floor_monitoring,
        floor_org=lambda s: s.school,
    ),
    Page(
        "municipal_summary",
        url=lambda s: reverse("municipal_summary", args=[s.municipality.pk]),
        user=lambda s: s.coordinator,
        floor_view=floor_municipal_summary,
        floor_org=lambda s: s.municipality,
    ),
    Page(
        "registry",
        url=lambda s: reverse("registry", args=[s.municipality.pk]),
        user=lambda s: s.coordinator,
        floor_view=floor_registry,
        floor_org=lambda s: s.municipality,
    ),
]


def floor(request: HttpRequest, name: str, org: int) -> HttpResponse:
    page = next(p for p in PAGES if p.name == name)
    return page.floor_view(request, org)


def floor_roadmap_import(request: HttpRequest, roadmap: int) -> HttpResponse:
    """The same stages and activities as the import writes, bulk-created in place of the
    roadmap's: no file, no parsing, no staff lookup."""
    with transaction.atomic():
        target = Roadmap.objects.select_for_update().get(pk=roadmap)
        target.stages.all().delete()
        stages = Stage.objects.bulk_create(
            Stage(roadmap=target, number=number, title=title)
            for number, title, _activities in IMPORT_FLOOR_ROWS
        )
        activities = Activity.objects.bulk_create(
            Activity(stage=stage, **fields)
            for stage, (_number, _title, rows) in zip(stages, IMPORT_FLOOR_ROWS, strict=True)
            for fields in rows
        )
    return HttpResponse(str(len(activities)), content_type="text/plain")


# This module is the URLconf while measuring: the project's URLs plus the floors.
urlpatterns = [
    path("bench-floor/<str:name>/<int:org>/", floor, name="bench_floor"),
    path(
        "bench-floor-import/<int:roadmap>/",
        floor_roadmap_import,
        name="bench_floor_roadmap_import",
    ),
    path("", include("config.urls")),
]


# Data.


@dataclass(frozen=True)
class Banks:
    """What one school's banks are drawn from, and how many entries they get."""

    year: AcademicYear
    people: list[Person]
    tags: list[Tag]
    mentees: int
    mentors: int


def _mentee(rng: random.Random, person: Person, has_consent: bool) -> MenteeEntry:
    categories = STUDENT_CATEGORIES if person.kind == Person.Kind.STUDENT else TEACHER_CATEGORIES
    statuses = [MenteeEntry.Status.IN_BANK] * 2 + [MenteeEntry.Status.PAIRED]
    return MenteeEntry(
        person=person,
        status=rng.choice(statuses) if has_consent else MenteeEntry.Status.CANDIDATE,
        categories=[c.value for c in rng.sample(categories, rng.randint(1, 2))],
    )


def _mentor(rng: random.Random, person: Person, has_consent: bool) -> MentorEntry:
    return MentorEntry(
        person=person,
        status=rng.choice(demo.MENTOR_STATUSES) if has_consent else MentorEntry.Status.CANDIDATE,
        grounds=[g.value for g in rng.sample(list(MentorEntry.Ground), rng.randint(1, 3))],
        capacity=rng.randint(1, 3),
    )


def banks_insert(banks: list[Banks]) -> None:
    """Processing consents for most of the people and both banks of the current year, with
    requests and competences from the school's tags; candidates are those without a consent."""
    today = timezone.localdate()
    consents, mentees, mentors = [], [], []
    for bank in banks:
        rng = random.Random(f"{bank.year.pk}-{len(bank.people)}")
        consented = set()
        for person in bank.people:
            if rng.random() < CONSENT_SHARE:
                consented.add(person.pk)
                consents.append(
                    Consent(
                        person=person,
                        kind=Consent.Kind.PROCESSING,
                        given_on=demo.september_day(rng, today),
                        text_version="2025-09",
                        text_sha256="0" * 64,
                    )
                )
        teachers = [p for p in bank.people if p.kind == Person.Kind.TEACHER]
        students = [p for p in bank.people if p.kind == Person.Kind.STUDENT]
        chosen_mentors = rng.sample(teachers, bank.mentors)
        taken = {p.pk for p in chosen_mentors}
        free_teachers = [p for p in teachers if p.pk not in taken]
        chosen_mentees = rng.sample(free_teachers, bank.mentees // 3)
        chosen_mentees += rng.sample(students, bank.mentees - len(chosen_mentees))
        for people, make, entries in (
            (chosen_mentees, _mentee, mentees),
            (chosen_mentors, _mentor, mentors),
        ):
            for person in people:
                entry = make(rng, person, person.pk in consented)
                entry.organisation_id = bank.year.organisation_id
                entry.academic_year = bank.year
                entries.append((entry, rng.sample(bank.tags, rng.randint(1, 3))))
    Consent.objects.bulk_create(consents, batch_size=2000)
    for model, entries, relation in (
        (MenteeEntry, mentees, MenteeEntry.requests),
        (MentorEntry, mentors, MentorEntry.competences),
    ):
        model.objects.bulk_create([entry for entry, _tags in entries], batch_size=2000)
        through = relation.through
        entry_field = f"{model._meta.model_name}_id"
        through.objects.bulk_create(
            [through(**{entry_field: e.pk, "tag_id": t.pk}) for e, tags in entries for t in tags],
            batch_size=2000,
        )


PLAN_ITEMS = 8


def pairs_insert(years: list[AcademicYear]) -> None:
    """Pairs and groups for the paired mentees of each year: mentors take them up to their
    capacity; each pair has a programme of PLAN_ITEMS items and its planned meetings, of which
    the past ones are held."""
    today = timezone.localdate()
    form = MentoringForm.objects.filter(organisation=None).first()
    kind = MentoringType.objects.filter(organisation=None).first()
    pairs, members = [], []
    for year in years:
        rng = random.Random(f"pairs-{year.pk}")
        mentees = list(
            MenteeEntry.objects.filter(academic_year=year, status=MenteeEntry.Status.PAIRED)
        )
        mentors = list(MentorEntry.objects.filter(academic_year=year).exclude(status="candidate"))
        for mentor in mentors:
            taken, mentees = mentees[: mentor.capacity], mentees[mentor.capacity :]
            if not taken:
                break
            start = year.start_date + timedelta(days=rng.randint(20, 60))
            pairs.append(
                MentoringPair(
                    organisation_id=year.organisation_id,
                    academic_year=year,
                    mentor=mentor,
                    form=form,
                    mentoring_type=kind,
                    start_date=start,
                    end_date=start + timedelta(days=240),
                    status=rng.choice(list(MentoringPair.Status)[:3]),
                )
            )
            members.append(taken)
    MentoringPair.objects.bulk_create(pairs, batch_size=2000)
    through = MentoringPair.mentees.through
    through.objects.bulk_create(
        [
            through(mentoringpair_id=pair.pk, menteeentry_id=entry.pk)
            for pair, taken in zip(pairs, members, strict=True)
            for entry in taken
        ],
        batch_size=2000,
    )
    programmes = Programme.objects.bulk_create(
        [Programme(pair=pair, goal="Адаптация молодого специалиста") for pair in pairs],
        batch_size=2000,
    )
    items, meetings = [], []
    for pair, programme in zip(pairs, programmes, strict=True):
        for position in range(1, PLAN_ITEMS + 1):
            planned = pair.start_date + timedelta(days=30 * position)
            items.append(
                ProgrammeItem(
                    programme=programme,
                    position=position,
                    planned_on=planned,
                    activity=f"Мероприятие {position}",
                    done=planned < today,
                )
            )
        for kind_of_meeting, day in meeting_schedule(pair.start_date, pair.end_date):
            meetings.append(
                Meeting(
                    pair=pair,
                    kind=kind_of_meeting,
                    planned_on=day,
                    held_on=day if day < today else None,
                )
            )
    ProgrammeItem.objects.bulk_create(items, batch_size=5000)
    Meeting.objects.bulk_create(meetings, batch_size=5000)


def monitoring_inputs_insert(years: list[AcademicYear]) -> None:
    """What a school enters for its indicators: the seed's targets for its first year and its
    students' birth dates as a class list on the year's first day."""
    births: dict[int, Counter] = defaultdict(Counter)
    students = Person.objects.filter(
        organisation__in=[year.organisation_id for year in years], kind=Person.Kind.STUDENT
    )
    for organisation_id, born in students.values_list("organisation_id", "birth_date"):
        if born is not None:
            births[organisation_id][born.isoformat()] += 1
    Contingent.objects.filter(organisation__in=[year.organisation_id for year in years]).delete()
    Contingent.objects.bulk_create(
        [
            Contingent(
                organisation_id=year.organisation_id,
                counted_on=year.start_date,
                source=Contingent.Source.CLASS_LIST,
                students_total=sum(births[year.organisation_id].values()),
                birth_dates=dict(births[year.organisation_id]),
            )
            for year in years
        ]
    )
    IndicatorTarget.objects.bulk_create(
        [
            IndicatorTarget(academic_year=year, indicator=indicator, target=target)
            for year in years
            for indicator in Indicator.values
            if (target := seed_target(indicator, 0)) is not None
        ],
        ignore_conflicts=True,
    )


def add_schools(
    municipality: Organisation, numbers: range, *, staff: int, students: int, catalogue
) -> list[Organisation]:
    """Schools with people, a current year, a director and curator who have accounts,
    consents and both banks."""
    schools = Organisation.objects.bulk_create(
        [Organisation(municipality=municipality, **demo.school_fields(n)) for n in numbers]
    )
    start, end = AcademicYear.bounds_for(demo.demo_year())
    years = AcademicYear.objects.bulk_create(
        [
            AcademicYear(organisation=school, start_date=start, end_date=end, is_current=True)
            for school in schools
        ]
    )
    tags = Tag.objects.bulk_create(
        [Tag(organisation=school, name=name) for school in schools for name in demo.TAGS[:TAGS]]
    )
    password = make_password(None)
    users, memberships, leaders, banks = [], [], [], []
    for index, (number, school) in enumerate(zip(numbers, schools, strict=True)):
        rng = random.Random(number)
        rows = demo.staff(rng, staff) + demo.students(rng, students)
        people = demo.people_insert(school, rows, catalogue)
        school_tags = tags[index * TAGS : (index + 1) * TAGS]
        banks.append(Banks(years[index], people, school_tags, MENTEES, MENTORS))
        # The generated staff start with the director and a deputy who runs the programme.
        for person, role in ((people[0], Role.DIRECTOR), (people[1], Role.CURATOR)):
            user = User(email=f"{role}{number}@bench.test", full_name=person.full_name)
            user.password = password
            users.append(user)
            memberships.append(Membership(user=user, organisation=school, role=role))
            person.user = user
            leaders.append(person)
    User.objects.bulk_create(users, batch_size=2000)
    Membership.objects.bulk_create(memberships, batch_size=2000)
    Person.objects.bulk_update(leaders, ["user"], batch_size=2000)
    banks_insert(banks)
    pairs_insert(years)
    monitoring_inputs_insert(years)
    return schools


def grow_school(school: Organisation, *, staff: int, students: int, catalogue) -> None:
    """Add people to one school, beyond its leaders, and nine times its bank entries."""
    rng = random.Random(-school.pk)
    rows = demo.staff(rng, staff + 2)[2:] + demo.students(rng, students)
    people = demo.people_insert(school, rows, catalogue)
    year = AcademicYear.objects.get(organisation=school, is_current=True)
    tags = list(Tag.objects.filter(organisation=school))
    MentoringPair.objects.filter(academic_year=year).delete()
    banks_insert([Banks(year, people, tags, MENTEES * 9, MENTORS * 9)])
    pairs_insert([year])
    monitoring_inputs_insert([year])


BUILTIN_DATA = (
    ("0005_builtin_mentoring_forms", "add_forms"),
    ("0008_builtin_role_models_and_types", "add"),
)


def build_1x(args) -> Scene:
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
    catalogue = demo.subjects_catalogue()
    schools = add_schools(
        municipality,
        range(1, args.schools + 1),
        staff=args.staff,
        students=args.students,
        catalogue=catalogue,
    )
    coordinator = User.objects.create(email="coordinator@bench.test", password=make_password(None))
    Membership.objects.create(user=coordinator, organisation=municipality, role=Role.COORDINATOR)
    school = schools[0]
    curator = User.objects.get(memberships__organisation=school, memberships__role=Role.CURATOR)
    return Scene(municipality, school, curator, coordinator)


def build_10x(scene: Scene, args) -> None:
    catalogue = demo.subjects_catalogue()
    add_schools(
        scene.municipality,
        range(args.schools + 1, args.schools * 10 + 1),
        staff=args.staff,
        students=args.students,
        catalogue=catalogue,
    )
    grow_school(scene.school, staff=args.staff * 9, students=args.students * 9, catalogue=catalogue)


def analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def data_size(scene: Scene) -> dict:
    return {
        "schools": Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).count(),
        "people": Person.objects.count(),
        "measured_school_people": Person.objects.filter(organisation=scene.school).count(),
        "processing_consents": Consent.objects.count(),
        "mentee_entries": MenteeEntry.objects.count(),
        "mentor_entries": MentorEntry.objects.count(),
        "measured_school_mentees": MenteeEntry.objects.filter(organisation=scene.school).count(),
        "measured_school_mentors": MentorEntry.objects.filter(organisation=scene.school).count(),
        "pairs": MentoringPair.objects.count(),
        "measured_school_pairs": MentoringPair.objects.filter(organisation=scene.school).count(),
        "meetings": Meeting.objects.count(),
        "programme_items": ProgrammeItem.objects.count(),
    }


# Matching: the assignment of issue 4 on generated banks, without the database.

MATCHING_SEED = 4
MATCHING_MENTEES, MATCHING_MENTORS, MATCHING_SCHOOLS = 1000, 400, 20
MATCHING_RUNS = 5
FORM_IDS = range(1, 8)


def _some(rng: random.Random, items, low: int, high: int) -> frozenset:
    return frozenset(rng.sample(items, rng.randint(low, high)))


def _preferences(rng: random.Random, ids: list[int]) -> tuple[int, ...]:
    """About 30% name up to three of their own school, best first."""
    if rng.random() >= 0.3 or not ids:
        return ()
    return tuple(rng.sample(ids, min(len(ids), rng.randint(1, 3))))


def matching_banks(seed: int) -> tuple[list[Mentee], list[Mentor]]:
    """A municipality's banks: a third of the mentees are teachers, a fifth of the mentors students."""
    rng = random.Random(seed)
    tags, subjects = list(demo.TAGS), demo.SUBJECTS
    mentee_schools = [rng.randrange(MATCHING_SCHOOLS) for _ in range(MATCHING_MENTEES)]
    mentor_schools = [rng.randrange(MATCHING_SCHOOLS) for _ in range(MATCHING_MENTORS)]
    mentees_at, mentors_at = defaultdict(list), defaultdict(list)
    for i, school in enumerate(mentee_schools):
        mentees_at[school].append(i)
    for j, school in enumerate(mentor_schools):
        mentors_at[school].append(MATCHING_MENTEES + j)

    mentees = []
    for i, school in enumerate(mentee_schools):
        is_student = rng.random() >= 1 / 3
        mentees.append(
            Mentee(
                id=i,
                person_id=i,
                school_id=school,
                tags=_some(rng, tags, 1, 3),
                subjects=_some(rng, subjects, 0 if is_student else 1, 2),
                categories=_some(
                    rng, STUDENT_CATEGORIES if is_student else TEACHER_CATEGORIES, 1, 2
                ),
                is_student=is_student,
                preferred_forms=_some(rng, FORM_IDS, 0, 2),
                preferences=_preferences(rng, mentors_at[school]),
                has_consents=rng.random() < 0.95,
            )
        )
    mentors = []
    for j, school in enumerate(mentor_schools):
        is_student = rng.random() < 0.2
        years = None if is_student else rng.randint(1, 35)
        capacity = rng.randint(1, 3)
        mentors.append(
            Mentor(
                id=MATCHING_MENTEES + j,
                person_id=MATCHING_MENTEES + j,
                school_id=school,
                tags=_some(rng, tags, 1, 4),
                subjects=_some(rng, subjects, 1, 2),
                is_student=is_student,
                experience_years=years,
                category="none" if is_student else rng.choice(("none", "first", "highest")),
                preferred_forms=_some(rng, FORM_IDS, 0, 2),
                capacity=capacity,
                load=rng.randint(0, capacity) if rng.random() < 0.2 else 0,
                preferences=_preferences(rng, mentees_at[school]),
                has_consents=rng.random() < 0.95,
            )
        )
    return mentees, mentors


def timed(run: Callable[[], object]) -> tuple[float, object]:
    """Median seconds of MATCHING_RUNS calls, and what the last call returned."""
    times = []
    for _ in range(MATCHING_RUNS):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def solver_matrix(mentees: list[Mentee], mentors: list[Mentor], options: Options) -> np.ndarray:
    """The capacity-expanded matrix assign() hands to the solver when nothing is fixed."""
    scores, admissible = score_matrix(mentees, mentors, Weights(), options)
    columns = np.repeat(np.arange(len(mentors)), [m.capacity - m.load for m in mentors])
    value = np.where(admissible, scores + PAIR_BONUS, FORBIDDEN)[:, columns]
    return np.hstack([value, np.zeros((len(mentees), len(mentees)))])


def measure_matching(seed: int) -> dict:
    mentees, mentors = matching_banks(seed)
    results = {
        "seed": seed,
        "mentees": len(mentees),
        "mentors": len(mentors),
        "places": sum(m.capacity - m.load for m in mentors),
    }
    for name, options in (("same_school", Options()), ("virtual", Options(virtual=True))):
        assign_s, result = timed(lambda o=options: assign(mentees, mentors, Weights(), o))
        matrix = solver_matrix(mentees, mentors, options)
        solver_s, _ = timed(lambda m=matrix: linear_sum_assignment(m, maximize=True))
        greedy_s, greedy_total = timed(lambda o=options: greedy(mentees, mentors, Weights(), o))
        results[name] = {
            "assign_s": round(assign_s, 4),
            "solver_s": round(solver_s, 4),
            "ratio_to_solver": round(assign_s / solver_s, 2),
            "greedy_s": round(greedy_s, 4),
            "pairs": len(result.pairs),
            "unmatched": len(result.unmatched),
            "total": round(result.total, 2),
            "greedy_total": round(greedy_total, 2),
            "improvement_pct": round((result.total / greedy_total - 1) * 100, 2),
        }
    return results


# PDF: an order of many pairs against an order of one paragraph, with the same stylesheet.

PDF_PAIRS = 300
# Each document and its floor are rendered in turn for about PDF_SECONDS, at least PDF_MIN_RUNS
# times each: three renders of the long order, a few dozen of a short one, whose figures a
# moment's load on the machine would otherwise decide.
PDF_SECONDS, PDF_MIN_RUNS, PDF_MAX_RUNS = 20, 3, 40


def _approved_order(
    school: Organisation, number: int, kind: str, title: str, items: list[str]
) -> Order:
    today = timezone.localdate()
    order = Order.objects.create(
        organisation=school,
        kind=kind,
        status=Order.Status.APPROVED,
        title=title,
        preamble="В соответствии с Положением о наставничестве,",
        signer_position="Директор",
        signer_name="Суханова Елена Викторовна",
        number_year=today.year,
        number=number,
        registration_number=f"01-05/{number}",
        signed_on=today,
    )
    OrderItem.objects.bulk_create(
        OrderItem(order=order, position=n, text=text) for n, text in enumerate(items, 1)
    )
    return order


def pdf_orders(school: Organisation) -> tuple[Order, Order]:
    """An approved order of PDF_PAIRS pairs whose appendix and familiarisation sheet are drawn
    from the municipality's people (the first PDF_PAIRS teachers mentor pupils or other
    teachers), and an approved order of one paragraph."""
    rng = random.Random(PDF_PAIRS)
    teachers = list(Person.objects.filter(kind=Person.Kind.TEACHER).order_by("pk"))
    students = list(Person.objects.filter(kind=Person.Kind.STUDENT).order_by("pk"))
    if len(teachers) < PDF_PAIRS or not students:
        raise RuntimeError(f"the PDF section needs {PDF_PAIRS} teachers and some pupils")
    mentors, others = teachers[:PDF_PAIRS], teachers[PDF_PAIRS:] or teachers
    start, end = AcademicYear.bounds_for(demo.demo_year())
    rows, people = [], list(mentors)
    for mentor in mentors:
        if rng.random() < 0.3:
            mentees, form = [rng.choice(others)], "педагог – педагог"
            people += mentees
        else:
            mentees, form = rng.sample(students, rng.randint(1, 3)), "учитель – ученик"
        rows.append(
            {
                "mentor": person_line(mentor),
                "co_mentor": "",
                "mentees": [person_line(mentee) for mentee in mentees],
                "form": form,
                "role_model": "",
                "type": "традиционное наставничество",
                "period": f"{start:%d.%m.%Y} – {end:%d.%m.%Y}",
            }
        )
    long = _approved_order(
        school,
        1,
        Order.Kind.PAIRS,
        "Об утверждении наставнических пар и групп",
        [
            "Утвердить наставнические пары и группы (приложение).",
            "Наставникам обеспечить реализацию персонализированных программ наставничества.",
            "Контроль за исполнением настоящего приказа оставляю за собой.",
        ],
    )
    OrderAppendix.objects.create(
        order=long,
        position=1,
        kind=OrderAppendix.Kind.PAIRS,
        title="Наставнические пары и группы",
        rows=rows,
    )
    long.people.set(set(people))
    short = _approved_order(
        school,
        2,
        Order.Kind.FREE,
        "О дежурстве",
        ["Назначить дежурным администратором заместителя директора."],
    )
    return long, short


def pdf_pages(content: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(content)
        file.flush()
        # poppler-utils' pdfinfo on our own file: nothing untrusted reaches the command.
        info = subprocess.run(  # noqa: S603
            [shutil.which("pdfinfo") or "pdfinfo", file.name],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def order_html(order: Order) -> str:
    """The final HTML the order's PDF is rendered from, as `order_pdf_bytes` builds it."""
    template = "pdf/letter.html" if order.is_letter else "pdf/order.html"
    with translation.override("ru"):
        return render_to_string(template, order_pdf_context(order))


def _pdf_figures(render: Callable[[], bytes], html: str) -> dict:
    """Medians of our renders against bare WeasyPrint on the same final HTML, taken in turn."""
    started = time.perf_counter()
    content = render()  # warm-up: fonts and the stylesheet are loaded once
    once = time.perf_counter() - started
    runs = min(PDF_MAX_RUNS, max(PDF_MIN_RUNS, round(PDF_SECONDS / (2 * once))))
    times, floor_times = in_turn(
        render,
        lambda: HTML(string=html, base_url=f"{STATIC_DIR.as_uri()}/").write_pdf(),
        runs,
        collect=True,
    )
    median, floor = statistics.median(times), statistics.median(floor_times)
    return {
        "runs": runs,
        "median_s": round(median, 3),
        "pages": pdf_pages(content),
        "kb": round(len(content) / 1024),
        "floor_s": round(floor, 3),
        "ratio_to_floor": round(median / floor, 2),
    }


def monitoring_report_pdf(school: Organisation) -> dict:
    """The school's December monitoring report: its figures, charts, effectiveness table and
    roadmap completion, read from the data (a draft reads it at each render)."""
    report = report_create(organisation=school, kind=MonitoringReport.Kind.DECEMBER)
    with translation.override("ru"):
        html = render_to_string("pdf/monitoring_report.html", report_pdf_context(report))
    return _pdf_figures(lambda: report_pdf_bytes(report), html)


def measure_pdf(school: Organisation) -> dict:
    results: dict = {"pairs": PDF_PAIRS}
    for name, order in zip(("pairs_order", "one_paragraph"), pdf_orders(school), strict=True):
        results[name] = _pdf_figures(lambda order=order: order_pdf_bytes(order), order_html(order))
    long, short = results["pairs_order"], results["one_paragraph"]
    results["ratio"] = round(long["median_s"] / short["median_s"], 1)
    results["s_per_page"] = round(long["median_s"] / long["pages"], 3)
    results["monitoring_report"] = monitoring_report_pdf(school)
    return results


# Reminders: a day of roadmap reminders for many schools, written twice.

REMINDER_SCHOOLS, REMINDER_ACTIVITIES, REMINDER_PEOPLE = 100, 40, 3
REMINDER_STAFF = 6  # staff with accounts per school, three of whom answer for each activity
# Days from the measured day to each activity's deadline, in turn: 0, 1 and 7 days before,
# 7 and 14 days late fire a reminder; the others do not.
REMINDER_OFFSETS = (0, 1, 7, -7, -14, 3, 20, -3)
REMINDER_EMAIL_SAMPLE = 200


def reminder_roadmaps() -> date:
    """REMINDER_SCHOOLS schools with a director, a curator and REMINDER_STAFF staff who have
    accounts, and a current roadmap of REMINDER_ACTIVITIES activities with REMINDER_PEOPLE
    responsible people each. Returns the Monday the deadlines are counted from."""
    numbers = range(1001, 1001 + REMINDER_SCHOOLS)
    schools = Organisation.objects.bulk_create(
        [Organisation(**demo.school_fields(n, city="Соликамск")) for n in numbers]
    )
    start, end = AcademicYear.bounds_for(demo.demo_year())
    years = AcademicYear.objects.bulk_create(
        [
            AcademicYear(organisation=s, start_date=start, end_date=end, is_current=True)
            for s in schools
        ]
    )
    password = make_password(None)
    users, memberships, people = [], [], []
    for number, school in zip(numbers, schools, strict=True):
        for role in (Role.DIRECTOR, Role.CURATOR):
            user = User(email=f"{role}{number}@reminders.bench.test", password=password)
            users.append(user)
            memberships.append(Membership(user=user, organisation=school, role=role))
        for n in range(REMINDER_STAFF):
            user = User(email=f"staff{n}.{number}@reminders.bench.test", password=password)
            users.append(user)
            people.append(
                Person(
                    organisation=school,
                    user=user,
                    kind=Person.Kind.TEACHER,
                    last_name=f"Иванова{n}",
                    first_name="Мария",
                    email=user.email,
                )
            )
    User.objects.bulk_create(users, batch_size=2000)
    Membership.objects.bulk_create(memberships, batch_size=2000)
    Person.objects.bulk_create(people, batch_size=2000)
    roadmaps = Roadmap.objects.bulk_create(
        [
            Roadmap(organisation=s, academic_year=y, title="Дорожная карта")
            for s, y in zip(schools, years, strict=True)
        ]
    )
    stages = Stage.objects.bulk_create(
        [Stage(roadmap=r, number=n, title=f"Этап {n}") for r in roadmaps for n in (1, 2, 3, 4)]
    )
    day = start + timedelta(days=60)
    day += timedelta(days=-day.weekday())  # a Monday: the digest goes out too
    per_stage = REMINDER_ACTIVITIES // 4
    activities = Activity.objects.bulk_create(
        [
            Activity(
                stage=stage,
                number=n,
                title=f"Мероприятие {stage.number}.{n} дорожной карты",
                deadline_kind=Activity.DeadlineKind.DATE,
                due_on=day + timedelta(REMINDER_OFFSETS[n % len(REMINDER_OFFSETS)]),
            )
            for stage in stages
            for n in range(1, per_stage + 1)
        ],
        batch_size=2000,
    )
    staff = defaultdict(list)
    for person in people:
        staff[person.organisation_id].append(person)
    roadmap_school = {r.pk: r.organisation_id for r in roadmaps}
    stage_school = {stage.pk: roadmap_school[stage.roadmap_id] for stage in stages}
    through = Activity.responsible_people.through
    links = []
    for index, activity in enumerate(activities):
        team = staff[stage_school[activity.stage_id]]
        for k in range(REMINDER_PEOPLE):
            links.append(through(activity=activity, person=team[(index + k) % len(team)]))
    through.objects.bulk_create(links, batch_size=5000)
    return day


def _reminders_run(day: date) -> dict:
    mail.outbox = []
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        result = reminders_send(day)
    return {
        "s": round(time.perf_counter() - started, 3),
        "queries": len(captured.captured_queries),
        "planned": result.planned,
        "written": len(result.created),
        "emails_queued": result.emails,
    }


def measure_reminders() -> dict:
    day = reminder_roadmaps()
    analyze()
    results: dict = {
        "schools": REMINDER_SCHOOLS,
        "activities": Activity.objects.filter(
            stage__roadmap__organisation__city="Соликамск"
        ).count(),
        "responsible_links": Activity.responsible_people.through.objects.count(),
        "day": day.isoformat(),
    }
    # The e-mails are published to the in-memory broker, not sent: their cost is measured
    # per e-mail below, as a worker would pay it.
    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            results["first"] = _reminders_run(day)
            results["second"] = _reminders_run(day)
            sample = list(
                Reminder.objects.filter(on_date=day, email_sent_at__isnull=True)
                .order_by("pk")
                .values_list("pk", flat=True)[:REMINDER_EMAIL_SAMPLE]
            )
            times = []
            with CaptureQueriesContext(connection) as captured:
                for reminder_id in sample:
                    started = time.perf_counter()
                    reminder_email_send(reminder_id=reminder_id)
                    times.append((time.perf_counter() - started) * 1000)
            results["email"] = {
                "sample": len(sample),
                "median_ms": round(statistics.median(times), 2),
                "queries_each": round(len(captured.captured_queries) / len(sample), 1),
                "sent": len(mail.outbox),
            }
    finally:
        celery_app.conf.task_always_eager = saved
    results["reminders"] = Reminder.objects.filter(on_date=day).count()
    results["notifications"] = Notification.objects.filter(organisation__city="Соликамск").count()
    return results


# People import: a school's staff list of IMPORT_ROWS rows, uploaded and applied through the
# pages, against writing the same people in bulk.

IMPORT_ROWS = 2_000
IMPORT_RUNS = 3


def _import_school(number: int) -> tuple[Organisation, User]:
    school = Organisation.objects.create(**demo.school_fields(number, city="Усолье"))
    user = User.objects.create(
        email=f"import{number}@bench.test", full_name="Куратор", password=make_password(None)
    )
    Membership.objects.create(user=user, organisation=school, role=Role.CURATOR)
    return school, user


def _timed(run: Callable[[], object]) -> tuple[float, int, object]:
    """Seconds, SQL queries and result of `run`; queries are counted by a wrapper, as the
    debug query log keeps only the last 9,000."""
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        result = run()
        return time.perf_counter() - started, queries, result


def _timed_post(client: Client, url: str, data: dict) -> tuple[float, int]:
    seconds, queries, response = _timed(lambda: client.post(url, data))
    if response.status_code != 302:
        raise RuntimeError(f"POST {url} answered {response.status_code}")
    return seconds, queries


def measure_people_import() -> dict:
    """Upload (reading and planning the preview) and apply, each with its tasks run in-process,
    and the floor: demo.people_insert of the same rows. A fresh school for every run."""
    today = timezone.localdate()
    rows = demo.staff(random.Random(IMPORT_ROWS), IMPORT_ROWS, year=today.year)
    content = staff_list_workbook(rows, rng=random.Random(1), today=today)
    catalogue = demo.subjects_catalogue()
    runs: dict[str, list] = defaultdict(list)
    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        for run in range(IMPORT_RUNS):
            school, user = _import_school(9_000 + run)
            client = Client()
            client.force_login(user)
            upload = SimpleUploadedFile("staff.xlsx", content)
            url = reverse("people_import", args=[school.pk])
            seconds, queries = _timed_post(client, url, {"file": upload})
            runs["upload_s"].append(seconds)
            runs["upload_queries"].append(queries)
            staff_import = StaffImport.objects.get(organisation=school)
            if {row["action"] for row in staff_import.rows} != {"create"}:
                raise RuntimeError("the staff list did not plan as new people only")
            seconds, queries = _timed_post(
                client, reverse("people_import_apply", args=[staff_import.pk]), {}
            )
            runs["apply_s"].append(seconds)
            runs["apply_queries"].append(queries)
            if Person.objects.filter(organisation=school).count() != IMPORT_ROWS:
                raise RuntimeError("the import did not create every person")
            floor_school, _user = _import_school(9_100 + run)
            seconds, queries, _people = _timed(
                lambda school=floor_school: demo.people_insert(school, rows, catalogue)
            )
            runs["floor_s"].append(seconds)
            runs["floor_queries"].append(queries)
    finally:
        celery_app.conf.task_always_eager = saved
    result: dict = {"rows": IMPORT_ROWS, "runs": IMPORT_RUNS, "file_kb": len(content) // 1024}
    for name, values in runs.items():
        value = statistics.median(values)
        result[name] = round(value, 3) if name.endswith("_s") else int(value)
    result["upload_ratio_to_floor"] = round(result["upload_s"] / result["floor_s"], 1)
    result["apply_ratio_to_floor"] = round(result["apply_s"] / result["floor_s"], 1)
    return result


# Roadmap import: a school's roadmap file of 40 activities, previewed and applied.

IMPORT_STAGES, IMPORT_PER_STAGE, ROADMAP_IMPORT_RUNS = 5, 8, 15
IMPORT_DEADLINES = (
    "сентябрь 2024",
    "до 15.10.2024",
    "октябрь-ноябрь 2024",
    "декабрь, июнь",
    "в течение года",
    "по мере необходимости",
    "",
    "май 2025",
)
# The stages and activities as the import saves them, for the floor: filled from the database
# after the first import.
IMPORT_FLOOR_ROWS: list[tuple[int, str, list[dict]]] = []


def roadmap_import_file(school: Organisation) -> bytes:
    """A roadmap as schools keep it: a title over the table, a stage column filled on the
    first activity of each stage, columns in the school's order with its names, a note
    column, some cells empty, dates of 2024/2025, staff named in the responsible cells."""
    staff = list(Person.objects.filter(organisation=school, kind=Person.Kind.TEACHER)[:10])
    book = Workbook()
    sheet = book.active
    sheet.append(["Дорожная карта (план мероприятий) по реализации Положения о наставничестве"])
    sheet.merge_cells("A1:G1")
    sheet.append([])
    sheet.append(
        [
            "№ п/п",
            "Наименование этапа",
            "Содержание мероприятия",
            "Сроки проведения",
            "Ответственный исполнитель",
            "Ожидаемый результат",
            "Примечание",
        ]
    )
    for stage in range(1, IMPORT_STAGES + 1):
        for n in range(1, IMPORT_PER_STAGE + 1):
            person = staff[(stage * n) % len(staff)]
            sheet.append(
                [
                    f"{stage}.{n}.",
                    f"Этап {stage}. Этап внедрения наставничества номер {stage}"
                    if n == 1
                    else None,
                    f"Мероприятие {stage}.{n}: совещание, анкетирование или приказ по программе",
                    IMPORT_DEADLINES[n - 1],
                    f"заместитель директора {person.short_name}" if n % 3 else "",
                    "Протокол" if n % 2 else "Приказ",
                    "выполнено" if n == 2 else None,
                ]
            )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _payload(response) -> str:
    return re.search(r'name="payload" value="([^"]+)"', response.content.decode())[1]


def _timed_posts(client: Client, url: str, data: Callable[[], dict], expect: int) -> dict:
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, data())
    if response.status_code != expect:
        raise RuntimeError(f"POST {url} answered {response.status_code}")
    queries = len(captured.captured_queries)
    times = []
    for _ in range(ROADMAP_IMPORT_RUNS):
        payload = data()
        started = time.perf_counter()
        client.post(url, payload)
        times.append((time.perf_counter() - started) * 1000)
    return {"median_ms": round(statistics.median(times), 2), "queries": queries}


def measure_roadmap_import(school: Organisation) -> dict:
    """Preview (upload, read, match staff, render) and apply (replace the stages) of a school's
    file, through the client as its curator, against the floor view."""
    year = AcademicYear.objects.get(organisation=school, is_current=True)
    curator = User.objects.get(memberships__organisation=school, memberships__role=Role.CURATOR)
    content = roadmap_import_file(school)
    url = reverse("roadmap_import", args=[school.pk])
    client = Client()
    client.force_login(curator)

    def upload() -> dict:
        return {
            "file": SimpleUploadedFile("roadmap.xlsx", content),
            "academic_year": year.pk,
        }

    for _ in range(WARMUP):
        preview = client.post(url, upload())
    # The curator moves the file's 2024/2025 dates into the current year, then applies.
    shifted = _payload(client.post(url, {"payload": _payload(preview), "shift": "1"}))
    client.post(url, {"payload": shifted})
    roadmap = Roadmap.objects.get(organisation=school, academic_year=year)
    IMPORT_FLOOR_ROWS[:] = [
        (
            stage.number,
            stage.title,
            list(
                stage.activities.order_by("number").values(
                    "number", *STRUCTURE_FIELDS, "deadline_kind", "start_on", "due_on", "recurrence"
                )
            ),
        )
        for stage in roadmap.stages.order_by("number")
    ]
    results: dict = {
        "stages": len(IMPORT_FLOOR_ROWS),
        "activities": sum(len(rows) for _n, _t, rows in IMPORT_FLOOR_ROWS),
        "staff": Person.objects.filter(organisation=school).count(),
        "runs": ROADMAP_IMPORT_RUNS,
        "preview": _timed_posts(client, url, upload, 200),
        "apply": _timed_posts(client, url, lambda: {"payload": shifted}, 302),
    }
    floor_url = reverse("bench_floor_roadmap_import", args=[roadmap.pk])
    for _ in range(WARMUP):
        client.post(floor_url)
    results["floor"] = _timed_posts(client, floor_url, dict, 200)
    floor_ms = results["floor"]["median_ms"]
    results["ratio_preview"] = round(results["preview"]["median_ms"] / floor_ms, 2)
    results["ratio_apply"] = round(results["apply"]["median_ms"] / floor_ms, 2)
    return results


# Imports: refusing a decompression bomb against reading a small valid staff file.

BOMB_FLOOR_ROWS = 10


def _staff_read(content: bytes) -> str:
    """What reading an uploaded staff file says: its row count or the refusal."""
    try:
        return f"{len(people_file_read(SimpleUploadedFile('staff.xlsx', content)).rows)} rows"
    except ValidationError as error:
        return error.messages[0]


def measure_import_bomb() -> dict:
    """Median seconds (of MATCHING_RUNS) of refusing the tests' bomb, a few hundred KB that
    inflate to BOMB_MB megabytes, and of reading a valid file of BOMB_FLOOR_ROWS people."""
    bomb = bomb_sheet()
    small = xlsx_bytes(
        ["ФИО", "E-mail"], *[[f"Иванова Мария {n}", ""] for n in range(BOMB_FLOOR_ROWS)]
    )
    refuse_s, refusal = timed(lambda: _staff_read(bomb))
    small_s, read = timed(lambda: _staff_read(small))
    if read != f"{BOMB_FLOOR_ROWS} rows" or "слишком велик" not in refusal:
        raise RuntimeError(f"unexpected import results: {read!r}, {refusal!r}")
    return {
        "bomb_kb": round(len(bomb) / 1024),
        "bomb_unpacked_mb": BOMB_MB,
        "import_bomb_reject_seconds": round(refuse_s, 5),
        "small_file_rows": BOMB_FLOOR_ROWS,
        "small_file_seconds": round(small_s, 5),
        "ratio_to_small_file": round(refuse_s / small_s, 3),
    }


# Where a request's time goes. While a breakdown is recorded, every wrapped piece (SQL, template
# rendering, each context processor, crispy forms, the view) charges the time since the last
# mark to the innermost piece running, so the parts are exclusive and add up to the request:
# SQL run while a template renders counts as SQL, a template rendered inside the view as
# template. What no piece claims is "middleware": the handler and middleware around the view
# (session and user SQL excluded) and the test client.


class Breakdown:
    def __init__(self) -> None:
        self.active = False
        self.stack: list[str] = []
        self.parts: dict[str, float] = defaultdict(float)
        self.queries = 0
        self.mark = 0.0

    def enter(self, part: str) -> None:
        now = time.perf_counter()
        if self.stack:
            self.parts[self.stack[-1]] += now - self.mark
        self.stack.append(part)
        self.mark = now

    def leave(self) -> None:
        now = time.perf_counter()
        self.parts[self.stack.pop()] += now - self.mark
        self.mark = now

    def wrap(self, part: str, func: Callable) -> Callable:
        @functools.wraps(func)
        def timed(*args, **kwargs):
            if not self.active:
                return func(*args, **kwargs)
            self.enter(part)
            try:
                return func(*args, **kwargs)
            finally:
                self.leave()

        return timed

    def sql(self, execute, sql, params, many, context):
        if not self.active:
            return execute(sql, params, many, context)
        self.queries += 1
        self.enter("sql")
        try:
            return execute(sql, params, many, context)
        finally:
            self.leave()

    def request(self, client: Client, url: str) -> dict[str, float]:
        """One GET, its time split into parts, in milliseconds."""
        self.parts, self.queries, self.stack = defaultdict(float), 0, []
        self.active = True
        started = time.perf_counter()
        self.enter("middleware")
        try:
            client.get(url)
        finally:
            self.leave()
            self.active = False
        parts = {name: seconds * 1000 for name, seconds in self.parts.items()}
        parts["total"] = (time.perf_counter() - started) * 1000
        parts["queries"] = self.queries
        return parts


BREAKDOWN = Breakdown()


def install_breakdown() -> None:
    """Wrap the pieces once, before any template is compiled (compiled templates keep the
    filter functions they were compiled with)."""
    from crispy_forms.templatetags import crispy_forms_filters, crispy_forms_tags
    from django.core.handlers.base import BaseHandler
    from django.template import base

    make_view_atomic = BaseHandler.make_view_atomic

    def timed_view(handler, view):
        return make_view_atomic(handler, BREAKDOWN.wrap("view", view))

    BaseHandler.make_view_atomic = timed_view
    base.Template.render = BREAKDOWN.wrap("template", base.Template.render)
    node = crispy_forms_tags.CrispyFormNode
    node.render = BREAKDOWN.wrap("crispy", node.render)
    filters = crispy_forms_filters.register.filters
    for name in ("crispy", "as_crispy_field", "as_crispy_errors"):
        filters[name] = BREAKDOWN.wrap("crispy", filters[name])
    engine = engines["django"].engine
    engine.__dict__["template_context_processors"] = tuple(
        BREAKDOWN.wrap(f"cp:{processor.__module__}.{processor.__name__}", processor)
        for processor in engine.template_context_processors
    )


def breakdown(client: Client, url: str, requests: int) -> dict:
    """Medians over `requests` instrumented requests of each part, in ms."""
    runs = []
    with connection.execute_wrapper(BREAKDOWN.sql):
        for _ in range(requests):
            runs.append(BREAKDOWN.request(client, url))
    names = {name for run in runs for name in run}

    def median(name: str) -> float:
        return round(statistics.median(run.get(name, 0.0) for run in runs), 2)

    processors = sorted(name for name in names if name.startswith("cp:"))
    return {
        "total_ms": median("total"),
        "sql_ms": median("sql"),
        "queries": int(median("queries")),
        "template_ms": median("template"),
        "context_processors_ms": {name[3:]: median(name) for name in processors},
        "crispy_ms": median("crispy"),
        "view_other_ms": median("view"),
        "middleware_ms": median("middleware"),
    }


PROFILE_TOP = 10
BREAKDOWN_REQUESTS = 15


def profile_top(client: Client, url: str) -> list[dict]:
    """cProfile of one request: the project's functions with the most cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(url)
    profiler.disable()
    ours = []
    for (file, line, function), (_calls, _, _own, cumulative, _callers) in pstats.Stats(
        profiler
    ).stats.items():
        path = Path(file)
        outside = (ROOT / ".venv", ROOT / "bench")
        if path.is_relative_to(ROOT) and not any(path.is_relative_to(d) for d in outside):
            name = f"{path.relative_to(ROOT)}:{line}({function})"
            ours.append({"function": name, "cumulative_ms": round(cumulative * 1000, 2)})
    ours.sort(key=lambda row: row["cumulative_ms"], reverse=True)
    return ours[:PROFILE_TOP]


# Measuring.


def measure_pages(scene: Scene, scale: str, requests: int, results: dict) -> None:
    for page in PAGES:
        entry = results.setdefault(page.name, {})
        client = Client()
        client.force_login(page.user(scene))
        try:
            entry[scale], entry[f"floor_{scale}"] = measure_against(
                client, page.url(scene), page.floor_url(scene), requests
            )
        except Exception as error:  # one broken page must not hide the others
            entry[scale] = {"error": f"{type(error).__name__}: {error}"}
            continue
        entry[f"ratio_to_floor_{scale}"] = round(
            entry[scale]["median_ms"] / entry[f"floor_{scale}"]["median_ms"], 2
        )
        entry[f"queries_beyond_floor_{scale}"] = (
            entry[scale]["queries"] - entry[f"floor_{scale}"]["queries"]
        )
        entry[f"breakdown_{scale}"] = breakdown(client, page.url(scene), BREAKDOWN_REQUESTS)
        entry[f"floor_breakdown_{scale}"] = breakdown(
            client, page.floor_url(scene), BREAKDOWN_REQUESTS
        )
        entry[f"profile_{scale}"] = profile_top(client, page.url(scene))


def machine() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgres": postgres,
    }


def summary(
    pages: dict,
    matching: dict,
    pdf: dict,
    reminders: dict,
    people_import: dict,
    imports: dict,
    bomb: dict,
) -> str:
    lines = [
        f"{'page':<24}{'scale':<7}{'median ms':>10}{'p95 ms':>9}{'queries':>9}"
        f"{'floor ms':>10}{'ratio':>7}{'floor queries':>15}"
    ]
    for name, entry in pages.items():
        for scale in ("1x", "10x"):
            row = entry.get(scale, {})
            if "error" in row:
                lines.append(f"{name:<24}{scale:<7}{row['error']}")
                continue
            lines.append(
                f"{name:<24}{scale:<7}{row['median_ms']:>10}{row['p95_ms']:>9}{row['queries']:>9}"
                f"{entry[f'floor_{scale}']['median_ms']:>10}{entry[f'ratio_to_floor_{scale}']:>7}"
                f"{entry[f'floor_{scale}']['queries']:>15}"
            )
        for scale in ("1x", "10x"):
            parts = entry.get(f"breakdown_{scale}")
            if parts:
                processors = sum(parts["context_processors_ms"].values())
                lines.append(
                    f"{'':<24}{scale:<7}sql {parts['sql_ms']} ms, template {parts['template_ms']}, "
                    f"context processors {round(processors, 2)}, crispy {parts['crispy_ms']}, "
                    f"view {parts['view_other_ms']}, middleware {parts['middleware_ms']}"
                )
        verdict = "equal" if entry["queries_equal"] else "DIFFERENT"
        lines.append(f"{'':<24}queries at 1x and 10x: {verdict}")
    lines.append(
        f"\nmatching {matching['mentees']} mentees x {matching['mentors']} mentors "
        f"({matching['places']} free places), median of {MATCHING_RUNS} runs:"
    )
    lines.append(
        f"{'options':<13}{'assign s':>9}{'solver s':>9}{'ratio':>7}{'greedy s':>9}"
        f"{'pairs':>7}{'total':>10}{'greedy':>10}{'gain %':>8}"
    )
    for name in ("same_school", "virtual"):
        row = matching[name]
        lines.append(
            f"{name:<13}{row['assign_s']:>9}{row['solver_s']:>9}{row['ratio_to_solver']:>7}"
            f"{row['greedy_s']:>9}{row['pairs']:>7}{row['total']:>10}{row['greedy_total']:>10}"
            f"{row['improvement_pct']:>8}"
        )
    lines.append("\nPDFs, medians, each render followed by its floor's:")
    lines.append(
        f"{'document':<18}{'runs':>5}{'s':>8}{'pages':>7}{'KB':>7}{'floor s':>9}{'ratio':>7}"
    )
    for name in ("pairs_order", "one_paragraph", "monitoring_report"):
        row = pdf[name]
        lines.append(
            f"{name:<18}{row['runs']:>5}{row['median_s']:>8}{row['pages']:>7}{row['kb']:>7}"
            f"{row['floor_s']:>9}{row['ratio_to_floor']:>7}"
        )
    lines.append(
        f"{pdf['pairs']} pairs take {pdf['ratio']}x one paragraph, {pdf['s_per_page']} s a page"
    )
    lines.append(
        f"\nreminders for {reminders['schools']} schools, {reminders['activities']} activities, "
        f"{reminders['responsible_links']} responsible people, on {reminders['day']}:"
    )
    lines.append(f"{'run':<8}{'s':>8}{'queries':>9}{'planned':>9}{'written':>9}{'e-mails':>9}")
    for name in ("first", "second"):
        row = reminders[name]
        lines.append(
            f"{name:<8}{row['s']:>8}{row['queries']:>9}{row['planned']:>9}{row['written']:>9}"
            f"{row['emails_queued']:>9}"
        )
    email = reminders["email"]
    lines.append(
        f"sending one e-mail: {email['median_ms']} ms, {email['queries_each']} queries "
        f"(median of {email['sample']})"
    )
    row = people_import
    lines.append(
        f"\nimport of a staff list of {row['rows']} rows ({row['file_kb']} KB), "
        f"median of {row['runs']} runs:"
    )
    lines.append(f"{'step':<8}{'s':>8}{'queries':>9}{'ratio':>7}")
    for step in ("upload", "apply"):
        lines.append(
            f"{step:<8}{row[f'{step}_s']:>8}{row[f'{step}_queries']:>9}"
            f"{row[f'{step}_ratio_to_floor']:>7}"
        )
    lines.append(f"{'floor':<8}{row['floor_s']:>8}{row['floor_queries']:>9}")
    lines.append(
        f"\nroadmap import of {imports['activities']} activities in {imports['stages']} stages "
        f"({imports['staff']} people at the school), median of {imports['runs']} runs:"
    )
    lines.append(f"{'step':<8}{'ms':>9}{'queries':>9}{'ratio':>7}")
    for name in ("preview", "apply"):
        row = imports[name]
        lines.append(
            f"{name:<8}{row['median_ms']:>9}{row['queries']:>9}{imports[f'ratio_{name}']:>7}"
        )
    floor = imports["floor"]
    lines.append(f"{'floor':<8}{floor['median_ms']:>9}{floor['queries']:>9}")
    lines.append(
        f"\nimports, median of {MATCHING_RUNS} runs: refusing a {bomb['bomb_kb']} KB bomb "
        f"of {bomb['bomb_unpacked_mb']} MB takes {bomb['import_bomb_reject_seconds']} s, "
        f"reading {bomb['small_file_rows']} rows {bomb['small_file_seconds']} s "
        f"(ratio {bomb['ratio_to_small_file']})"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=30)
    parser.add_argument("--staff", type=int, default=100, help="per school")
    parser.add_argument("--students", type=int, default=300, help="per school")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL (its data will be flushed).")

    started = time.perf_counter()
    install_breakdown()
    call_command("collectstatic", interactive=False, verbosity=0)
    scene = build_1x(args)
    analyze()
    data = {"1x": data_size(scene)}
    pages: dict[str, dict] = {}
    with override_settings(ROOT_URLCONF=__name__):
        print(f"1x data ready in {time.perf_counter() - started:.0f} s: {data['1x']}")
        measure_pages(scene, "1x", args.requests, pages)
        build_10x(scene, args)
        analyze()
        data["10x"] = data_size(scene)
        print(f"10x data ready in {time.perf_counter() - started:.0f} s: {data['10x']}")
        measure_pages(scene, "10x", args.requests, pages)
    for entry in pages.values():
        counts = {entry.get(scale, {}).get("queries") for scale in ("1x", "10x")}
        entry["queries_equal"] = len(counts) == 1 and None not in counts
    matching = measure_matching(MATCHING_SEED)
    pdf = measure_pdf(scene.school)
    reminders = measure_reminders()
    people_import = measure_people_import()
    with override_settings(ROOT_URLCONF=__name__):
        imports = measure_roadmap_import(
            Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).order_by("pk")[1]
        )
    bomb = measure_import_bomb()

    # Other benchmarks' sections (bench/surveys.py writes "surveys") are kept, and so is the
    # baseline the pages are compared with (see bench/README.md).
    kept = json.loads(args.output.read_text()) if args.output.exists() else {}
    args.output.write_text(
        json.dumps(
            {
                **{key: kept[key] for key in ("surveys", "baseline") if key in kept},
                "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": machine(),
                "data": data,
                "pages": pages,
                "matching": matching,
                "pdf": pdf,
                "reminders": reminders,
                "people_import": people_import,
                "roadmap_import": imports,
                "import_bomb": bomb,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
    print(summary(pages, matching, pdf, reminders, people_import, imports, bomb))
    print(f"Written {args.output} in {time.perf_counter() - started:.0f} s")
    pages_ok = all(entry["queries_equal"] for entry in pages.values())
    return 0 if pages_ok and reminders["second"]["written"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
