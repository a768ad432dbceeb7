"""Results of campaigns: per question figures aggregated in SQL, the text answers, the
before/after comparison and the evaluation table.

Every figure comes from GROUP BY queries over Answer (by item key and value or number), so a
page asks the same number of queries at 100 responses as at 10,000. A choice of several options
is grouped by the whole list: the lists that occur are few (at most every combination of the
options), and each one's count is added to its options here.

An anonymous campaign protects small groups: fewer than MIN_GROUP responses in what is shown
(the whole campaign, a filtered part, one school) and no figure is shown at all.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from statistics import median as _median
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.search import with_every_word
from mentoring.models import MentoringType, Person

from ..models import Answer, Campaign, Participation, Question, Response, Section

# Fewer responses than this in an anonymous breakdown and its figures are hidden.
MIN_GROUP = 5
HIDDEN_MESSAGE = gettext_lazy(
    "Меньше 5 ответов — данные скрыты, чтобы нельзя было узнать отвечавших"
)
# Text answers shown on a question's card; the rest on the question's own page.
TEXTS_ON_CARD = 5
OTHER = "__other__"
TEXT_KINDS = (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT)
# Kinds whose answers carry a number (Answer.number).
NUMERIC_KINDS = (
    Question.Kind.SCALE,
    Question.Kind.YES_NO,
    Question.Kind.NUMBER,
    Question.Kind.MATRIX,
)
# Kinds whose answers are grouped by their value.
VALUE_KINDS = (
    Question.Kind.SINGLE,
    Question.Kind.MULTIPLE,
    Question.Kind.DATE,
    Question.Kind.PERSON_CHOICE,
)
FILTER_FIELDS = ("form_code", "role", "category")

_ROLE_LABELS = {
    "mentor": gettext_lazy("Наставник"),
    "mentee": gettext_lazy("Наставляемый"),
    "curator": gettext_lazy("Куратор"),
    "other": gettext_lazy("Другой участник"),
}


def _labels(choices) -> dict[str, str]:
    return {value: label for value, label in choices}


def filter_label(field_name: str, value: str) -> str:
    """How a response's form, role or category is named in filters and tables."""
    if field_name == "form_code":
        return str(_labels(MentoringType.Code.choices).get(value, value))
    if field_name == "role":
        return str(_ROLE_LABELS.get(value, value))
    categories = {**_labels(Person.Kind.choices), **_labels(Person.Category.choices)}
    return str(categories.get(value, value))


@dataclass(frozen=True)
class ResultFilters:
    form_code: str = ""
    role: str = ""
    category: str = ""
    school: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.form_code or self.role or self.category or self.school)

    def q(self, prefix: str = "") -> Q:
        condition = Q()
        for name in FILTER_FIELDS:
            if getattr(self, name):
                condition &= Q(**{f"{prefix}{name}": getattr(self, name)})
        if self.school:
            condition &= Q(**{f"{prefix}campaign__organisation_id": self.school})
        return condition


@dataclass
class Bar:
    """One bar of a chart and one line of its table."""

    label: str
    count: int
    percent: float = 0.0


@dataclass
class MatrixRow:
    key: str
    label: str
    n: int
    mean: float | None
    bars: list[Bar]


@dataclass
class PersonRank:
    name: str
    first_places: int
    mentions: int


@dataclass
class ItemResult:
    question: Question
    section: str
    n: int = 0
    bars: list[Bar] = field(default_factory=list)
    mean: float | None = None
    median: float | None = None
    # The standard deviation of a scale: how widely the answers spread around the mean.
    deviation: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    earliest: date | None = None
    latest: date | None = None
    rows: list[MatrixRow] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    text_count: int = 0
    people: list[PersonRank] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.question.key

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def chart(self) -> dict | None:
        """What survey_charts.js draws: the bars of a choice, a yes/no or a scale, the means
        of a matrix's rows."""
        if self.kind == Question.Kind.MATRIX:
            if not self.rows:
                return None
            return {
                "type": "matrix",
                "labels": [row.label for row in self.rows],
                "data": [round(row.mean, 2) if row.mean is not None else 0 for row in self.rows],
                "min": self.question.scale_min,
                "max": self.question.scale_max,
                "label": _("Среднее"),
            }
        if not self.bars or not self.n:
            return None
        horizontal = self.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
        return {
            "type": "horizontal" if horizontal else "bar",
            "labels": [bar.label for bar in self.bars],
            "data": [bar.count for bar in self.bars],
            "label": _("Ответов"),
        }


@dataclass
class CampaignResults:
    responses: int
    invited: int
    submitted: int
    hidden: bool
    items: list[ItemResult]
    anonymous: bool
    filters: ResultFilters

    @property
    def rate(self) -> float | None:
        return round(100 * self.submitted / self.invited, 1) if self.invited else None


def _as_list(campaigns: Campaign | list[Campaign]) -> list[Campaign]:
    return [campaigns] if isinstance(campaigns, Campaign) else list(campaigns)


def _questions(version_ids) -> list[tuple[Question, str]]:
    """The questions of the versions in order, each key once (the first version's wording)."""
    questions = Question.objects.filter(section__version_id__in=version_ids).select_related(
        "section"
    )
    seen = set()
    result = []
    for question in questions.order_by("section__version_id", "section__position", "position"):
        if question.key not in seen:
            seen.add(question.key)
            result.append((question, question.section.title))
    return result


def _response_filter(campaign_ids, filters: ResultFilters) -> Q:
    return Q(response__campaign_id__in=campaign_ids) & filters.q("response__")


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def _weighted_stats(pairs: list[tuple[float, int]]) -> tuple[int, float, float, float, float]:
    """n, mean, median, min and max of numbers given with how often each occurs."""
    n = sum(count for _number, count in pairs)
    total = sum(number * count for number, count in pairs)
    ordered = sorted(pairs)
    halves = []
    for middle in {(n - 1) // 2, n // 2}:
        seen = 0
        for number, count in ordered:
            seen += count
            if seen > middle:
                halves.append(number)
                break
    return n, total / n, _median(halves), ordered[0][0], ordered[-1][0]


def _point_label(question: Question, point: int) -> str:
    labels = question.scale_labels or []
    position = point - (question.scale_min or 0)
    label = labels[position] if 0 <= position < len(labels) else ""
    return f"{point} — {label}" if label else str(point)


def _scale_bars(question: Question, counts: dict[float, int], n: int) -> list[Bar]:
    low, high = question.scale_min or 0, question.scale_max or 0
    return [
        Bar(_point_label(question, point), counts.get(point, 0), _percent(counts.get(point, 0), n))
        for point in range(low, high + 1)
    ]


def _option_bars(question: Question, counts: dict[str, int], n: int) -> list[Bar]:
    labels = {option["value"]: option["label"] for option in question.options or []}
    values = list(labels)
    if question.allow_other or counts.get(OTHER):
        values.append(OTHER)
    # Options of an earlier version the answers still carry.
    values += [value for value in counts if value not in values]
    labels[OTHER] = _("Другое")
    return [
        Bar(labels.get(value, value), counts.get(value, 0), _percent(counts.get(value, 0), n))
        for value in values
    ]


def _numbers(answers: QuerySet, keys) -> dict[str, dict[float, int]]:
    counts: dict[str, dict[float, int]] = defaultdict(dict)
    rows = (
        answers.filter(item_key__in=keys, number__isnull=False)
        .values_list("item_key", "number")
        .annotate(count=Count("id"))
        .order_by()
    )
    for key, number, count in rows:
        counts[key][number] = count
    return counts


def _values(answers: QuerySet, keys) -> dict[str, list[tuple[Any, int]]]:
    grouped: dict[str, list[tuple[Any, int]]] = defaultdict(list)
    rows = (
        answers.filter(item_key__in=keys)
        .values_list("item_key", "value")
        .annotate(count=Count("id"))
        .order_by()
    )
    for key, value, count in rows:
        grouped[key].append((value, count))
    return grouped


def _texts(answers: QuerySet, text_keys, other_keys) -> tuple[dict, dict]:
    """How many text answers (and «другое» texts) each question has, and the latest few.

    Answers are written when a response is submitted, so the highest ids are the latest; that
    order needs no join to the responses' dates."""
    condition = Q(item_key__in=text_keys) | (Q(item_key__in=other_keys) & ~Q(other_text=""))
    texts = answers.filter(condition)
    counts = dict(texts.values_list("item_key").annotate(count=Count("id")).order_by())
    latest: dict[str, list[str]] = defaultdict(list)
    ranked = (
        texts.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("item_key")],
                order_by=[F("id").desc()],
            )
        )
        .filter(rank__lte=TEXTS_ON_CARD)
        .values_list("item_key", "value", "other_text")
        .order_by("item_key", "rank")
    )
    for key, value, other_text in ranked:
        latest[key].append(other_text if key in other_keys else str(value or ""))
    return counts, latest


def _fill_item(item: ItemResult, numbers: dict, values: dict, names: dict) -> None:
    question = item.question
    kind = question.kind
    if kind == Question.Kind.MATRIX:
        for row in question.rows or []:
            counts = numbers.get(f"{question.key}.{row['key']}", {})
            n = sum(counts.values())
            mean = sum(p * c for p, c in counts.items()) / n if n else None
            item.rows.append(
                MatrixRow(row["key"], row["label"], n, mean, _scale_bars(question, counts, n))
            )
        item.n = max((row.n for row in item.rows), default=0)
    elif kind in (Question.Kind.SCALE, Question.Kind.NUMBER, Question.Kind.YES_NO):
        counts = numbers.get(question.key, {})
        if counts:
            item.n, item.mean, item.median, item.minimum, item.maximum = _weighted_stats(
                list(counts.items())
            )
            spread = sum(c * (p - item.mean) ** 2 for p, c in counts.items()) / item.n
            item.deviation = spread**0.5
        if kind == Question.Kind.SCALE:
            item.bars = _scale_bars(question, counts, item.n)
        elif kind == Question.Kind.YES_NO:
            item.bars = [
                Bar(_("Да"), counts.get(1, 0), _percent(counts.get(1, 0), item.n)),
                Bar(_("Нет"), counts.get(0, 0), _percent(counts.get(0, 0), item.n)),
            ]
    elif kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        counts: dict[str, int] = defaultdict(int)
        for value, count in values.get(question.key, []):
            item.n += count
            for chosen in value if isinstance(value, list) else [value]:
                counts[str(chosen)] += count
        item.bars = _option_bars(question, counts, item.n)
    elif kind == Question.Kind.DATE:
        days = [(value, count) for value, count in values.get(question.key, []) if value]
        item.n = sum(count for _value, count in days)
        if days:
            item.earliest = date.fromisoformat(min(value for value, _count in days))
            item.latest = date.fromisoformat(max(value for value, _count in days))
    elif kind == Question.Kind.PERSON_CHOICE:
        first: dict[int, int] = defaultdict(int)
        mentions: dict[int, int] = defaultdict(int)
        for value, count in values.get(question.key, []):
            if not isinstance(value, list) or not value:
                continue
            item.n += count
            first[value[0]] += count
            for person_id in value:
                mentions[person_id] += count
        item.people = sorted(
            (
                PersonRank(names.get(pid, _("(удалён)")), first[pid], mentions[pid])
                for pid in mentions
            ),
            key=lambda rank: (-rank.first_places, -rank.mentions, rank.name),
        )


def response_rate(campaign_ids, school: int | None = None) -> tuple[int, int]:
    """Invited and answered people of the campaigns (participations), in one query."""
    participations = Participation.objects.filter(campaign_id__in=campaign_ids)
    if school:
        participations = participations.filter(campaign__organisation_id=school)
    figures = participations.aggregate(
        invited=Count("id"), submitted=Count("id", filter=Q(submitted_at__isnull=False))
    )
    return figures["invited"], figures["submitted"]


def protected(campaign: Campaign, filters: ResultFilters | None = None) -> bool:
    """Whether an anonymous campaign's figures (of this filtered part) are hidden: fewer than
    MIN_GROUP responses. One query, and none for a named campaign."""
    if not campaign.anonymous:
        return False
    filters = filters or ResultFilters()
    return Response.objects.filter(Q(campaign=campaign) & filters.q()).count() < MIN_GROUP


def question_results(
    campaigns: Campaign | list[Campaign],
    filters: ResultFilters | None = None,
    *,
    with_people: bool = False,
) -> CampaignResults:
    """Per question figures of the campaign(s), in a fixed number of queries.

    `with_people` adds who was chosen in person-choice questions: named campaigns only, for
    those who may read named answers."""
    filters = filters or ResultFilters()
    campaigns = _as_list(campaigns)
    ids = [campaign.pk for campaign in campaigns]
    anonymous = any(campaign.anonymous for campaign in campaigns)
    invited, submitted = response_rate(ids, filters.school)
    responses = Response.objects.filter(Q(campaign_id__in=ids) & filters.q()).count()
    hidden = anonymous and responses < MIN_GROUP
    questions = _questions({campaign.version_id for campaign in campaigns})
    items = [ItemResult(question, section) for question, section in questions]
    results = CampaignResults(
        responses, invited, submitted, hidden, items if not hidden else [], anonymous, filters
    )
    if hidden or not responses:
        return results

    answers = Answer.objects.filter(_response_filter(ids, filters))
    by_kind: dict[str, list[Question]] = defaultdict(list)
    for question, _section in questions:
        by_kind[question.kind].append(question)
    numeric_keys = [
        key
        for question, _section in questions
        if question.kind in NUMERIC_KINDS
        for key in (
            [f"{question.key}.{row['key']}" for row in question.rows or []]
            if question.kind == Question.Kind.MATRIX
            else [question.key]
        )
    ]
    value_kinds = [
        kind
        for kind in VALUE_KINDS
        if kind != Question.Kind.PERSON_CHOICE or (with_people and not anonymous)
    ]
    value_keys = [q.key for kind in value_kinds for q in by_kind[kind]]
    numbers = _numbers(answers, numeric_keys) if numeric_keys else {}
    values = _values(answers, value_keys) if value_keys else {}
    names = {}
    person_choice = [q.key for q in by_kind[Question.Kind.PERSON_CHOICE]]
    if with_people and not anonymous and person_choice:
        chosen = {
            pid for key in person_choice for value, _c in values.get(key, []) for pid in value
        }
        names = {
            person.pk: person.full_name
            for person in Person.objects.filter(pk__in=chosen).only(
                "last_name", "first_name", "patronymic"
            )
        }
    text_keys = [q.key for kind in TEXT_KINDS for q in by_kind[kind]]
    other_keys = [
        q.key
        for kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
        for q in by_kind[kind]
        if q.allow_other
    ]
    counts, latest = _texts(answers, text_keys, other_keys) if text_keys or other_keys else ({}, {})
    for item in items:
        _fill_item(item, numbers, values, names)
        item.text_count = counts.get(item.key, 0)
        item.texts = latest.get(item.key, [])
        if item.kind in TEXT_KINDS:
            item.n = item.text_count
    return results


def filter_choices(campaigns: Campaign | list[Campaign] | list[int]) -> dict:
    """The forms, roles and categories the responses carry, for the filters (one query)."""
    ids = [getattr(campaign, "pk", campaign) for campaign in _as_list(campaigns)]
    found: dict[str, set[str]] = {name: set() for name in FILTER_FIELDS}
    for row in Response.objects.filter(campaign_id__in=ids).values(*FILTER_FIELDS).distinct():
        for name in FILTER_FIELDS:
            if row[name]:
                found[name].add(row[name])
    return {
        name: sorted(((value, filter_label(name, value)) for value in values), key=lambda c: c[1])
        for name, values in found.items()
    }


def text_answers(campaign: Campaign, question: Question, filters: ResultFilters) -> QuerySet:
    """The texts given to one question (its «другое» for a choice), the latest first."""
    answers = Answer.objects.filter(_response_filter([campaign.pk], filters), item_key=question.key)
    if question.kind in TEXT_KINDS:
        return answers.order_by("-id").values_list("value", flat=True)
    return answers.exclude(other_text="").order_by("-id").values_list("other_text", flat=True)


def version_questions(version_id: int) -> list[Question]:
    return list(
        Question.objects.filter(section__version_id=version_id).order_by(
            "section__position", "position", "pk"
        )
    )


def answer_text(question: Question, value: Any, other_text: str = "", names=None) -> str:
    """One answer as a reader sees it: option labels, «да»/«нет», a date as ДД.ММ.ГГГГ,
    chosen people by name in rank order."""
    if value is None or value == "" or value == []:
        return ""
    kind = question.kind
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        labels = {option["value"]: option["label"] for option in question.options or []}
        chosen = value if isinstance(value, list) else [value]
        words = []
        for option in chosen:
            if option == OTHER:
                words.append(
                    _("Другое: %(text)s") % {"text": other_text} if other_text else _("Другое")
                )
            else:
                words.append(labels.get(option, str(option)))
        return "; ".join(words)
    if kind == Question.Kind.YES_NO:
        return _("Да") if value else _("Нет")
    if kind == Question.Kind.DATE:
        try:
            return date.fromisoformat(value).strftime("%d.%m.%Y")
        except (TypeError, ValueError):
            return str(value)
    if kind == Question.Kind.SCALE:
        return _point_label(question, int(value))
    if kind == Question.Kind.PERSON_CHOICE:
        names = names or {}
        return "; ".join(
            f"{place}. {names.get(pid, _('(удалён)'))}" for place, pid in enumerate(value, 1)
        )
    if kind == Question.Kind.NUMBER and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class ResponseRow:
    response: Response
    cells: list[str]


def participant_rows(
    campaign: Campaign, responses: list[Response], questions: list[Question]
) -> list[ResponseRow]:
    """A page of named responses with each question's answer as text, in two queries."""
    answers: dict[Any, dict[str, Answer]] = defaultdict(dict)
    for answer in Answer.objects.filter(response__in=responses):
        answers[answer.response_id][answer.item_key] = answer
    names = _chosen_names(campaign, questions)
    rows = []
    for response in responses:
        given = answers[response.pk]
        cells = []
        for question in questions:
            if question.kind == Question.Kind.MATRIX:
                parts = [
                    f"{row['label']}: {given[key].value}"
                    for row in question.rows or []
                    if (key := f"{question.key}.{row['key']}") in given
                ]
                cells.append("; ".join(parts))
            elif question.key in given:
                answer = given[question.key]
                cells.append(answer_text(question, answer.value, answer.other_text, names))
            else:
                cells.append("")
        rows.append(ResponseRow(response, cells))
    return rows


def _chosen_names(campaign: Campaign, questions: list[Question]) -> dict[int, str]:
    """Names of the school's people when the questionnaire asks to choose people."""
    if not any(q.kind == Question.Kind.PERSON_CHOICE for q in questions):
        return {}
    people = Person.objects.filter(organisation_id=campaign.organisation_id).only(
        "last_name", "first_name", "patronymic"
    )
    return {person.pk: person.full_name for person in people}


def named_responses(
    campaign: Campaign, filters: ResultFilters, query: str | None = None
) -> QuerySet[Response]:
    """The campaign's responses with who gave them; `query` searches the person's name."""
    responses = Response.objects.filter(Q(campaign=campaign) & filters.q())
    responses = with_every_word(
        responses, query, "person__last_name", "person__first_name", "person__patronymic"
    )
    return responses.select_related("person", "pair__mentor__person").order_by(
        "person__last_name", "person__first_name", "submitted_at", "id"
    )


def sections_of(version_id: int) -> QuerySet[Section]:
    return Section.objects.filter(version_id=version_id).order_by("position", "pk")
