"""Dates are typed and shown as ДД.ММ.ГГГГ in every form and every language of the interface."""

import re
from datetime import date, datetime
from importlib import import_module
from pkgutil import iter_modules

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation

from core.forms import DateField, DateInput, TimeField

INVALID = "Введите дату в формате ДД.ММ.ГГГГ."
APPS = ("core", "mentoring", "roadmap", "surveys", "reports")


class _Form(forms.Form):
    day = DateField(label="Дата")


@pytest.mark.parametrize(
    "typed", ["05.12.2026", "5.12.2026", " 05.12.2026 ", "2026-12-05", "05122026"]
)
def test_the_field_reads_russian_dates_and_iso(typed):
    form = _Form({"day": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == date(2026, 12, 5)


@pytest.mark.parametrize(
    "typed", ["12/05/2026", "31.02.2026", "05.12.26", "5122026", "31022026", "завтра"]
)
def test_the_field_refuses_other_formats_and_impossible_days_in_russian(typed):
    form = _Form({"day": typed})
    assert not form.is_valid()
    assert form.errors["day"] == [INVALID]


def test_the_field_refuses_in_russian_in_the_english_interface_too():
    with translation.override("en"):
        form = _Form({"day": "12/05/2026"})
        assert not form.is_valid()
    # The message is a translation like every other: its Russian source is the wording.
    assert str(DateField.default_error_messages["invalid"]) == INVALID


def test_the_widget_shows_a_date_as_russian_text_with_a_hint():
    html = str(_Form(initial={"day": date(2026, 12, 5)})["day"])
    assert 'type="text"' in html
    assert 'value="05.12.2026"' in html
    assert 'placeholder="ДД.ММ.ГГГГ"' in html
    assert 'inputmode="numeric"' in html
    assert 'autocomplete="off"' in html
    assert 'maxlength="10"' in html
    assert 'type="date"' not in html
    assert "Выбрать дату в календаре" in html


@pytest.mark.parametrize("typed", ["09:00", "9:00", "9.00", "0900"])
def test_the_time_field_reads_a_phone_keypad_too(typed):
    field = TimeField()
    assert field.clean(typed).strftime("%H:%M") == "09:00"


def test_the_time_field_refuses_in_russian():
    with pytest.raises(forms.ValidationError, match="ЧЧ:ММ"):
        TimeField().clean("9 утра")


def test_the_pattern_agrees_with_the_formats_the_field_reads():
    pattern = re.compile(f"^(?:{DateInput().attrs['pattern']})$")
    assert pattern.match("05.12.2026") and pattern.match("5.1.2026")
    assert pattern.match("2026-12-05") and pattern.match("05122026")
    assert not pattern.match("12/05/2026")


def test_the_widget_keeps_what_was_typed_when_it_is_wrong():
    form = _Form({"day": "31.02.2026"})
    assert not form.is_valid()
    html = str(form["day"])
    assert 'value="31.02.2026"' in html
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize("language", ["ru", "en"])
def test_dates_and_times_show_as_russian_digits_in_every_language(language):
    moment = timezone.make_aware(datetime(2026, 12, 5, 21, 7))
    template = Template("{{ day }}|{{ day|date }}|{{ day|date:'SHORT_DATE_FORMAT' }}|{{ moment }}")
    with translation.override(language), timezone.override("Europe/Moscow"):
        html = template.render(Context({"day": date(2026, 12, 5), "moment": moment}))
        shown = str(_Form(initial={"day": date(2026, 12, 5)})["day"])
    assert html == "05.12.2026|05.12.2026|05.12.2026|05.12.2026 21:07"
    assert 'value="05.12.2026"' in shown


def _subclasses(cls: type) -> list[type]:
    return [cls, *(sub for direct in cls.__subclasses__() for sub in _subclasses(direct))]


def _form_classes() -> list[tuple[str, type[forms.BaseForm]]]:
    """Every form class of our apps: their forms and views packages imported, then Django's
    form classes walked down to ours (a formset's rows are one of them)."""
    for app in APPS:
        for package_name in (f"{app}.forms", f"{app}.views"):
            try:
                package = import_module(package_name)
            except ModuleNotFoundError:
                continue
            for info in iter_modules(getattr(package, "__path__", [])):
                import_module(f"{package_name}.{info.name}")
    return sorted(
        {
            f"{cls.__module__}.{cls.__qualname__}": cls
            for cls in _subclasses(forms.BaseForm)
            if cls.__module__.split(".")[0] in APPS
        }.items()
    )


def test_the_walk_finds_the_forms_with_dates():
    names = {name for name, _form in _form_classes()}
    assert "mentoring.forms.meetings.MeetingLogForm" in names
    assert "mentoring.forms.programmes.ProgrammeItemForm" in names
    assert "reports.forms.orders.OrderFilterForm" in names


@pytest.mark.parametrize(("name", "form_class"), _form_classes(), ids=lambda v: str(v))
def test_every_date_of_every_form_is_the_shared_field(name, form_class):
    for field_name, field in form_class.base_fields.items():
        where = f"{name}.{field_name}"
        assert not isinstance(field, forms.DateTimeField), where
        if isinstance(field, forms.TimeField):
            assert isinstance(field, TimeField), f"{where}: a plain Django TimeField"
        if isinstance(field, forms.DateField):
            assert isinstance(field, DateField), f"{where}: a plain Django DateField"
        widget = field.widget
        if isinstance(widget, forms.DateInput):
            assert isinstance(widget, DateInput), f"{where}: a plain Django DateInput"
        assert getattr(widget, "input_type", None) not in ("date", "time", "datetime-local"), where


def test_no_template_has_the_browsers_date_input():
    pattern = re.compile(r"""type=["']?(date|datetime-local|time)\b""")
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in settings.BASE_DIR.glob("**/templates/**/*.html")
        if ".venv" not in path.parts and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
