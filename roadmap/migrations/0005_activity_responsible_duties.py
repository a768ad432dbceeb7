"""Activities whose responsible text names class teachers, heads of subject associations,
the social pedagogue or the person responsible for the website get those duties among their
responsible roles, as a new import would give them. Roles already there stay."""

import re

from django.db import migrations

# Frozen copy of roadmap.templates_data._DUTY_RULES as of this migration.
_DUTY_RULES = (
    (re.compile(r"\bклассн\w* руководител"), "class_teacher"),
    (
        re.compile(
            r"\b(?:руководител|председател)\w*\s+(?:ш?мо\b|шко\w+ методическ|методическ\w+ объед)"
        ),
        "smo_head",
    ),
    (re.compile(r"\bсоц(?:иальн\w*|\.)?\s*педагог"), "social_pedagogue"),
    (re.compile(r"\bответственн\w*\s+за\s+(?:ведение\s+)?(?:школьн\w+\s+)?сайт"), "website"),
)
_DUTIES = [duty for _pattern, duty in _DUTY_RULES]


def add_duties(apps, schema_editor):
    Activity = apps.get_model("roadmap", "Activity")
    for activity in Activity.objects.exclude(responsible_text="").iterator():
        text = activity.responsible_text.lower().replace("ё", "е")
        named = [duty for pattern, duty in _DUTY_RULES if pattern.search(text)]
        missing = [duty for duty in named if duty not in activity.responsible_roles]
        if missing:
            activity.responsible_roles = [*activity.responsible_roles, *missing]
            activity.save(update_fields=["responsible_roles"])


def remove_duties(apps, schema_editor):
    Activity = apps.get_model("roadmap", "Activity")
    for activity in Activity.objects.exclude(responsible_roles=[]).iterator():
        kept = [role for role in activity.responsible_roles if role not in _DUTIES]
        if kept != activity.responsible_roles:
            activity.responsible_roles = kept
            activity.save(update_fields=["responsible_roles"])


class Migration(migrations.Migration):
    dependencies = [
        ("roadmap", "0004_activity_document_label_and_subheading"),
        ("mentoring", "0017_person_duties_and_homeroom"),
    ]

    operations = [migrations.RunPython(add_duties, remove_duties)]
