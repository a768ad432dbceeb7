"""The built-in library of questionnaires, worded by us: the seeds name the surveys a programme
needs (seed 000 stages 2–7, seed 003 §6) but give none of their texts.

Each entry is the questionnaire-file data of services/questionnaires.py plus a stable `key`
(Questionnaire.library_key, the same in every school, so results of one entry can be read
across schools) and the purpose it is grouped by on the library page. A school installs an
entry once and edits its copy like any questionnaire.

Decisions:
- Preference after the group meeting: two entries, the mentee's (candidates from the bank of
  mentors, person_set "mentors") and the mentor's (person_set "mentees"), so the wording speaks
  to each side. The filling page offers mentoring.services.preferences.partner_candidates()
  either way, and the answers are stored through preferences_set(), which checks them again.
- Satisfaction is worded for the three families of forms of mentoring that change who talks to
  whom (seed 003 §5): a teacher mentored by a colleague or the head («педагог – педагог»,
  «учитель – учитель», «руководитель … – педагог», «социальный партнёр – педагог»), a pupil
  mentored by a pupil («ученик – ученик»), a pupil mentored by an adult («учитель – ученик»,
  «студент – ученик»). Questionnaire.form_code holds the family (FORM_CODES); the kind of
  mentoring (traditional, group, virtual) changes no wording, so it makes no entry of its own.
  Each of the six entries is the core items shared by all of them plus the family's own.
- Self-assessment: two entries, «до» and «после», whose measured items carry the same keys
  (MEASURED_KEYS), so that results compare a person's answers item by item.
- The curator's evaluation: the nine indicators of seed 003 §6 (services/scoring.py), each a
  0–2 scale, one questionnaire filled in per pair or group.
- The mentee's request: its difficulties are the school's own request tags, so the options
  are made when the entry is installed (`entry_data`), and the answers become the requests of
  the person's entry in the bank of mentees.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from mentoring.services.preferences import MAX_CHOICES

from .models import Questionnaire
from .services.questionnaires import FILE_FORMAT, FILE_FORMAT_VERSION
from .services.scoring import INDICATORS, SCALE_LABELS

Kind = Questionnaire.Kind
Respondent = Questionnaire.Respondent

# The question of the mentee's request whose options are the school's request tags.
DIFFICULTIES_KEY = "difficulties"
PREFERENCES_KEY = "preferences"
# Offered when the school's catalogue has fewer than two requests yet; the answers then add
# them to it.
DEFAULT_REQUESTS = (
    "Дисциплина на уроке",
    "Работа с родителями",
    "Оформление документации",
    "Классное руководство",
    "Формирующее оценивание",
    "Цифровые инструменты",
    "Работа с детьми с ОВЗ",
    "Подготовка к ОГЭ и ЕГЭ",
    "Адаптация в коллективе",
    "Учебная мотивация",
)


class FormCode:
    TEACHER = "teacher_teacher"
    PEER = "student_student"
    ADULT_PUPIL = "adult_student"


FORM_CODES = {
    FormCode.TEACHER: _("педагог – педагог"),
    FormCode.PEER: _("ученик – ученик"),
    FormCode.ADULT_PUPIL: _("учитель или студент – ученик"),
}


def form_code_of(form_name: str) -> str:
    """The family of a form of mentoring by its name («учитель – ученик» → adult_student); a
    school's own form is told by whether its sides are pupils."""
    mentor_side, _dash, mentee_side = form_name.lower().replace("—", "–").partition("–")
    pupil = ("ученик", "обучающ", "школьник")
    if not any(word in mentee_side for word in pupil):
        return FormCode.TEACHER
    if any(word in mentor_side for word in pupil):
        return FormCode.PEER
    return FormCode.ADULT_PUPIL


@dataclass(frozen=True)
class Purpose:
    code: str
    title: str | Promise
    description: str | Promise


PURPOSES = (
    Purpose(
        "selection",
        _("Отбор участников"),
        _("Анкеты кандидатов в наставники и наставляемых: с них начинаются банки программы."),
    ),
    Purpose(
        "matching",
        _("Формирование пар и групп"),
        _(
            "После общей встречи участники называют, с кем хотели бы работать; подбор пар это учитывает."
        ),
    ),
    Purpose(
        "monitoring",
        _("Мониторинг программы"),
        _("Обратная связь по ходу работы и удовлетворённость участников по итогам."),
    ),
    Purpose(
        "growth",
        _("Оценка результатов"),
        _(
            "Самооценка наставляемого до и после программы и оценка эффективности программы "
            "куратором по критериям и показателям."
        ),
    ),
)


@dataclass(frozen=True)
class Entry:
    key: str
    purpose: str
    title: str | Promise
    description: str | Promise
    kind: str
    respondent: str
    sections: tuple[dict, ...]
    form_code: str = ""

    @property
    def question_count(self) -> int:
        return sum(len(section["questions"]) for section in self.sections)

    @property
    def respondent_label(self) -> str:
        return Respondent(self.respondent).label

    @property
    def form_label(self) -> str | Promise:
        return FORM_CODES.get(self.form_code, "")


# Question builders: the fields of services.questionnaires.QUESTION_FIELDS.


def _options(*labels: str, prefix: str = "") -> list[dict[str, str]]:
    return [{"value": f"{prefix}{n}", "label": label} for n, label in enumerate(labels, start=1)]


def text(key: str, question: str, *, long: bool = True, required: bool = False, **extra) -> dict:
    kind = "long_text" if long else "short_text"
    return {"key": key, "text": question, "kind": kind, "required": required, **extra}


def single(key: str, question: str, labels: Iterable[str], *, other=False, required=True, **extra):
    return {
        "key": key,
        "text": question,
        "kind": "single",
        "required": required,
        "options": _options(*labels, prefix=f"{key}_"),
        "allow_other": other,
        **extra,
    }


def multiple(
    key: str, question: str, labels: Iterable[str], *, other=True, required=False, **extra
):
    return {
        "key": key,
        "text": question,
        "kind": "multiple",
        "required": required,
        "options": _options(*labels, prefix=f"{key}_"),
        "allow_other": other,
        **extra,
    }


def scale(
    key: str, question: str, low: int, high: int, labels: list[str], *, required=True, **extra
):
    return {
        "key": key,
        "text": question,
        "kind": "scale",
        "required": required,
        "scale_min": low,
        "scale_max": high,
        "scale_labels": labels,
        **extra,
    }


def yes_no(key: str, question: str, *, required=True, **extra) -> dict:
    return {"key": key, "text": question, "kind": "yes_no", "required": required, **extra}


def number(key: str, question: str, low: float, high: float, *, required=False, **extra) -> dict:
    return {
        "key": key,
        "text": question,
        "kind": "number",
        "required": required,
        "min_value": low,
        "max_value": high,
        **extra,
    }


def matrix(key: str, question: str, rows: list[tuple[str, str]], low: int, high: int, labels):
    return {
        "key": key,
        "text": question,
        "kind": "matrix",
        "required": True,
        "scale_min": low,
        "scale_max": high,
        "scale_labels": labels,
        "rows": [{"key": row, "label": label} for row, label in rows],
    }


def section(title: str, *questions: dict, description: str = "") -> dict:
    return {"title": title, "description": description, "questions": list(questions)}


AGREE_1_5 = [
    "совсем не согласен",
    "скорее не согласен",
    "отчасти",
    "скорее согласен",
    "полностью согласен",
]
CONFIDENT_1_5 = [
    "совсем не уверен(а)",
    "скорее не уверен(а)",
    "отчасти",
    "скорее уверен(а)",
    "уверен(а)",
]
TEN = ["совсем нет", "", "", "", "", "", "", "", "", "в полной мере"]
FREQUENCY = ("раз в неделю", "раз в две недели", "раз в месяц", "реже раза в месяц")

# 1. Mentor candidate (seed 000 stage 3: «Анкетирование» of those who may mentor).
MENTOR_CANDIDATE = Entry(
    key="mentor_candidate",
    purpose="selection",
    title=_("Анкета кандидата в наставники"),
    description=_(
        "Опыт, мотивация и готовность педагога стать наставником: сколько наставляемых он "
        "готов вести, в чём может помочь, какие формы ему ближе. Помогает куратору провести "
        "собеседование и внести кандидата в банк наставников."
    ),
    kind=Kind.MENTOR_CANDIDATE,
    respondent=Respondent.MENTOR,
    sections=(
        section(
            "О вас",
            number(
                "experience_years", "Сколько лет вы работаете в образовании?", 0, 60, required=True
            ),
            single(
                "qualification",
                "Ваша квалификационная категория",
                ("высшая", "первая", "соответствие занимаемой должности", "без категории"),
            ),
            text(
                "subjects", "Какие предметы или направления вы ведёте?", long=False, required=True
            ),
        ),
        section(
            "Опыт наставничества",
            yes_no(
                "mentored_before", "Были ли вы наставником раньше (официально или неформально)?"
            ),
            text(
                "mentored_before_details",
                "Расскажите коротко об этом опыте: кого вы сопровождали и что удалось.",
                show_if_key="mentored_before",
                show_if_values=[True],
            ),
            multiple(
                "motivation",
                "Почему вы хотите стать наставником?",
                (
                    "хочу поделиться опытом",
                    "хочу помочь молодым коллегам закрепиться в профессии",
                    "наставничество помогает и моему профессиональному росту",
                    "меня попросила администрация",
                    "это важно для аттестации",
                ),
                required=True,
            ),
        ),
        section(
            "В чём вы можете помочь",
            matrix(
                "support_areas",
                "Насколько уверенно вы можете помочь коллеге в каждом из направлений?",
                [
                    ("planning", "Планирование урока и рабочей программы"),
                    ("discipline", "Дисциплина и организация работы класса"),
                    ("assessment", "Оценивание и обратная связь ученикам"),
                    ("parents", "Общение с родителями"),
                    ("class_teacher", "Классное руководство"),
                    ("documents", "Школьная документация и электронный журнал"),
                    ("digital", "Цифровые инструменты на уроке"),
                    ("special_needs", "Работа с детьми с ОВЗ"),
                ],
                1,
                5,
                CONFIDENT_1_5,
            ),
            multiple(
                "mentee_kinds",
                "С кем вы готовы работать?",
                (
                    "с молодым специалистом",
                    "с педагогом, вернувшимся после перерыва",
                    "с педагогом, недавно пришедшим в школу",
                    "с педагогом, который осваивает новые технологии",
                    "с обучающимися",
                ),
                required=True,
            ),
            multiple(
                "forms",
                "Какие формы работы вам ближе?",
                (
                    "индивидуально, в паре",
                    "с группой наставляемых",
                    "дистанционно",
                    "краткосрочно, под конкретную задачу",
                ),
                other=False,
            ),
        ),
        section(
            "Готовность",
            number(
                "capacity",
                "Скольких наставляемых вы готовы вести одновременно?",
                1,
                10,
                required=True,
            ),
            single(
                "hours",
                "Сколько времени в месяц вы готовы уделять наставничеству?",
                ("до 2 часов", "2–4 часа", "4–8 часов", "больше 8 часов"),
            ),
            yes_no(
                "training",
                "Готовы ли вы пройти обучение для наставников (курсы повышения квалификации)?",
            ),
            {
                "key": "start_date",
                "text": "С какого дня вам удобно начать?",
                "kind": "date",
                "required": False,
            },
            text("comment", "Что ещё вы хотели бы сообщить куратору программы?"),
        ),
    ),
)

# 2. Mentee request (seed 003 §3: «Сбор предварительных запросов от потенциальных подопечных»).
# The difficulties' options are made at install time from the school's request tags.
_MENTEE_REQUEST_SECTIONS = (
    section(
        "О вас",
        single(
            "status",
            "Кто вы в школе?",
            (
                "педагог, работаю меньше трёх лет",
                "педагог, перешёл (перешла) из другой школы",
                "педагог, вернулся (вернулась) после перерыва",
                "педагог с опытом",
                "обучающийся",
            ),
            other=True,
        ),
        text("subjects", "Какие предметы вы ведёте или какие вам интереснее всего?", long=False),
    ),
    section(
        "Ваш запрос",
        multiple(
            DIFFICULTIES_KEY,
            "С чем вам нужна помощь наставника? Отметьте всё, что подходит.",
            (),
            required=True,
            help_text="Если нужного пункта нет, выберите «другое» и опишите своими словами.",
        ),
        text(
            "difficulty_example",
            "Опишите ситуацию, в которой вам особенно не хватает поддержки.",
        ),
        scale(
            "urgency",
            "Насколько срочно вам нужна помощь?",
            1,
            5,
            ["можно подождать", "", "в ближайший месяц", "", "нужна уже сейчас"],
        ),
        single(
            "goal",
            "Чего вы ждёте от работы с наставником в первую очередь?",
            (
                "освоиться в школе и её требованиях",
                "решить конкретную трудность",
                "развить профессиональные умения",
                "подготовиться к аттестации, конкурсу или экзамену",
                "получить поддержку и уверенность",
            ),
            other=True,
        ),
    ),
    section(
        "Как вам удобно работать",
        multiple(
            "forms",
            "Какой формат вам подходит?",
            (
                "встречи один на один",
                "занятия в небольшой группе",
                "дистанционно",
                "посещение уроков",
            ),
            other=False,
        ),
        single("frequency", "Как часто вы хотели бы встречаться с наставником?", FREQUENCY),
        yes_no(
            "mentor_known",
            "Есть ли человек, которого вы хотели бы видеть своим наставником?",
            required=False,
        ),
        text(
            "mentor_wish",
            "Кого и почему?",
            long=False,
            show_if_key="mentor_known",
            show_if_values=[True],
        ),
        text("comment", "Что ещё важно знать куратору?"),
    ),
)
MENTEE_REQUEST = Entry(
    key="mentee_request",
    purpose="selection",
    title=_("Анкета наставляемого: запрос на наставничество"),
    description=_(
        "Затруднения и ожидания будущего наставляемого. Варианты затруднений — запросы из "
        "каталога школы; отмеченные становятся запросами участника в банке наставляемых."
    ),
    kind=Kind.MENTEE_REQUEST,
    respondent=Respondent.MENTEE,
    sections=_MENTEE_REQUEST_SECTIONS,
)


# 3. Preferences after the group meeting (seed 000 stage 4).
def _preference(key: str, respondent: str, person_set: str, whom: str, title, description) -> Entry:
    return Entry(
        key=key,
        purpose="matching",
        title=title,
        description=description,
        kind=Kind.PREFERENCE,
        respondent=respondent,
        sections=(
            section(
                "Общая встреча",
                scale(
                    "meeting_useful",
                    "Насколько полезной была для вас общая встреча наставников и наставляемых?",
                    1,
                    5,
                    ["совсем не полезна", "", "", "", "очень полезна"],
                ),
                yes_no(
                    "enough_info",
                    "Хватило ли вам встречи, чтобы познакомиться с возможными партнёрами?",
                ),
            ),
            section(
                "Ваш выбор",
                {
                    "key": PREFERENCES_KEY,
                    "text": f"Выберите до {MAX_CHOICES} {whom}, с которыми вы хотели бы работать. "
                    "На первое место поставьте того, с кем хотели бы работать больше всего.",
                    "help_text": "Выбор учитывается при подборе пар, но окончательное решение "
                    "принимает куратор программы.",
                    "kind": "person_choice",
                    "required": True,
                    "person_set": person_set,
                    "max_ranked": MAX_CHOICES,
                },
                text("choice_reason", "Что повлияло на ваш выбор?"),
                multiple(
                    "partner_qualities",
                    "Что для вас важнее всего в партнёре по программе?",
                    (
                        "опыт в нужном мне направлении",
                        "тот же предмет или параллель",
                        "близкий стиль общения",
                        "удобное расписание",
                        "возможность встречаться очно",
                    ),
                ),
            ),
            section(
                "Организация работы",
                single("frequency", "Как часто вам удобно встречаться?", FREQUENCY),
                single(
                    "format",
                    "Какой формат встреч вам удобнее?",
                    ("очно", "онлайн", "по-разному, как договоримся"),
                ),
                text("comment", "Что ещё куратору стоит учесть при составлении пар?"),
            ),
        ),
    )


PREFERENCE_MENTEE = _preference(
    "preference_mentee",
    Respondent.MENTEE,
    "mentors",
    "наставников",
    _("Предпочтения наставляемого после общей встречи"),
    _(
        "Наставляемый называет до трёх наставников по местам. Ответы становятся его "
        "предпочтениями, которые учитывает подбор пар."
    ),
)
PREFERENCE_MENTOR = _preference(
    "preference_mentor",
    Respondent.MENTOR,
    "mentees",
    "наставляемых",
    _("Предпочтения наставника после общей встречи"),
    _(
        "Наставник называет до трёх наставляемых по местам. Ответы становятся его "
        "предпочтениями, которые учитывает подбор пар."
    ),
)

# 4. Intermediate feedback (seed 003 §6, stage 1: feedback from the participants).
FEEDBACK = Entry(
    key="feedback",
    purpose="monitoring",
    title=_("Промежуточная обратная связь"),
    description=_(
        "Короткий опрос наставников и наставляемых в середине программы: как идут встречи, "
        "что получается и что мешает, нужна ли помощь куратора."
    ),
    kind=Kind.FEEDBACK,
    respondent=Respondent.ANY,
    sections=(
        section(
            "Как идёт работа",
            single("role", "Ваша роль в программе", ("наставник", "наставляемый")),
            single(
                "meetings_count",
                "Сколько встреч у вас было за последний месяц?",
                ("ни одной", "одна", "две–три", "четыре и больше"),
            ),
            scale(
                "progress",
                "Насколько работа продвигается по плану?",
                1,
                5,
                ["совсем не по плану", "", "частично", "", "полностью по плану"],
            ),
            matrix(
                "cooperation",
                "Насколько вы согласны с утверждениями?",
                [
                    ("understanding", "Мы понимаем друг друга"),
                    ("goals_clear", "Цели нашей работы понятны"),
                    ("time_enough", "Нам хватает времени на встречи"),
                    ("useful", "Встречи приносят пользу"),
                ],
                1,
                5,
                AGREE_1_5,
            ),
        ),
        section(
            "Трудности и помощь",
            multiple(
                "obstacles",
                "Что мешает работе?",
                (
                    "не хватает времени",
                    "неудобное расписание",
                    "непонятно, чем заниматься на встречах",
                    "трудно договориться",
                    "ничего не мешает",
                ),
            ),
            yes_no("curator_help", "Нужна ли вам помощь куратора программы?"),
            text(
                "curator_help_what",
                "В чём нужна помощь?",
                show_if_key="curator_help",
                show_if_values=[True],
            ),
            text("achievements", "Что уже удалось сделать вместе?"),
            text("next_steps", "На чём хотите сосредоточиться дальше?"),
        ),
    ),
)

# 5. Satisfaction: the core items of every version, then the family's own.
_AGREEMENT_ROWS_MENTEE = [
    ("mentor_available", "Наставник был доступен, когда мне нужна была помощь"),
    ("mentor_respect", "Наставник относился ко мне с уважением"),
    ("goals_reached", "Мы достигли целей, которые ставили в начале"),
    ("meetings_useful", "Встречи были полезными"),
    ("plan_clear", "План работы был понятным"),
]
_AGREEMENT_ROWS_MENTOR = [
    ("mentee_engaged", "Наставляемый был заинтересован в работе"),
    ("goals_reached", "Мы достигли целей, которые ставили в начале"),
    ("meetings_useful", "Встречи были полезными"),
    ("plan_clear", "План работы был понятным"),
    ("curator_support", "Я получал(а) нужную поддержку куратора"),
]


def _satisfaction_core(respondent: str) -> list[dict]:
    rows = _AGREEMENT_ROWS_MENTOR if respondent == Respondent.MENTOR else _AGREEMENT_ROWS_MENTEE
    return [
        scale(
            "overall",
            "Насколько вы в целом довольны участием в программе наставничества?",
            1,
            10,
            TEN,
        ),
        matrix("agreement", "Насколько вы согласны с утверждениями?", rows, 1, 5, AGREE_1_5),
        single("meetings_frequency", "Как часто вы встречались?", FREQUENCY),
        single(
            "meetings_enough",
            "Хватало ли вам встреч?",
            ("встреч было мало", "в самый раз", "встреч было слишком много"),
        ),
        yes_no("recommend", "Посоветовали бы вы участие в программе коллегам или друзьям?"),
        yes_no("continue", "Хотели бы вы продолжить участие в программе в следующем году?"),
    ]


def _satisfaction_closing() -> list[dict]:
    return [
        text("best", "Что было самым ценным в программе?"),
        text("improve", "Что стоит изменить в программе?"),
    ]


_FAMILY_ITEMS: dict[tuple[str, str], list[dict]] = {
    (FormCode.TEACHER, Respondent.MENTEE): [
        multiple(
            "growth_areas",
            "В чём вы стали увереннее благодаря наставнику?",
            (
                "планирование уроков",
                "дисциплина на уроке",
                "работа с родителями",
                "документация",
                "классное руководство",
                "цифровые инструменты",
            ),
        ),
        scale(
            "stay_in_school",
            "Насколько вы уверены, что хотите продолжать работать в нашей школе?",
            1,
            5,
            CONFIDENT_1_5,
        ),
    ],
    (FormCode.TEACHER, Respondent.MENTOR): [
        yes_no("mentee_independent", "Готов ли ваш наставляемый работать самостоятельно?"),
        multiple(
            "mentor_gain",
            "Что наставничество дало вам самим?",
            (
                "новый взгляд на свою работу",
                "опыт для аттестации",
                "новые методические идеи",
                "удовлетворение от помощи коллеге",
            ),
        ),
    ],
    (FormCode.PEER, Respondent.MENTEE): [
        multiple(
            "peer_help",
            "В чём тебе помог наставник-ученик?",
            (
                "разобраться с учёбой",
                "освоиться в классе и в школе",
                "найти друзей и занятия по интересам",
                "подготовиться к олимпиаде или проекту",
                "поверить в свои силы",
            ),
        ),
        yes_no("peer_easy", "Легко ли тебе было обращаться к наставнику с вопросами?"),
    ],
    (FormCode.PEER, Respondent.MENTOR): [
        multiple(
            "leader_skills",
            "Какие свои умения ты развил(а), помогая другому ученику?",
            (
                "объяснять понятно",
                "планировать время",
                "выслушивать и поддерживать",
                "решать споры",
                "выступать перед другими",
            ),
        ),
        yes_no("teacher_support", "Хватало ли тебе поддержки учителя-куратора?"),
    ],
    (FormCode.ADULT_PUPIL, Respondent.MENTEE): [
        multiple(
            "pupil_gain",
            "Что изменилось для тебя благодаря наставнику?",
            (
                "стало интереснее учиться",
                "улучшились оценки",
                "появилась цель или план на будущее",
                "стало легче общаться с одноклассниками",
                "стало спокойнее в школе",
            ),
        ),
        yes_no("mentor_trust", "Мог(ла) ли ты доверять наставнику?"),
    ],
    (FormCode.ADULT_PUPIL, Respondent.MENTOR): [
        scale(
            "pupil_progress",
            "Насколько заметны изменения у вашего подопечного?",
            1,
            5,
            ["не заметны", "", "отчасти", "", "очень заметны"],
        ),
        yes_no("parents_contact", "Удавалось ли поддерживать связь с родителями подопечного?"),
    ],
}
# A pupil is spoken to as «ты» in the core items too.
_PUPIL_WORDING = {
    "Насколько вы в целом довольны участием в программе наставничества?": (
        "Насколько ты в целом доволен (довольна) участием в программе наставничества?"
    ),
    "Насколько вы согласны с утверждениями?": "Насколько ты согласен (согласна) с утверждениями?",
    "Хватало ли вам встреч?": "Хватало ли тебе встреч?",
    "Посоветовали бы вы участие в программе коллегам или друзьям?": (
        "Посоветовал(а) бы ты участие в программе друзьям?"
    ),
    "Хотели бы вы продолжить участие в программе в следующем году?": (
        "Хотел(а) бы ты продолжить участие в программе в следующем году?"
    ),
    "Что было самым ценным в программе?": "Что было для тебя самым ценным?",
    "Что стоит изменить в программе?": "Что стоит изменить в программе?",
    "Наставник был доступен, когда мне нужна была помощь": (
        "Наставник был рядом, когда мне нужна была помощь"
    ),
}


def _for_pupil(questions: list[dict]) -> list[dict]:
    worded = []
    for question in questions:
        question = {**question, "text": _PUPIL_WORDING.get(question["text"], question["text"])}
        if question.get("rows"):
            question["rows"] = [
                {**row, "label": _PUPIL_WORDING.get(row["label"], row["label"])}
                for row in question["rows"]
            ]
        worded.append(question)
    return worded


_SATISFACTION_TITLES = {
    Respondent.MENTEE: _("Удовлетворённость наставляемого: {form}"),
    Respondent.MENTOR: _("Удовлетворённость наставника: {form}"),
}


def _satisfaction(form_code: str, respondent: str) -> Entry:
    # A pupil answers: the mentee of a pupils' form, or either side of «ученик – ученик».
    pupil = (respondent == Respondent.MENTEE and form_code != FormCode.TEACHER) or (
        form_code == FormCode.PEER
    )
    core = _satisfaction_core(respondent)
    closing = _satisfaction_closing()
    if pupil:
        core, closing = _for_pupil(core), _for_pupil(closing)
    side = _("наставляемых") if respondent == Respondent.MENTEE else _("наставников")
    return Entry(
        key=f"satisfaction_{respondent}_{form_code}",
        purpose="monitoring",
        title=format_lazy(_SATISFACTION_TITLES[respondent], form=FORM_CODES[form_code]),
        description=format_lazy(
            _(
                "Опрос {side} по итогам программы, форма «{form}»: общая удовлетворённость, "
                "встречи, что было ценным и что изменить. Общие пункты совпадают во всех "
                "анкетах удовлетворённости, поэтому результаты можно сравнивать."
            ),
            side=side,
            form=FORM_CODES[form_code],
        ),
        kind=Kind.SATISFACTION,
        respondent=respondent,
        form_code=form_code,
        sections=(
            section("Общая оценка", *core),
            section("Результаты", *_FAMILY_ITEMS[form_code, respondent], *closing),
        ),
    )


SATISFACTION = tuple(
    _satisfaction(form_code, respondent)
    for form_code in FORM_CODES
    for respondent in (Respondent.MENTEE, Respondent.MENTOR)
)

# 6. Self-assessment before and after (seed 003 §6, stage 2: «все зависимые от воздействия
# Программы наставничества параметры фиксируются дважды»). The measured items are the same
# questions, with the same keys, in both.
_MEASURED = [
    matrix(
        "skills",
        "Оцените, насколько уверенно вы справляетесь с каждой задачей сейчас.",
        [
            ("planning", "Планирую урок и подбираю задания под цели"),
            ("discipline", "Поддерживаю рабочую дисциплину в классе"),
            ("differentiation", "Учитываю разный уровень учеников"),
            ("assessment", "Оцениваю работы и даю ученикам понятную обратную связь"),
            ("parents", "Общаюсь с родителями, в том числе в трудных ситуациях"),
            ("documents", "Веду документацию вовремя и без ошибок"),
            ("digital", "Использую цифровые инструменты на уроке"),
        ],
        1,
        5,
        CONFIDENT_1_5,
    ),
    scale(
        "confidence",
        "Насколько вы уверены в себе как в педагоге?",
        1,
        10,
        TEN,
    ),
    scale(
        "job_satisfaction",
        "Насколько вы довольны своей работой?",
        1,
        10,
        TEN,
    ),
    scale(
        "stress",
        "Как часто за последний месяц вы чувствовали сильную усталость или тревогу из-за работы?",
        1,
        5,
        ["почти никогда", "редко", "иногда", "часто", "почти всегда"],
    ),
    scale(
        "belonging",
        "Насколько вы чувствуете себя частью педагогического коллектива?",
        1,
        5,
        ["совсем нет", "", "отчасти", "", "полностью"],
    ),
    yes_no("ask_for_help", "Обращаетесь ли вы к коллегам за советом, когда что-то не получается?"),
    scale(
        "stay_plans",
        "Насколько вероятно, что через год вы будете работать в школе?",
        1,
        5,
        ["маловероятно", "", "не знаю", "", "очень вероятно"],
    ),
]
MEASURED_KEYS = tuple(question["key"] for question in _MEASURED)

SELF_ASSESSMENT_BEFORE = Entry(
    key="self_assessment_before",
    purpose="growth",
    title=_("Самооценка наставляемого до программы"),
    description=_(
        "Первый замер перед началом работы с наставником: уверенность в профессиональных "
        "задачах, удовлетворённость работой, чувство принадлежности к коллективу. Пункты "
        "совпадают с анкетой «после», поэтому изменения видны по каждому человеку."
    ),
    kind=Kind.SELF_ASSESSMENT,
    respondent=Respondent.MENTEE,
    sections=(
        section(
            "Самооценка",
            *_MEASURED,
            description="Отвечайте так, как обстоят дела сейчас: правильных ответов нет.",
        ),
        section(
            "Ожидания",
            multiple(
                "expectations",
                "Чего вы ждёте от программы наставничества?",
                (
                    "практических советов по урокам",
                    "помощи с документами",
                    "поддержки в трудных ситуациях",
                    "профессионального роста",
                    "знакомства с коллективом",
                ),
            ),
            text(
                "main_goal", "Какую главную цель вы ставите себе на время программы?", required=True
            ),
        ),
    ),
)
SELF_ASSESSMENT_AFTER = Entry(
    key="self_assessment_after",
    purpose="growth",
    title=_("Самооценка наставляемого после программы"),
    description=_(
        "Второй замер по итогам программы с теми же пунктами, что и анкета «до», и вопросы о "
        "том, что помогло больше всего."
    ),
    kind=Kind.SELF_ASSESSMENT,
    respondent=Respondent.MENTEE,
    sections=(
        section(
            "Самооценка",
            *_MEASURED,
            description="Отвечайте так, как обстоят дела сейчас: правильных ответов нет.",
        ),
        section(
            "Итоги",
            single(
                "goal_reached",
                "Удалось ли достичь цели, которую вы ставили в начале программы?",
                ("да, полностью", "частично", "нет"),
            ),
            multiple(
                "helped_most",
                "Что помогло вам больше всего?",
                (
                    "посещение уроков наставника",
                    "разбор моих уроков",
                    "совместная подготовка материалов",
                    "разговоры о трудных ситуациях",
                    "помощь с документами",
                ),
            ),
            text("changes", "Что изменилось в вашей работе благодаря программе?"),
        ),
    ),
)

# 7. The curator's evaluation of a pair's or group's programme (seed 003 §6).
EVALUATION = Entry(
    key="evaluation",
    purpose="growth",
    title=_("Оценка эффективности программы наставничества"),
    description=_(
        "Куратор оценивает программу каждой пары или группы по девяти показателям таблицы "
        "эффективности: 0 — не проявляется, 1 — проявляется частично, 2 — проявляется в полной "
        "мере. Сумма 0–18 баллов даёт уровень: 15–18 — оптимальный, 9–14 — допустимый, 0–8 — "
        "недопустимый."
    ),
    kind=Kind.EVALUATION,
    respondent=Respondent.CURATOR,
    sections=(
        *(
            section(
                criterion,
                *(
                    scale(indicator.key, indicator.text, 0, 2, list(SCALE_LABELS))
                    for indicator in INDICATORS
                    if indicator.criterion == criterion
                ),
            )
            for criterion in dict.fromkeys(indicator.criterion for indicator in INDICATORS)
        ),
        section(
            "Комментарий куратора",
            text("strengths", "Сильные стороны работы пары или группы"),
            text("recommendations", "Рекомендации на следующий период"),
        ),
    ),
)

ENTRIES: dict[str, Entry] = {
    entry.key: entry
    for entry in (
        MENTOR_CANDIDATE,
        MENTEE_REQUEST,
        PREFERENCE_MENTEE,
        PREFERENCE_MENTOR,
        FEEDBACK,
        *SATISFACTION,
        SELF_ASSESSMENT_BEFORE,
        SELF_ASSESSMENT_AFTER,
        EVALUATION,
    )
}


def entry_data(entry: Entry, request_options: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """The entry as questionnaire-file data; the mentee's request gets the difficulties'
    options (value, label) the school's catalogue gives."""
    sections = []
    for section_data in entry.sections:
        questions = []
        for question in section_data["questions"]:
            if question["key"] == DIFFICULTIES_KEY and request_options is not None:
                question = {**question, "options": request_options}
            questions.append(question)
        sections.append({**section_data, "questions": questions})
    return {
        "format": FILE_FORMAT,
        "format_version": FILE_FORMAT_VERSION,
        "title": str(entry.title),
        "description": str(entry.description),
        "kind": entry.kind,
        "respondent": entry.respondent,
        "form_code": entry.form_code,
        "sections": sections,
    }
