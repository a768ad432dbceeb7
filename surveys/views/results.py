"""Results of a campaign: figures per question, the text answers, the answers by participant,
the before/after comparison, the evaluation table, the files; the coordinator's figures
across schools; a participant's own answers."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.downloads import pdf_response, xlsx_response
from core.pdf import render_pdf
from mentoring.models import Organisation
from mentoring.permissions import get_organisation_for_user

from ..charts import item_chart_svg
from ..exports.results import campaign_workbook
from ..forms.results import ResultsFilterForm
from ..models import Question, Questionnaire, Response
from ..permissions import Action, get_campaign_for_user, get_participation_for_user
from ..selectors.comparison import campaign_compare as compare_campaigns
from ..selectors.comparison import compare_suggestions, comparison_label
from ..selectors.evaluation import campaign_evaluation as campaign_evaluation_rows
from ..selectors.municipal import library_questionnaires, municipal_filter_choices
from ..selectors.municipal import municipal_survey_results as municipal_survey_figures
from ..selectors.results import (
    HIDDEN_MESSAGE,
    MIN_GROUP,
    ResultFilters,
    filter_choices,
    filter_label,
    named_responses,
    participant_rows,
    protected,
    question_results,
    sections_of,
    text_answers,
    version_questions,
)

TEXTS_PER_PAGE = 50
SCHOOLS_PER_PAGE = 50


def _filters(request, campaign) -> tuple[ResultsFilterForm, ResultFilters, str]:
    form = ResultsFilterForm(request.GET or None, choices=filter_choices(campaign))
    query = request.GET.copy()
    query.pop("page", None)
    return form, form.filters(), query.urlencode()


@require_GET
def campaign_results(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk, Action.RESULTS_VIEW)
    form, filters, query = _filters(request, campaign)
    results = question_results(campaign, filters, with_people=True)
    context = {
        "campaign": campaign,
        "organisation": campaign.organisation,
        "filters": form,
        "is_filtered": filters.active,
        "query": query,
        "results": results,
        "hidden_message": HIDDEN_MESSAGE,
    }
    if not campaign.anonymous and results.responses:
        questions = version_questions(campaign.version_id)
        search = request.GET.get("q", "").strip()
        page = Paginator(named_responses(campaign, filters, search), settings.PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context |= {
            "search": search,
            "page": page,
            "questions": questions,
            "participants": participant_rows(campaign, list(page.object_list), questions),
        }
    return render(request, "surveys/results/campaign_results.html", context)


@require_GET
def campaign_text_answers(request, pk: int, key: str):
    campaign = get_campaign_for_user(request.user, pk, Action.RESULTS_VIEW)
    question = next((q for q in version_questions(campaign.version_id) if q.key == key), None)
    if question is None or (
        question.kind not in (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT)
        and not question.allow_other
    ):
        raise Http404
    _form, filters, query = _filters(request, campaign)
    hidden = protected(campaign, filters)
    context = {
        "campaign": campaign,
        "organisation": campaign.organisation,
        "question": question,
        "query": query,
        "hidden": hidden,
        "hidden_message": HIDDEN_MESSAGE,
    }
    if not hidden:
        context["page"] = Paginator(
            text_answers(campaign, question, filters), TEXTS_PER_PAGE
        ).get_page(request.GET.get("page"))
    return render(request, "surveys/results/text_answers.html", context)


@require_GET
def campaign_export(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk, Action.RESULTS_VIEW)
    filename = f"results-{campaign.pk}-{timezone.localdate():%Y-%m-%d}.xlsx"
    return xlsx_response(campaign_workbook(campaign), filename)


@require_GET
def campaign_results_pdf(request, pk: int):
    """Rendered in the request: the report is a few pages of small SVG charts."""
    campaign = get_campaign_for_user(request.user, pk, Action.RESULTS_VIEW)
    form, filters, _query = _filters(request, campaign)
    results = question_results(campaign, filters, with_people=True)
    chosen = [
        f"{form.fields[name].label}: {filter_label(name, getattr(filters, name))}"
        for name in ("form_code", "role", "category")
        if getattr(filters, name)
    ]
    context = {
        "campaign": campaign,
        "results": results,
        "items": [{"item": item, "svg": item_chart_svg(item)} for item in results.items],
        "filters_text": "; ".join(chosen),
        "hidden_message": HIDDEN_MESSAGE,
    }
    content = render_pdf("pdf/survey_results.html", context)
    return pdf_response(content, f"results-{campaign.pk}.pdf")


@require_GET
def campaign_evaluation(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk, Action.RESULTS_VIEW)
    if campaign.version.questionnaire.kind != Questionnaire.Kind.EVALUATION:
        raise Http404
    evaluation = campaign_evaluation_rows(campaign)
    page = Paginator(evaluation.rows, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/results/evaluation.html",
        {
            "campaign": campaign,
            "organisation": campaign.organisation,
            "evaluation": evaluation,
            "page": page,
        },
    )


def _campaign_param(request, name: str):
    try:
        return get_campaign_for_user(
            request.user, int(request.GET.get(name, "")), Action.RESULTS_VIEW
        )
    except ValueError:
        raise Http404 from None


@require_GET
def campaign_compare(request):
    before = _campaign_param(request, "before")
    after = _campaign_param(request, "after")
    if before.organisation_id != after.organisation_id or before.pk == after.pk:
        raise Http404
    comparison = compare_campaigns(before, after)
    return render(
        request,
        "surveys/results/compare.html",
        {
            "campaign": after,
            "organisation": after.organisation,
            "comparison": comparison,
            "label": comparison_label(comparison),
            "hidden_message": HIDDEN_MESSAGE,
            "suggestions": compare_suggestions(after),
        },
    )


@require_GET
def campaign_compare_pick(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk, Action.RESULTS_VIEW)
    return render(
        request,
        "surveys/results/compare_pick.html",
        {
            "campaign": campaign,
            "organisation": campaign.organisation,
            "suggestions": compare_suggestions(campaign),
        },
    )


def _get_municipality_for_user(user, pk: int) -> Organisation:
    organisation = get_organisation_for_user(user, pk, Action.RESULTS_AGGREGATE)
    # The coordinator holds the right in each school too; these figures are the municipality's.
    if organisation.is_school:
        raise Http404
    return organisation


@require_GET
def municipal_survey_results(request, org: int):
    municipality = _get_municipality_for_user(request.user, org)
    questionnaires = library_questionnaires(municipality)
    chosen = request.GET.get("questionnaire") or (questionnaires[0][0] if questionnaires else "")
    context = {
        "organisation": municipality,
        "questionnaires": questionnaires,
        "chosen": chosen,
        "min_group": MIN_GROUP,
    }
    if chosen:
        if chosen not in dict(questionnaires):
            raise Http404
        schools = municipality.schools.filter(kind=Organisation.Kind.SCHOOL).order_by("short_name")
        form = ResultsFilterForm(
            request.GET or None,
            choices=municipal_filter_choices(municipality, chosen),
            schools=schools,
        )
        filters = form.filters()
        results = municipal_survey_figures(municipality, chosen, filters)
        query = request.GET.copy()
        query.pop("page", None)
        context |= {
            "title": dict(questionnaires)[chosen],
            "filters": form,
            "is_filtered": filters.active,
            "results": results,
            "page": Paginator(results.schools, SCHOOLS_PER_PAGE).get_page(request.GET.get("page")),
            "query": query.urlencode(),
        }
    return render(request, "surveys/results/municipal.html", context)


@require_GET
def own_response(request, pk: int):
    """A participant's own submitted answers, read-only. An anonymous response keeps no link
    to her, so it cannot be shown to anybody."""
    participation = get_participation_for_user(request.user, pk)
    campaign = participation.campaign
    response = Response.objects.filter(participation=participation).first()
    sections = []
    if response is not None:
        questions = version_questions(response.version_id)
        row = participant_rows(campaign, [response], questions)[0]
        titles = dict(sections_of(response.version_id).values_list("pk", "title"))
        for question, cell in zip(questions, row.cells, strict=True):
            if not sections or sections[-1][0] != question.section_id:
                sections.append((question.section_id, titles.get(question.section_id), []))
            sections[-1][2].append((question, cell))
    return render(
        request,
        "surveys/results/own_response.html",
        {
            "participation": participation,
            "campaign": campaign,
            "response": response,
            "sections": [(title, answers) for _id, title, answers in sections],
        },
    )
