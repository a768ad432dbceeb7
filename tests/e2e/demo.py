"""The demo school of `manage.py seed_demo` for browser tests: sign in as each of its roles, visit
a page, and the pages each role works with (the navbar's and one object of each kind)."""

from importlib import import_module
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from mentoring.management.commands.seed_demo import DOMAIN
from mentoring.management.commands.seed_demo import PASSWORD as DEMO_PASSWORD
from mentoring.models import (
    Consent,
    DataDestruction,
    Meeting,
    MenteeEntry,
    MentorEntry,
    MentoringPair,
    Organisation,
    Person,
)
from reports.models import Order
from roadmap.models import Activity
from surveys.models import Campaign, Participation, Question, Questionnaire

# The data migrations' steps that make the built-in rows seed_demo needs; the flush after each
# transactional test drops those rows, and the steps are safe to run again.
BUILTIN_ROWS = [
    ("0005_builtin_mentoring_forms", "add_forms"),
    ("0008_builtin_role_models_and_types", "add"),
    ("0019_seed_forms_and_role_model_texts", "add"),
]


def seed_demo_school() -> Organisation:
    for migration, step in BUILTIN_ROWS:
        getattr(import_module(f"mentoring.migrations.{migration}"), step)(apps, None)
    call_command("seed_demo", stdout=StringIO())
    return Organisation.objects.get(short_name="МАОУ СОШ № 7")


def sign_in_as(page, live_server, role: str) -> None:
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("E-mail").fill(f"{role}@{DOMAIN}")
    page.get_by_label("Пароль").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Войти").click()
    expect(page).to_have_url(f"{live_server.url}/")


def visit(page, live_server, path: str, violations: list[str], status: int = 200) -> None:
    response = page.goto(live_server.url + path)
    assert response.status == status, f"{path}: {response.status}"
    assert violations == [], f"{path}:\n" + "\n".join(violations)


def menu_paths(page) -> list[str]:
    """Every page the navbar links to, its dropdowns included."""
    nav = page.get_by_role("navigation", name="Основная навигация")
    hrefs = nav.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [href for href in dict.fromkeys(hrefs) if href.startswith("/")]


def role_pages(school: Organisation) -> dict[str, list[str]]:
    """Beyond the navbar: the pages of one object of each kind, and the forms."""
    org = school.pk
    active = MentoringPair.objects.get(organisation=school, status=MentoringPair.Status.ACTIVE)
    past_pair = MentoringPair.objects.get(
        organisation=school, status=MentoringPair.Status.COMPLETED
    )
    awaiting = MentoringPair.objects.filter(
        organisation=school, status=MentoringPair.Status.AWAITING_ORDER
    ).first()
    draft = Order.objects.filter(organisation=school, status=Order.Status.DRAFT).first()
    submitted = Order.objects.get(organisation=school, status=Order.Status.SUBMITTED)
    approved = Order.objects.filter(organisation=school, status=Order.Status.APPROVED).first()
    # An approved order with a list of pairs: the widest document a page shows.
    pairs_order = Order.objects.get(
        organisation=school, status=Order.Status.APPROVED, kind=Order.Kind.PAIRS
    )
    teacher = Person.objects.filter(organisation=school, kind=Person.Kind.TEACHER).first()
    mentee = MenteeEntry.objects.filter(academic_year__organisation=school).first()
    mentor = MentorEntry.objects.filter(academic_year__organisation=school).first()
    activity = Activity.objects.filter(stage__roadmap__organisation=school).first()
    consent = Consent.objects.filter(person=teacher, withdrawn_on__isnull=True).first()
    destruction = DataDestruction.objects.get(organisation=school, destroyed_at__isnull=True)
    draft_pair = MentoringPair.objects.filter(
        organisation=school, status=MentoringPair.Status.DRAFT
    ).first()
    held = (
        active.meetings.filter(kind=Meeting.Kind.REGULAR, held_on__isnull=False)
        .exclude(feedback__author__user__email=f"teacher@{DOMAIN}")
        .first()
    )
    surveys = survey_pages(school)
    pages = {
        "curator": [
            *surveys["curator"],
            reverse("people_list", args=[org]),
            reverse("person_detail", args=[teacher.pk]),
            reverse("person_create", args=[org]),
            reverse("person_edit", args=[teacher.pk]),
            reverse("consent_create", args=[teacher.pk]) + "?kind=processing",
            reverse("people_import", args=[org]),
            reverse("mentee_list", args=[org]),
            reverse("mentee_create", args=[org]),
            reverse("mentee_detail", args=[mentee.pk]),
            reverse("mentee_edit", args=[mentee.pk]),
            reverse("mentee_import", args=[org]),
            reverse("mentor_list", args=[org]),
            reverse("mentor_create", args=[org]),
            reverse("mentor_edit", args=[mentor.pk]),
            reverse("mentor_import", args=[org]),
            reverse("matching", args=[org]),
            reverse("pair_list", args=[org]),
            reverse("pair_create", args=[org]),
            reverse("pair_detail", args=[active.pk]),
            reverse("pair_edit", args=[awaiting.pk]),
            reverse("programme_edit", args=[active.pk]),
            reverse("programme_edit", args=[active.pk]) + "?edit=1",
            reverse("meeting_list", args=[active.pk]),
            reverse("meeting_log", args=[active.meetings.order_by("planned_on").first().pk]),
            reverse("roadmap_detail", args=[org]),
            reverse("activity_edit", args=[activity.pk]),
            reverse("roadmap_timeline", args=[org]),
            reverse("roadmap_import", args=[org]),
            reverse("order_list", args=[org]),
            reverse("order_create", args=[org]),
            *(
                reverse("order_create", args=[org]) + f"?kind={kind}"
                for kind in ("working_group", "motivation", "reward", "final_event", "letter")
            ),
            reverse("order_detail", args=[draft.pk]),
            reverse("order_edit", args=[draft.pk]),
            reverse("invitation_list", args=[org]),
            reverse("destruction_list", args=[org]),
            # Confirmations and the pages linked from the ones above.
            reverse("organisation_edit", args=[org]),
            reverse("person_archive", args=[teacher.pk]),
            reverse("consent_withdraw", args=[consent.pk]),
            reverse("data_destroy", args=[destruction.pk]),
            reverse("mentor_detail", args=[mentor.pk]),
            reverse("preference_edit", args=[org, teacher.pk]),
            reverse("matching_weights", args=[org]),
            reverse("pair_dissolve", args=[active.pk]),
            reverse("pair_complete", args=[active.pk]),
            reverse("pair_detail", args=[past_pair.pk]),
            reverse("stage_edit", args=[activity.stage_id]),
            reverse("stage_delete", args=[activity.stage_id]),
            reverse("activity_create", args=[activity.stage_id]),
            reverse("activity_delete", args=[activity.pk]),
            reverse("document_settings", args=[org]),
            reverse("legal_acts", args=[org]),
            reverse("order_delete", args=[draft.pk]),
            reverse("person_detail", args=[destruction.consent.person_id]),
            reverse("pair_detail", args=[draft_pair.pk]),
            reverse("pair_delete", args=[draft_pair.pk]),
        ],
        "director": [
            reverse("order_detail", args=[submitted.pk]),
            reverse("order_detail", args=[pairs_order.pk]),
            reverse("pair_detail", args=[active.pk]),
            reverse("organisation_detail", args=[org]),
            reverse("order_return", args=[submitted.pk]),
        ],
        "psychologist": [
            reverse("mentee_detail", args=[mentee.pk]),
            reverse("mentee_edit", args=[mentee.pk]),
            reverse("person_detail", args=[teacher.pk]),
        ],
        "teacher": [
            reverse("bank_apply"),
            reverse("my_tasks"),
            reverse("programme_edit", args=[active.pk]),
            reverse("meeting_list", args=[active.pk]),
            reverse("meeting_feedback", args=[held.pk]),
            *surveys["teacher"],
        ],
        "coordinator": [
            reverse("municipality_detail", args=[school.municipality_id]),
            reverse("registry", args=[school.municipality_id]),
            reverse("municipality_edit", args=[school.municipality_id]),
            reverse("legal_acts", args=[school.municipality_id]),
            # The schools it supervises: the roadmap and the approved orders, read-only.
            reverse("roadmap_detail", args=[org]),
            reverse("roadmap_timeline", args=[org]),
            reverse("order_list", args=[org]),
            reverse("order_detail", args=[approved.pk]),
            reverse("municipal_survey_results", args=[school.municipality_id]),
        ],
        "curator2": [],
    }
    for role, paths in monitoring_pages(school).items():
        pages[role] += paths
    return pages


def monitoring_pages(school: Organisation) -> dict[str, list[str]]:
    """The monitoring, reports, best-practice and public pages of the demo, one module a part."""
    pages: dict[str, list[str]] = {}
    for part in ("targets", "monitoring", "reports", "municipal", "practices", "public"):
        for role, paths in import_module(f"tests.e2e.demo_{part}").pages(school).items():
            pages.setdefault(role, []).extend(paths)
    return pages


def survey_pages(school: Organisation) -> dict[str, list[str]]:
    """The surveys' pages of the demo: questionnaires, campaigns, results, filling in."""
    org = school.pk
    campaigns = Campaign.objects.filter(organisation=school)
    anonymous = campaigns.filter(anonymous=True).first()
    evaluation = campaigns.filter(
        version__questionnaire__kind=Questionnaire.Kind.EVALUATION
    ).first()
    questionnaire = Questionnaire.objects.filter(organisation=school).first()
    question = Question.objects.filter(section__version__questionnaire=questionnaire).first()
    open_to_teacher = Participation.objects.filter(
        campaign__organisation=school,
        person__user__email=f"teacher@{DOMAIN}",
        submitted_at__isnull=True,
    ).first()
    return {
        "curator": [
            reverse("questionnaire_list", args=[org]),
            reverse("questionnaire_library", args=[org]),
            reverse("questionnaire_detail", args=[questionnaire.pk]),
            reverse("questionnaire_preview", args=[questionnaire.pk]),
            reverse("question_edit", args=[question.pk]),
            reverse("campaign_list", args=[org]),
            reverse("campaign_create", args=[org]),
            reverse("campaign_detail", args=[anonymous.pk]),
            reverse("campaign_results", args=[anonymous.pk]),
            reverse("campaign_evaluation", args=[evaluation.pk]),
        ],
        "teacher": [
            reverse("my_surveys"),
            reverse("answer_fill", args=[open_to_teacher.pk]),
        ],
    }
