"""The project's URLs plus the floors of the surveys benchmark: the least a request could do
for the same work behind the same middleware, session and CSRF check.

Wired only while measuring (bench/surveys_settings.py for gunicorn, override_settings in
process); nothing here is part of the application.
"""

from django.contrib.auth.decorators import login_not_required
from django.db.models import Avg, Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.template import engines
from django.urls import include, path
from django.utils import timezone

from surveys.models import Answer, Campaign, Question, Response

SUBMIT_TEMPLATE = engines["django"].from_string(
    '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{{ csrf }}">'
    '<button name="action" value="submit">Отправить</button></form>'
)
THANKS_URL = "/bench-floor/surveys/thanks/"


@login_not_required
def floor_submit(request: HttpRequest, campaign: int, version: int, token: str) -> HttpResponse:
    """GET: a form with the CSRF token (and its cookie). POST: one INSERT, then a redirect, as a
    submitted form does. No token lookup, no validation, no answers."""
    if request.method == "POST":
        Response.objects.create(
            campaign_id=campaign, version_id=version, submitted_on=timezone.localdate()
        )
        return HttpResponseRedirect(THANKS_URL + "?sent=1")
    return HttpResponse(SUBMIT_TEMPLATE.render({"csrf": get_token(request)}))


RESULTS_TEMPLATE = engines["django"].from_string(
    "<h1>{{ campaign.title }}</h1><p>{{ submitted }} / {{ invited }}</p>"
    "<table>{% for row in items %}<tr><td>{{ row.item_key }}</td><td>{{ row.n }}</td>"
    "<td>{{ row.mean|default_if_none:'' }}</td></tr>{% endfor %}</table>"
    "<table>{% for row in values %}<tr><td>{{ row.item_key }}</td><td>{{ row.value }}</td>"
    "<td>{{ row.n }}</td></tr>{% endfor %}</table>"
)
TEXT_KINDS = (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT)


def floor_results(request: HttpRequest, campaign: int) -> HttpResponse:
    """The campaign, its response rate and its answers grouped in SQL: per item the count and
    mean, per item and value the count (text answers left out), into a minimal template."""
    target = Campaign.objects.get(pk=campaign)
    rate = target.participations.aggregate(invited=Count("pk"), submitted=Count("submitted_at"))
    answers = Answer.objects.filter(response__campaign=target).order_by()
    items = answers.values("item_key").annotate(n=Count("pk"), mean=Avg("number"))
    values = (
        answers.exclude(question__kind__in=TEXT_KINDS)
        .values("item_key", "value")
        .annotate(n=Count("pk"))
        .order_by("item_key", "value")
    )
    context = {"campaign": target, "items": items, "values": values, **rate}
    return HttpResponse(RESULTS_TEMPLATE.render(context))


@login_not_required
def floor_thanks(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Спасибо!")


urlpatterns = [
    path(
        "bench-floor/surveys/<int:campaign>/<int:version>/<str:token>/",
        floor_submit,
        name="bench_floor_submit",
    ),
    path("bench-floor/surveys/thanks/", floor_thanks, name="bench_floor_thanks"),
    path(
        "bench-floor/surveys/results/<int:campaign>/",
        floor_results,
        name="bench_floor_results",
    ),
    path("", include("config.urls")),
]
