"""Campaigns: the school's list, creating and editing one, its page with the live response
rate, the launch, reminders, early closing and the sheet of personal links."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from mentoring import extensions
from mentoring.permissions import can, get_organisation_for_user
from mentoring.selectors.organisations import current_academic_year

from ..forms.campaigns import (
    CampaignFilterForm,
    CampaignForm,
    CampaignLaunchedForm,
    initial_times,
)
from ..models import Campaign
from ..permissions import Action, get_campaign_for_user
from ..selectors.campaigns import (
    Rate,
    Status,
    audience_size,
    campaign_rate,
    campaign_status,
    campaigns_of,
    is_per_pair,
    participations_of,
)
from ..services import campaigns as services


def _form_error(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@require_GET
def campaign_list(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.CAMPAIGNS_MANAGE)
    filters = CampaignFilterForm(request.GET or None)
    params = filters.params()
    page = Paginator(campaigns_of(organisation.pk, params), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    now = timezone.now()
    campaigns = list(page.object_list)
    for campaign in campaigns:
        campaign.status = campaign_status(campaign, now)
        campaign.status_label = Status.LABELS[campaign.status]
        campaign.rate = Rate(answered=campaign.answered, total=campaign.invited)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "surveys/campaigns/campaign_list.html",
        {
            "organisation": organisation,
            "filters": filters,
            "is_filtered": any(params.values()),
            "page": page,
            "campaigns": campaigns,
            "query": query.urlencode(),
        },
    )


def _activity(request, organisation) -> tuple[int | None, str | None]:
    """The roadmap activity a campaign is started from (?activity=), if the school has it."""
    raw = request.GET.get("activity") or request.POST.get("activity")
    if not raw or not raw.isdigit():
        return None, None
    title = extensions.activity_title(int(raw), organisation.pk)
    return (int(raw), title) if title is not None else (None, None)


def campaign_create(request, org: int):
    organisation = get_organisation_for_user(request.user, org, Action.CAMPAIGNS_MANAGE)
    year = current_academic_year(organisation)
    if year is None:
        messages.error(
            request,
            _(
                "Сначала откройте учебный год на странице организации: анкетирования идут в его рамках."
            ),
        )
        return redirect("campaign_list", org=organisation.pk)
    activity_id, activity_title = _activity(request, organisation)
    now = timezone.localtime()
    initial = {
        "opens_on": now.date(),
        "opens_time": now.strftime("%H:%M"),
        "closes_time": "20:00",
        "title": activity_title or "",
        "complete_activity": activity_id is not None,
    }
    form = CampaignForm(
        request.POST or None,
        organisation=organisation,
        year=year,
        activity=activity_id is not None,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = services.campaign_create(
                organisation=organisation,
                academic_year=year,
                version=data["version"],
                created_by=request.user,
                title=data["title"],
                audience=data["audience"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                anonymous=data["anonymous"],
                phase=data["phase"],
                classes=data["classes"],
                pairs=data["pairs"],
                people=data["people"],
                shared_with_psychologist=data["shared_with_psychologist"],
                activity_id=activity_id,
                complete_activity=data.get("complete_activity", False),
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("Анкетирование создано. Проверьте аудиторию и разошлите приглашения."),
            )
            return redirect("campaign_detail", pk=campaign.pk)
    return render(
        request,
        "surveys/campaigns/campaign_form.html",
        {
            "organisation": organisation,
            "form": form,
            "activity_id": activity_id,
            "activity_title": activity_title,
            "titles": {str(v.pk): v.questionnaire.title for v in form.fields["version"].queryset},
        },
    )


def campaign_edit(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk, Action.CAMPAIGNS_MANAGE)
    organisation = campaign.organisation
    if campaign_status(campaign) == Status.CLOSED:
        messages.error(request, _("Анкетирование закрыто: его уже нельзя изменить."))
        return redirect("campaign_detail", pk=campaign.pk)
    launched = campaign.launched_at is not None
    initial = {
        "title": campaign.title,
        "shared_with_psychologist": campaign.shared_with_psychologist,
        **initial_times(campaign),
    }
    if launched:
        form = CampaignLaunchedForm(request.POST or None, campaign=campaign, initial=initial)
    else:
        initial |= {
            "version": campaign.version_id,
            "audience": campaign.audience,
            "pairs": list(campaign.pairs.all()),
            "people": list(campaign.people.all()),
            "classes": ", ".join(campaign.classes),
            "anonymous": campaign.anonymous,
            "phase": campaign.phase,
            "complete_activity": campaign.complete_activity,
        }
        form = CampaignForm(
            request.POST or None,
            organisation=organisation,
            year=campaign.academic_year,
            activity=campaign.activity_id is not None,
            initial=initial,
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {
            "title": data["title"],
            "closes_at": data["closes_at"],
            "shared_with_psychologist": data["shared_with_psychologist"],
        }
        pairs = people = None
        if not launched:
            values |= {
                "version": data["version"],
                "audience": data["audience"],
                "classes": data["classes"],
                "anonymous": data["anonymous"],
                "phase": data["phase"],
                "opens_at": data["opens_at"],
                "complete_activity": data.get("complete_activity", False),
            }
            pairs, people = data["pairs"], data["people"]
        try:
            services.campaign_update(campaign=campaign, data=values, pairs=pairs, people=people)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Изменения сохранены."))
            return redirect("campaign_detail", pk=campaign.pk)
    return render(
        request,
        "surveys/campaigns/campaign_form.html",
        {
            "organisation": organisation,
            "campaign": campaign,
            "form": form,
            "launched": launched,
            "titles": {}
            if launched
            else {str(v.pk): v.questionnaire.title for v in form.fields["version"].queryset},
        },
    )


def _detail_context(request, campaign: Campaign) -> dict:
    can_manage = can(request.user, Action.CAMPAIGNS_MANAGE, campaign)
    status = campaign_status(campaign)
    context = {
        "campaign": campaign,
        "organisation": campaign.organisation,
        "status": status,
        "status_label": Status.LABELS[status],
        "rate": campaign_rate(campaign),
        "can_manage": can_manage,
        "results_url": services.results_path(campaign),
        "reminder_dates": services.reminder_dates(campaign),
    }
    return context


@require_GET
def campaign_detail(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk, Action.RESULTS_VIEW)
    context = _detail_context(request, campaign)
    if context["can_manage"]:
        shown = "answered" if request.GET.get("list") == "answered" else "waiting"
        if campaign.anonymous:
            shown = "waiting"
        rows = participations_of(campaign, answered=shown == "answered")
        context |= {
            "size": audience_size(campaign),
            "shown": shown,
            "page": Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("page")),
            "query": f"list={shown}",
            "pairs": list(campaign.pairs.select_related("mentor__person")),
            "people": list(campaign.people.all()[:50]),
            "people_count": campaign.people.count(),
            "show_pair": is_per_pair(campaign),
        }
    return render(request, "surveys/campaigns/campaign_detail.html", context)


@never_cache
@require_GET
def campaign_rate_partial(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk, Action.RESULTS_VIEW)
    return render(
        request,
        "surveys/campaigns/_rate.html",
        {
            "campaign": campaign,
            "rate": campaign_rate(campaign),
            "status": campaign_status(campaign),
        },
    )


def campaign_launch(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk, Action.CAMPAIGNS_MANAGE)
    if campaign_status(campaign) == Status.CLOSED:
        messages.error(request, _("Анкетирование закрыто: разослать приглашения уже нельзя."))
        return redirect("campaign_detail", pk=campaign.pk)
    if request.method == "POST":
        try:
            added = services.campaign_launch(campaign=campaign, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if campaign.opens_at > timezone.now():
                messages.success(
                    request,
                    _(
                        "Участники добавлены: %(n)s. Приглашения уйдут, когда анкетирование откроется."
                    )
                    % {"n": added},
                )
            else:
                messages.success(
                    request, _("Приглашения рассылаются: новых участников %(n)s.") % {"n": added}
                )
        return redirect("campaign_detail", pk=campaign.pk)
    return render(
        request,
        "surveys/campaigns/campaign_launch_confirm.html",
        {"campaign": campaign, "size": audience_size(campaign)},
    )


@require_POST
def campaign_remind(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk, Action.CAMPAIGNS_MANAGE)
    if campaign_status(campaign) != Status.OPEN:
        messages.error(request, _("Напоминать можно, пока анкетирование открыто."))
    else:
        services.campaign_remind_later(campaign=campaign, today=timezone.localdate())
        messages.success(
            request,
            _(
                "Напоминания отправляются тем, кто ещё не ответил (не больше одного в день "
                "каждому)."
            ),
        )
    return redirect("campaign_detail", pk=campaign.pk)


def campaign_close(request, pk: int):
    campaign = get_campaign_for_user(request.user, pk, Action.CAMPAIGNS_MANAGE)
    if campaign_status(campaign) == Status.CLOSED:
        messages.info(request, _("Анкетирование уже закрыто."))
        return redirect("campaign_detail", pk=campaign.pk)
    if request.method == "POST":
        services.campaign_close(campaign=campaign, actor=request.user)
        messages.success(request, _("Анкетирование закрыто: ответы больше не принимаются."))
        return redirect("campaign_detail", pk=campaign.pk)
    return render(
        request,
        "surveys/campaigns/campaign_close_confirm.html",
        {"campaign": campaign, "rate": campaign_rate(campaign)},
    )


@never_cache
def campaign_links(request, pk: int):
    """GET: what the sheet is and the confirmation; POST: new links, shown this once."""
    campaign = get_campaign_for_user(request.user, pk, Action.CAMPAIGNS_MANAGE)
    if campaign.launched_at is None:
        messages.error(request, _("Сначала разошлите приглашения: ссылки выдаются участникам."))
        return redirect("campaign_detail", pk=campaign.pk)
    context = {"campaign": campaign}
    if request.method == "POST":
        try:
            rows = services.campaign_links_issue(campaign=campaign)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("campaign_detail", pk=campaign.pk)
        context["rows"] = [
            (participation, request.build_absolute_uri(services.link_path(token)))
            for participation, token in rows
        ]
        return render(request, "surveys/campaigns/campaign_links_sheet.html", context)
    context["count"] = campaign.participations.filter(
        person__user__isnull=True, person__email="", submitted_at__isnull=True
    ).count()
    return render(request, "surveys/campaigns/campaign_links_confirm.html", context)
