"""The result pages by role: the school's managers read everything of a campaign, the
psychologist only a shared one, the coordinator the municipality's figures without names,
a participant her own answers, another school nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.models import Role
from surveys.models import Questionnaire
from tests.mentoring.factories import MembershipFactory, PersonFactory, UserFactory
from tests.surveys.factories import make_campaign, make_questionnaire
from tests.surveys.results_data import add_response, invite

pytestmark = pytest.mark.django_db


def _values(n: int) -> dict:
    return {
        "name": f"Участник {n}",
        "story": f"Секретный рассказ {n}",
        "subject": "math",
        "confidence": n % 5 + 1,
        "skills.planning": n % 3,
    }


@pytest.fixture
def named(school):
    campaign = make_campaign(make_questionnaire(school), title="Самооценка")
    for n in range(3):
        add_response(
            campaign,
            _values(n),
            person=PersonFactory(organisation=school, last_name=f"Иванова{n}"),
            role="mentee",
        )
    return campaign


@pytest.fixture
def anonymous(school):
    campaign = make_campaign(make_questionnaire(school), anonymous=True)
    for n in range(3):
        add_response(campaign, _values(n), role="mentee" if n else "mentor")
    return campaign


def _get(client, user, name, *args, query=""):
    client.force_login(user)
    return client.get(reverse(name, args=args) + query)


def test_curator_sees_figures_charts_and_answers_by_participant(client, curator, named):
    response = _get(client, curator, "campaign_results", named.pk)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-chart="chart-confidence"' in page
    assert 'role="img"' in page
    assert "chart.umd.min.js" in page and "survey_charts.js" in page
    assert "Ответы по участникам" in page and "Иванова0" in page
    assert "Секретный рассказ 1" in page


def test_anonymous_campaign_under_five_shows_the_protection_notice(client, curator, anonymous):
    response = _get(client, curator, "campaign_results", anonymous.pk)
    page = response.content.decode()
    assert "Меньше 5 ответов — данные скрыты" in page
    assert "Секретный рассказ" not in page and "Ответы по участникам" not in page
    texts = _get(client, curator, "campaign_text_answers", anonymous.pk, "story")
    assert "Секретный рассказ" not in texts.content.decode()


def test_anonymous_campaign_never_lists_participants(client, curator, anonymous):
    for n in range(3, 6):
        add_response(anonymous, _values(n))
    page = _get(client, curator, "campaign_results", anonymous.pk).content.decode()
    assert "Секретный рассказ" in page
    assert "Ответы по участникам" not in page
    # Filtered down to one role of under five: hidden again.
    filtered = _get(client, curator, "campaign_results", anonymous.pk, query="?role=mentor")
    assert "Меньше 5 ответов — данные скрыты" in filtered.content.decode()


def test_text_answers_page_lists_all_texts_paginated(client, director, named):
    response = _get(client, director, "campaign_text_answers", named.pk, "story")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 3
    assert (
        _get(client, director, "campaign_text_answers", named.pk, "confidence").status_code == 404
    )


def test_psychologist_reads_only_shared_campaigns(client, psychologist, named):
    assert _get(client, psychologist, "campaign_results", named.pk).status_code == 403
    named.shared_with_psychologist = True
    named.save(update_fields=["shared_with_psychologist"])
    assert _get(client, psychologist, "campaign_results", named.pk).status_code == 200


def test_coordinator_sees_aggregates_only(client, coordinator, municipality, school, named):
    assert _get(client, coordinator, "campaign_results", named.pk).status_code == 403
    assert _get(client, coordinator, "campaign_export", named.pk).status_code == 403
    Questionnaire.objects.filter(pk=named.version.questionnaire_id).update(
        library_key="self_assessment"
    )
    for n in range(3, 6):
        add_response(named, _values(n), person=PersonFactory(organisation=school))
    response = _get(client, coordinator, "municipal_survey_results", municipality.pk)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Самооценка" in page or named.version.questionnaire.title in page
    assert "Иванова" not in page and "Секретный рассказ" not in page
    assert response.context["results"].schools[0].responses == 6
    # The coordinator's right at a school is not the municipality's page.
    assert _get(client, coordinator, "municipal_survey_results", school.pk).status_code == 404


def test_teacher_reads_her_own_answers_only(client, teacher, school, named):
    participation = invite(named, teacher.person)
    response = _get(client, teacher, "own_response", participation.pk)
    assert "Вы ещё не отправили эту анкету" in response.content.decode()
    mine = add_response(named, _values(4), participation=participation)
    response = _get(client, teacher, "own_response", mine.participation_id)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Секретный рассказ 4" in page and "Математика" in page
    other = named.responses.exclude(pk=mine.pk).first()
    assert _get(client, teacher, "own_response", other.participation_id).status_code == 403
    assert _get(client, teacher, "campaign_results", named.pk).status_code == 403


def test_own_anonymous_answers_are_not_shown(client, teacher, anonymous):
    participation = invite(anonymous, teacher.person)
    add_response(anonymous, _values(1))
    participation.submitted_at = participation.invited_at
    participation.save(update_fields=["submitted_at"])
    page = _get(client, teacher, "own_response", participation.pk).content.decode()
    assert "Анкетирование анонимное" in page


def test_outsider_gets_404(client, outsider, named):
    for name in ("campaign_results", "campaign_export", "campaign_compare_pick"):
        assert _get(client, outsider, name, named.pk).status_code == 404


def test_evaluation_page_only_for_evaluation_questionnaires(client, curator, named):
    assert _get(client, curator, "campaign_evaluation", named.pk).status_code == 404


def test_compare_page_labels_anonymous_groups(client, curator, school, named, anonymous):
    client.force_login(curator)
    url = reverse("campaign_compare")
    page = client.get(url, {"before": named.pk, "after": anonymous.pk}).content.decode()
    assert "Сравнение групп (анонимно): без сопоставления по людям" in page
    assert client.get(url, {"before": named.pk, "after": named.pk}).status_code == 404
    assert client.get(url, {"before": "x", "after": named.pk}).status_code == 404
    pick = client.get(reverse("campaign_compare_pick", args=[named.pk]))
    assert len(pick.context["suggestions"]) == 1


def test_pdf_report_has_svg_charts(client, curator, named):
    response = _get(client, curator, "campaign_results_pdf", named.pk)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_results_page_query_count_does_not_grow(
    client, curator, school, named, django_assert_num_queries
):
    client.force_login(curator)
    url = reverse("campaign_results", args=[named.pk])
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for n in range(3, 9):
        add_response(named, _values(n), person=PersonFactory(organisation=school), role="mentor")
    with django_assert_num_queries(len(first)):
        client.get(url)


def test_multi_role_psychologist_who_is_curator_sees_all(client, school, named):
    user = UserFactory()
    MembershipFactory(user=user, organisation=school, role=Role.PSYCHOLOGIST)
    MembershipFactory(user=user, organisation=school, role=Role.CURATOR)
    assert _get(client, user, "campaign_results", named.pk).status_code == 200


def test_answers_by_participant_are_searched_by_name(client, curator, named):
    response = _get(client, curator, "campaign_results", named.pk, query="?q=иванова1")
    assert [row.response.person.last_name for row in response.context["participants"]] == [
        "Иванова1"
    ]
    # The figures stay those of every response.
    assert response.context["results"].responses == 3


def test_campaign_without_answers_shows_the_empty_state(client, curator, school):
    campaign = make_campaign(make_questionnaire(school))
    invite(campaign)
    response = _get(client, curator, "campaign_results", campaign.pk)
    page = response.content.decode()
    assert "Ответов пока нет." in page
    assert "chart.umd.min.js" not in page
    assert response.context["results"].invited == 1
