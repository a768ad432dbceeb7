"""Forming mentoring pairs and groups from the banks, and their life until they end."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import add_months

from ..models import (
    AcademicYear,
    MenteeEntry,
    MentorEntry,
    MentoringForm,
    MentoringPair,
    MentoringType,
    RoleModel,
)
from .consents import REQUIRED_CONSENTS as REQUIRED_CONSENTS  # the demo reads it here
from .consents import consents_missing
from .meetings import meetings_drop_unheld, meetings_plan

# A personalised programme lasts from three months to a year (seed 002 §1.3).
MIN_MONTHS, MAX_MONTHS = 3, 12
# June to August: a programme ends then only if the curator chooses it.
SUMMER_MONTHS = (6, 7, 8)
# Pairs that hold their members: a dissolved or completed pair frees them.
HOLDING_STATUSES = (
    MentoringPair.Status.DRAFT,
    MentoringPair.Status.AWAITING_ORDER,
    MentoringPair.Status.ACTIVE,
)


def participant_role(entry) -> str:
    return _("наставник") if isinstance(entry, MentorEntry) else _("наставляемый")


def missing_consents(entries) -> list[str]:
    """«ФИО (роль): нужно согласие …» for each participant who has not given a consent a
    pair needs (consents.consents_missing)."""
    today = timezone.localdate()
    lines = []
    for entry in entries:
        if missing := consents_missing(entry.person, on=today):
            lines.append(
                _("%(name)s (%(role)s): нужно %(consents)s")
                % {
                    "name": entry.person.full_name,
                    "role": participant_role(entry),
                    "consents": _(" и ").join(m.label for m in missing),
                }
            )
    return lines


def missing_consents_error(entries) -> ValidationError | None:
    """The refusal of a pair whose participants have not given every consent it needs."""
    if not (lines := missing_consents(entries)):
        return None
    return ValidationError(
        _(
            "Не хватает согласий участников. %(missing)s. Отметьте подписанные согласия в "
            "карточках участников."
        )
        % {"missing": "; ".join(lines)},
        code="missing_consents",
    )


def mentor_free_places(mentor: MentorEntry, *, excluding: MentoringPair | None = None) -> int:
    held = (
        MentoringPair.objects.filter(mentor=mentor, status__in=HOLDING_STATUSES)
        .exclude(pk=excluding.pk if excluding else None)
        .aggregate(n=Count("mentees"))["n"]
    )
    return mentor.capacity - held


# Before an order activates a pair, the curator may still change who is in it and when.
EDITABLE_STATUSES = (MentoringPair.Status.DRAFT, MentoringPair.Status.AWAITING_ORDER)


def programme_end(start: date, months: int) -> date:
    """The last day of a programme of `months` from `start`: 01.09 and 9 months → 31.05."""
    return add_months(start, months) - timedelta(days=1)


def programme_end_before_summer(start: date, months: int) -> date:
    """The last day of a programme of about `months`, brought back to 31 May when it would end
    in the summer holidays, yet never shorter than the shortest programme."""
    end = programme_end(start, months)
    if end.month in SUMMER_MONTHS:
        end = date(end.year, 5, 31)
    return max(end, programme_end(start, MIN_MONTHS))


def programme_months(start: date, end: date) -> int:
    """The whole months of a programme from start to end, within 3 to 12."""
    after = end + timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if add_months(start, months) > after:
        months -= 1
    return min(max(months, MIN_MONTHS), MAX_MONTHS)


def _pair_check(
    *,
    academic_year: AcademicYear,
    mentor: MentorEntry,
    co_mentor: MentorEntry | None,
    mentees: list[MenteeEntry],
    form: MentoringForm,
    role_model: RoleModel | None,
    start_date: date,
    end_date: date,
    pair: MentoringPair | None = None,
) -> None:
    """Every rule a pair or group must meet; `pair` is the one being edited, if any."""
    if not mentees:
        raise ValidationError(_("Выберите хотя бы одного наставляемого."))
    mentors = [m for m in (mentor, co_mentor) if m is not None]
    entries = [*mentors, *mentees]
    if other_year := [
        e.person.full_name for e in entries if e.academic_year_id != academic_year.pk
    ]:
        raise ValidationError(
            _(
                "%(names)s — в банке другого учебного года: выберите участников из банков "
                "%(year)s учебного года."
            )
            % {"names": ", ".join(other_year), "year": academic_year.title}
        )
    if co_mentor is not None and co_mentor.pk == mentor.pk:
        raise ValidationError(
            _("%(name)s выбран(а) и наставником, и со-наставником: выберите другого со-наставника.")
            % {"name": mentor.person.full_name}
        )
    if both := {m.person_id for m in mentors} & {e.person_id for e in mentees}:
        raise ValidationError(
            _(
                "%(names)s — и наставник, и наставляемый: человек не может быть наставником "
                "самому себе."
            )
            % {"names": ", ".join(m.person.full_name for m in mentors if m.person_id in both)}
        )
    # The last day is inclusive: 01.09 to 30.11 is three months.
    shortest = add_months(start_date, MIN_MONTHS) - timedelta(days=1)
    if not (shortest <= end_date <= add_months(start_date, MAX_MONTHS)):
        raise ValidationError(
            _("Программа наставничества длится от 3 месяцев до 1 года: проверьте даты.")
        )
    if role_model is not None and role_model.form_id != form.pk:
        raise ValidationError(
            _(
                "Ролевая модель не относится к выбранной форме: «%(model)s» — ролевая модель "
                "формы «%(other)s», а выбрана форма «%(form)s». Выберите ролевую модель этой "
                "формы или оставьте поле пустым."
            )
            % {"model": role_model.name, "other": role_model.form.name, "form": form.name}
        )
    other_pairs = MentoringPair.objects.filter(status__in=HOLDING_STATUSES)
    if pair is not None:
        other_pairs = other_pairs.exclude(pk=pair.pk)
    busy = MenteeEntry.objects.filter(
        pk__in=[e.pk for e in mentees], pairs__in=other_pairs
    ).distinct()
    if busy:
        raise ValidationError(
            _(
                "Уже в паре или группе: %(names)s. Наставляемый входит в одну пару или группу, "
                "пока она не завершена или не расформирована."
            )
            % {"names": ", ".join(e.person.full_name for e in busy)}
        )
    members = set(pair.mentees.values_list("pk", flat=True)) if pair is not None else set()
    not_in_bank = [m.person.full_name for m in mentors if m.status != MentorEntry.Status.IN_BANK]
    not_in_bank += [
        e.person.full_name
        for e in mentees
        if e.status != MenteeEntry.Status.IN_BANK and e.pk not in members
    ]
    if not_in_bank:
        raise ValidationError(
            _(
                "Не в банке: %(names)s. Сначала включите их в банк (статус «В банке») на "
                "странице записи банка."
            )
            % {"names": ", ".join(not_in_bank)}
        )
    if error := missing_consents_error(entries):
        raise error
    if (free := mentor_free_places(mentor, excluding=pair)) < len(mentees):
        raise ValidationError(
            _(
                "У наставника %(name)s не хватает мест: он готов вести %(capacity)s, свободно "
                "%(free)s. Выберите другого наставника или измените «Наставляемых "
                "одновременно» в его записи банка."
            )
            % {
                "name": mentor.person.full_name,
                "capacity": mentor.capacity,
                "free": max(free, 0),
            }
        )


def _mentees_set(pair: MentoringPair, mentees: list[MenteeEntry]) -> None:
    """Make `mentees` the pair's: newcomers leave the bank, those removed return to it."""
    removed = pair.mentees.exclude(pk__in=[e.pk for e in mentees])
    for entry in removed.filter(status=MenteeEntry.Status.PAIRED):
        entry.status = MenteeEntry.Status.IN_BANK
        entry.save(update_fields=["status", "updated_at"])
    pair.mentees.set(mentees)
    for entry in mentees:
        if entry.status != MenteeEntry.Status.PAIRED:
            entry.status = MenteeEntry.Status.PAIRED
            entry.save(update_fields=["status", "updated_at"])


@transaction.atomic
def pair_create(
    *,
    academic_year: AcademicYear,
    mentor: MentorEntry,
    mentees: list[MenteeEntry],
    form: MentoringForm,
    mentoring_type: MentoringType,
    start_date: date,
    end_date: date,
    role_model: RoleModel | None = None,
    co_mentor: MentorEntry | None = None,
) -> MentoringPair:
    """A pair (one mentee) or a group, checked against the banks, consents and capacity."""
    _pair_check(
        academic_year=academic_year,
        mentor=mentor,
        co_mentor=co_mentor,
        mentees=mentees,
        form=form,
        role_model=role_model,
        start_date=start_date,
        end_date=end_date,
    )
    pair = MentoringPair(
        organisation_id=academic_year.organisation_id,
        academic_year=academic_year,
        mentor=mentor,
        co_mentor=co_mentor,
        form=form,
        role_model=role_model,
        mentoring_type=mentoring_type,
        start_date=start_date,
        end_date=end_date,
    )
    pair.full_clean()
    pair.save()
    _mentees_set(pair, mentees)
    return pair


@transaction.atomic
def pair_update(
    *,
    pair: MentoringPair,
    mentor: MentorEntry,
    mentees: list[MenteeEntry],
    form: MentoringForm,
    mentoring_type: MentoringType,
    start_date: date,
    end_date: date,
    role_model: RoleModel | None = None,
    co_mentor: MentorEntry | None = None,
) -> MentoringPair:
    """Change a pair or group that no order has activated yet, under the rules of creation."""
    if pair.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("Пара уже утверждена приказом: её состав и сроки меняются новым приказом.")
        )
    _pair_check(
        academic_year=pair.academic_year,
        mentor=mentor,
        co_mentor=co_mentor,
        mentees=mentees,
        form=form,
        role_model=role_model,
        start_date=start_date,
        end_date=end_date,
        pair=pair,
    )
    pair.mentor, pair.co_mentor = mentor, co_mentor
    pair.form, pair.role_model, pair.mentoring_type = form, role_model, mentoring_type
    pair.start_date, pair.end_date = start_date, end_date
    pair.full_clean()
    pair.save()
    _mentees_set(pair, mentees)
    return pair


@transaction.atomic
def pair_submit_for_order(*, pair: MentoringPair) -> None:
    """A draft goes to the curator's list for the next order; consents are checked again,
    since one may have been withdrawn since the pair was formed."""
    if pair.status != MentoringPair.Status.DRAFT:
        raise ValidationError(
            _("Пара уже в статусе «%(status)s»: на приказ передаётся только черновик.")
            % {"status": pair.get_status_display()}
        )
    if error := missing_consents_error(pair.members()):
        raise error
    pair.status = MentoringPair.Status.AWAITING_ORDER
    pair.save(update_fields=["status", "updated_at"])


def pair_return_to_draft(*, pair: MentoringPair) -> None:
    if pair.status != MentoringPair.Status.AWAITING_ORDER:
        raise ValidationError(
            _(
                "Пара в статусе «%(status)s»: в черновик возвращается только пара, ожидающая "
                "приказа."
            )
            % {"status": pair.get_status_display()}
        )
    pair.status = MentoringPair.Status.DRAFT
    pair.save(update_fields=["status", "updated_at"])


@transaction.atomic
def pairs_activate(*, pairs: Iterable[MentoringPair]) -> None:
    """Pairs fixed by an approved order start working: each becomes active and gets the
    standard sequence of meetings, planned once (a pair that has meetings keeps them)."""
    for pair in pairs:
        pair.status = MentoringPair.Status.ACTIVE
        pair.save(update_fields=["status", "updated_at"])
        meetings_plan(pair=pair)


@transaction.atomic
def pairs_return_to_order(*, pairs: Iterable[MentoringPair]) -> None:
    """The order that fixed the pairs is cancelled: the active ones await an order again and
    lose the meetings not held yet. Pairs dissolved or completed since are left as they are."""
    for pair in pairs:
        if pair.status != MentoringPair.Status.ACTIVE:
            continue
        pair.status = MentoringPair.Status.AWAITING_ORDER
        pair.save(update_fields=["status", "updated_at"])
        meetings_drop_unheld(pair=pair)


@transaction.atomic
def pair_delete(*, pair: MentoringPair) -> None:
    """Delete a draft made by mistake; its mentees return to the bank. A pair that went to an
    order stays on record and is dissolved instead."""
    if pair.status != MentoringPair.Status.DRAFT:
        raise ValidationError(_("Удалить можно только черновик; остальные пары расформировывают."))
    _mentees_set(pair, [])
    pair.delete()


@transaction.atomic
def pair_dissolve(*, pair: MentoringPair, reason: str) -> None:
    """Dissolve a pair with a reason; its mentees return to the bank."""
    if pair.status in (MentoringPair.Status.COMPLETED, MentoringPair.Status.DISSOLVED):
        raise ValidationError(_("Пара уже завершена или расформирована."))
    if not reason.strip():
        raise ValidationError({"dissolved_reason": _("Укажите причину.")})
    pair.status = MentoringPair.Status.DISSOLVED
    pair.dissolved_reason = reason.strip()
    pair.save(update_fields=["status", "dissolved_reason", "updated_at"])
    for entry in pair.mentees.filter(status=MenteeEntry.Status.PAIRED):
        entry.status = MenteeEntry.Status.IN_BANK
        entry.save(update_fields=["status", "updated_at"])


@transaction.atomic
def pair_complete(*, pair: MentoringPair, on: date | None = None) -> None:
    """An active pair or group finishes its programme on `on` (today by default), before its
    planned end or after it. Its mentees have finished the programme; the meetings planned after
    `on` will not take place and are dropped, while those due by then stay on record, held or
    not, as the monitoring counts them."""
    on = on or timezone.localdate()
    if pair.status != MentoringPair.Status.ACTIVE:
        raise ValidationError(
            _(
                "Пара в статусе «%(status)s»: завершить программу можно только у действующей "
                "пары или группы."
            )
            % {"status": pair.get_status_display()}
        )
    if on < pair.start_date:
        raise ValidationError(
            _("Программа начинается %(start)s: завершить её раньше начала нельзя.")
            % {"start": pair.start_date.strftime("%d.%m.%Y")}
        )
    pair.status = MentoringPair.Status.COMPLETED
    pair.save(update_fields=["status", "updated_at"])
    for entry in pair.mentees.filter(status=MenteeEntry.Status.PAIRED):
        entry.status = MenteeEntry.Status.FINISHED
        entry.save(update_fields=["status", "updated_at"])
    meetings_drop_unheld(pair=pair, after=on)


def pairs_complete_ended(*, on: date | None = None) -> int:
    """Complete the active pairs and groups whose programme ended before `on` (today by
    default), each in a transaction of its own, on its planned end date. Returns how many."""
    on = on or timezone.localdate()
    ended = MentoringPair.objects.filter(status=MentoringPair.Status.ACTIVE, end_date__lt=on)
    completed = 0
    for pk in ended.values_list("pk", flat=True):
        with transaction.atomic():
            pair = MentoringPair.objects.select_for_update().filter(pk=pk).first()
            if pair is not None and pair.status == MentoringPair.Status.ACTIVE:
                pair_complete(pair=pair, on=pair.end_date)
                completed += 1
    return completed
