"""Mentoring pairs and groups (roadmap stages 4–5) and what they are formed from."""

from dataclasses import fields
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import matching


class RoleModel(models.Model):
    """A role model inside a form of mentoring (seed 003), e.g. «опытный педагог – молодой
    специалист»."""

    form = models.ForeignKey("MentoringForm", on_delete=models.CASCADE, related_name="role_models")
    organisation = models.ForeignKey(
        "Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("ролевая модель"), max_length=200)
    aim = models.TextField(_("цель"), blank=True)
    tasks = models.TextField(_("задачи"), blank=True)
    expected_results = models.TextField(_("ожидаемый результат"), blank=True)

    class Meta:
        verbose_name = _("ролевая модель")
        verbose_name_plural = _("ролевые модели")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class MentoringType(models.Model):
    """A kind («вид») of mentoring (seed 002 §3): traditional, group, virtual, …"""

    class Code(models.TextChoices):
        TRADITIONAL = "traditional", _("Традиционное")
        GROUP = "group", _("Групповое")
        VIRTUAL = "virtual", _("Виртуальное (дистанционное)")
        SHORT_TERM = "short_term", _("Краткосрочное (целеполагающее)")
        REVERSE = "reverse", _("Реверсивное")
        SITUATIONAL = "situational", _("Ситуационное")
        SPEED = "speed", _("Скоростное")
        OTHER = "other", _("Другое")

    organisation = models.ForeignKey(
        "Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    code = models.CharField(_("код"), max_length=20, choices=Code.choices)
    name = models.CharField(_("вид наставничества"), max_length=200)

    class Meta:
        verbose_name = _("вид наставничества")
        verbose_name_plural = _("виды наставничества")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Preference(models.Model):
    """A participant's choice of a preferred partner after the group meeting (seed 000, stage 4),
    up to three in order."""

    academic_year = models.ForeignKey(
        "AcademicYear", verbose_name=_("учебный год"), on_delete=models.CASCADE, related_name="+"
    )
    chooser = models.ForeignKey(
        "Person",
        verbose_name=_("кто выбирает"),
        on_delete=models.CASCADE,
        related_name="preferences_given",
    )
    chosen = models.ForeignKey(
        "Person",
        verbose_name=_("кого выбирает"),
        on_delete=models.CASCADE,
        related_name="preferences_received",
    )
    rank = models.PositiveSmallIntegerField(_("место"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто внёс"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("предпочтение")
        verbose_name_plural = _("предпочтения")
        ordering = ["chooser", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["academic_year", "chooser", "rank"], name="preference_one_per_rank"
            ),
            models.UniqueConstraint(
                fields=["academic_year", "chooser", "chosen"], name="preference_once"
            ),
            models.CheckConstraint(
                condition=Q(rank__gte=1, rank__lte=3), name="preference_rank_1_3"
            ),
            models.CheckConstraint(
                condition=~Q(chooser=models.F("chosen")), name="preference_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.chooser} → {self.chosen} ({self.rank})"


class MentoringPair(models.Model):
    """A pair (one mentee) or a group (two or more) with one mentor and an optional co-mentor."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Черновик")
        AWAITING_ORDER = "awaiting_order", _("Ожидает приказа")
        ACTIVE = "active", _("Действует")
        COMPLETED = "completed", _("Завершена")
        DISSOLVED = "dissolved", _("Расформирована")

    organisation = models.ForeignKey(
        "Organisation", verbose_name=_("организация"), on_delete=models.CASCADE, related_name="+"
    )
    academic_year = models.ForeignKey(
        "AcademicYear", verbose_name=_("учебный год"), on_delete=models.PROTECT, related_name="+"
    )
    mentor = models.ForeignKey(
        "MentorEntry", verbose_name=_("наставник"), on_delete=models.PROTECT, related_name="pairs"
    )
    co_mentor = models.ForeignKey(
        "MentorEntry",
        verbose_name=_("со-наставник"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="co_pairs",
    )
    mentees = models.ManyToManyField(
        "MenteeEntry", verbose_name=_("наставляемые"), related_name="pairs"
    )
    form = models.ForeignKey(
        "MentoringForm",
        verbose_name=_("форма наставничества"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role_model = models.ForeignKey(
        RoleModel,
        verbose_name=_("ролевая модель"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    mentoring_type = models.ForeignKey(
        MentoringType,
        verbose_name=_("вид наставничества"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    start_date = models.DateField(_("начало"))
    end_date = models.DateField(_("окончание"))
    status = models.CharField(
        _("статус"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    dissolved_reason = models.TextField(_("причина расформирования"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("наставническая пара / группа")
        verbose_name_plural = _("наставнические пары и группы")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")), name="pair_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(co_mentor=models.F("mentor")), name="pair_co_mentor_differs"
            ),
        ]

    def __str__(self) -> str:
        return str(self.mentor)

    def mentor_entries(self) -> list:
        return [m for m in (self.mentor, self.co_mentor) if m is not None]

    def members(self) -> list:
        """Mentors, then mentees (prefetch mentees where this runs for many pairs)."""
        return [*self.mentor_entries(), *self.mentees.all()]


class MatchDecision(models.Model):
    """The curator's verdict on a suggested pair: pinned pairs stay fixed when the matching is
    run again, rejected pairs are never suggested."""

    class Kind(models.TextChoices):
        PINNED = "pinned", _("Закреплена")
        REJECTED = "rejected", _("Отклонена")

    academic_year = models.ForeignKey("AcademicYear", on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey("MenteeEntry", on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey("MentorEntry", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("решение"), max_length=10, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("решение по подбору пары")
        verbose_name_plural = _("решения по подбору пар")
        constraints = [
            models.UniqueConstraint(
                fields=["academic_year", "mentee", "mentor"], name="match_decision_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentee} – {self.mentor}: {self.get_kind_display()}"


WEIGHT_FIELDS = tuple(field.name for field in fields(matching.Weights))
WEIGHT_MAX = 10
WEIGHT_ERROR = _("Вес — число от 0 до 10.")
_DEFAULT_WEIGHTS = matching.Weights()


def _weight(name: str, verbose_name, help_text) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=4,
        decimal_places=2,
        default=Decimal(str(getattr(_DEFAULT_WEIGHTS, name))),
        validators=[
            MinValueValidator(0, message=WEIGHT_ERROR),
            MaxValueValidator(WEIGHT_MAX, message=WEIGHT_ERROR),
        ],
        help_text=help_text,
    )


class MatchingWeights(models.Model):
    """A school's weights of the matching criteria; without a row the defaults of
    matching.Weights apply. Field names are those of matching.Weights."""

    organisation = models.OneToOneField(
        "Organisation",
        verbose_name=_("организация"),
        on_delete=models.CASCADE,
        related_name="matching_weights",
    )
    tags = _weight(
        "tags",
        _("запросы ↔ компетенции"),
        _(
            "Запросы наставляемого совпадают с компетенциями наставника: полный вес, "
            "если совпали все запросы, и доля веса, если часть."
        ),
    )
    subject = _weight(
        "subject",
        _("предмет"),
        _("Наставник и наставляемый преподают или изучают хотя бы один общий предмет."),
    )
    category_fit = _weight(
        "category_fit",
        _("категория"),
        _(
            "Наставник подходит категории наставляемого: молодому специалисту, педагогу после "
            "перерыва, на новом месте или стажёру — педагог высшей категории или со стажем от "
            "10 лет (половина веса за первую категорию); ученику с низкими результатами, "
            "пассивному или с трудностями в поведении — ученик-наставник (половина веса за "
            "педагога)."
        ),
    )
    mutual_preference = _weight(
        "mutual_preference",
        _("взаимное предпочтение"),
        _(
            "Наставник и наставляемый выбрали друг друга: полный вес, если оба поставили друг "
            "друга на первое место, меньше — за второе и третье."
        ),
    )
    one_sided_preference = _weight(
        "one_sided_preference",
        _("одностороннее предпочтение"),
        _(
            "Только одна сторона выбрала другую: полный вес за первое место, меньше — за "
            "второе и третье."
        ),
    )
    same_school = _weight(
        "same_school",
        _("та же школа"),
        _("Наставник и наставляемый из одной школы."),
    )
    forms = _weight(
        "forms",
        _("предпочитаемые формы"),
        _("У наставника и наставляемого есть общая предпочитаемая форма наставничества."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("кто изменил"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("веса критериев подбора")
        verbose_name_plural = _("веса критериев подбора")

    def __str__(self) -> str:
        return str(self.organisation)


class Programme(models.Model):
    """The personalised programme of a pair or group (seed 002 §1.3): from the mentee's
    difficulties and strengths to the tasks, directions of work and the dated plan."""

    pair = models.OneToOneField(
        MentoringPair,
        verbose_name=_("пара / группа"),
        on_delete=models.CASCADE,
        related_name="programme",
    )
    difficulties = models.TextField(_("затруднения наставляемого"), blank=True)
    strengths = models.TextField(_("сильные стороны и ресурсы наставляемого"), blank=True)
    goal = models.TextField(_("цель"))
    tasks = models.TextField(_("задачи"), blank=True)
    directions = models.TextField(_("направления работы"), blank=True)
    expected_results = models.TextField(_("ожидаемые результаты"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("персонализированная программа")
        verbose_name_plural = _("персонализированные программы")

    def __str__(self) -> str:
        return self.goal[:60]


class ProgrammeItem(models.Model):
    """One activity of a programme's plan, dated to a day or to a month."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("программа"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("№"))
    planned_on = models.DateField(_("срок"))
    month_only = models.BooleanField(_("срок — месяц"), default=False)
    activity = models.TextField(_("мероприятие"))
    expected_result = models.TextField(_("ожидаемый результат"), blank=True)
    done = models.BooleanField(_("выполнено"), default=False)
    evidence = models.CharField(_("подтверждение"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("пункт плана")
        verbose_name_plural = _("план программы")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.activity[:60]


class Meeting(models.Model):
    """A meeting of a pair or group; the standard sequence is planned when the pair starts
    (seed 000 stage 5, seed 004 item 3.6)."""

    class Kind(models.TextChoices):
        ORGANISATIONAL = "organisational", _("Организационная встреча (знакомство)")
        TRIAL = "trial", _("Пробная рабочая встреча")
        PLANNING = "planning", _("Встреча-планирование")
        REGULAR = "regular", _("Регулярная встреча")
        FINAL = "final", _("Итоговая встреча")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("Очно")
        ONLINE = "online", _("Онлайн")

    pair = models.ForeignKey(
        MentoringPair,
        verbose_name=_("пара / группа"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    kind = models.CharField(_("вид встречи"), max_length=20, choices=Kind.choices)
    planned_on = models.DateField(_("запланирована на"))
    held_on = models.DateField(_("проведена"), null=True, blank=True)
    format = models.CharField(
        _("формат"), max_length=10, choices=Format.choices, default=Format.IN_PERSON
    )
    topic = models.CharField(_("тема"), max_length=300, blank=True)
    notes = models.TextField(_("заметки"), blank=True)

    class Meta:
        verbose_name = _("встреча")
        verbose_name_plural = _("встречи")
        ordering = ["planned_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.planned_on:%d.%m.%Y}"


class MeetingFeedback(models.Model):
    """A participant's short feedback after a regular meeting, shown to the other side only once
    both have answered."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey("Person", on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField(_("оценка"))
    comment = models.TextField(_("комментарий"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("отзыв о встрече")
        verbose_name_plural = _("отзывы о встречах")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "author"], name="feedback_once"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.rating}"
