"""Questionnaires, their versions, campaigns that send them to people, and the answers.

A questionnaire's questions belong to a version. While nobody has answered a version it is
edited in place; once answers exist, an edit makes a new version and the old answers keep the
questions they answered. Answers to the same item are compared across versions and campaigns
by the question's item key.

A campaign invites people through participation records (who was asked, reminded, has
answered, their draft). In an anonymous campaign the response keeps no link to its
participation or person, its id is random and it keeps the day of submission only, so neither
a key nor a time ties an answer to a person.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# A scale (and a matrix's scale) has at most this many points: 0–10 or 1–10 and no wider.
SCALE_MAX_POINTS = 11
MAX_RANKED = 10


class Questionnaire(models.Model):
    class Kind(models.TextChoices):
        MENTOR_CANDIDATE = "mentor_candidate", _("Анкета кандидата в наставники")
        MENTEE_REQUEST = "mentee_request", _("Анкета наставляемого (запрос)")
        PREFERENCE = "preference", _("Предпочтения после групповой встречи")
        FEEDBACK = "feedback", _("Промежуточная обратная связь")
        SATISFACTION = "satisfaction", _("Удовлетворённость участием")
        SELF_ASSESSMENT = "self_assessment", _("Самооценка до и после программы")
        EVALUATION = "evaluation", _("Оценка эффективности программы")
        OTHER = "other", _("Другая анкета")

    class Respondent(models.TextChoices):
        ANY = "any", _("Любой участник")
        MENTOR = "mentor", _("Наставник")
        MENTEE = "mentee", _("Наставляемый")
        CURATOR = "curator", _("Куратор")

    organisation = models.ForeignKey(
        "mentoring.Organisation",
        verbose_name=_("организация"),
        on_delete=models.CASCADE,
        related_name="questionnaires",
    )
    title = models.CharField(_("название"), max_length=300)
    description = models.TextField(_("описание"), blank=True)
    kind = models.CharField(
        _("назначение"), max_length=30, choices=Kind.choices, default=Kind.OTHER
    )
    respondent = models.CharField(
        _("кто заполняет"), max_length=20, choices=Respondent.choices, default=Respondent.ANY
    )
    # The forms of mentoring a satisfaction questionnaire is worded for: a family of
    # MentoringForm by who mentors whom (surveys.library.FORM_CODES, form_code_of).
    form_code = models.CharField(_("форма наставничества"), max_length=20, blank=True)
    # The library entry this questionnaire was installed from, so it is installed once.
    library_key = models.CharField(_("из библиотеки"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("в архиве с"), null=True, blank=True)

    class Meta:
        verbose_name = _("анкета")
        verbose_name_plural = _("анкеты")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "library_key"],
                condition=~Q(library_key=""),
                name="questionnaire_library_once",
            )
        ]

    def __str__(self) -> str:
        return self.title


class QuestionnaireVersion(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("версия"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("версия анкеты")
        verbose_name_plural = _("версии анкет")
        ordering = ["questionnaire", "number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="version_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} (v{self.number})"


class Section(models.Model):
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(_("№"))
    title = models.CharField(_("раздел"), max_length=300)
    description = models.TextField(_("пояснение"), blank=True)

    class Meta:
        verbose_name = _("раздел анкеты")
        verbose_name_plural = _("разделы анкет")
        ordering = ["version", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Короткий текст")
        LONG_TEXT = "long_text", _("Развёрнутый ответ")
        SINGLE = "single", _("Один вариант")
        MULTIPLE = "multiple", _("Несколько вариантов")
        SCALE = "scale", _("Шкала")
        YES_NO = "yes_no", _("Да / нет")
        NUMBER = "number", _("Число")
        DATE = "date", _("Дата")
        MATRIX = "matrix", _("Матрица (несколько пунктов по одной шкале)")
        PERSON_CHOICE = "person_choice", _("Выбор людей по местам")

    class PersonSet(models.TextChoices):
        MENTORS = "mentors", _("Наставники из банка")
        MENTEES = "mentees", _("Наставляемые из банка")
        TEACHERS = "teachers", _("Педагоги школы")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("№"))
    # Stable across versions and campaigns: answers to one item are compared by it.
    key = models.SlugField(_("код пункта"), max_length=60)
    text = models.TextField(_("вопрос"))
    help_text = models.TextField(_("подсказка"), blank=True)
    kind = models.CharField(_("тип вопроса"), max_length=20, choices=Kind.choices)
    required = models.BooleanField(_("обязательный"), default=False)
    # single / multiple: [{"value": "…", "label": "…"}]; allow_other adds «другое» with a text.
    options = models.JSONField(_("варианты ответа"), default=list, blank=True)
    allow_other = models.BooleanField(_("вариант «другое»"), default=False)
    # scale and matrix: integer points scale_min…scale_max, labels of points by position.
    scale_min = models.SmallIntegerField(_("шкала от"), null=True, blank=True)
    scale_max = models.SmallIntegerField(_("шкала до"), null=True, blank=True)
    scale_labels = models.JSONField(_("подписи баллов"), default=list, blank=True)
    # matrix: [{"key": "…", "label": "…"}], each answered on the scale.
    rows = models.JSONField(_("пункты матрицы"), default=list, blank=True)
    # number: bounds.
    min_value = models.FloatField(_("не меньше"), null=True, blank=True)
    max_value = models.FloatField(_("не больше"), null=True, blank=True)
    # person_choice: rank up to max_ranked people of the set.
    person_set = models.CharField(
        _("из кого выбирать"), max_length=20, choices=PersonSet.choices, blank=True
    )
    max_ranked = models.PositiveSmallIntegerField(_("сколько мест"), null=True, blank=True)
    # Shown only when the earlier question show_if_key has one of show_if_values.
    show_if_key = models.SlugField(_("показывать, если пункт"), max_length=60, blank=True)
    show_if_values = models.JSONField(_("имеет значение"), default=list, blank=True)

    class Meta:
        verbose_name = _("вопрос")
        verbose_name_plural = _("вопросы")
        ordering = ["section", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def scale_points(self) -> list[int]:
        if self.scale_min is None or self.scale_max is None:
            return []
        return list(range(self.scale_min, self.scale_max + 1))

    @property
    def rank_places(self) -> list[int]:
        return list(range(1, (self.max_ranked or 0) + 1))

    def clean(self) -> None:
        """What each kind needs. Whether show_if_key names an earlier question of the version
        is checked by the service that saves, which sees the other questions."""
        errors: dict[str, list[str]] = {}

        def add(field: str, message: str) -> None:
            errors.setdefault(field, []).append(message)

        kind = self.kind
        Kind = Question.Kind
        if kind in (Kind.SINGLE, Kind.MULTIPLE):
            self._clean_options(add)
        if kind in (Kind.SCALE, Kind.MATRIX):
            self._clean_scale(add)
        if kind == Kind.MATRIX:
            self._clean_rows(add)
        bounds = (self.min_value, self.max_value)
        if kind == Kind.NUMBER and None not in bounds and bounds[0] > bounds[1]:
            add(
                "max_value",
                gettext(
                    "Верхняя граница числа меньше нижней: поменяйте их местами "
                    "или исправьте одну из них."
                ),
            )
        if kind == Kind.PERSON_CHOICE:
            if not self.person_set:
                add("person_set", gettext("Укажите, из кого выбирать людей."))
            if self.max_ranked is None or not 1 <= self.max_ranked <= MAX_RANKED:
                add(
                    "max_ranked",
                    gettext("Укажите, сколько мест расставить: от 1 до %(max)s.")
                    % {"max": MAX_RANKED},
                )
        if not isinstance(self.show_if_values, list):
            add("show_if_values", gettext("Ответы условия показа должны быть списком."))
            self.show_if_values = []
        if self.show_if_key and self.show_if_key == self.key:
            add("show_if_key", gettext("Вопрос не может зависеть от собственного ответа."))
        if self.show_if_key and not self.show_if_values:
            add(
                "show_if_values",
                gettext("Укажите, при каких ответах на пункт «%(key)s» показывать вопрос.")
                % {"key": self.show_if_key},
            )
        if self.show_if_values and not self.show_if_key:
            add("show_if_key", gettext("Укажите пункт, от ответа на который зависит вопрос."))
        if errors:
            raise ValidationError(errors)

    def _clean_options(self, add) -> None:
        options = self.options if isinstance(self.options, list) else []
        if len(options) < 2:
            add("options", gettext("Нужно хотя бы два варианта ответа, каждый на своей строке."))
            return
        values, labels = [], []
        for number, option in enumerate(options, start=1):
            value = str(option.get("value", "")).strip() if isinstance(option, dict) else ""
            label = str(option.get("label", "")).strip() if isinstance(option, dict) else ""
            if not value or not label:
                add(
                    "options",
                    gettext("У варианта %(number)s нет значения или подписи: заполните оба.")
                    % {"number": number},
                )
            values.append(value)
            labels.append(label)
        for name, items in ((gettext("значение"), values), (gettext("подпись"), labels)):
            repeated = sorted({item for item in items if item and items.count(item) > 1})
            if repeated:
                add(
                    "options",
                    gettext("Варианты ответа повторяются (%(what)s «%(items)s»): у каждого своё.")
                    % {"what": name, "items": "», «".join(repeated)},
                )
        if "__other__" in values:
            add(
                "options",
                gettext(
                    "Значение «__other__» занято вариантом «другое»: включите его флажком, "
                    "а не строкой списка."
                ),
            )

    def _clean_scale(self, add) -> None:
        if self.scale_min is None or self.scale_max is None:
            add("scale_max", gettext("Укажите, от какого до какого балла идёт шкала."))
            return
        if self.scale_min >= self.scale_max:
            add(
                "scale_max",
                gettext("Шкала должна идти от меньшего балла к большему: например, от 1 до 5."),
            )
            return
        points = self.scale_max - self.scale_min + 1
        if points > SCALE_MAX_POINTS:
            add(
                "scale_max",
                gettext("На шкале %(points)s баллов, а можно не больше %(max)s.")
                % {"points": points, "max": SCALE_MAX_POINTS},
            )
        labels = self.scale_labels if isinstance(self.scale_labels, list) else None
        if labels is None or (labels and len(labels) != points):
            add(
                "scale_labels",
                gettext(
                    "Подписей баллов %(labels)s, а баллов на шкале %(points)s: подпишите "
                    "каждый балл (пустая строка — без подписи) или не подписывайте ни одного."
                )
                % {"labels": len(labels or []), "points": points},
            )

    def _clean_rows(self, add) -> None:
        rows = self.rows if isinstance(self.rows, list) else []
        if not rows:
            add("rows", gettext("Добавьте хотя бы один пункт матрицы."))
            return
        keys = []
        for number, row in enumerate(rows, start=1):
            key = str(row.get("key", "")).strip() if isinstance(row, dict) else ""
            label = str(row.get("label", "")).strip() if isinstance(row, dict) else ""
            if not key or not label:
                add(
                    "rows",
                    gettext("У пункта матрицы %(number)s нет кода или названия.")
                    % {"number": number},
                )
            keys.append(key)
        repeated = sorted({key for key in keys if key and keys.count(key) > 1})
        if repeated:
            add(
                "rows",
                gettext("Коды пунктов матрицы повторяются («%(keys)s»): у каждого свой.")
                % {"keys": "», «".join(repeated)},
            )


class Campaign(models.Model):
    class Audience(models.TextChoices):
        ALL_TEACHERS = "all_teachers", _("Все педагоги")
        MENTOR_CANDIDATES = "mentor_candidates", _("Кандидаты в наставники")
        MENTEE_CANDIDATES = "mentee_candidates", _("Кандидаты в наставляемые")
        ACTIVE_MENTORS = "active_mentors", _("Действующие наставники")
        ACTIVE_MENTEES = "active_mentees", _("Действующие наставляемые")
        PAIRS = "pairs", _("Выбранные пары и группы")
        CLASSES = "classes", _("Обучающиеся выбранных классов")
        PARENTS = "parents", _("Родители")
        PARTNERS = "partners", _("Партнёры")
        CHOSEN = "chosen", _("Выбранные люди")

    class Phase(models.TextChoices):
        NONE = "", _("Без этапа")
        BEFORE = "before", _("До программы")
        INTERMEDIATE = "intermediate", _("Промежуточный")
        AFTER = "after", _("После программы")

    organisation = models.ForeignKey(
        "mentoring.Organisation",
        verbose_name=_("организация"),
        on_delete=models.CASCADE,
        related_name="campaigns",
    )
    academic_year = models.ForeignKey(
        "mentoring.AcademicYear",
        verbose_name=_("учебный год"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("анкета"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    title = models.CharField(_("название"), max_length=300)
    audience = models.CharField(_("кому"), max_length=30, choices=Audience.choices)
    pairs = models.ManyToManyField(
        "mentoring.MentoringPair", verbose_name=_("пары и группы"), blank=True, related_name="+"
    )
    classes = models.JSONField(_("классы"), default=list, blank=True)
    # The hand-picked audience (Audience.CHOSEN).
    people = models.ManyToManyField(
        "mentoring.Person", verbose_name=_("выбранные люди"), blank=True, related_name="+"
    )
    anonymous = models.BooleanField(_("анонимно"), default=False)
    phase = models.CharField(_("этап"), max_length=20, choices=Phase.choices, blank=True)
    opens_at = models.DateTimeField(_("открывается"))
    closes_at = models.DateTimeField(_("закрывается"))
    # The psychologist sees the results of a campaign only when it is shared with her.
    shared_with_psychologist = models.BooleanField(_("доступно педагогу-психологу"), default=False)
    # The roadmap activity that called for this survey (roadmap.Activity; surveys may not
    # import roadmap, which marks the activity through mentoring.extensions).
    activity_id = models.PositiveBigIntegerField(null=True, blank=True)
    complete_activity = models.BooleanField(
        _("отметить мероприятие выполненным по окончании"), default=False
    )
    launched_at = models.DateTimeField(_("приглашения разосланы"), null=True, blank=True)
    closed_at = models.DateTimeField(_("закрыта досрочно"), null=True, blank=True)
    # Set once when the campaign ends (closed early or its closing time passed): what follows
    # the end, marking the roadmap activity, runs only once.
    completed_at = models.DateTimeField(_("завершена"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("анкетирование")
        verbose_name_plural = _("анкетирования")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="campaign_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, now) -> bool:
        return self.closed_at is None and self.opens_at <= now < self.closes_at


class Participation(models.Model):
    """One person asked to answer a campaign, about one pair when the questionnaire is filled
    in per pair (the curator's evaluation). Holds the draft until it is submitted."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(
        "mentoring.Person", verbose_name=_("участник"), on_delete=models.CASCADE, related_name="+"
    )
    pair = models.ForeignKey(
        "mentoring.MentoringPair",
        verbose_name=_("пара или группа"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # sha256 of the personal link's token; the token itself is only ever in the link.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    invited_at = models.DateTimeField(_("приглашён"), null=True, blank=True)
    reminded_on = models.DateField(_("последнее напоминание"), null=True, blank=True)
    # item key → value, saved as the person goes.
    draft = models.JSONField(default=dict, blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(_("ответ получен"), null=True, blank=True)

    class Meta:
        verbose_name = _("участие в анкетировании")
        verbose_name_plural = _("участие в анкетированиях")
        ordering = ["campaign", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "person"],
                condition=Q(pair__isnull=True),
                name="participation_once",
            ),
            models.UniqueConstraint(
                fields=["campaign", "person", "pair"],
                condition=Q(pair__isnull=False),
                name="participation_once_per_pair",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "submitted_at"], name="participation_answered")]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.person}"


class Response(models.Model):
    """A submitted questionnaire. In an anonymous campaign participation, person and pair are
    empty and submitted_at is None (the day only is kept)."""

    class Level(models.TextChoices):
        OPTIMAL = "optimal", _("Оптимальный")
        ACCEPTABLE = "acceptable", _("Допустимый")
        UNACCEPTABLE = "unacceptable", _("Недопустимый")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="responses"
    )
    participation = models.OneToOneField(
        Participation, on_delete=models.CASCADE, null=True, blank=True, related_name="response"
    )
    person = models.ForeignKey(
        "mentoring.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    pair = models.ForeignKey(
        "mentoring.MentoringPair",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_on = models.DateField(_("дата ответа"))
    submitted_at = models.DateTimeField(null=True, blank=True)
    # What results are filtered by, as it was when the answer was given.
    role = models.CharField(_("роль"), max_length=20, blank=True)
    form_code = models.CharField(_("форма наставничества"), max_length=20, blank=True)
    category = models.CharField(_("категория"), max_length=40, blank=True)
    # The evaluation's total (0–18) and its level.
    score = models.PositiveSmallIntegerField(_("баллы"), null=True, blank=True)
    level = models.CharField(_("уровень"), max_length=20, choices=Level.choices, blank=True)

    class Meta:
        verbose_name = _("ответ на анкету")
        verbose_name_plural = _("ответы на анкеты")
        ordering = ["campaign", "submitted_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    participation__isnull=True, person__isnull=True, submitted_at__isnull=True
                )
                | Q(participation__isnull=False, person__isnull=False, submitted_at__isnull=False),
                name="response_named_or_anonymous",
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign} ({self.submitted_on:%d.%m.%Y})"


class Answer(models.Model):
    """One item of a response: a question, or one row of a matrix (item_key «key.row»)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    item_key = models.CharField(max_length=130)
    # The value as the form gave it: text, a number, a list of option values, a date string,
    # a list of person ids in rank order.
    value = models.JSONField(null=True)
    # For statistics: the number of a scale, number or yes/no (1/0) answer.
    number = models.FloatField(null=True, blank=True)
    # «другое»: the person's own words.
    other_text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("ответ на вопрос")
        verbose_name_plural = _("ответы на вопросы")
        constraints = [
            models.UniqueConstraint(fields=["response", "item_key"], name="answer_once_per_item")
        ]
        indexes = [models.Index(fields=["question", "number"], name="answer_question_number")]

    def __str__(self) -> str:
        return self.item_key
