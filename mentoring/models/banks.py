"""The banks of mentees and mentors of an academic year (roadmap stages 2–4)."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class MentoringForm(models.Model):
    """A form of mentoring («педагог – педагог», «ученик – ученик», …); schools may add their own."""

    organisation = models.ForeignKey(
        "Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mentoring_forms",
        help_text=_("Пусто — форма из методических рекомендаций, доступна всем школам."),
    )
    name = models.CharField(_("форма наставничества"), max_length=200)

    class Meta:
        verbose_name = _("форма наставничества")
        verbose_name_plural = _("формы наставничества")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    """A request of a mentee or a competence of a mentor, from the school's own catalogue;
    one catalogue for both, so that requests and competences can be matched."""

    organisation = models.ForeignKey("Organisation", on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(_("запрос / компетенция"), max_length=150)

    class Meta:
        verbose_name = _("запрос / компетенция")
        verbose_name_plural = _("запросы и компетенции")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("organisation", Lower("name"), name="tag_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class BankEntry(models.Model):
    """What both banks share: a person of the school in the bank of one academic year."""

    organisation = models.ForeignKey(
        "Organisation", verbose_name=_("организация"), on_delete=models.CASCADE, related_name="+"
    )
    academic_year = models.ForeignKey(
        "AcademicYear", verbose_name=_("учебный год"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "Person", verbose_name=_("участник"), on_delete=models.PROTECT, related_name="+"
    )
    preferred_forms = models.ManyToManyField(
        MentoringForm, verbose_name=_("желаемые формы наставничества"), blank=True, related_name="+"
    )
    comment = models.TextField(_("комментарий"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["person__last_name", "person__first_name"]

    def __str__(self) -> str:
        return str(self.person)


class MenteeEntry(BankEntry):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Кандидат")
        IN_BANK = "in_bank", _("В банке")
        PAIRED = "paired", _("В паре / группе")
        FINISHED = "finished", _("Завершил(а) программу")
        WITHDRAWN = "withdrawn", _("Выбыл(а)")

    class Category(models.TextChoices):
        # The seeds' own wording. Teachers: seed 002 §5.3 (seed 003 names some of them too).
        YOUNG_SPECIALIST = "young_specialist", _("Молодой педагог (молодой специалист)")
        AFTER_BREAK = "after_break", _("Педагог, приступивший к работе после длительного перерыва")
        NEW_PLACE = "new_place", _("Педагог в процессе адаптации на новом месте работы")
        GROWTH = (
            "growth",
            _(
                "Педагог, желающий повысить свой профессиональный уровень в определённом "
                "направлении педагогической деятельности"
            ),
        )
        DIGITAL = (
            "digital",
            _(
                "Педагог, желающий овладеть современными IT-программами, цифровыми навыками, "
                "ИКТ-компетенциями"
            ),
        )
        BURNOUT = (
            "burnout",
            _("Педагог в состоянии профессионального, эмоционального выгорания"),
        )
        OTHER_DIFFICULTIES = (
            "other_difficulties",
            _(
                "Педагог, испытывающий другие профессиональные затруднения (дефициты) и "
                "осознающий потребность в наставнике"
            ),
        )
        INTERN = (
            "intern",
            _(
                "Стажёр / студент с договором о последующем принятии на работу или на "
                "стажировке / практике"
            ),
        )
        # Students: seed 003, and seed 004 (item 1.15) for the last three.
        GIFTED = "gifted", _("Обучающийся, проявивший выдающиеся способности")
        LOW_RESULTS = (
            "low_results",
            _("Обучающийся, демонстрирующий неудовлетворительные образовательные результаты"),
        )
        DISABILITIES = "disabilities", _("Обучающийся с ограниченными возможностями здоровья")
        HARD_SITUATION = (
            "hard_situation",
            _("Обучающийся, попавший в трудную жизненную ситуацию"),
        )
        BEHAVIOUR = "behaviour", _("Обучающийся, имеющий проблемы с поведением")
        DISENGAGED = (
            "disengaged",
            _("Обучающийся, не принимающий участия в жизни школы, отстранённый от коллектива"),
        )
        LOW_INCOME = "low_income", _("Обучающийся из малоимущей семьи")
        RURAL = (
            "rural",
            _(
                "Обучающийся, проживающий в сельской местности, на труднодоступной и "
                "отдалённой территории"
            ),
        )
        ORPHAN = "orphan", _("Ребёнок-сирота (оставшийся без попечения родителей)")

    class Source(models.TextChoices):
        QUESTIONNAIRE = "questionnaire", _("Анкета самого наставляемого")
        PSYCHOLOGIST = "psychologist", _("Педагог-психолог")
        PERSONAL_FILE = "personal_file", _("Личное дело")
        METHODICAL_WORK = "methodical_work", _("Анализ методической работы")
        ATTESTATION = "attestation", _("Рекомендации по итогам аттестации")
        CLASS_TEACHER = "class_teacher", _("Классный руководитель")
        PARENTS = "parents", _("Родители")

    status = models.CharField(
        _("статус"), max_length=20, choices=Status.choices, default=Status.CANDIDATE
    )
    categories = models.JSONField(_("категории"), default=list, blank=True)
    requests = models.ManyToManyField(
        Tag, verbose_name=_("запросы"), blank=True, related_name="mentee_entries"
    )
    requests_text = models.TextField(_("запрос своими словами"), blank=True)
    request_sources = models.JSONField(_("источники запроса"), default=list, blank=True)
    # Seed 000, stage 4: left without a mentor, supported by the psychologist meanwhile.
    needs_support = models.BooleanField(_("нужна поддержка педагога-психолога"), default=False)

    class Meta(BankEntry.Meta):
        verbose_name = _("запись банка наставляемых")
        verbose_name_plural = _("банк наставляемых")
        constraints = [
            models.UniqueConstraint(fields=["academic_year", "person"], name="mentee_once_a_year")
        ]


class MentorEntry(BankEntry):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Кандидат")
        INTERVIEWED = "interviewed", _("Собеседование пройдено")
        TRAINED = "trained", _("Обучение пройдено")
        IN_BANK = "in_bank", _("В банке")
        ARCHIVED = "archived", _("В архиве")

    class Ground(models.TextChoices):
        # The seeds' own wording. Teachers: seed 002 §5.1.
        HIGHEST_CATEGORY = (
            "highest_category",
            _(
                "Педагог высшей квалификационной категории, имеющий устойчивые профессиональные "
                "достижения и успехи"
            ),
        )
        CONTEST_WINNER = "contest_winner", _("Победитель различных профессиональных конкурсов")
        AUTHOR = "author", _("Автор учебных пособий и материалов")
        WEBINAR_HOST = "webinar_host", _("Ведущий вебинаров и семинаров")
        COMMUNITY_LEADER = (
            "community_leader",
            _("Руководитель педагогического сообщества, в том числе в дистанционном режиме"),
        )
        HIGH_QUALITY = (
            "high_quality",
            _(
                "Педагог, стабильно показывающий высокое качество образования обучающихся по "
                "своему предмету вне зависимости от контингента детей"
            ),
        )
        SHARES_EXPERIENCE = (
            "shares_experience",
            _(
                "Педагогический или руководящий работник, активно транслирующий собственный "
                "положительный педагогический опыт в системе повышения квалификации"
            ),
        )
        PROJECT_PARTICIPANT = (
            "project_participant",
            _(
                "Активный участник региональных / муниципальных проектов и/или автор "
                "реализуемых педагогических проектов"
            ),
        )
        # Seed 003: the base of mentors, and its roadmap («Отбор наставников»).
        EXPERIENCE_REPLICATION = (
            "experience_replication",
            _(
                "Педагог или специалист, заинтересованный в тиражировании личного педагогического "
                "опыта и создании продуктивной педагогической атмосферы"
            ),
        )
        VOLUNTEER = (
            "volunteer",
            _("Педагог, самостоятельно выражающий желание помочь педагогу"),
        )
        VETERAN = "veteran", _("Ветеран педагогического труда")
        MOTIVATED_STUDENT = (
            "motivated_student",
            _(
                "Обучающийся, мотивированный помочь сверстникам в образовательных, спортивных, "
                "творческих и адаптационных вопросах"
            ),
        )
        UNIVERSITY_STUDENT = (
            "university_student",
            _("Студент (форма «студент – ученик»)"),
        )
        ACTIVE_PARENT = (
            "active_parent",
            _("Родитель обучающегося — активный участник родительского или управляющего совета"),
        )

    status = models.CharField(
        _("статус"), max_length=20, choices=Status.choices, default=Status.CANDIDATE
    )
    grounds = models.JSONField(_("основания"), default=list, blank=True)
    competences = models.ManyToManyField(
        Tag, verbose_name=_("компетенции"), blank=True, related_name="mentor_entries"
    )
    capacity = models.PositiveSmallIntegerField(
        _("наставляемых одновременно"),
        default=1,
        help_text=_("Сколько наставляемых наставник готов вести одновременно."),
    )
    interview_date = models.DateField(_("дата собеседования"), null=True, blank=True)
    interview_result = models.CharField(_("итог собеседования"), max_length=200, blank=True)
    interview_notes = models.TextField(_("заметки собеседования"), blank=True)
    interview_psychologist_present = models.BooleanField(
        _("присутствовал педагог-психолог"), default=False
    )
    training_course = models.CharField(_("курс обучения (КПК)"), max_length=300, blank=True)
    training_hours = models.PositiveSmallIntegerField(_("часов"), null=True, blank=True)
    training_date = models.DateField(_("дата окончания обучения"), null=True, blank=True)
    training_certificate = models.CharField(_("номер удостоверения"), max_length=100, blank=True)

    class Meta(BankEntry.Meta):
        verbose_name = _("запись банка наставников")
        verbose_name_plural = _("банк наставников")
        constraints = [
            models.UniqueConstraint(fields=["academic_year", "person"], name="mentor_once_a_year"),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1, capacity__lte=10), name="mentor_capacity_1_10"
            ),
        ]


class PsychologistNote(models.Model):
    """A confidential note on a mentee; only the curator and the psychologist read it."""

    entry = models.ForeignKey(
        MenteeEntry, verbose_name=_("наставляемый"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("автор"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("заметка"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("заметка педагога-психолога")
        verbose_name_plural = _("заметки педагога-психолога")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:50]
