"""Campaigns: creating and changing them, the launch that invites their audience, reminders,
personal links, closing and what follows the end.

Invitations and reminders carry the campaign's title, its closing day and a link: never an
answer, so an anonymous campaign leaves nothing that ties a person to what they answered.

Reminder rule: a participant who has been invited and has not answered is reminded on the
third day and on the day before the campaign's closing day (local dates), at most once a day
(`Participation.reminded_on`, claimed by a conditional UPDATE so two workers never both send),
and never once they have answered or the campaign is closed.
"""

import logging
import secrets
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentoring import extensions
from mentoring.models import Notification, Person, User
from mentoring.services.notifications import notifications_add

from ..models import Campaign, Participation, Questionnaire, QuestionnaireVersion
from ..selectors.answering import token_hash
from ..selectors.campaigns import (
    audience_people,
    evaluation_pairs,
    is_per_pair,
)

logger = logging.getLogger(__name__)

# Days before the closing day on which those who have not answered are reminded.
REMINDER_DAYS_BEFORE = (3, 1)
# Questionnaires whose answers are used by name: preferences feed the matching, the
# evaluation is the curator's judgement of a pair.
NAMED_ONLY = (Questionnaire.Kind.PREFERENCE, Questionnaire.Kind.EVALUATION)
# What may change once the invitations are out.
AFTER_LAUNCH_FIELDS = ("title", "closes_at", "shared_with_psychologist")


def new_token() -> tuple[str, str]:
    """A personal link's token and the hash that is stored instead of it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def answer_path(participation: Participation) -> str:
    return reverse("answer_fill", args=[participation.pk])


def link_path(token: str) -> str:
    return reverse("link_fill", args=[token])


def results_path(campaign: Campaign) -> str:
    return reverse("campaign_results", args=[campaign.pk])


def _creator_person(campaign: Campaign, user: User | None) -> Person | None:
    if user is None:
        return None
    return Person.objects.filter(user=user, organisation_id=campaign.organisation_id).first()


def _no_person_error() -> ValidationError:
    return ValidationError(
        _(
            "Оценку эффективности куратор заполняет по каждой паре от своего имени, а у вашей "
            "учётной записи нет карточки участника в этой школе. Добавьте себя в «Участники» "
            "и отправьте себе приглашение с этой карточкой: после его принятия карточка "
            "будет связана с учётной записью, и анкетирование можно будет запустить."
        )
    )


def _check(campaign: Campaign, *, creating: bool) -> None:
    questionnaire = campaign.version.questionnaire
    errors: dict[str, list] = {}
    if questionnaire.organisation_id != campaign.organisation_id:
        errors.setdefault("version", []).append(_("Выберите анкету своей школы."))
    elif questionnaire.archived_at is not None and creating:
        errors.setdefault("version", []).append(
            _("Анкета в архиве: верните её из архива или выберите другую.")
        )
    if campaign.anonymous and questionnaire.kind in NAMED_ONLY:
        errors.setdefault("anonymous", []).append(
            _(
                "Анкету «{kind}» нельзя проводить анонимно: её ответы используются по именам. "
                "Снимите отметку «Анонимно»."
            ).format(kind=questionnaire.get_kind_display())
        )
    if campaign.closes_at <= campaign.opens_at:
        errors.setdefault("closes_at", []).append(
            _("Анкетирование должно закрываться позже, чем открывается.")
        )
    if campaign.closes_at <= timezone.now():
        errors.setdefault("closes_at", []).append(
            _("Время закрытия уже прошло: укажите будущую дату.")
        )
    if campaign.audience == Campaign.Audience.CLASSES and not campaign.classes:
        errors.setdefault("classes", []).append(_("Укажите хотя бы один класс, например «7А»."))
    if errors:
        raise ValidationError(errors)


def _check_people(campaign: Campaign, pairs, people) -> None:
    errors = {}
    if campaign.audience == Campaign.Audience.PAIRS and not pairs:
        errors["pairs"] = _("Выберите хотя бы одну пару или группу.")
    if campaign.audience == Campaign.Audience.CHOSEN and not people:
        errors["people"] = _("Выберите хотя бы одного человека.")
    if any(p.organisation_id != campaign.organisation_id for p in [*pairs, *people]):
        errors["people"] = _("Выбирать можно только людей и пары своей школы.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def campaign_create(
    *,
    organisation,
    academic_year,
    version: QuestionnaireVersion,
    created_by: User,
    title: str,
    audience: str,
    opens_at: datetime,
    closes_at: datetime,
    anonymous: bool = False,
    phase: str = "",
    classes: list[str] | None = None,
    pairs=(),
    people=(),
    shared_with_psychologist: bool = False,
    activity_id: int | None = None,
    complete_activity: bool = False,
) -> Campaign:
    campaign = Campaign(
        organisation=organisation,
        academic_year=academic_year,
        version=version,
        created_by=created_by,
        title=title.strip() or version.questionnaire.title,
        audience=audience,
        opens_at=opens_at,
        closes_at=closes_at,
        anonymous=anonymous,
        phase=phase,
        classes=classes or [],
        shared_with_psychologist=shared_with_psychologist,
        activity_id=activity_id,
        complete_activity=complete_activity and activity_id is not None,
    )
    pairs, people = list(pairs), list(people)
    _check(campaign, creating=True)
    _check_people(campaign, pairs, people)
    if is_per_pair(campaign) and _creator_person(campaign, created_by) is None:
        raise _no_person_error()
    campaign.full_clean(exclude=["version", "organisation", "academic_year"])
    campaign.save()
    campaign.pairs.set(pairs)
    campaign.people.set(people)
    return campaign


@transaction.atomic
def campaign_update(*, campaign: Campaign, data: dict, pairs=None, people=None) -> Campaign:
    """Change a campaign: everything until it is launched; after that only its title, a later
    closing time and the sharing with the psychologist."""
    if campaign.completed_at is not None or campaign.closed_at is not None:
        raise ValidationError(_("Анкетирование закрыто: его уже нельзя изменить."))
    if campaign.launched_at is not None:
        unknown = set(data) - set(AFTER_LAUNCH_FIELDS)
        if unknown:
            raise ValidationError(
                _(
                    "Приглашения уже разосланы: можно изменить только название, продлить "
                    "срок и открыть результаты педагогу-психологу."
                )
            )
        if data.get("closes_at") and data["closes_at"] < campaign.closes_at:
            raise ValidationError(
                {"closes_at": _("После рассылки срок можно только продлить, не сократить.")}
            )
    for name, value in data.items():
        setattr(campaign, name, value)
    campaign.title = campaign.title.strip() or campaign.version.questionnaire.title
    if not campaign.activity_id:
        campaign.complete_activity = False
    _check(campaign, creating=False)
    if campaign.launched_at is None:
        pairs = list(pairs) if pairs is not None else list(campaign.pairs.all())
        people = list(people) if people is not None else list(campaign.people.all())
        _check_people(campaign, pairs, people)
        campaign.pairs.set(pairs)
        campaign.people.set(people)
    fields = [*data] + (["complete_activity"] if "complete_activity" not in data else [])
    campaign.save(update_fields=sorted(set(fields) | {"title"}))
    return campaign


# Launch and invitations ----------------------------------------------------------------------


def _participations_for(campaign: Campaign, actor: User | None) -> list[Participation]:
    if is_per_pair(campaign):
        person = _creator_person(campaign, campaign.created_by) or _creator_person(campaign, actor)
        if person is None:
            raise _no_person_error()
        return [
            Participation(campaign=campaign, person=person, pair=pair)
            for pair in evaluation_pairs(campaign)
        ]
    return [Participation(campaign=campaign, person=person) for person in audience_people(campaign)]


@transaction.atomic
def campaign_launch(*, campaign: Campaign, actor: User | None) -> int:
    """Ask the audience: a participation for each person (each pair for an evaluation) and
    the invitations, sent after commit. Launching again adds only those not yet asked (people
    who joined the audience since) and invites only those not yet invited. Returns how many
    participations were added."""
    given, campaign = campaign, Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.closed_at is not None or campaign.closes_at <= timezone.now():
        raise ValidationError(_("Анкетирование закрыто: разослать приглашения уже нельзя."))
    rows = _participations_for(campaign, actor)
    if not rows:
        raise ValidationError(
            _(
                "В аудитории никого нет: проверьте выбранных людей, пары или классы и "
                "согласия на обработку данных."
            )
        )
    before = campaign.participations.count()
    Participation.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    added = campaign.participations.count() - before
    if campaign.launched_at is None:
        campaign.launched_at = timezone.now()
        campaign.save(update_fields=["launched_at"])
    given.launched_at = campaign.launched_at
    if campaign.opens_at <= timezone.now():
        _queue_invitations(campaign.pk)
    return added


def _queue_invitations(campaign_id: int) -> None:
    from ..tasks import send_campaign_invitations

    transaction.on_commit(lambda: send_campaign_invitations.delay(campaign_id))


def _reachable() -> Q:
    """Participations that can be sent a message: an account or an e-mail."""
    return Q(person__user__isnull=False) | ~Q(person__email="")


def _address(person: Person) -> str:
    if person.user_id is not None and person.user.email:
        return person.user.email
    return person.email


def _send_email(kind: str, campaign: Campaign, person: Person, url: str, **extra) -> None:
    address = _address(person)
    if not address:
        return
    context = {
        "campaign": campaign,
        "organisation": campaign.organisation,
        "person": person,
        "url": f"{settings.SITE_URL}{url}",
        "personal": person.user_id is None,
        "kind_reminder": kind == "reminder",
        **extra,
    }
    subject = render_to_string(f"emails/survey_{kind}_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"emails/survey_{kind}_body.txt", context),
        to=[address],
    )
    message.attach_alternative(
        render_to_string(f"emails/survey_{kind}_body.html", context), "text/html"
    )
    message.send()


def _notification(kind: str, campaign: Campaign, user_id: int, url: str) -> Notification:
    closes = timezone.localtime(campaign.closes_at).strftime("%d.%m.%Y")
    if kind == "invitation":
        text = _("Заполните анкету «{title}» до {date}.")
    else:
        text = _("Напоминание: анкета «{title}» ждёт ваших ответов до {date}.")
    return Notification(
        user_id=user_id,
        organisation_id=campaign.organisation_id,
        text=text.format(title=campaign.title, date=closes),
        url=url,
    )


def _message(kind: str, campaign: Campaign, participation: Participation, token: str | None):
    """Send one participant's e-mail; return the in-app notification to add, if any."""
    person = participation.person
    url = answer_path(participation) if person.user_id is not None else link_path(token or "")
    _send_email(kind, campaign, person, url, pair=participation.pair)
    if person.user_id is not None:
        return _notification(kind, campaign, person.user_id, url)
    return None


def _campaign_for_sending(campaign_id: int, now: datetime | None) -> Campaign | None:
    campaign = Campaign.objects.select_related("organisation").filter(pk=campaign_id).first()
    if campaign is None or campaign.launched_at is None:
        return None
    return campaign if campaign.is_open(now or timezone.now()) else None


def _pending(campaign: Campaign):
    return (
        campaign.participations.filter(_reachable())
        .select_related("person__user", "pair__mentor__person")
        .order_by("pk")
    )


def campaign_invitations_send(*, campaign_id: int, now: datetime | None = None) -> int:
    """Invite every reachable participant not yet invited, once each: a participation is
    claimed by setting invited_at before its e-mail goes, and released if sending fails, so a
    retry sends only what is still unsent. People without an account get a personal link."""
    campaign = _campaign_for_sending(campaign_id, now)
    if campaign is None:
        return 0
    sent = 0
    notifications = []
    try:
        for participation in _pending(campaign).filter(
            invited_at__isnull=True, submitted_at__isnull=True
        ):
            token, digest = (None, participation.token_hash)
            if participation.person.user_id is None:
                token, digest = new_token()
            claimed = Participation.objects.filter(
                pk=participation.pk, invited_at__isnull=True
            ).update(invited_at=timezone.now(), token_hash=digest)
            if not claimed:
                continue
            try:
                notification = _message("invitation", campaign, participation, token)
            except Exception:
                Participation.objects.filter(pk=participation.pk).update(invited_at=None)
                raise
            if notification is not None:
                notifications.append(notification)
            sent += 1
    finally:
        notifications_add(notifications=notifications)
    return sent


# Reminders -----------------------------------------------------------------------------------


def reminder_dates(campaign: Campaign) -> list[date]:
    closing_day = timezone.localdate(campaign.closes_at)
    opening_day = timezone.localdate(campaign.opens_at)
    return [
        day
        for days in REMINDER_DAYS_BEFORE
        if (day := closing_day - timedelta(days=days)) >= opening_day
    ]


def campaign_remind(*, campaign: Campaign, today: date, now: datetime | None = None) -> int:
    """Remind those invited who have not answered, each at most once on `today`. Each
    participation is claimed by one conditional UPDATE (not answered, not reminded today)
    before its message goes; people without an account get a new personal link (the token is
    never stored, so the old one cannot be resent and stops working). Returns how many were
    reminded. Not one transaction: each claim commits on its own, so a failure midway keeps
    the reminders already sent."""
    campaign = _campaign_for_sending(campaign.pk, now)
    if campaign is None:
        return 0
    sent = 0
    notifications = []
    try:
        candidates = (
            _pending(campaign)
            .filter(invited_at__isnull=False, submitted_at__isnull=True)
            .exclude(reminded_on=today)
        )
        for participation in candidates:
            token, digest = (None, participation.token_hash)
            if participation.person.user_id is None:
                token, digest = new_token()
            claimed = (
                Participation.objects.filter(pk=participation.pk, submitted_at__isnull=True)
                .filter(Q(reminded_on__isnull=True) | ~Q(reminded_on=today))
                .update(reminded_on=today, token_hash=digest)
            )
            if not claimed:
                continue
            try:
                notification = _message("reminder", campaign, participation, token)
            except Exception:
                Participation.objects.filter(pk=participation.pk).update(
                    reminded_on=participation.reminded_on
                )
                raise
            if notification is not None:
                notifications.append(notification)
            sent += 1
    finally:
        notifications_add(notifications=notifications)
    return sent


def campaign_remind_later(*, campaign: Campaign, today: date) -> None:
    from ..tasks import send_campaign_reminders

    campaign_id, day = campaign.pk, today.isoformat()
    transaction.on_commit(lambda: send_campaign_reminders.delay(campaign_id, day))


# Personal links sheet ------------------------------------------------------------------------


@transaction.atomic
def campaign_links_issue(*, campaign: Campaign) -> list[tuple[Participation, str]]:
    """New personal links for the participants who have neither an account nor an e-mail,
    to hand out on paper; the tokens are returned once and their old links stop working."""
    if campaign.launched_at is None:
        raise ValidationError(_("Сначала запустите анкетирование: ссылки выдаются участникам."))
    if not campaign.is_open(timezone.now()) and campaign.opens_at <= timezone.now():
        raise ValidationError(_("Анкетирование закрыто: ссылки больше не действуют."))
    participations = list(
        campaign.participations.filter(
            person__user__isnull=True, person__email="", submitted_at__isnull=True
        )
        .select_related("person")
        .order_by("person__grade", "person__class_letter", "person__last_name", "pk")
        .select_for_update(of=("self",))
    )
    now = timezone.now()
    rows = []
    for participation in participations:
        token, participation.token_hash = new_token()
        participation.invited_at = participation.invited_at or now
        rows.append((participation, token))
    Participation.objects.bulk_update(participations, ["token_hash", "invited_at"])
    return rows


# Closing -------------------------------------------------------------------------------------


@transaction.atomic
def campaign_close(*, campaign: Campaign, actor: User | None) -> Campaign:
    """Close early: nobody may answer from now on."""
    if campaign.closed_at is None and campaign.closes_at > timezone.now():
        campaign.closed_at = timezone.now()
        campaign.save(update_fields=["closed_at"])
    campaign_complete(campaign=campaign, actor=actor)
    return campaign


@transaction.atomic
def campaign_complete(
    *, campaign: Campaign, actor: User | None = None, now: datetime | None = None
) -> bool:
    """What follows a campaign's end, once: mark the roadmap activity that called for it done
    when the campaign says so. True when this call did it."""
    now = now or timezone.now()
    ended = Q(closed_at__isnull=False) | Q(closes_at__lte=now)
    claimed = Campaign.objects.filter(ended, pk=campaign.pk, completed_at__isnull=True).update(
        completed_at=now
    )
    if not claimed:
        return False
    campaign.completed_at = now
    if campaign.complete_activity and campaign.activity_id:
        extensions.activity_complete(campaign.activity_id, campaign.organisation_id, actor)
    return True


def surveys_periodic(now: datetime | None = None) -> dict[str, int]:
    """The hourly job: complete the campaigns whose time ran out, invite the audience of
    launched campaigns that have opened since, and, from the reminder hour on, remind on the
    reminder dates. Each step skips what is already done, so a missed run is caught up."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    today = local.date()
    completed = 0
    for campaign in Campaign.objects.filter(
        completed_at__isnull=True, launched_at__isnull=False, closes_at__lte=now
    ):
        completed += campaign_complete(campaign=campaign, now=now)
    invited = reminded = 0
    open_campaigns = Campaign.objects.filter(
        launched_at__isnull=False, closed_at__isnull=True, opens_at__lte=now, closes_at__gt=now
    )
    for campaign in open_campaigns.filter(
        participations__invited_at__isnull=True, participations__submitted_at__isnull=True
    ).distinct():
        invited += campaign_invitations_send(campaign_id=campaign.pk, now=now)
    if local.hour >= settings.REMINDER_HOUR:
        for campaign in open_campaigns:
            if today in reminder_dates(campaign):
                reminded += campaign_remind(campaign=campaign, today=today, now=now)
    logger.info("Surveys: %s completed, %s invited, %s reminded", completed, invited, reminded)
    return {"completed": completed, "invited": invited, "reminded": reminded}
