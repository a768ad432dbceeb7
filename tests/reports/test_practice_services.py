"""Best practices' services: a case only of a completed pair, prefilled from it; bounded,
content-checked materials; publishing."""

import zipfile
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import timezone

from core.uploads import DOCUMENT_KINDS, DOCX, PPTX, XLSX, file_kind
from mentoring.models import MentoringPair, Programme
from reports.models import PracticeCase, PracticeMaterial
from reports.services import practices as services
from surveys.models import Questionnaire, Response
from tests.surveys.factories import make_campaign, make_questionnaire
from tests.surveys.results_data import add_response

pytestmark = pytest.mark.django_db
COMPLETED = MentoringPair.Status.COMPLETED


def _evaluate(pair, score: int, level: str, days_ago: int) -> Response:
    questionnaire = make_questionnaire(
        pair.organisation,
        [{"key": "eval_1", "text": "Критерий", "kind": "scale", "scale_min": 0, "scale_max": 2}],
    )
    Questionnaire.objects.filter(pk=questionnaire.pk).update(kind=Questionnaire.Kind.EVALUATION)
    return add_response(
        make_campaign(questionnaire),
        {"eval_1": 2},
        person=pair.mentor.person,
        pair=pair,
        score=score,
        level=level,
        submitted_on=timezone.localdate() - timedelta(days=days_ago),
    )


def _office(part: str) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "status",
    [
        MentoringPair.Status.DRAFT,
        MentoringPair.Status.AWAITING_ORDER,
        MentoringPair.Status.ACTIVE,
        MentoringPair.Status.DISSOLVED,
    ],
)
def test_only_a_completed_pair_becomes_a_case(make_pair, curator, status):
    pair = make_pair(status=status)
    with pytest.raises(ValidationError, match="только завершённая"):
        services.case_create_from_pair(pair=pair, user=curator)
    assert not PracticeCase.objects.exists()


def test_case_is_prefilled_from_the_pair_programme_and_latest_evaluation(make_pair, curator):
    pair = make_pair(status=COMPLETED, mentees=2)
    Programme.objects.create(
        pair=pair,
        goal="Освоить современные методики урока",
        tasks="Посетить уроки наставника",
        expected_results="Открытый урок на методическом объединении",
    )
    _evaluate(pair, 9, Response.Level.ACCEPTABLE, days_ago=60)
    _evaluate(pair, 16, Response.Level.OPTIMAL, days_ago=5)
    case = services.case_create_from_pair(pair=pair, user=curator)
    assert case.status == PracticeCase.Status.DRAFT
    assert case.organisation_id == pair.organisation_id
    assert case.form_name == "педагог – педагог"
    assert case.title.startswith("Педагог – педагог: ")
    assert "Цель: Освоить современные методики урока" in case.description
    assert "Задачи: Посетить уроки наставника" in case.description
    assert case.results == "Ожидаемые результаты: Открытый урок на методическом объединении"
    assert (case.score, case.level) == (16, Response.Level.OPTIMAL)
    assert case.get_level_display() == "Оптимальный"
    assert case.created_by == curator


def test_case_without_programme_or_evaluation_is_a_draft_to_fill_in(make_pair, curator):
    case = services.case_create_from_pair(pair=make_pair(status=COMPLETED), user=curator)
    assert (case.score, case.level) == (None, "")
    with pytest.raises(ValidationError, match="опишите практику"):
        services.case_publish(case=case)
    case.refresh_from_db()
    assert case.status == PracticeCase.Status.DRAFT


def test_a_pair_is_described_once(make_pair, curator):
    pair = make_pair(status=COMPLETED)
    services.case_create_from_pair(pair=pair, user=curator)
    with pytest.raises(ValidationError, match="уже описана"):
        services.case_create_from_pair(pair=pair, user=curator)
    assert PracticeCase.objects.count() == 1


@pytest.fixture
def case(make_pair, curator):
    case = services.case_create_from_pair(pair=make_pair(status=COMPLETED), user=curator)
    return services.case_update(case=case, description="Как работала пара")


def test_publish_and_unpublish(case):
    services.case_publish(case=case)
    case.refresh_from_db()
    assert case.status == PracticeCase.Status.PUBLISHED
    assert case.published_at is not None
    services.case_unpublish(case=case)
    case.refresh_from_db()
    assert (case.status, case.published_at) == (PracticeCase.Status.DRAFT, None)


def test_update_refuses_an_empty_title(case):
    with pytest.raises(ValidationError):
        services.case_update(case=case, title="")
    case.refresh_from_db()
    assert case.title


@pytest.mark.parametrize(
    ("content", "extension"),
    [
        (b"%PDF-1.7 plan", ".pdf"),
        (b"\xff\xd8\xff\xe0 photo", ".jpg"),
        (b"\x89PNG\r\n\x1a\n photo", ".png"),
        (_office("word/document.xml"), ".docx"),
        (_office("ppt/presentation.xml"), ".pptx"),
        (_office("xl/workbook.xml"), ".xlsx"),
    ],
)
def test_material_kind_is_told_by_content_and_named_by_it(case, content, extension):
    material = services.material_add(
        case=case, title=" План занятия ", upload=SimpleUploadedFile("Иванова.bin", content)
    )
    assert material.title == "План занятия"
    assert material.size == len(content)
    assert material.file.name.endswith(extension)
    assert "Иванова" not in material.file.name
    with material.file.open("rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00 an executable",
        b"<html><script>alert(1)</script></html>",
        _office("content.xml"),  # an archive of no allowed kind (an .odt, a .zip)
        b"PK\x03\x04 not really an archive",
    ],
)
def test_material_of_another_kind_is_refused_whatever_its_name(case, content):
    upload = SimpleUploadedFile("plan.pdf", content)
    with pytest.raises(ValidationError) as refused:
        services.material_add(case=case, title="План", upload=upload)
    assert "другого формата" in refused.value.message_dict["file"][0]
    assert not PracticeMaterial.objects.exists()


def test_material_over_ten_megabytes_is_refused(case, settings):
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-" + b"0" * services.MAX_MATERIAL_SIZE)
    with pytest.raises(ValidationError) as refused:
        services.material_add(case=case, title="План", upload=upload)
    assert "больше 10 МБ" in refused.value.message_dict["file"][0]
    assert not PracticeMaterial.objects.exists()
    assert not any(path.is_file() for path in Path(settings.MEDIA_ROOT).rglob("*"))


def test_material_not_saved_leaves_no_file(case, settings, monkeypatch):
    """A failure after the file is written (here the row's insert) removes the file."""

    def failing_save(self, *args, **kwargs):
        raise IntegrityError("disk full of rows")

    stored_before = set(Path(settings.MEDIA_ROOT).rglob("*"))
    monkeypatch.setattr(PracticeMaterial, "save_base", failing_save)
    with pytest.raises(IntegrityError):
        services.material_add(
            case=case, title="План", upload=SimpleUploadedFile("p.pdf", b"%PDF-1.4")
        )
    assert {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()} == {
        p for p in stored_before if p.is_file()
    }


def test_deleting_a_case_removes_its_materials_and_files(case, django_capture_on_commit_callbacks):
    material = services.material_add(
        case=case, title="План", upload=SimpleUploadedFile("p.pdf", b"%PDF-1.4")
    )
    storage, name = material.file.storage, material.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.case_delete(case=case)
    assert not PracticeCase.objects.exists()
    assert not PracticeMaterial.objects.exists()
    assert not storage.exists(name)


def test_deleting_a_material_removes_its_file(case, django_capture_on_commit_callbacks):
    material = services.material_add(
        case=case, title="План", upload=SimpleUploadedFile("p.pdf", b"%PDF-1.4")
    )
    storage, name = material.file.storage, material.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.material_delete(material=material)
    assert not storage.exists(name)
    assert case.materials.count() == 0


def test_office_kinds_are_told_apart_by_their_main_part():
    assert file_kind(BytesIO(_office("word/document.xml")), DOCUMENT_KINDS) == DOCX
    assert file_kind(BytesIO(_office("ppt/presentation.xml")), DOCUMENT_KINDS) == PPTX
    assert file_kind(BytesIO(_office("xl/workbook.xml")), DOCUMENT_KINDS) == XLSX
    # The scans' kinds know no archives.
    assert file_kind(BytesIO(_office("word/document.xml"))) is None


def test_demo_step_publishes_one_case_of_a_completed_pair_once(school, make_pair, curator):
    from reports.demo import practices_add

    make_pair(status=MentoringPair.Status.ACTIVE)
    practices_add(school)
    assert not PracticeCase.objects.exists()  # the demo's pairs are all running
    pair = make_pair(status=COMPLETED)
    practices_add(school)
    practices_add(school)
    case = PracticeCase.objects.get()
    assert (case.pair, case.status, case.created_by) == (
        pair,
        PracticeCase.Status.PUBLISHED,
        curator,
    )
    assert case.description


def test_changes_of_a_case_are_in_its_history(case):
    from auditlog.models import LogEntry

    before = LogEntry.objects.get_for_object(case).count()  # created, described
    services.case_update(case=case, title="Другое название")
    entries = LogEntry.objects.get_for_object(case)
    assert entries.count() == before + 1
    assert "Другое название" in str(entries.first().changes)
