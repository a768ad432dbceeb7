"""Reading one row of a staff file into Person fields, with the errors to show beside it."""

import re
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.spreadsheets import cell_text, normalise_header, russian_label

from ..models import Duty, Person


class CellError(Exception):
    """A value or row that cannot be imported; the message is shown next to the row."""


def name_header(headers: dict[str, str]) -> str:
    return headers.get("fio") or headers.get("last_name", "")


# Parsing a row.

_KIND_SYNONYMS = {
    "учитель": Person.Kind.TEACHER,
    "педагогический работник": Person.Kind.TEACHER,
    "сотрудник": Person.Kind.STAFF,
    "работник": Person.Kind.STAFF,
    "ученик": Person.Kind.STUDENT,
    "ученица": Person.Kind.STUDENT,
    "учащийся": Person.Kind.STUDENT,
    "учащаяся": Person.Kind.STUDENT,
    "родитель": Person.Kind.PARENT,
}


def match_key(text: str) -> str:
    """How names compare when matching rows to people: spacing, case and «ё» ignored."""
    return " ".join(text.split()).casefold().replace("ё", "е")


_NUMERIC_DATE_RE = re.compile(
    r"(?P<day>\d{1,2})(?P<sep>[./-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})"
    r"(?:\s*(?:г|года?)\.?)?"
)
_ISO_DATE_RE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
_MONTHS = (
    "янв",
    "фев",
    "мар",
    "апр",
    "ма",  # «мая», «май»
    "июн",
    "июл",
    "авг",
    "сен",
    "окт",
    "ноя",
    "дек",
)
_WORD_DATE_RE = re.compile(
    r"(?P<day>\d{1,2})\s+(?P<month>[а-я]+)\.?\s+(?P<year>\d{4})(?:\s*(?:г|года?)\.?)?"
)
# Excel keeps dates as days since 30.12.1899; a date cell that lost its format reads as one.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_SERIALS = range(3_000, 80_000)  # 1908–2118


def _month(word: str) -> int | None:
    word = word.replace("ё", "е")
    for number, start in enumerate(_MONTHS, start=1):
        if word.startswith(start) and (start != "ма" or word in ("мая", "май")):
            return number
    return None


def _full_year(year: str, today: date) -> int:
    """«80» → 1980, «05» → 2005: the latest year of that ending not after this one."""
    if len(year) == 4:
        return int(year)
    full = 2000 + int(year)
    return full if full <= today.year else full - 100


def parse_date(value: Any, today: date) -> date:
    """A date as people type it: a date cell, «05.12.1980», «5.12.80», «05/12/1980»,
    «1980-12-05», «5 декабря 1980 г.»; two-digit years are taken in the past."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value).casefold()
    if re.fullmatch(r"\d{4}(?:\s*(?:г|года?)\.?)?", text):
        raise CellError(
            _("Указан только год (%(year)s) — нужна полная дата, например 05.09.1984.")
            % {"year": text[:4]}
        )
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and float(value).is_integer() and int(value) in _EXCEL_SERIALS:
        return _EXCEL_EPOCH + timedelta(days=int(value))
    if match := _NUMERIC_DATE_RE.fullmatch(text) or _ISO_DATE_RE.fullmatch(text):
        day, month = int(match["day"]), int(match["month"])
        year = _full_year(match["year"], today)
    elif (match := _WORD_DATE_RE.fullmatch(text)) and _month(match["month"]):
        day, month, year = int(match["day"]), _month(match["month"]), int(match["year"])
    else:
        raise CellError(_("Укажите дату в виде ДД.ММ.ГГГГ, например 05.09.1984."))
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(
            _("Такой даты не существует: %(value)s.") % {"value": cell_text(value)}
        ) from None


def parse_birth_date(value: Any, today: date) -> date:
    value = parse_date(value, today)
    if value > today:
        raise CellError(_("Дата рождения в будущем."))
    return value


# «15», «15 лет», «15,5», «15 л. 3 мес.», «15 лет 3 месяца 10 дней», «3 мес.»
_EXPERIENCE_RE = re.compile(
    r"(?:(?P<years>\d{1,4}(?:[.,]\d+)?)(?!\d)\s*(?:лет|года|год|г|л)?\.?)?\s*,?\s*"
    r"(?:(?P<months>\d{1,2})(?!\d)\s*(?:месяцев|месяца|месяц|мес|м)\.?)?\s*,?\s*"
    r"(?:\d{1,2}(?!\d)\s*(?:дней|дня|день|дн|д)\.?)?"
)
_SINCE_RE = re.compile(r"с\s+(\d{4})\s*(?:г|года?)?\.?")


def _parse_experience(value: Any, today: date) -> int:
    """The year teaching began, from a number of years (and months), from the year itself
    («2005», «с 2005 г.») or from the date it began."""
    if isinstance(value, date):
        number = float(value.year)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        text = match_key(cell_text(value))
        match = _EXPERIENCE_RE.fullmatch(text) if text else None
        since = _SINCE_RE.fullmatch(text)
        if since:
            number = float(since[1])
        elif match and (match["years"] or match["months"]):
            number = float((match["years"] or "0").replace(",", "."))
            number += int(match["months"] or 0) / 12
        else:
            try:
                number = float(parse_date(value, today).year)
            except CellError:
                number = -1.0
    if number.is_integer() and 1950 <= number <= today.year:
        return int(number)
    if 0 <= number <= 80:
        return today.year - int(number)
    raise CellError(
        _(
            "Стаж — число лет (например, 12, «12,5» или «12 л. 3 мес.») или год начала работы "
            "(1950–%(year)s)."
        )
        % {"year": today.year}
    )


# Qualification categories as people write them, once case, «ё», punctuation and the words
# «категория», «квалификационная», «кв.» are dropped (see _category_words).
_CATEGORY_WORDS = {
    Person.Category.HIGHEST: (
        "высшая",
        "высшей",
        "высшую",
        "высш",
        "вкк",
        "в",
    ),
    Person.Category.FIRST: (
        "первая",
        "первой",
        "первую",
        "перв",
        "1",
        "i",
        "1-я",
        "1я",
        "1кк",
        "пкк",
    ),
    Person.Category.NONE: (
        "без",
        "б/к",
        "б/кат",
        "бк",
        "нет",
        "не имеет",
        "не имеется",
        "отсутствует",
        "-",
        "—",
        "–",
        "0",
        "сзд",
        "с з д",
        "соответствие",
        "соответствует",
        "молодой специалист",
    ),
}
_CATEGORIES = {word: category for category, words in _CATEGORY_WORDS.items() for word in words}
_SECOND_CATEGORY = ("вторая", "второй", "2", "ii", "2кк")
_CATEGORY_NOISE = {
    "категория",
    "категории",
    "категорию",
    "кат",
    "квалификационная",
    "квалификационной",
    "квалификационную",
    "кв",
    "квал",
    "квалиф",
}
# What may follow the category: «Высшая, 2021», «Первая (приказ от 12.03.2021 № 123)».
_CATEGORY_TAIL_RE = re.compile(r"[,(;]|\s(?:от|приказ|с)\s|\s\d{1,2}\.\d{1,2}\.\d{2,4}|\s\d{4}")


def _category_words(text: str) -> str:
    text = re.sub(r"[.,:;()«»\"']", " ", text)
    return " ".join(word for word in text.split() if word not in _CATEGORY_NOISE)


def _parse_category(value: Any) -> str:
    text = match_key(cell_text(value))
    for candidate in (text, _CATEGORY_TAIL_RE.split(text, maxsplit=1)[0]):
        words = _category_words(candidate)
        if words in _CATEGORIES:
            return _CATEGORIES[words]
        if words.startswith("соотв"):  # «соотв. занимаемой должности», «соответствует …»
            return Person.Category.NONE
        if words in _SECOND_CATEGORY:
            raise CellError(
                _(
                    "Вторая квалификационная категория отменена в 2011 году. Укажите «без "
                    "категории» или «СЗД»."
                )
            )
    raise CellError(
        _(
            "Неизвестная категория «%(value)s». Допустимо: высшая, первая, без категории, "
            "нет, СЗД (соответствие занимаемой должности)."
        )
        % {"value": cell_text(value)}
    )


def _parse_phone(value: Any) -> str:
    """A Russian mobile number as «+7 912 345-67-89»; anything else as typed."""
    text = cell_text(value)
    digits = re.sub(r"\D", "", text)
    if len(digits) == 10 and digits[0] == "9":
        digits = "7" + digits
    if (
        len(digits) == 11
        and digits[0] in "78"
        and digits[1] == "9"
        and re.fullmatch(r"[\d\s()+\-.]+", text)
    ):
        return f"+7 {digits[1:4]} {digits[4:7]}-{digits[7:9]}-{digits[9:]}"
    return text


_CLASS_RE = re.compile(
    r"(?P<grade>\d{1,2})\s*[-–]?\s*[«\"']?(?P<letter>[а-яa-z])?[»\"']?\s*(?:кл(?:асс)?\.?)?"
)


def parse_class(value: Any) -> tuple[int, str]:
    """«7А», «7 «а»», «7-А», «11 б класс», «5» → (grade, letter)."""
    match = _CLASS_RE.fullmatch(match_key(cell_text(value)))
    if not match or not 1 <= int(match["grade"]) <= 11:
        raise CellError(_("Класс — число от 1 до 11 и буква, например «7А»."))
    return int(match["grade"]), (match["letter"] or "").upper()


def _parse_kind(value: Any) -> str:
    kinds = {**_KIND_SYNONYMS, **{match_key(russian_label(k)): k.value for k in Person.Kind}}
    if kind := kinds.get(match_key(cell_text(value))):
        return kind
    labels = ", ".join(russian_label(kind) for kind in Person.Kind)
    raise CellError(
        _("Неизвестный вид участника «%(value)s». Допустимо: %(labels)s.")
        % {"value": cell_text(value), "labels": labels}
    )


# Short names schools write for the subjects of the federal curriculum; compared as headers
# are (normalise_header), so «Англ. яз.» and «англ яз» are one.
SUBJECT_SHORT_NAMES = {
    "обзр": "Основы безопасности и защиты Родины",
    "обж": "Основы безопасности и защиты Родины",
    "изо": "Изобразительное искусство",
    "физкультура": "Физическая культура",
    "физра": "Физическая культура",
    "физ ра": "Физическая культура",
    "технология": "Труд (технология)",
    "труд": "Труд (технология)",
    "англ яз": "Английский язык",
    "английский": "Английский язык",
    "нем яз": "Немецкий язык",
    "немецкий": "Немецкий язык",
    "рус яз": "Русский язык",
    "русский": "Русский язык",
    "лит ра": "Литература",
    "окр мир": "Окружающий мир",
    "лит чтение": "Литературное чтение",
    "вис": "Вероятность и статистика",
    "вероятность и статистика": "Вероятность и статистика",
}


class Spellings:
    """The spellings a school already uses for subjects and positions: a value typed in
    another case, spacing or with «е» for «ё» takes the existing spelling, and a new one is
    kept for the rest of the file."""

    def __init__(self, subjects=(), positions=()):
        self._known = {
            "subjects": {match_key(n): n for n in subjects},
            "positions": {match_key(n): n for n in positions if n},
        }

    def spelling(self, kind: str, text: str) -> str:
        text = " ".join(text.split())
        known = self._known[kind]
        if kind == "subjects" and match_key(text) not in known:
            text = SUBJECT_SHORT_NAMES.get(normalise_header(text), text)
        return known.setdefault(match_key(text), text[:1].upper() + text[1:])


def _parse_subjects(value: Any, spellings: Spellings) -> list[str]:
    names: dict[str, str] = {}
    for part in re.split(r"[,;\n]", cell_text(value) if not isinstance(value, str) else value):
        name = " ".join(part.split())
        if len(name) > 100:
            raise CellError(_("Название предмета длиннее 100 символов."))
        if name:
            names.setdefault(match_key(name), spellings.spelling("subjects", name))
    return list(names.values())


def _parse_position(value: Any, spellings: Spellings) -> str:
    return spellings.spelling("positions", cell_text(value))


# Duties as school lists write them, compared as headers are (normalise_header): the start of
# a value names the duty, a class teacher's class may follow («кл. рук. 5А»).
_DUTY_STARTS = (
    (Duty.CLASS_TEACHER, ("классный руководитель", "классное руководство", "кл руководитель")),
    (Duty.CLASS_TEACHER, ("кл рук", "клрук", "классн рук", "кл руководство")),
    (
        Duty.SMO_HEAD,
        (
            "руководитель шмо",
            "руководитель мо",
            "рук шмо",
            "рук мо",
            "руководитель методического объединения",
            "руководитель школьного методического объединения",
            "председатель мо",
            "председатель шмо",
        ),
    ),
    (Duty.SOCIAL_PEDAGOGUE, ("социальный педагог", "соц педагог", "соцпедагог")),
    (
        Duty.WEBSITE,
        (
            "ответственный за сайт",
            "ответственная за сайт",
            "отв за сайт",
            "ответственный за ведение сайта",
            "ответственная за ведение сайта",
            "ответственный за официальный сайт",
            "ответственная за официальный сайт",
            "администратор сайта",
            "ведение сайта",
        ),
    ),
)
_YES = ("да", "+", "есть", "имеется", "v", "✓")


def _homeroom(text: str) -> str:
    """The class after a class teacher's duty: «5А», «5 «а»», «5-А класса» → «5А»; "" if none."""
    text = re.sub(r"\s*(?:класса|класс|кл)\.?$", "", text.strip(" .,:;-–()"))
    if not text:
        return ""
    grade, letter = parse_class(text)
    return f"{grade}{letter}"


def _duty_of(part: str, homeroom_column: bool) -> tuple[str, str]:
    """The duty a part of a duties cell names, and the class teacher's class if given."""
    words = normalise_header(part)
    if homeroom_column and (words in _YES or _CLASS_RE.fullmatch(match_key(part))):
        # A «Классное руководство» column holds the class itself, or a mark.
        return Duty.CLASS_TEACHER, "" if words in _YES else _homeroom(part)
    for label_duty in Duty:
        if words == normalise_header(russian_label(label_duty)):
            return label_duty, ""
    for duty, starts in _DUTY_STARTS:
        for start in starts:
            if words == start or words.startswith(f"{start} "):
                if duty != Duty.CLASS_TEACHER:
                    return duty, ""
                # The class, as typed after the words: «кл. рук. 5 «А»».
                rest = match_key(part)
                rest = re.sub(r"^[^\d]*", "", rest)
                return duty, _homeroom(rest)
    raise CellError(
        _("«%(value)s» не взято: такой обязанности нет. Допустимо: %(labels)s.")
        % {"value": part, "labels": ", ".join(russian_label(d) for d in Duty)}
    )


def parse_duties(value: Any, *, homeroom_column: bool = False) -> tuple[list[str], str, list[str]]:
    """The duties a cell lists, the class teacher's class, and the parts not taken (with why).

    «Классный руководитель 5А; руководитель ШМО», «кл. рук., соц. педагог»; in a «Классное
    руководство» column (`homeroom_column`) also the bare class, «5А», or a mark, «да»."""
    duties: list[str] = []
    homeroom = ""
    not_taken: list[str] = []
    for part in re.split(r"[,;\n/]+", cell_text(value)):
        part = " ".join(part.split())
        if normalise_header(part) in ("", "нет"):
            continue
        try:
            duty, room = _duty_of(part, homeroom_column)
        except CellError as exc:
            not_taken.append(str(exc))
            continue
        if duty not in duties:
            duties.append(duty.value)
        homeroom = homeroom or room
    return duties, homeroom, not_taken


def parse_names(cells: dict[str, Any], headers: dict[str, str]) -> dict[str, str]:
    if {"last_name", "first_name"} <= headers.keys():
        names = {k: cell_text(cells.get(k)) for k in ("last_name", "first_name", "patronymic")}
    else:
        # «Мамедов Эльчин Рашид оглы»: whatever follows the first name is the patronymic.
        parts = cell_text(cells.get("fio")).split(" ")
        names = {
            "last_name": parts[0],
            "first_name": parts[1] if len(parts) > 1 else "",
            "patronymic": " ".join(parts[2:]),
        }
    if not names["last_name"] or not names["first_name"]:
        raise CellError(_("Нужны как минимум фамилия и имя."))
    return {k: v for k, v in names.items() if v}


_FIELDS = {"experience": "teaching_since"}  # column key → Person field, where they differ
_KEYS = {"teaching_since": "experience", "grade": "class_name", "class_letter": "class_name"}


def parse_row(
    cells: dict[str, Any], headers: dict[str, str], *, spellings: Spellings, today: date
) -> tuple[dict[str, Any], list[dict[str, str]], list[dict[str, str]]]:
    """A row's Person fields (plus "subjects" names), its errors and the values it leaves
    out (warnings), each as {column, message}.

    An empty cell leaves its field out: an import never erases what is stored.
    """
    name_column = name_header(headers)
    data: dict[str, Any] = {}
    errors: list[dict[str, str]] = []
    warnings: list[dict[str, str]] = []
    parsers = {
        "birth_date": lambda v: parse_birth_date(v, today),
        "position": lambda v: _parse_position(v, spellings),
        "subjects": lambda v: _parse_subjects(v, spellings),
        "experience": lambda v: _parse_experience(v, today),
        "category": _parse_category,
        "email": lambda v: cell_text(v).lower(),
        "phone": _parse_phone,
        "kind": _parse_kind,
        "class_name": parse_class,
    }
    try:
        data.update(parse_names(cells, headers))
    except CellError as exc:
        errors.append({"column": name_column, "message": str(exc)})
    for key, parse in parsers.items():
        if key in cells:
            try:
                data[_FIELDS.get(key, key)] = parse(cells[key])
            except CellError as exc:
                errors.append({"column": headers[key], "message": str(exc)})
    for key in ("duties", "homeroom"):
        if key in cells:
            duties, homeroom, not_taken = parse_duties(
                cells[key], homeroom_column=key == "homeroom"
            )
            warnings.extend({"column": headers[key], "message": m} for m in not_taken)
            if duties:
                data["duties"] = [
                    *data.get("duties", []),
                    *(d for d in duties if d not in data.get("duties", [])),
                ]
            if homeroom:
                data.setdefault("homeroom", homeroom)
    if "class_name" in data:
        if data.get("kind") == Person.Kind.STUDENT:
            data["grade"], data["class_letter"] = data.pop("class_name")
        else:
            data.pop("class_name")
            if "kind" in data:
                message = _(
                    "Класс указывают только обучающимся, а здесь вид участника — «%(kind)s»."
                ) % {"kind": russian_label(Person.Kind(data["kind"]))}
            else:
                message = _("Класс указывают только обучающимся: добавьте столбец «Вид участника».")
            errors.append({"column": headers["class_name"], "message": message})
    if "birth_date" in data and data.get("kind") != Person.Kind.STUDENT:
        age = Person(birth_date=data["birth_date"]).age(on=today)
        if not 14 <= age <= 100:
            message = _("Возраст %(age)s — проверьте дату рождения (допустимо от 14 до 100 лет).")
            errors.append({"column": headers["birth_date"], "message": message % {"age": age}})
    fields = {k: v for k, v in data.items() if k != "subjects"}
    try:
        Person(**fields).clean_fields(
            exclude=[f.name for f in Person._meta.fields if f.name not in fields]
        )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            column = headers.get(_KEYS.get(field, field))
            errors.extend({"column": column or name_column, "message": m} for m in messages)
    return data, errors, warnings


# Matching rows to people.
