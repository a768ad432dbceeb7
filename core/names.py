"""Russian personal names in the case a sentence needs, by the rules of the petrovich project.

«Назначить Кравченко Леонида Николаевича куратором», «выдать Александровой Ксении Игоревне»:
`decline` takes a full name «Фамилия Имя Отчество» (the patronymic may be two words, «Гусейн
оглы»), `decline_person` anything with `last_name`, `first_name`, `patronymic` and optionally
`gender` and `name_cases` (the forms a person's record stores where the library is wrong).
"""

from collections.abc import Mapping
from functools import cache
from typing import Any

from pytrovich.detector import PetrovichGenderDetector
from pytrovich.enums import Case, Gender, NamePart
from pytrovich.maker import PetrovichDeclinationMaker

MALE = "male"
FEMALE = "female"

_CASE = {
    "nominative": Case.NOMINATIVE,
    "genitive": Case.GENITIVE,
    "dative": Case.DATIVE,
    "accusative": Case.ACCUSATIVE,
    "instrumental": Case.INSTRUMENTAL,
    "prepositional": Case.PREPOSITIONAL,
}
CASES: tuple[str, ...] = tuple(_CASE)
# Turkic patronymics are two words, the second tells the gender: «Гусейн оглы», «Ахмед кызы».
_MALE_MARKERS = ("оглы", "улы", "уулу")
_FEMALE_MARKERS = ("кызы", "гызы", "кизи")


@cache
def _maker() -> PetrovichDeclinationMaker:
    return PetrovichDeclinationMaker()


@cache
def _detector() -> PetrovichGenderDetector:
    return PetrovichGenderDetector()


def gender_of(first_name: str = "", patronymic: str = "", recorded: str = "") -> str:
    """The gender a person's record states, else the one the patronymic (or first name) tells.

    Returns "male", "female" or "" when neither tells (a foreign name without a patronymic).
    """
    if recorded in (MALE, FEMALE):
        return recorded
    words = patronymic.lower().replace("ё", "е").split()
    if words:
        if words[-1] in _MALE_MARKERS:
            return MALE
        if words[-1] in _FEMALE_MARKERS:
            return FEMALE
        if words[-1].endswith("ич"):
            return MALE
        if words[-1].endswith("на"):
            return FEMALE
    if first_name:
        detected = _detector().detect(firstname=first_name)
        if detected == Gender.MALE:
            return MALE
        if detected == Gender.FEMALE:
            return FEMALE
    return ""


def _check_case(case: str) -> Case:
    try:
        return _CASE[case]
    except KeyError:
        raise ValueError(f"Unknown case {case!r}; one of {', '.join(CASES)}") from None


def _inflect(part: NamePart, gender: str, case: Case, word: str) -> str:
    if not word:
        return ""
    if gender == MALE:
        return _maker().make(part, Gender.MALE, case, word)
    if gender == FEMALE:
        return _maker().make(part, Gender.FEMALE, case, word)
    # Unknown gender: let the library guess from the word itself, as petrovich does.
    return _maker().make(part, Gender.ANDROGYNOUS, case, word, known_gender=False)


def decline_parts(
    last_name: str,
    first_name: str,
    patronymic: str,
    case: str,
    gender: str = "",
) -> tuple[str, str, str]:
    """Each part of a name in `case`; the gender as `gender_of` settles it."""
    target = _check_case(case)
    if target == Case.NOMINATIVE:
        return last_name, first_name, patronymic
    gender = gender_of(first_name, patronymic, gender)
    words = patronymic.split()
    if len(words) > 1 and words[-1].lower() in _MALE_MARKERS + _FEMALE_MARKERS:
        # The father's name and «оглы»/«кызы» stay as they are in every case.
        declined_patronymic = patronymic
    else:
        declined_patronymic = _inflect(NamePart.MIDDLENAME, gender, target, patronymic)
    return (
        _inflect(NamePart.LASTNAME, gender, target, last_name),
        _inflect(NamePart.FIRSTNAME, gender, target, first_name),
        declined_patronymic,
    )


def split_full_name(full_name: str) -> tuple[str, str, str]:
    """«Мамедов Али Гусейн оглы» → («Мамедов», «Али», «Гусейн оглы»)."""
    words = full_name.split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return words[0], "", ""
    return words[0], words[1], " ".join(words[2:])


def decline(full_name: str, case: str, gender: str | None = None) -> str:
    """«Кравченко Леонид Николаевич», "dative" → «Кравченко Леониду Николаевичу»."""
    parts = decline_parts(*split_full_name(full_name), case, gender or "")
    return " ".join(part for part in parts if part)


def decline_person(person: Any, case: str, *, short: bool = False) -> str:
    """A person's full name (or «Фамилия И.О.» when `short`) in `case`.

    A form stored on the record (`name_cases`, a mapping of case to full name) wins over the
    library; the short form then takes its surname from it.
    """
    _check_case(case)
    last_name, first_name, patronymic = person.last_name, person.first_name, person.patronymic
    override = _stored_form(getattr(person, "name_cases", None), case)
    if override:
        declined = split_full_name(override)
    else:
        declined = decline_parts(
            last_name, first_name, patronymic, case, getattr(person, "gender", "") or ""
        )
    if short:
        initials = "".join(f"{p[0]}." for p in (first_name, patronymic) if p)
        return f"{declined[0]} {initials}".strip()
    if override:
        return " ".join(override.split())
    return " ".join(part for part in declined if part)


def in_sentence(position: str) -> str:
    """A position as it reads after a name: «Учитель математики» → «учитель математики»;
    an abbreviation keeps its capitals: «ИКТ-специалист», «ШМО учителей»."""
    text = " ".join(position.split())
    head = text.split(" ", 1)[0].split("-", 1)[0]
    if not text or (len(head) > 1 and head.isupper()):
        return text
    return text[0].lower() + text[1:]


def initials_surname(full_name: str) -> str:
    """«Суханова Елена Викторовна» or «Суханова Е.В.» → «Е.В. Суханова», the form under a
    signature; a name already in that form, or a single word, is kept."""
    parts = full_name.split()
    if len(parts) < 2 or parts[0].endswith("."):
        return " ".join(parts)
    surname, given = parts[0], parts[1:3]
    initials = "".join(
        part if part.endswith(".") else f"{part[0]}." for part in given if part.strip(".")
    )
    return f"{initials} {surname}"


def _stored_form(name_cases: Mapping[str, str] | None, case: str) -> str:
    if not name_cases or case == "nominative":
        return ""
    return " ".join(str(name_cases.get(case) or "").split())


# Names of organisations: «Управление образования администрации города Березники» →
# «Управлению образования …». Only the head — its leading adjectives and the first noun — changes
# case; what follows («образования …», «„Средняя общеобразовательная школа № 7“») is already in
# the case the head governs. An abbreviation («МАОУ „СОШ № 7“») never changes.

# Adjective endings by case: (nominative ending, genitive, dative, accusative).
_ADJECTIVE_ENDINGS = (
    ("кий", "кого", "кому", "кий"),
    ("гий", "гого", "гому", "гий"),
    ("хий", "хого", "хому", "хий"),
    ("ый", "ого", "ому", "ый"),
    ("ой", "ого", "ому", "ой"),
    ("ий", "его", "ему", "ий"),
    ("ое", "ого", "ому", "ое"),
    ("ее", "его", "ему", "ее"),
    ("ая", "ой", "ой", "ую"),
    ("яя", "ей", "ей", "юю"),
)
# Noun endings by case, for the nouns that head names of Russian public bodies.
_NOUN_ENDINGS = (
    ("ие", "ия", "ию", "ие"),  # управление, учреждение
    ("ия", "ии", "ии", "ию"),  # администрация, гимназия, комиссия
    ("ство", "ства", "ству", "ство"),  # министерство, агентство
    ("ей", "ея", "ею", "ей"),  # лицей, музей
    ("ка", "ки", "ке", "ку"),
    ("га", "ги", "ге", "гу"),
    ("ха", "хи", "хе", "ху"),
    ("а", "ы", "е", "у"),  # школа, служба
    ("ь", "и", "и", "ь"),  # the feminine ones in names: «сеть»
)
_ORGANISATION_CASES = ("nominative", "genitive", "dative", "accusative")
_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")


def _with_case_of(word: str, declined: str) -> str:
    return declined[:1].upper() + declined[1:] if word[:1].isupper() else declined


def _decline_word(word: str, table, index: int) -> str | None:
    lower = word.lower()
    for endings in table:
        if lower.endswith(endings[0]):
            return _with_case_of(word, lower[: len(lower) - len(endings[0])] + endings[index])
    return None


def decline_organisation(name: str, case: str) -> str:
    """An organisation's full name in `case` (nominative, genitive, dative or accusative)."""
    if case not in _ORGANISATION_CASES:
        raise ValueError(f"Unknown case {case!r}; one of {', '.join(_ORGANISATION_CASES)}")
    index = _ORGANISATION_CASES.index(case)
    words = name.split(" ")
    if index == 0 or not words or not words[0] or not words[0][0].isalpha():
        return name
    if words[0].isupper() and len(words[0]) > 1:
        return name
    for position, word in enumerate(words):
        if not word.isalpha():
            break
        adjective = _decline_word(word, _ADJECTIVE_ENDINGS, index)
        if adjective is not None and len(word) > 3 and word.lower() not in ("лицей", "музей"):
            words[position] = adjective
            continue
        noun = _decline_word(word, _NOUN_ENDINGS, index)
        if noun is None and word[-1].lower() in _CONSONANTS:
            # Masculine nouns ending in a consonant: комитет, департамент, отдел, центр.
            noun = word + ("", "а", "у", "")[index]
        if noun is not None:
            words[position] = noun
        break
    return " ".join(words)
