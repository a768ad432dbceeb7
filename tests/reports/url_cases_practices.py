"""The practices pages in the URL × role matrix (tests/test_url_permissions.py): the school's
staff and the municipality's coordinator read published cases, the curator and the director
keep the collection; a draft does not exist for the rest."""

from django.core.files.uploadedfile import SimpleUploadedFile

from mentoring.models import MentoringPair
from reports.models import PracticeCase
from reports.services.practices import (
    case_create_from_pair,
    case_publish,
    case_update,
    material_add,
)
from tests.test_url_permissions import Case, expect

READERS = expect(default=200, outsider=404)
MANAGERS = expect(default=403, director=200, curator=200, outsider=404)
MANAGERS_POST = expect(default=403, director=302, curator=302, outsider=404)
DRAFT_READERS = expect(default=404, director=200, curator=200)


def _completed(o) -> MentoringPair:
    pair = o["pair"]
    MentoringPair.objects.filter(pk=pair.pk).update(status=MentoringPair.Status.COMPLETED)
    pair.refresh_from_db()
    return pair


def _draft(o) -> PracticeCase:
    case = case_create_from_pair(pair=_completed(o), user=o["users"]["curator"])
    return case_update(case=case, description="Как работала пара.")


def _published(o) -> PracticeCase:
    return case_publish(case=_draft(o))


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("plan.pdf", b"%PDF-1.4 lesson plan")


def _material(o):
    return material_add(case=_published(o), title="План занятия", upload=_pdf())


CASES = [
    Case("practice_list", READERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case("practice_list", READERS, kwargs=lambda o: {"org": o["school"].pk}, query="?q=пара"),
    Case("practice_create", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case(
        "practice_create",
        MANAGERS_POST,
        kwargs=lambda o: {"org": o["school"].pk},
        method="post",
        data=lambda o: {"pair": _completed(o).pk},
    ),
    Case("practice_detail", READERS, kwargs=lambda o: {"pk": _published(o).pk}),
    Case("practice_detail", DRAFT_READERS, kwargs=lambda o: {"pk": _draft(o).pk}),
    Case("practice_edit", MANAGERS, kwargs=lambda o: {"pk": _published(o).pk}),
    Case("practice_publish", MANAGERS_POST, kwargs=lambda o: {"pk": _draft(o).pk}, method="post"),
    Case(
        "practice_publish",
        expect(default=405, outsider=405),
        kwargs=lambda o: {"pk": _draft(o).pk},
    ),
    Case("practice_delete", MANAGERS, kwargs=lambda o: {"pk": _published(o).pk}),
    Case(
        "practice_delete", MANAGERS_POST, kwargs=lambda o: {"pk": _published(o).pk}, method="post"
    ),
    Case("practice_material_add", MANAGERS, kwargs=lambda o: {"pk": _published(o).pk}),
    Case(
        "practice_material_add",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": _published(o).pk},
        method="post",
        data=lambda o: {"title": "Презентация", "file": _pdf()},
    ),
    Case("practice_material_download", READERS, kwargs=lambda o: {"pk": _material(o).pk}),
    Case("practice_material_delete", MANAGERS, kwargs=lambda o: {"pk": _material(o).pk}),
    Case(
        "practice_material_delete",
        MANAGERS_POST,
        kwargs=lambda o: {"pk": _material(o).pk},
        method="post",
    ),
    # The municipality's page: school staff hold no role at the municipality.
    Case(
        "municipal_practices",
        expect(default=404, coordinator=200),
        kwargs=lambda o: {"org": o["municipality"].pk},
    ),
]
