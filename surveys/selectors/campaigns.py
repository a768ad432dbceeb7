"""Reading campaigns: whom a campaign asks, their participations and the response rate."""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.search import with_every_word
from mentoring.models import MenteeEntry, MentorEntry, MentoringPair, Person
from mentoring.permissions import can

from ..models import Campaign, Participation, Questionnaire, QuestionnaireVersion
from ..permissions import Action


class Status:
    """A campaign's state as its pages show it (not stored: told by its times)."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"
    CHOICES = [
        (DRAFT, _("Черновик")),
        (SCHEDULED, _("Запланирована")),
        (OPEN, _("Открыта")),
        (CLOSED, _("Закрыта")),
    ]
    LABELS = dict(CHOICES)


def campaign_status(campaign: Campaign, now=None) -> str:
    now = now or timezone.now()
    if campaign.closed_at is not None or campaign.closes_at <= now:
        return Status.CLOSED
    if campaign.launched_at is None:
        return Status.DRAFT
    if campaign.opens_at > now:
        return Status.SCHEDULED
    return Status.OPEN


def _status_filter(status: str, now) -> Q:
    ended = Q(closed_at__isnull=False) | Q(closes_at__lte=now)
    return {
        Status.CLOSED: ended,
        Status.DRAFT: ~ended & Q(launched_at__isnull=True),
        Status.SCHEDULED: ~ended & Q(launched_at__isnull=False, opens_at__gt=now),
        Status.OPEN: ~ended & Q(launched_at__isnull=False, opens_at__lte=now),
    }[status]


# Roadmap activities that call for a survey: «анкетирование», «опрос», «мониторинг»,
# «удовлетворённость», «обратная связь» in any of their forms.
_SURVEY_WORDS = re.compile(
    r"анкет|опрос|мониторинг|удовлетвор[её]нн|обратн\w*\s+связ", re.IGNORECASE
)


def calls_for_survey(text: str) -> bool:
    return bool(_SURVEY_WORDS.search(text or ""))


# Audiences -----------------------------------------------------------------------------------


def _active_pairs(campaign: Campaign) -> QuerySet[MentoringPair]:
    return MentoringPair.objects.filter(
        academic_year_id=campaign.academic_year_id, status=MentoringPair.Status.ACTIVE
    )


def class_parts(name: str) -> tuple[int, str] | None:
    """«7А» → (7, "А"); «10» → (10, ""); None when it is not a class."""
    name = name.strip().upper().replace(" ", "")
    digits = "".join(ch for ch in name if ch.isdigit())
    letter = name[len(digits) :]
    if not digits or not name.startswith(digits) or not 1 <= int(digits) <= 11 or len(letter) > 3:
        return None
    return int(digits), letter


def _classes_filter(classes: list[str]) -> Q:
    condition = Q(pk__in=[])
    for name in classes:
        parts = class_parts(name)
        if parts is None:
            continue
        grade, letter = parts
        condition |= Q(grade=grade, class_letter__iexact=letter) if letter else Q(grade=grade)
    return condition


def audience_people(campaign: Campaign) -> QuerySet[Person]:
    """The people a campaign asks: its audience at the school, never an archived person or one
    whose processing consent is withdrawn. Parents are not linked to children in the records,
    so the «parents» audience is every parent of the school."""
    people = Person.objects.filter(
        organisation_id=campaign.organisation_id, archived_at__isnull=True
    ).unrestricted()
    audience = campaign.audience
    year = campaign.academic_year_id
    A = Campaign.Audience
    if audience == A.ALL_TEACHERS:
        condition = Q(kind=Person.Kind.TEACHER)
    elif audience == A.MENTOR_CANDIDATES:
        entries = MentorEntry.objects.filter(academic_year_id=year).exclude(
            status=MentorEntry.Status.ARCHIVED
        )
        paired = _active_or_waiting_pairs(year)
        entries = entries.exclude(Q(pairs__in=paired) | Q(co_pairs__in=paired))
        condition = Q(pk__in=entries.values("person_id"))
    elif audience == A.MENTEE_CANDIDATES:
        entries = MenteeEntry.objects.filter(
            academic_year_id=year,
            status__in=[MenteeEntry.Status.CANDIDATE, MenteeEntry.Status.IN_BANK],
        )
        condition = Q(pk__in=entries.values("person_id"))
    elif audience == A.ACTIVE_MENTORS:
        pairs = _active_pairs(campaign)
        condition = Q(
            pk__in=MentorEntry.objects.filter(Q(pairs__in=pairs) | Q(co_pairs__in=pairs)).values(
                "person_id"
            )
        )
    elif audience == A.ACTIVE_MENTEES:
        pairs = _active_pairs(campaign)
        condition = Q(pk__in=MenteeEntry.objects.filter(pairs__in=pairs).values("person_id"))
    elif audience == A.PAIRS:
        pairs = campaign.pairs.all()
        condition = Q(
            pk__in=MentorEntry.objects.filter(Q(pairs__in=pairs) | Q(co_pairs__in=pairs)).values(
                "person_id"
            )
        ) | Q(pk__in=MenteeEntry.objects.filter(pairs__in=pairs).values("person_id"))
    elif audience == A.CLASSES:
        condition = Q(kind=Person.Kind.STUDENT) & _classes_filter(campaign.classes)
    elif audience == A.PARENTS:
        condition = Q(kind=Person.Kind.PARENT)
    elif audience == A.PARTNERS:
        condition = Q(kind=Person.Kind.PARTNER)
    elif audience == A.CHOSEN:
        condition = Q(pk__in=campaign.people.values("pk"))
    else:
        condition = Q(pk__in=[])
    return people.filter(condition).order_by("last_name", "first_name", "patronymic", "pk")


def _active_or_waiting_pairs(year_id: int) -> QuerySet[MentoringPair]:
    return MentoringPair.objects.filter(
        academic_year_id=year_id,
        status__in=[
            MentoringPair.Status.DRAFT,
            MentoringPair.Status.AWAITING_ORDER,
            MentoringPair.Status.ACTIVE,
        ],
    )


def is_per_pair(campaign: Campaign) -> bool:
    """The curator's evaluation is filled in once per pair."""
    return campaign.version.questionnaire.kind == Questionnaire.Kind.EVALUATION


def evaluation_pairs(campaign: Campaign) -> QuerySet[MentoringPair]:
    """The pairs an evaluation campaign asks about: the chosen ones, else the active ones."""
    if campaign.audience == Campaign.Audience.PAIRS:
        pairs = campaign.pairs.all()
    else:
        pairs = _active_pairs(campaign)
    return pairs.filter(organisation_id=campaign.organisation_id).order_by("pk")


def audience_size(campaign: Campaign) -> int:
    """How many participations a launch makes (before launch) or made (after)."""
    if campaign.launched_at is not None:
        return campaign.participations.count()
    if is_per_pair(campaign):
        return evaluation_pairs(campaign).count()
    return audience_people(campaign).count()


# Lists and rates -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


def campaigns_of(organisation_id: int, params: Mapping | None = None) -> QuerySet[Campaign]:
    """The school's campaigns with their questionnaire, `invited` and `answered` counted in
    the same query (one query per page of the list)."""
    params = params or {}
    campaigns = (
        Campaign.objects.filter(organisation_id=organisation_id)
        .select_related("version__questionnaire")
        .annotate(
            invited=Count("participations"),
            answered=Count("participations", filter=Q(participations__submitted_at__isnull=False)),
        )
        .order_by("-opens_at", "-pk")
    )
    if params.get("status"):
        campaigns = campaigns.filter(_status_filter(params["status"], timezone.now()))
    return with_every_word(campaigns, params.get("q"), "title", "version__questionnaire__title")


def campaign_rate(campaign: Campaign) -> Rate:
    counts = campaign.participations.aggregate(
        total=Count("pk"), answered=Count("pk", filter=Q(submitted_at__isnull=False))
    )
    return Rate(answered=counts["answered"], total=counts["total"])


def participations_of(campaign: Campaign, *, answered: bool) -> QuerySet[Participation]:
    return (
        campaign.participations.filter(submitted_at__isnull=not answered)
        .select_related("person", "pair__mentor__person")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def campaign_versions(organisation_id: int) -> QuerySet[QuestionnaireVersion]:
    """The current version of each questionnaire of the school that is not archived."""
    newer = QuestionnaireVersion.objects.filter(
        questionnaire_id=OuterRef("questionnaire_id"), number__gt=OuterRef("number")
    )
    return (
        QuestionnaireVersion.objects.filter(
            questionnaire__organisation_id=organisation_id,
            questionnaire__archived_at__isnull=True,
        )
        .exclude(Exists(newer))
        .select_related("questionnaire")
        .order_by("questionnaire__title", "pk")
    )


def school_people(organisation_id: int) -> QuerySet[Person]:
    """Whom a campaign may hand-pick: the school's people, not archived, not restricted."""
    return Person.objects.filter(
        organisation_id=organisation_id, archived_at__isnull=True
    ).unrestricted()


def school_pairs(organisation_id: int, year_id: int) -> QuerySet[MentoringPair]:
    return (
        MentoringPair.objects.filter(organisation_id=organisation_id, academic_year_id=year_id)
        .exclude(status=MentoringPair.Status.DISSOLVED)
        .select_related("mentor__person")
        .order_by("mentor__person__last_name", "pk")
    )


def survey_activity_links(activity, user) -> list[tuple[str, str]]:
    """«Провести анкетирование» for roadmap activities that call for a survey."""
    organisation_id = activity.stage.roadmap.organisation_id
    if not calls_for_survey(f"{activity.title} {activity.content}"):
        return []
    if not can(user, Action.CAMPAIGNS_MANAGE, organisation_id):
        return []
    url = f"{reverse('campaign_create', args=[organisation_id])}?activity={activity.pk}"
    return [(url, _("Провести анкетирование"))]
