"""Filling in a questionnaire: the participant's page (signed in) and the personal link (no
account), one section per page; the draft saved by plain posts and by survey_fill.js; «Мои
анкеты»."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.ratelimit import RateLimit, client_ip
from mentoring.models import Consent
from mentoring.services.consents import consents_missing, is_minor

from ..forms.answering import question_field
from ..models import Participation, Section
from ..permissions import get_participation_for_user
from ..selectors.answering import my_participations, participation_by_token, person_choices_of
from ..selectors.questionnaires import version_with_questions
from ..services.answers import answers_validate, draft_apply, draft_merge, visible_keys
from ..services.responses import Outcome, campaign_state_error, response_submit

# Wrong personal links counted per address: guessing tokens is pointless anyway (256 bits),
# but a flood of guesses is refused early.
WRONG_LINKS_PER_IP = getattr(settings, "SURVEY_WRONG_LINKS_PER_IP", 30)
WRONG_LINKS_WINDOW = 15 * 60


def _wrong_links() -> RateLimit:
    return RateLimit("survey-link", WRONG_LINKS_PER_IP, WRONG_LINKS_WINDOW)


def _consent_missing(participation: Participation) -> bool:
    """Answers are personal data: a person whose processing consent is withdrawn, or a minor
    without a parent's consent on record, does not fill in until the school has it."""
    person = participation.person
    if person.restriction is not None:
        return True
    today = timezone.localdate()
    return is_minor(person, today) and bool(
        consents_missing(person, kinds=(Consent.Kind.PROCESSING,), on=today)
    )


def _section_number(raw, total: int, default: int) -> int:
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return default
    return min(max(number, 1), total)


def _first_unanswered(sections: list[Section], draft: dict, visible: set[str]) -> int:
    for number, section in enumerate(sections, start=1):
        for question in section.questions.all():
            if question.key in visible and not any(
                key == question.key or key.startswith(question.key + ".") for key in draft
            ):
                return number
    return len(sections)


def _fields(participation, sections: list[Section], number: int, draft, errors, visible):
    section = sections[number - 1]
    questions = list(section.questions.all())
    people = person_choices_of(participation, questions)
    earlier = {q.key for other in sections[: number - 1] for q in other.questions.all()}
    fields = []
    for question in questions:
        # A question that depends on an earlier section's answer is drawn only when shown;
        # one depending on this section is drawn and toggled by survey_fill.js (or shown
        # without JavaScript).
        if question.key not in visible and question.show_if_key in earlier:
            continue
        fields.append(
            question_field(
                question,
                draft,
                error=errors.get(question.key, ""),
                people=people.get(question.key),
            )
        )
    return fields


def _render(
    request, participation, version, *, number, draft, errors=None, summary="", urls, status=200
):
    sections = list(version.sections.all())
    section = sections[number - 1]
    campaign = participation.campaign
    errors = errors or {}
    visible = visible_keys([q for s in sections for q in s.questions.all()], draft)
    state_error = campaign_state_error(participation)
    context = {
        "participation": participation,
        "campaign": campaign,
        "questionnaire": version.questionnaire,
        "section": section,
        "number": number,
        "total": len(sections),
        "is_last": number == len(sections),
        "fields": _fields(participation, sections, number, draft, errors, visible),
        "errors": errors,
        "summary": summary or _("Проверьте ответы: подсказки — рядом с вопросами."),
        "state_error": state_error,
        "fill_url": urls[0],
        "draft_url": urls[1],
        # Not the link itself: the token stays out of the device's storage.
        "storage_key": f"participation-{participation.pk}",
        "draft_saved_at": participation.draft_saved_at,
    }
    return render(request, "surveys/answer/fill.html", context, status=status)


def _posted_questions(questions, section_questions, posted) -> list:
    """The section on the page and every other question with a field in the post: a submission
    merges all the answers it carries (one request may hold the whole questionnaire), while the
    answers of other sections it does not carry stay as the draft has them."""
    on_page = {question.key for question in section_questions}
    fields = set(posted)
    return section_questions + [
        question
        for question in questions
        if question.key not in on_page
        and any(
            field == question.key or field.startswith((f"{question.key}.", f"{question.key}__"))
            for field in fields
        )
    ]


def _fill(request, participation: Participation, urls: tuple[str, str]):
    if _consent_missing(participation):
        return render(
            request,
            "surveys/answer/consent_needed.html",
            {"campaign": participation.campaign},
            status=403,
        )
    campaign = participation.campaign
    if participation.submitted_at is not None and (campaign.anonymous or request.GET.get("sent")):
        return render(
            request,
            "surveys/answer/thanks.html",
            {
                "participation": participation,
                "campaign": campaign,
                "editable": not campaign.anonymous and campaign_state_error(participation) is None,
                "fill_url": urls[0],
            },
        )
    version = version_with_questions(campaign.version_id)
    sections = list(version.sections.all())
    if not sections:
        raise Http404
    draft = participation.draft or {}
    questions = [q for s in sections for q in s.questions.all()]
    default = _first_unanswered(sections, draft, visible_keys(questions, draft))
    source = request.POST if request.method == "POST" else request.GET
    number = _section_number(source.get("section"), len(sections), default)
    if request.method != "POST":
        return _render(request, participation, version, number=number, draft=draft, urls=urls)

    section_questions = list(sections[number - 1].questions.all())
    action = request.POST.get("action", "save")
    if state_error := campaign_state_error(participation):
        # Refused politely; what was typed stays on the page, the saved draft as it was.
        messages.error(request, state_error)
        shown = draft_apply(draft, section_questions, request.POST)
        return _render(
            request, participation, version, number=number, draft=shown, urls=urls, status=409
        )
    actor = request.user if request.user.is_authenticated else None
    if action == "submit":
        try:
            submission = response_submit(
                participation=participation,
                posted=request.POST,
                actor=actor,
                section_questions=_posted_questions(questions, section_questions, request.POST),
                version=version,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(f"{urls[0]}?section={number}")
        if not submission.accepted:
            participation.refresh_from_db(fields=["draft", "draft_saved_at"])
            first = next(
                (
                    n
                    for n, s in enumerate(sections, start=1)
                    if any(q.key in submission.errors for q in s.questions.all())
                ),
                number,
            )
            count = len(submission.errors)
            summary = ngettext(
                "Ответы не отправлены: исправьте %(count)d ответ — подсказка рядом с вопросом.",
                "Ответы не отправлены: исправьте %(count)d ответа — подсказки рядом с вопросами.",
                count,
            ) % {"count": count}
            return _render(
                request,
                participation,
                version,
                number=first,
                draft=participation.draft,
                errors=submission.errors,
                summary=summary,
                urls=urls,
                status=422,
            )
        if submission.outcome == Outcome.UPDATED:
            messages.success(request, _("Изменения в ответах сохранены."))
        return redirect(f"{urls[0]}?sent=1")

    participation = draft_merge(
        participation=participation, posted=request.POST, questions=section_questions
    )
    if action == "back":
        return redirect(f"{urls[0]}?section={max(number - 1, 1)}")
    if action == "next":
        __, errors = answers_validate(version, participation.draft, only=section_questions)
        if errors:
            return _render(
                request,
                participation,
                version,
                number=number,
                draft=participation.draft,
                errors=errors,
                urls=urls,
                status=422,
            )
        return redirect(f"{urls[0]}?section={min(number + 1, len(sections))}")
    messages.success(request, _("Черновик сохранён."))
    return redirect(f"{urls[0]}?section={number}")


def _draft(request, participation: Participation):
    if _consent_missing(participation):
        return JsonResponse({"error": _("Школе нужно согласие на обработку данных.")}, status=403)
    if participation.submitted_at is not None and participation.campaign.anonymous:
        return JsonResponse({"error": _("Ответы уже получены.")}, status=409)
    if state_error := campaign_state_error(participation):
        return JsonResponse({"error": state_error}, status=409)
    version = version_with_questions(participation.campaign.version_id)
    sections = list(version.sections.all())
    number = _section_number(request.POST.get("section"), len(sections), 0)
    if not number:
        return JsonResponse({"error": _("Не указан раздел анкеты.")}, status=400)
    participation = draft_merge(
        participation=participation,
        posted=request.POST,
        questions=list(sections[number - 1].questions.all()),
    )
    return JsonResponse({"saved_at": participation.draft_saved_at.isoformat()})


@never_cache
@require_http_methods(["GET", "POST"])
def answer_fill(request, pk: int):
    participation = get_participation_for_user(request.user, pk)
    return _fill(
        request,
        participation,
        (reverse("answer_fill", args=[pk]), reverse("answer_draft", args=[pk])),
    )


@never_cache
@require_POST
def answer_draft(request, pk: int):
    return _draft(request, get_participation_for_user(request.user, pk))


def _by_token(request, token: str) -> Participation | HttpResponse:
    ip = client_ip(request)
    if minutes := _wrong_links().wait_minutes(ip):
        return render(
            request,
            "surveys/answer/too_many.html",
            {"minutes": minutes},
            status=429,
        )
    participation = participation_by_token(token)
    if participation is None:
        _wrong_links().count(ip)
        raise Http404
    return participation


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def link_fill(request, token: str):
    found = _by_token(request, token)
    if isinstance(found, HttpResponse):
        return found
    return _fill(
        request, found, (reverse("link_fill", args=[token]), reverse("link_draft", args=[token]))
    )


@login_not_required
@never_cache
@require_POST
def link_draft(request, token: str):
    found = _by_token(request, token)
    if isinstance(found, HttpResponse):
        return JsonResponse({"error": _("Слишком много попыток.")}, status=429)
    return _draft(request, found)


@require_GET
def my_surveys(request):
    now = timezone.now()
    rows = []
    page = Paginator(my_participations(request.user), 20).get_page(request.GET.get("page"))
    for participation in page:
        campaign = participation.campaign
        if participation.submitted_at is not None:
            state = "answered"
        elif not campaign.is_open(now):
            state = "closed" if now >= campaign.opens_at else "soon"
        elif participation.draft:
            state = "draft"
        else:
            state = "open"
        editable = state == "answered" and not campaign.anonymous and campaign.is_open(now)
        rows.append(
            {
                "participation": participation,
                "campaign": campaign,
                "state": state,
                "editable": editable,
            }
        )
    return render(request, "surveys/answer/my_surveys.html", {"rows": rows, "page": page})
