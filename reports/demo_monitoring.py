"""The inputs of the demo school's indicators, made through the services as its curator would:
the year's targets (seed 004's suggestion) and the contingent from a class list.

Safe to run again: each part is skipped once the school has it.
"""

import random
from datetime import date, timedelta
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils import timezone
from openpyxl import Workbook

from mentoring.models import Organisation, Role

from .demo import _user
from .models import Contingent, IndicatorTarget
from .selectors.indicators import seed_targets
from .services.contingent import contingent_import
from .services.targets import targets_save

# Classes of the demo school: two of each grade up to the 9th, one 10th and one 11th.
CLASSES = [(grade, letter) for grade in range(1, 10) for letter in "АБ"] + [(10, "А"), (11, "А")]
CLASS_SIZE = 25


def monitoring_inputs_add(school: Organisation) -> None:
    year = school.academic_years.filter(is_current=True).first()
    if year is None:
        return
    curator = _user(school, Role.CURATOR)
    if not IndicatorTarget.objects.filter(academic_year=year).exists():
        targets_save(year=year, values=seed_targets(year), user=curator)
    if not Contingent.objects.filter(organisation=school).exists():
        counted_on = min(year.start_date, timezone.localdate())
        contingent_import(
            organisation=school,
            counted_on=counted_on,
            upload=ContentFile(class_list(school, counted_on), name="Списки классов.xlsx"),
            user=curator,
        )


def class_list(school: Organisation, counted_on: date) -> bytes:
    """The school's pupils by class with birth dates, as a school's office exports them: a
    title over the table, no names (the count needs none)."""
    rng = random.Random(f"classes-{school.short_name}")
    start = counted_on.year if counted_on.month >= 9 else counted_on.year - 1
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([f"Списки обучающихся {school.short_name} на {counted_on:%d.%m.%Y}"])
    sheet.append(["№ п/п", "Класс", "Дата рождения"])
    number = 0
    for grade, letter in CLASSES:
        # A pupil of grade g on 1 September is 6 + g years old, born within that year.
        first = date(start - 7 - grade, 9, 2)
        for _ in range(CLASS_SIZE):
            number += 1
            born = first + timedelta(days=rng.randint(0, 364))
            sheet.append([number, f"{grade}{letter}", born])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
