"""Every URL of the project, requested by every role, answers with the status its rule allows.

A URL without a case here fails `test_every_url_has_a_rule`, so no page ships unguarded.
Inside the user's scope a forbidden action is 403; an object of another school is 404.
The coordinator supervises the school's municipality; the far coordinator, of another
municipality, meets the school's URLs as the outsider does.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from mentoring.models import (
    Consent,
    Meeting,
    MentoringForm,
    MentoringPair,
    MentoringType,
    Role,
    StaffImport,
)
from mentoring.services.banks import mentee_add, mentor_add
from mentoring.services.consents import consent_record, consent_withdraw, data_destroy
from mentoring.services.invitations import invitation_create
from mentoring.services.programmes import programme_create_from_template
from tests.mentoring.factories import (
    MembershipFactory,
    MunicipalityFactory,
    PersonFactory,
    SchoolFactory,
    UserFactory,
)

ROLES = (
    "anonymous",
    "coordinator",
    "director",
    "curator",
    "teacher",
    "psychologist",
    "outsider",
    "far_coordinator",
)
ANON_REDIRECT = 302


def expect(anonymous=ANON_REDIRECT, default=None, **by_role) -> dict[str, int]:
    statuses = {role: by_role.get(role, default) for role in ROLES[1:]}
    # Out of scope like the outsider unless a case says otherwise.
    statuses["far_coordinator"] = by_role.get("far_coordinator", statuses["outsider"])
    return {"anonymous": anonymous, **statuses}


# Who may do what inside the school (the outsider is curator of another school: always 404).
EVERYONE = expect(default=200)
PUBLIC = expect(anonymous=200, default=200)
SCHOOL_MEMBERS = expect(default=200, outsider=404)
PEOPLE_VIEW = expect(default=200, coordinator=403, teacher=403, outsider=404)
MANAGERS = expect(default=403, director=200, curator=200, outsider=404)
MANAGERS_POST = expect(default=403, director=302, curator=302, outsider=404)
COORDINATOR_ONLY = expect(default=404, coordinator=200)


@dataclass
class Case:
    name: str
    expected: dict[str, int]
    kwargs: Callable[[dict], dict] = field(default=lambda o: {})
    method: str = "get"
    data: Callable[[dict], dict] = field(default=lambda o: {})
    query: str = ""


CASES = [
    Case("home", EVERYONE),
    Case(
        "set_language",
        expect(anonymous=302, default=302),
        method="post",
        data=lambda o: {"language": "ru"},
    ),
    # Accounts.
    Case("login", PUBLIC),
    Case("logout", expect(anonymous=302, default=302), method="post"),
    Case("password_reset", PUBLIC),
    Case("password_reset_done", PUBLIC),
    Case(
        "password_reset_confirm",
        PUBLIC,
        kwargs=lambda o: {"uidb64": "MQ", "token": "set-password"},
    ),
    Case("password_reset_complete", PUBLIC),
    Case("password_change", EVERYONE),
    Case("profile", EVERYONE),
    Case("invitation_accept", PUBLIC, kwargs=lambda o: {"token": o["token"]}),
    Case("invitation_list", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case(
        "invitation_resend",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": o["invitation"].pk},
        method="post",
    ),
    Case(
        "invitation_revoke",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": o["invitation"].pk},
        method="post",
    ),
    # Organisation.
    Case("organisation_detail", SCHOOL_MEMBERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case("organisation_edit", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case(
        "academic_year_create",
        MANAGERS_POST,
        kwargs=lambda o: {"org": o["school"].pk},
        method="post",
        data=lambda o: {"start_year": 2030},
    ),
    Case(
        "academic_year_make_current",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": o["year"].pk},
        method="post",
    ),
    Case("municipality_detail", COORDINATOR_ONLY, kwargs=lambda o: {"org": o["municipality"].pk}),
    Case("municipality_edit", COORDINATOR_ONLY, kwargs=lambda o: {"org": o["municipality"].pk}),
    Case("favicon", expect(anonymous=301, default=301)),
    # Directory.
    Case("people_list", PEOPLE_VIEW, kwargs=lambda o: {"org": o["school"].pk}),
    Case(
        "people_list",
        PEOPLE_VIEW,
        kwargs=lambda o: {"org": o["school"].pk},
        query="?q=а&kind=teacher",
    ),
    Case("person_create", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case("person_detail", PEOPLE_VIEW, kwargs=lambda o: {"pk": o["person"].pk}),
    Case(
        "person_detail",
        expect(default=200, coordinator=403, outsider=404),
        kwargs=lambda o: {"pk": o["teacher_person"].pk},
    ),
    Case("person_edit", MANAGERS, kwargs=lambda o: {"pk": o["person"].pk}),
    Case("person_archive", MANAGERS, kwargs=lambda o: {"pk": o["person"].pk}),
    Case("person_archive", MANAGERS_POST, kwargs=lambda o: {"pk": o["person"].pk}, method="post"),
    Case("person_restore", MANAGERS_POST, kwargs=lambda o: {"pk": o["person"].pk}, method="post"),
    # Excel.
    Case("people_export", PEOPLE_VIEW, kwargs=lambda o: {"org": o["school"].pk}),
    Case("people_import", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case("people_import_template", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case("people_import_preview", MANAGERS, kwargs=lambda o: {"pk": o["staff_import"].pk}),
    Case(
        "people_import_apply",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": o["staff_import"].pk},
        method="post",
    ),
    Case(
        "people_import_mapping",
        # The import keeps no file, so a manager's empty choice is refused with the page (400).
        expect(default=403, director=400, curator=400, outsider=404),
        kwargs=lambda o: {"pk": o["staff_import"].pk},
        method="post",
    ),
]

BANKS_VIEW = PEOPLE_VIEW
NOTES_POST = expect(default=403, curator=302, psychologist=302, outsider=404)
MENTEE_EDIT = expect(default=403, director=200, curator=200, psychologist=200, outsider=404)

CASES += [
    # Consents.
    Case(
        "consent_create",
        MANAGERS,
        kwargs=lambda o: {"pk": o["person"].pk},
        query="?kind=processing",
    ),
    Case(
        "consent_form_pdf",
        MANAGERS,
        kwargs=lambda o: {"pk": o["person"].pk},
        query="?kind=processing",
    ),
    Case("consent_withdraw", MANAGERS, kwargs=lambda o: {"pk": o["consent"].pk}),
    Case(
        "consent_withdraw",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": o["consent"].pk},
        method="post",
        data=lambda o: {"withdrawn_on": o["today"]},
    ),
    Case("consent_scan", MANAGERS, kwargs=lambda o: {"pk": o["consent"].pk}),
    Case("destruction_list", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case("data_destroy", MANAGERS, kwargs=lambda o: {"pk": o["open_destruction"].pk}),
    Case(
        "data_destroy",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": o["open_destruction"].pk},
        method="post",
    ),
    Case("destruction_act", MANAGERS, kwargs=lambda o: {"pk": o["done_destruction"].pk}),
    # Banks.
    Case("mentee_list", BANKS_VIEW, kwargs=lambda o: {"org": o["school"].pk}),
    Case(
        "mentee_bulk",
        MANAGERS_POST,
        kwargs=lambda o: {"org": o["school"].pk},
        method="post",
        data=lambda o: {"ids": [o["mentee"].pk], "status": "in_bank"},
    ),
    Case("mentee_export", BANKS_VIEW, kwargs=lambda o: {"org": o["school"].pk}),
    Case("mentee_import", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case("mentee_create", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case("mentee_detail", BANKS_VIEW, kwargs=lambda o: {"pk": o["mentee"].pk}),
    Case("mentee_edit", MENTEE_EDIT, kwargs=lambda o: {"pk": o["mentee"].pk}),
    Case(
        "mentee_note_add",
        NOTES_POST,
        kwargs=lambda o: {"pk": o["mentee"].pk},
        method="post",
        data=lambda o: {"text": "Тревожность перед открытыми уроками"},
    ),
    Case("mentor_list", BANKS_VIEW, kwargs=lambda o: {"org": o["school"].pk}),
    Case(
        "mentor_bulk",
        MANAGERS_POST,
        kwargs=lambda o: {"org": o["school"].pk},
        method="post",
        data=lambda o: {"ids": [o["mentor"].pk], "status": "interviewed"},
    ),
    Case("mentor_export", BANKS_VIEW, kwargs=lambda o: {"org": o["school"].pk}),
    Case("mentor_import", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case("mentor_create", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case("mentor_detail", BANKS_VIEW, kwargs=lambda o: {"pk": o["mentor"].pk}),
    Case("mentor_edit", MANAGERS, kwargs=lambda o: {"pk": o["mentor"].pk}),
    # Self-service and the municipal registry.
    Case("my_participation", EVERYONE),
    Case("bank_apply", EVERYONE),
    Case("registry", COORDINATOR_ONLY, kwargs=lambda o: {"org": o["municipality"].pk}),
    Case("registry_export", COORDINATOR_ONLY, kwargs=lambda o: {"org": o["municipality"].pk}),
]

# Preferences.
CASES += [
    Case("my_preferences", EVERYONE),
    Case(
        "preference_list",
        expect(default=200, coordinator=403, teacher=403, outsider=404),
        kwargs=lambda o: {"org": o["school"].pk},
    ),
    Case(
        "preference_edit",
        MANAGERS,
        kwargs=lambda o: {"org": o["school"].pk, "person": o["person"].pk},
    ),
]

# Matching.
CASES += [
    Case("matching", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case(
        "matching_decide",
        MANAGERS_POST,
        kwargs=lambda o: {"org": o["school"].pk},
        method="post",
        data=lambda o: {"action": "pin", "mentee": o["mentee"].pk, "mentor": o["mentor"].pk},
    ),
]

# Pairs and groups.
PAIRS_VIEW = expect(default=200, coordinator=403, teacher=403, outsider=404)
CASES += [
    Case("pair_list", PAIRS_VIEW, kwargs=lambda o: {"org": o["school"].pk}),
    Case("pair_create", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case("pair_detail", PAIRS_VIEW, kwargs=lambda o: {"pk": o["pair"].pk}),
    Case("pair_edit", MANAGERS, kwargs=lambda o: {"pk": o["pair"].pk}),
    Case(
        "pair_status",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": o["pair"].pk},
        method="post",
        data=lambda o: {"status": "awaiting_order"},
    ),
    Case("pair_export", PAIRS_VIEW, kwargs=lambda o: {"org": o["school"].pk}),
    Case("pair_delete", MANAGERS, kwargs=lambda o: {"pk": o["pair"].pk}),
    Case("pair_delete", MANAGERS_POST, kwargs=lambda o: {"pk": o["pair"].pk}, method="post"),
    Case(
        "matching_accept_all",
        MANAGERS_POST,
        kwargs=lambda o: {"org": o["school"].pk},
        method="post",
    ),
    Case("pair_dissolve", MANAGERS, kwargs=lambda o: {"pk": o["pair"].pk}),
    Case(
        "pair_dissolve",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": o["pair"].pk},
        method="post",
        data=lambda o: {"reason": "Наставник уволился"},
    ),
    Case("pair_complete", MANAGERS, kwargs=lambda o: {"pk": _activated(o["pair"]).pk}),
    Case(
        "pair_complete",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": _activated(o["pair"]).pk},
        method="post",
    ),
]


def _activated(pair: MentoringPair) -> MentoringPair:
    """Only an active pair's programme is completed."""
    MentoringPair.objects.filter(pk=pair.pk).update(status=MentoringPair.Status.ACTIVE)
    return pair


def _pair(year, mentor, mentee) -> MentoringPair:
    """A draft pair made directly: the fixture's mentor and mentee are one person."""
    pair = MentoringPair.objects.create(
        organisation=year.organisation,
        academic_year=year,
        mentor=mentor,
        form=MentoringForm.objects.filter(organisation=None).first(),
        mentoring_type=MentoringType.objects.filter(organisation=None).first(),
        start_date=year.start_date,
        end_date=year.end_date,
    )
    pair.mentees.set([mentee])
    return pair


# Personalised programmes: the fixture's teacher is not the pair's mentor.
def _programme_item(o):
    return programme_create_from_template(pair=o["pair"]).items.first()


CASES += [
    Case("programme_edit", PAIRS_VIEW, kwargs=lambda o: {"pk": o["pair"].pk}),
    Case(
        "programme_pdf",
        PAIRS_VIEW,
        kwargs=lambda o: {"pk": programme_create_from_template(pair=o["pair"]).pair_id},
    ),
    Case(
        "programme_item_done",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": _programme_item(o).pk},
        method="post",
        data=lambda o: {"done": "on"},
    ),
]


# Meetings: the fixture's pair has no participant with an account.
CASES += [
    Case("meeting_list", PAIRS_VIEW, kwargs=lambda o: {"pk": o["pair"].pk}),
    Case("meetings_plan", MANAGERS_POST, kwargs=lambda o: {"pk": o["pair"].pk}, method="post"),
    Case("meeting_log", MANAGERS, kwargs=lambda o: {"pk": o["meeting"].pk}),
    Case(
        "meeting_feedback",
        expect(default=403, outsider=404),
        kwargs=lambda o: {"pk": o["meeting"].pk},
    ),
    Case("my_mentoring", EVERYONE),
]


def _held_meeting(pair) -> Meeting:
    return Meeting.objects.create(
        pair=pair, kind=Meeting.Kind.REGULAR, planned_on=pair.start_date, held_on=pair.start_date
    )


# Creating a programme: the fixture's pair has none, and the teacher is not its mentor.
CASES += [
    Case("programme_create", MANAGERS_POST, kwargs=lambda o: {"pk": o["pair"].pk}, method="post"),
    Case(
        "programme_create",
        expect(anonymous=302, default=405, outsider=405),
        kwargs=lambda o: {"pk": o["pair"].pk},
    ),
]


# Per-school matching weights: saving and resetting both redirect to the matching page.
CASES += [
    Case("matching_weights", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case(
        "matching_weights",
        MANAGERS_POST,
        kwargs=lambda o: {"org": o["school"].pk},
        method="post",
        data=lambda o: {
            "tags": "3",
            "subject": "4",
            "category_fit": "2",
            "mutual_preference": "3",
            "one_sided_preference": "1",
            "same_school": "1",
            "forms": "1",
        },
    ),
    Case(
        "matching_weights",
        MANAGERS_POST,
        kwargs=lambda o: {"org": o["school"].pk},
        method="post",
        data=lambda o: {"reset": "1"},
    ),
]


# Orders: drafted by the curator or the director, approved by the director only. Orders are
# made when a case asks for one; a teacher named in an approved order may read it.
def _order(o, *, submitted=False):
    from reports.models import Order
    from reports.services.orders import order_draft, order_submit

    order = order_draft(
        organisation=o["school"], kind=Order.Kind.SYSTEM, actor=o["users"]["curator"]
    )
    if submitted:
        order_submit(order=order)
    return order


def _order_naming_teacher(o, *, with_pdf=False):
    from django.core.files.base import ContentFile

    from reports.models import Order
    from reports.services.orders import order_approve, order_draft, order_submit

    order = order_draft(
        organisation=o["school"],
        kind=Order.Kind.CURATOR,
        actor=o["users"]["curator"],
        people=[o["teacher_person"]],
    )
    order_submit(order=order)
    order = order_approve(order=order, actor=o["users"]["director"])
    if with_pdf:
        order.pdf.save("order.pdf", ContentFile(b"%PDF-1.7"), save=False)
        Order.objects.filter(pk=order.pk).update(
            pdf=order.pdf.name, pdf_status=Order.PdfStatus.READY, pdf_version=order.version
        )
    return order


DIRECTOR_ONLY = expect(default=403, director=200, outsider=404)
DIRECTOR_ONLY_POST = expect(default=403, director=302, outsider=404)
# An approved order: those who run the programme, the people it names, the coordinator.
NAMED_READER = expect(
    default=403, director=200, curator=200, teacher=200, coordinator=200, outsider=404
)
# The register: the coordinator sees its approved orders.
REGISTER = expect(default=403, director=200, curator=200, coordinator=200, outsider=404)
DOCUMENT_SETTINGS = {
    "order_prefix": "01-05/",
    "letter_prefix": "",
    "place": "",
    "margin_left_mm": 20,
    "margin_right_mm": 10,
    "margin_top_mm": 20,
    "margin_bottom_mm": 20,
    "font_size_pt": 14,
    "order_word": "plain",
    "audience": "both",
}
LEGAL_ACTS = {
    "acts-TOTAL_FORMS": 1,
    "acts-INITIAL_FORMS": 0,
    "acts-0-text": "приказом Управления образования от 09.11.2022 № 04-01-03-1209",
    "acts-0-audience": "teachers",
}
CASES += [
    Case("order_list", REGISTER, kwargs=lambda o: {"org": o["school"].pk}),
    Case("order_list", REGISTER, kwargs=lambda o: {"org": o["school"].pk}, query="?q=о&kind=free"),
    Case("order_export", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case("order_create", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case("order_create", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}, query="?kind=pairs"),
    Case("order_create", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}, query="?kind=curator"),
    Case(
        "order_create",
        MANAGERS_POST,
        kwargs=lambda o: {"org": o["school"].pk},
        method="post",
        query="?kind=free",
    ),
    Case("document_settings", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case(
        "document_settings",
        MANAGERS_POST,
        kwargs=lambda o: {"org": o["school"].pk},
        method="post",
        data=lambda o: DOCUMENT_SETTINGS,
    ),
    Case("legal_acts", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case(
        "legal_acts",
        MANAGERS_POST,
        kwargs=lambda o: {"org": o["school"].pk},
        method="post",
        data=lambda o: LEGAL_ACTS,
    ),
    Case("legal_acts", COORDINATOR_ONLY, kwargs=lambda o: {"org": o["municipality"].pk}),
    Case("order_detail", MANAGERS, kwargs=lambda o: {"pk": _order(o).pk}),
    Case("order_detail", NAMED_READER, kwargs=lambda o: {"pk": _order_naming_teacher(o).pk}),
    Case("order_edit", MANAGERS, kwargs=lambda o: {"pk": _order(o).pk}),
    Case("order_submit", MANAGERS_POST, kwargs=lambda o: {"pk": _order(o).pk}, method="post"),
    Case(
        "order_approve",
        DIRECTOR_ONLY_POST,
        kwargs=lambda o: {"pk": _order(o, submitted=True).pk},
        method="post",
    ),
    Case("order_return", DIRECTOR_ONLY, kwargs=lambda o: {"pk": _order(o, submitted=True).pk}),
    Case(
        "order_return",
        DIRECTOR_ONLY_POST,
        kwargs=lambda o: {"pk": _order(o, submitted=True).pk},
        method="post",
        data=lambda o: {"comment": "Уточните срок."},
    ),
    Case("order_delete", MANAGERS, kwargs=lambda o: {"pk": _order(o).pk}),
    Case("order_delete", MANAGERS_POST, kwargs=lambda o: {"pk": _order(o).pk}, method="post"),
    Case(
        "order_pdf",
        NAMED_READER,
        kwargs=lambda o: {"pk": _order_naming_teacher(o, with_pdf=True).pk},
    ),
    Case("order_pdf_request", MANAGERS_POST, kwargs=lambda o: {"pk": _order(o).pk}, method="post"),
    Case("order_pdf_status", MANAGERS, kwargs=lambda o: {"pk": _order(o).pk}),
]


# A person's own approved orders: everyone signed in has the page.
CASES += [Case("my_orders", EVERYONE)]


def _teacher_notification(o):
    from mentoring.services.notifications import notification_add

    return notification_add(user=o["users"]["teacher"], text="Напоминание", url="/")


# Everyone has their own notifications; another user's one does not exist for them.
OWNER_ONLY = expect(default=404, teacher=302)
CASES += [
    Case("notification_list", EVERYONE),
    Case("notification_list", EVERYONE, query="?page=2"),
    Case("notifications_read", expect(anonymous=302, default=302), method="post"),
    Case("notification_open", OWNER_ONLY, kwargs=lambda o: {"pk": _teacher_notification(o).pk}),
]


# The roadmap: the whole school reads it, the director and the curator change it, those
# responsible for an activity mark it. The roadmap is made when a case asks for it.
def _roadmap(o):
    from roadmap.models import Roadmap
    from roadmap.services.roadmap import activity_add, roadmap_create_empty, stage_add

    roadmap = Roadmap.objects.filter(organisation=o["school"]).first()
    if roadmap is None:
        roadmap = roadmap_create_empty(
            organisation=o["school"], academic_year=o["year"], actor=o["users"]["curator"]
        )
        stage = stage_add(roadmap=roadmap, title="Подготовка условий")
        activity_add(
            stage=stage, title="Приказ", deadline_text="сентябрь 2026", responsible_text="директор"
        )
        activity_add(
            stage=stage,
            title="Анкетирование",
            deadline_text="май 2027",
            responsible_text="педагоги",
        )
    return roadmap


def _stage(o):
    return _roadmap(o).stages.get()


def _activity(o, title="Приказ"):
    return _stage(o).activities.get(title=title)


# The coordinator reads the roadmap and changes nothing.
ROADMAP_READERS = expect(default=200, outsider=404)
ACTIVITY = {
    "title": "Приказ о внедрении",
    "deadline_text": "октябрь 2026",
    "responsible_text": "директор",
    "status": "planned",
}
CASES += [
    Case("roadmap_detail", ROADMAP_READERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case(
        "roadmap_detail",
        ROADMAP_READERS,
        kwargs=lambda o: {"org": _roadmap(o).organisation_id},
        query="?status=overdue&month=2026-10",
    ),
    Case(
        "roadmap_timeline", ROADMAP_READERS, kwargs=lambda o: {"org": _roadmap(o).organisation_id}
    ),
    Case("roadmap_export", ROADMAP_READERS, kwargs=lambda o: {"org": _roadmap(o).organisation_id}),
    Case("roadmap_pdf", ROADMAP_READERS, kwargs=lambda o: {"org": _roadmap(o).organisation_id}),
    Case(
        "roadmap_create",
        MANAGERS_POST,
        kwargs=lambda o: {"org": o["school"].pk},
        method="post",
        data=lambda o: {"source": "empty", "academic_year": o["year"].pk},
    ),
    Case("roadmap_import", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case(
        "roadmap_import",
        MANAGERS_POST,
        kwargs=lambda o: {"org": o["school"].pk},
        method="post",
        data=lambda o: {"payload": "stale"},
    ),
    Case(
        "stage_create",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": _roadmap(o).pk},
        method="post",
        data=lambda o: {"title": "Итоги"},
    ),
    Case("stage_edit", MANAGERS, kwargs=lambda o: {"pk": _stage(o).pk}),
    Case(
        "stage_edit",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": _stage(o).pk},
        method="post",
        data=lambda o: {"title": "Подготовка"},
    ),
    Case("stage_delete", MANAGERS, kwargs=lambda o: {"pk": _stage(o).pk}),
    Case("stage_delete", MANAGERS_POST, kwargs=lambda o: {"pk": _stage(o).pk}, method="post"),
    Case("activity_create", MANAGERS, kwargs=lambda o: {"pk": _stage(o).pk}),
    Case(
        "activity_create",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": _stage(o).pk},
        method="post",
        data=lambda o: ACTIVITY,
    ),
    Case("activity_edit", MANAGERS, kwargs=lambda o: {"pk": _activity(o).pk}),
    Case(
        "activity_edit",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": _activity(o).pk},
        method="post",
        data=lambda o: ACTIVITY,
    ),
    Case("activity_delete", MANAGERS, kwargs=lambda o: {"pk": _activity(o).pk}),
    Case("activity_delete", MANAGERS_POST, kwargs=lambda o: {"pk": _activity(o).pk}, method="post"),
    Case(
        "activity_move",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": _activity(o).pk},
        method="post",
        data=lambda o: {"direction": "down"},
    ),
    # The director's own activity: only those who change the roadmap mark it.
    Case(
        "activity_status",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": _activity(o).pk},
        method="post",
        data=lambda o: {"status": "done"},
    ),
    # The teachers' activity: a teacher marks it by role.
    Case(
        "activity_status",
        expect(default=403, director=302, curator=302, teacher=302, outsider=404),
        kwargs=lambda o: {"pk": _activity(o, "Анкетирование").pk},
        method="post",
        data=lambda o: {"status": "in_progress", "comment": "Начали"},
    ),
    Case("my_tasks", EVERYONE),
]


def _activity_with_evidence(o):
    from django.core.files.base import ContentFile

    activity = _activity(o)
    activity.evidence_file.save("protocol.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return activity


# An activity's evidence file: those who read the roadmap download it.
CASES += [
    Case(
        "activity_evidence",
        ROADMAP_READERS,
        kwargs=lambda o: {"pk": _activity_with_evidence(o).pk},
    )
]


# The surveys' pages, one module of cases per part of the app (tests/surveys/url_cases_*.py).
from tests.surveys.url_cases import SURVEY_CASES  # noqa: E402

CASES += SURVEY_CASES

# Monitoring, reports, best practices and the public page (tests/reports/url_cases_*.py).
from tests.reports.url_cases import MONITORING_CASES  # noqa: E402

CASES += MONITORING_CASES

# Admin pages have their own guard (is_staff); none of the roles is staff.
ADMIN_NAMESPACE = "admin"


def _url_names(patterns, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == ADMIN_NAMESPACE:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL {pattern.pattern} has no name"
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_a_rule():
    names = _url_names(get_resolver().url_patterns)
    assert names - {case.name for case in CASES} == set()


@pytest.fixture
def far_coordinator(db):
    """The coordinator of another municipality, with a school of its own."""
    far = MunicipalityFactory()
    SchoolFactory(municipality=far)
    user = UserFactory(email="coordinator@far.test")
    MembershipFactory(user=user, organisation=far, role=Role.COORDINATOR)
    return user


@pytest.fixture
def objects(
    school,
    municipality,
    person,
    coordinator,
    director,
    curator,
    teacher,
    psychologist,
    outsider,
    far_coordinator,
    django_capture_on_commit_callbacks,
):
    invitation, _ = invitation_create(
        organisation=school, email="new.teacher@school.test", role=Role.TEACHER, invited_by=curator
    )
    _, token = invitation_create(
        organisation=school, email="another@school.test", role=Role.TEACHER, invited_by=curator
    )
    today = timezone.localdate()
    year = school.academic_years.get()
    given = {"given_on": today - timedelta(days=30), "verified_by": curator}
    consent = consent_record(
        person=person,
        kind=Consent.Kind.PROCESSING,
        scan=SimpleUploadedFile("scan.pdf", b"%PDF-1.4 signed"),
        **given,
    )
    mentee = mentee_add(academic_year=year, person=person)
    mentor = mentor_add(academic_year=year, person=person)
    leaving, gone = PersonFactory.create_batch(2, organisation=school)
    open_destruction = consent_withdraw(
        consent=consent_record(person=leaving, kind=Consent.Kind.PROCESSING, **given),
        withdrawn_on=today,
    )
    done_destruction = consent_withdraw(
        consent=consent_record(person=gone, kind=Consent.Kind.PROCESSING, **given),
        withdrawn_on=today,
    )
    data_destroy(destruction=done_destruction, actor=curator)
    pair = _pair(year, mentor, mentee)
    return {
        "today": today.isoformat(),
        "consent": consent,
        "mentee": mentee,
        "mentor": mentor,
        "pair": pair,
        "meeting": _held_meeting(pair),
        "open_destruction": open_destruction,
        "done_destruction": done_destruction,
        "school": school,
        "municipality": municipality,
        "person": person,
        "teacher_person": teacher.person,
        "year": school.academic_years.get(),
        "invitation": invitation,
        "token": token,
        "staff_import": StaffImport.objects.create(
            organisation=school, uploaded_by=curator, file_name="staff.xlsx", file_sha256="0" * 64
        ),
        "users": {
            "coordinator": coordinator,
            "director": director,
            "curator": curator,
            "teacher": teacher,
            "psychologist": psychologist,
            "outsider": outsider,
            "far_coordinator": far_coordinator,
        },
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method}-{c.name}{c.query}")
def test_url_answers_by_role(client, objects, case: Case, role: str):
    if role != "anonymous":
        client.force_login(objects["users"][role])
    url = reverse(case.name, kwargs=case.kwargs(objects)) + case.query
    response = getattr(client, case.method)(url, case.data(objects))
    assert response.status_code == case.expected[role], (role, url)
    if role == "anonymous" and case.expected[role] == ANON_REDIRECT and case.method == "get":
        assert response.url.startswith(reverse("login"))


def test_admin_is_closed_to_school_roles(client, curator):
    client.force_login(curator)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_multi_role_user_gets_union_of_rights(client, school, person):
    """A director who also mentors keeps the director's rights."""
    user = MembershipFactory(organisation=school, role=Role.TEACHER).user
    MembershipFactory(user=user, organisation=school, role=Role.DIRECTOR)
    client.force_login(user)
    assert client.get(reverse("person_edit", args=[person.pk])).status_code == 200
