"""A campaign's answers as an .xlsx: «Ответы», one row per response and one column per item
key, and «Сводка», the figures per item. Written by a write-only workbook from iterators, so
memory stays bounded however many responses there are."""

from itertools import groupby

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from core.spreadsheets import workbook_bytes, xlsx_cell, xlsx_header_cells

from ..models import Answer, Campaign, Question, Response
from ..selectors.results import (
    HIDDEN_MESSAGE,
    _chosen_names,
    answer_text,
    filter_label,
    protected,
    question_results,
    version_questions,
)

CHUNK = 2000


def _columns(questions: list[Question]) -> list[tuple[str, Question, str]]:
    """(item key, question, header) for each column: a matrix has one per row."""
    columns = []
    for question in questions:
        if question.kind == Question.Kind.MATRIX:
            columns += [
                (
                    f"{question.key}.{row['key']}",
                    question,
                    f"{question.key}.{row['key']} — {question.text}: {row['label']}",
                )
                for row in question.rows or []
            ]
        else:
            columns.append((question.key, question, f"{question.key} — {question.text}"))
    return columns


def _cell_value(question: Question, answer: tuple, names: dict):
    value, other_text = answer
    if question.kind in (Question.Kind.SCALE, Question.Kind.NUMBER, Question.Kind.MATRIX):
        return value
    return answer_text(question, value, other_text, names)


def _answers_sheet(workbook: Workbook, campaign: Campaign, questions: list[Question]) -> None:
    sheet = workbook.create_sheet(_("Ответы"))
    columns = _columns(questions)
    named = not campaign.anonymous
    lead = [_("Дата ответа")]
    if named:
        lead = [_("Участник"), _("Пара или группа"), *lead]
    lead += [_("Роль"), _("Форма наставничества"), _("Категория")]
    for index in range(1, len(lead) + len(columns) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 24
    sheet.freeze_panes = "A2"
    sheet.append(xlsx_header_cells(sheet, [*lead, *(header for _k, _q, header in columns)]))
    names = _chosen_names(campaign, questions)
    responses = (
        Response.objects.filter(campaign=campaign)
        .select_related("person", "pair__mentor__person")
        .order_by("id")
        .iterator(chunk_size=CHUNK)
    )
    answers = groupby(
        Answer.objects.filter(response__campaign=campaign)
        .order_by("response_id")
        .values_list("response_id", "item_key", "value", "other_text")
        .iterator(chunk_size=CHUNK),
        key=lambda row: row[0],
    )
    pending = next(answers, None)
    for response in responses:
        given = {}
        # Both are ordered by the response's id: walk them side by side.
        while pending is not None and pending[0] <= response.pk:
            if pending[0] == response.pk:
                given = {key: (value, other) for _r, key, value, other in pending[1]}
            pending = next(answers, None)
        row = [response.submitted_on]
        if named:
            pair = response.pair
            row = [
                response.person.full_name if response.person else "",
                pair.mentor.person.full_name if pair else "",
                *row,
            ]
        row += [
            filter_label(name, getattr(response, name)) if getattr(response, name) else ""
            for name in ("role", "form_code", "category")
        ]
        for key, question, _header in columns:
            row.append(_cell_value(question, given[key], names) if key in given else None)
        sheet.append([xlsx_cell(sheet, value) for value in row])


def _summary_sheet(workbook: Workbook, campaign: Campaign) -> None:
    sheet = workbook.create_sheet(_("Сводка"))
    for letter, width in zip("ABCDEF", (18, 60, 40, 12, 12, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    results = question_results(campaign, with_people=not campaign.anonymous)
    headers = [_("Код пункта"), _("Вопрос"), _("Вариант"), _("Ответов"), _("Доля, %"), _("Среднее")]
    sheet.append(xlsx_header_cells(sheet, headers))
    for item in results.items:
        key, text = item.key, item.question.text
        if item.kind == Question.Kind.MATRIX:
            for row in item.rows:
                sheet.append(
                    [
                        xlsx_cell(sheet, v)
                        for v in (
                            f"{key}.{row.key}",
                            f"{text}: {row.label}",
                            "",
                            row.n,
                            None,
                            _round(row.mean),
                        )
                    ]
                )
                for bar in row.bars:
                    sheet.append(
                        [
                            xlsx_cell(sheet, v)
                            for v in ("", "", bar.label, bar.count, bar.percent, None)
                        ]
                    )
            continue
        sheet.append(
            [xlsx_cell(sheet, v) for v in (key, text, "", item.n, None, _round(item.mean))]
        )
        for bar in item.bars:
            sheet.append(
                [xlsx_cell(sheet, v) for v in ("", "", bar.label, bar.count, bar.percent, None)]
            )
        for rank in item.people:
            sheet.append(
                [xlsx_cell(sheet, v) for v in ("", "", rank.name, rank.mentions, None, None)]
            )


def _round(value):
    return None if value is None else round(value, 2)


def campaign_workbook(campaign: Campaign) -> bytes:
    """The answers and the summary; an anonymous campaign under five responses gets the
    protection notice instead of its answers."""
    workbook = Workbook(write_only=True)
    if protected(campaign):
        sheet = workbook.create_sheet(_("Ответы"))
        sheet.append([xlsx_cell(sheet, str(HIDDEN_MESSAGE))])
        return workbook_bytes(workbook)
    _answers_sheet(workbook, campaign, version_questions(campaign.version_id))
    _summary_sheet(workbook, campaign)
    return workbook_bytes(workbook)
