import re

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

LOCALE = settings.BASE_DIR / "locale"
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sd]")
TAG = re.compile(r"</?\w+[^>]*>")
YEARS = ("%(counter)s год", "%(counter)s лет")
RECORDS = ("%(counter)s запись", "%(counter)s записей")


def _catalog(language: str) -> list[dict[str, str]]:
    """The entries of a .po file: {"flags": …, "msgid": …, "msgid_plural": …, "msgstr[0]": …}."""
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, key = {"flags": ""}, ""
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] = line
            elif match := re.match(r'(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line):
                key, text = match.groups()
                entry[key] = text
            elif line.startswith('"'):
                entry[key] += line[1:-1]
        entries.append(entry)
    return entries


def _translations(entry: dict[str, str]) -> list[str]:
    return [text for key, text in entry.items() if key.startswith("msgstr")]


@pytest.mark.parametrize(
    ("number", "years", "records"),
    [
        (1, "1 год", "1 запись"),
        (2, "2 года", "2 записи"),
        (5, "5 лет", "5 записей"),
        (21, "21 год", "21 запись"),
        (112, "112 лет", "112 записей"),
    ],
)
def test_russian_plurals_agree_with_the_number(number, years, records):
    with translation.override("ru"):
        assert ngettext(*YEARS, number) % {"counter": number} == years
        assert ngettext(*RECORDS, number) % {"counter": number} == records


def test_russian_plural_in_a_template_follows_the_russian_rule():
    template = Template(
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} год"
        "{% plural %}{{ counter }} лет{% endblocktranslate %}"
    )
    with translation.override("ru"):
        rendered = [template.render(Context({"n": n})) for n in (1, 3, 11, 22)]
    assert rendered == ["1 год", "3 года", "11 лет", "22 года"]


def test_english_plurals_use_singular_only_for_one():
    with translation.override("en"):
        assert ngettext(*YEARS, 1) % {"counter": 1} == "1 year"
        assert ngettext(*YEARS, 21) % {"counter": 21} == "21 years"


def test_key_strings_are_english_in_english():
    with translation.override("en"):
        assert gettext("Наставник") == "Nastavnik"
        assert gettext("Участники") == "Participants"
        assert gettext("Педагог-психолог") == "Psychologist"
        assert gettext("Высшая") == "Highest"
        assert gettext("Учебный год %(title)s добавлен.") % {"title": "2025/26"} == (
            "Academic year 2025/26 added."
        )


@pytest.mark.django_db
def test_login_page_is_english_with_the_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("login")).content.decode()
    assert "Sign in to your account" in page
    assert "Forgot your password?" in page
    assert "Войти" not in page


def test_every_english_entry_is_translated_with_the_same_placeholders():
    header, *entries = _catalog("en")
    assert "Language: en" in header["msgstr"]
    assert len(entries) > 300
    for entry in entries:
        assert "fuzzy" not in entry["flags"] + header["flags"], entry["msgid"]
        sources = (
            [entry["msgid"], entry["msgid_plural"]] if "msgid_plural" in entry else [entry["msgid"]]
        )
        for source, text in zip(sources, _translations(entry), strict=True):
            assert text, f"untranslated: {source}"
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), source
            assert sorted(TAG.findall(text)) == sorted(TAG.findall(source)), source


def test_russian_catalog_only_fills_plural_forms():
    header, *entries = _catalog("ru")
    assert "Language: ru" in header["msgstr"]
    assert "fuzzy" not in header["flags"]
    for entry in entries:
        forms = _translations(entry)
        if "msgid_plural" in entry:
            assert len(forms) == 4 and all(forms), entry["msgid"]
            for form in forms:
                assert sorted(PLACEHOLDER.findall(form)) == sorted(
                    PLACEHOLDER.findall(entry["msgid"])
                )
        else:
            assert forms == [""], entry["msgid"]
