"""Writing a roadmap: made from a built-in template or empty, its stages and activities edited
and renumbered, deadlines parsed as they are written, statuses kept.

Once an order approves the roadmap (`locked_at`), its structure — stages, activities, their
texts and deadlines — stays as approved; statuses, completion, comments and the people
assigned remain editable."""

from collections.abc import Iterable, Set
from datetime import date
from typing import NamedTuple

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mentoring.models import AcademicYear, Organisation, Person, User
from mentoring.models.consents import restricted
from mentoring.services.consents import require_unrestricted

from ..deadlines import parse_deadline, shift_years
from ..models import Activity, Roadmap, Stage
from ..templates_data import TEMPLATES, roles_from_text

EMPTY_TITLE = "Дорожная карта внедрения целевой модели наставничества"
# Fields of an activity that belong to the approved document.
STRUCTURE_FIELDS = (
    "title",
    "content",
    "deadline_text",
    "responsible_text",
    "responsible_roles",
    "result",
)


class CreatedRoadmap(NamedTuple):
    roadmap: Roadmap
    # Activities whose deadline could not be read (or is empty): the curator sets them.
    unparsed: list[Activity]


def roadmap_check_unlocked(roadmap: Roadmap) -> None:
    if not roadmap.is_locked:
        return
    if roadmap.locked_by_text:
        message = _(
            "Дорожная карта утверждена приказом: %(order)s. Этапы, мероприятия и сроки "
            "больше не меняются: изменить их можно только приказом об изменении."
        ) % {"order": roadmap.locked_by_text}
    else:
        message = _(
            "Дорожная карта утверждена приказом. Этапы, мероприятия и сроки больше не "
            "меняются: изменить их можно только приказом об изменении."
        )
    raise ValidationError(message, code="locked")


def deadline_fields(text: str, academic_year: AcademicYear) -> dict:
    """The parsed deadline as Activity fields."""
    parsed = parse_deadline(text, academic_year.start_date, academic_year.end_date)
    return {
        "deadline_kind": parsed.kind,
        "start_on": parsed.start,
        "due_on": parsed.due,
        "recurrence": [list(pair) for pair in parsed.recurrence],
    }


def _roadmap_create(
    *, organisation: Organisation, academic_year: AcademicYear, title: str, template: str
) -> Roadmap:
    if academic_year.organisation_id != organisation.pk:
        raise ValidationError(_("Учебный год относится к другой организации."))
    exists = _("Дорожная карта на %(year)s учебный год уже есть.") % {"year": academic_year.title}
    if Roadmap.objects.filter(organisation=organisation, academic_year=academic_year).exists():
        raise ValidationError(exists, code="exists")
    try:
        with transaction.atomic():
            return Roadmap.objects.create(
                organisation=organisation,
                academic_year=academic_year,
                title=title[: Roadmap._meta.get_field("title").max_length],
                template=template,
            )
    except IntegrityError:  # made at the same moment by someone else
        raise ValidationError(exists, code="exists") from None


@transaction.atomic
def roadmap_create_empty(
    *,
    organisation: Organisation,
    academic_year: AcademicYear,
    actor: User,
    title: str = "",
) -> Roadmap:
    with set_actor(actor):
        return _roadmap_create(
            organisation=organisation,
            academic_year=academic_year,
            title=title or f"{EMPTY_TITLE} на {academic_year.title} учебный год",
            template="",
        )


@transaction.atomic
def roadmap_create_from_template(
    *,
    organisation: Organisation,
    academic_year: AcademicYear,
    template_key: str,
    actor: User,
) -> CreatedRoadmap:
    """The template's stages and activities for the school's year. The years written in the
    template move with the year chosen: a template of 2023/24 applied to 2026/27 turns
    «октябрь 2023» into «октябрь 2026» and «до 30.08.2022» into «до 30.08.2025»."""
    template = TEMPLATES.get(template_key)
    if template is None:
        raise ValidationError(_("Нет такого шаблона дорожной карты."))
    years = academic_year.start_date.year - template.start_year

    def shifted(text: str) -> str:
        for name in template.school_names:
            text = text.replace(name, organisation.short_name)
        # Years in full dates inside titles cite documents («от 25.12.2019 № Р-145»).
        return shift_years(text, years, in_dates=False)

    with set_actor(actor):
        roadmap = _roadmap_create(
            organisation=organisation,
            academic_year=academic_year,
            title=f"{template.heading} на {academic_year.title} учебный год",
            template=template.key,
        )
        stages = Stage.objects.bulk_create(
            Stage(roadmap=roadmap, number=stage.number, title=shifted(stage.title))
            for stage in template.stages
        )
        activities = []
        for stage, source in zip(stages, template.stages, strict=True):
            for number, item in enumerate(source.activities, start=1):
                deadline_text = shift_years(item.deadline, years)
                activities.append(
                    Activity(
                        stage=stage,
                        number=number,
                        label=item.label,
                        subheading=shifted(item.subheading),
                        title=shifted(item.title),
                        content=shifted(item.content),
                        deadline_text=deadline_text,
                        responsible_text=item.responsible,
                        responsible_roles=item.responsible_roles,
                        result=shifted(item.result),
                        **deadline_fields(deadline_text, academic_year),
                    )
                )
        activities = Activity.objects.bulk_create(activities)
    unparsed = [a for a in activities if a.deadline_kind == Activity.DeadlineKind.UNPARSED]
    return CreatedRoadmap(roadmap, unparsed)


@transaction.atomic
def roadmap_lock(*, roadmap: Roadmap, by_text: str, by_url: str = "") -> Roadmap:
    """Fix the roadmap's structure: an order («от 01.09.2026 № 12») approved it."""
    roadmap.locked_at = timezone.now()
    roadmap.locked_by_text = by_text[: Roadmap._meta.get_field("locked_by_text").max_length]
    roadmap.locked_by_url = by_url
    roadmap.save(update_fields=["locked_at", "locked_by_text", "locked_by_url", "updated_at"])
    return roadmap


@transaction.atomic
def roadmap_unlock(*, roadmap: Roadmap) -> Roadmap:
    roadmap.locked_at = None
    roadmap.locked_by_text = roadmap.locked_by_url = ""
    roadmap.save(update_fields=["locked_at", "locked_by_text", "locked_by_url", "updated_at"])
    return roadmap


def _title_required(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ValidationError(_("Укажите название."))
    return title


@transaction.atomic
def stage_add(*, roadmap: Roadmap, title: str) -> Stage:
    roadmap_check_unlocked(roadmap)
    last = roadmap.stages.aggregate(n=Max("number"))["n"] or 0
    stage = Stage(roadmap=roadmap, number=last + 1, title=_title_required(title))
    stage.full_clean()
    stage.save()
    return stage


@transaction.atomic
def stage_update(*, stage: Stage, title: str) -> Stage:
    roadmap_check_unlocked(stage.roadmap)
    stage.title = _title_required(title)
    stage.full_clean()
    stage.save(update_fields=["title"])
    return stage


@transaction.atomic
def stage_delete(*, stage: Stage) -> None:
    """Delete the stage with its activities; the stages after it move up one number."""
    roadmap = stage.roadmap
    roadmap_check_unlocked(roadmap)
    number = stage.number
    stage.delete()
    # One row at a time, in order: (roadmap, number) is unique at every step.
    for later in roadmap.stages.filter(number__gt=number).order_by("number"):
        later.number -= 1
        later.save(update_fields=["number"])


def _renumber(stage: Stage, ordered: list[Activity] | None = None) -> None:
    """Number the stage's activities 1, 2, … in the given order (by default, as they are)."""
    if ordered is None:
        ordered = list(stage.activities.order_by("number", "pk"))
    changed = []
    for number, activity in enumerate(ordered, start=1):
        if activity.number != number or activity.stage_id != stage.pk:
            activity.number, activity.stage = number, stage
            changed.append(activity)
    Activity.objects.bulk_update(changed, ["number", "stage"])


def _people_check(
    roadmap: Roadmap, people: Iterable[Person], *, named: Set[int] = frozenset()
) -> list[Person]:
    """The people to name responsible; those not `named` yet must not be restricted."""
    people = list(people)
    if any(p.organisation_id != roadmap.organisation_id for p in people):
        raise ValidationError(_("Ответственными могут быть только сотрудники этой организации."))
    new = [person.pk for person in people if person.pk not in named]
    if new and (found := Person.objects.filter(restricted(), pk__in=new).first()):
        require_unrestricted(found)
    return people


@transaction.atomic
def activity_add(
    *,
    stage: Stage,
    title: str,
    content: str = "",
    deadline_text: str = "",
    responsible_text: str = "",
    responsible_roles: list[str] | None = None,
    result: str = "",
    people: Iterable[Person] = (),
) -> Activity:
    """A new activity at the end of the stage. Without explicit roles, those the responsible
    text plainly names are taken."""
    roadmap = stage.roadmap
    roadmap_check_unlocked(roadmap)
    people = _people_check(roadmap, people)
    last = stage.activities.aggregate(n=Max("number"))["n"] or 0
    activity = Activity(
        stage=stage,
        number=last + 1,
        title=_title_required(title),
        content=content.strip(),
        deadline_text=deadline_text.strip(),
        responsible_text=responsible_text.strip(),
        responsible_roles=(
            roles_from_text(responsible_text) if responsible_roles is None else responsible_roles
        ),
        result=result.strip(),
        **deadline_fields(deadline_text, roadmap.academic_year),
    )
    activity.full_clean()
    activity.save()
    if people:
        activity.responsible_people.set(people)
    return activity


@transaction.atomic
def activity_update(
    *, activity: Activity, data: dict, people: Iterable[Person] | None = None
) -> list[str]:
    """Apply the given fields (of STRUCTURE_FIELDS) and, if given, the people responsible;
    returns the names of what changed. A new deadline text is parsed again; a new
    responsible text without roles given brings the roles it names."""
    roadmap = activity.stage.roadmap
    data = {k: v for k, v in data.items() if k in STRUCTURE_FIELDS}
    if "title" in data:
        data["title"] = _title_required(data["title"])
    if "responsible_text" in data and "responsible_roles" not in data:
        data["responsible_roles"] = roles_from_text(data["responsible_text"])
    changed = [k for k, v in data.items() if getattr(activity, k) != v]
    if changed:
        roadmap_check_unlocked(roadmap)
        for field in changed:
            setattr(activity, field, data[field])
        update_fields = [*changed, "updated_at"]
        if "deadline_text" in changed:
            parsed = deadline_fields(activity.deadline_text, roadmap.academic_year)
            for field, value in parsed.items():
                setattr(activity, field, value)
            update_fields += list(parsed)
        activity.full_clean()
        activity.save(update_fields=update_fields)
    if people is not None and activity_people_set(activity=activity, people=people):
        changed.append("responsible_people")
    return changed


@transaction.atomic
def activity_people_set(*, activity: Activity, people: Iterable[Person]) -> bool:
    """Who does the activity; allowed on an approved roadmap too. True if it changed."""
    named = set(activity.responsible_people.values_list("pk", flat=True))
    people = _people_check(activity.stage.roadmap, people, named=named)
    if {p.pk for p in people} == named:
        return False
    activity.responsible_people.set(people)
    return True


@transaction.atomic
def activity_delete(*, activity: Activity) -> None:
    stage = activity.stage
    roadmap_check_unlocked(stage.roadmap)
    activity.delete()
    _renumber(stage)


@transaction.atomic
def activity_move(*, activity: Activity, number: int, stage: Stage | None = None) -> Activity:
    """Put the activity at position `number` (from 1) of `stage` (by default its own); the
    others make room, and the stage it left closes the gap."""
    source = activity.stage
    target = stage or source
    if target.roadmap_id != source.roadmap_id:
        raise ValidationError(_("Мероприятие можно перенести только в этап той же дорожной карты."))
    roadmap_check_unlocked(source.roadmap)
    others = [a for a in target.activities.order_by("number", "pk") if a.pk != activity.pk]
    position = min(max(number, 1), len(others) + 1)
    others.insert(position - 1, activity)
    _renumber(target, others)
    activity.refresh_from_db(fields=["number", "stage"])
    if target.pk != source.pk:
        _renumber(source)
        if activity.label or activity.subheading:
            # The document's number and sub-heading belong to the stage the row came from.
            activity.label = activity.subheading = ""
            activity.save(update_fields=["label", "subheading", "updated_at"])
    return activity


@transaction.atomic
def activity_status_set(
    *,
    activity: Activity,
    status: str,
    completed_on: date | None = None,
    comment: str | None = None,
) -> Activity:
    """Mark progress; allowed on an approved roadmap. Done without a date means done today;
    any other status clears the date. `comment` None leaves the comment as it is."""
    if status not in Activity.Status.values:
        raise ValidationError(_("Неизвестный статус."))
    today = timezone.localdate()
    if status == Activity.Status.DONE:
        completed_on = completed_on or today
        if completed_on > today:
            raise ValidationError(_("Дата выполнения не может быть позже сегодняшней."))
    else:
        completed_on = None
    activity.status = status
    activity.completed_on = completed_on
    update_fields = ["status", "completed_on", "updated_at"]
    if comment is not None:
        activity.comment = comment.strip()
        update_fields.append("comment")
    activity.save(update_fields=update_fields)
    return activity


def activity_title_by_id(activity_id: int, organisation_id: int) -> str | None:
    """The title of the school's activity (for another app's page), None if it has none."""
    return (
        Activity.objects.filter(pk=activity_id, stage__roadmap__organisation_id=organisation_id)
        .values_list("title", flat=True)
        .first()
    )


@transaction.atomic
def activity_complete_by_id(activity_id: int, organisation_id: int, actor=None) -> bool:
    """Mark the school's activity done when what it called for is finished elsewhere (a survey
    campaign's end, through mentoring.extensions); an activity already done keeps its date."""
    activity = Activity.objects.filter(
        pk=activity_id, stage__roadmap__organisation_id=organisation_id
    ).first()
    if activity is None or activity.status == Activity.Status.DONE:
        return False
    activity_status_set(activity=activity, status=Activity.Status.DONE)
    return True


@transaction.atomic
def activity_deadline_set(*, activity: Activity, text: str) -> Activity:
    """A new deadline as written; it is parsed against the roadmap's year. The result is in
    `activity.deadline_kind` (UNPARSED if it could not be read)."""
    activity_update(activity=activity, data={"deadline_text": text.strip()})
    return activity
