"""Campaign services: audiences, the launch and its invitations, personal links, reminders,
closing and the roadmap activity it completes, anonymity rules."""

import hashlib
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentoring import extensions
from mentoring.models import (
    Consent,
    MenteeEntry,
    MentorEntry,
    MentoringPair,
    Notification,
    Person,
)
from surveys.models import Campaign, Participation, Questionnaire
from surveys.selectors.answering import participation_by_token
from surveys.selectors.campaigns import (
    audience_people,
    calls_for_survey,
    campaign_rate,
)
from surveys.services import campaigns as services
from tests.mentoring.bank_factories import ConsentFactory, MenteeEntryFactory, MentorEntryFactory
from tests.mentoring.factories import PersonFactory
from tests.surveys.factories import make_campaign, make_questionnaire


@pytest.fixture
def questionnaire(school):
    return make_questionnaire(school)


def _campaign(questionnaire, audience=Campaign.Audience.CHOSEN, people=(), **fields):
    campaign = make_campaign(questionnaire, audience=audience, **fields)
    campaign.people.set(people)
    return campaign


def _people(campaign):
    return set(audience_people(campaign))


def _withdraw(person):
    ConsentFactory(person=person, withdrawn_on=timezone.localdate())


# Audiences -----------------------------------------------------------------------------------


def test_all_teachers_leaves_out_archived_restricted_and_other_kinds(school, questionnaire):
    teacher = PersonFactory(organisation=school)
    archived = PersonFactory(organisation=school, archived_at=timezone.now())
    restricted = PersonFactory(organisation=school)
    _withdraw(restricted)
    PersonFactory(organisation=school, kind=Person.Kind.STUDENT)
    campaign = _campaign(questionnaire, Campaign.Audience.ALL_TEACHERS)

    people = _people(campaign)

    assert teacher in people
    assert archived not in people and restricted not in people
    assert all(p.kind == Person.Kind.TEACHER for p in people)


def test_candidates_are_the_bank_entries_not_yet_paired(school, questionnaire, make_pair):
    pair = make_pair(status=MentoringPair.Status.ACTIVE)
    free_mentor = MentorEntryFactory(person=PersonFactory(organisation=school))
    archived_mentor = MentorEntryFactory(
        person=PersonFactory(organisation=school), status=MentorEntry.Status.ARCHIVED
    )
    waiting = MenteeEntryFactory(
        person=PersonFactory(organisation=school), status=MenteeEntry.Status.IN_BANK
    )

    mentors = _people(_campaign(questionnaire, Campaign.Audience.MENTOR_CANDIDATES))
    mentees = _people(_campaign(questionnaire, Campaign.Audience.MENTEE_CANDIDATES))

    assert mentors == {free_mentor.person}
    assert archived_mentor.person not in mentors and pair.mentor.person not in mentors
    assert mentees == {waiting.person}


def test_active_mentors_and_mentees_are_members_of_active_pairs(school, questionnaire, make_pair):
    active = make_pair(status=MentoringPair.Status.ACTIVE, mentees=2)
    draft = make_pair(status=MentoringPair.Status.DRAFT)

    mentors = _people(_campaign(questionnaire, Campaign.Audience.ACTIVE_MENTORS))
    mentees = _people(_campaign(questionnaire, Campaign.Audience.ACTIVE_MENTEES))

    assert mentors == {active.mentor.person}
    assert mentees == {m.person for m in active.mentees.all()}
    assert draft.mentor.person not in mentors


def test_chosen_pairs_bring_mentors_co_mentors_and_mentees(school, questionnaire, make_pair):
    pair = make_pair()
    pair.co_mentor = MentorEntryFactory(person=PersonFactory(organisation=school))
    pair.save(update_fields=["co_mentor"])
    make_pair()
    campaign = _campaign(questionnaire, Campaign.Audience.PAIRS)
    campaign.pairs.set([pair])

    assert _people(campaign) == {
        pair.mentor.person,
        pair.co_mentor.person,
        *(m.person for m in pair.mentees.all()),
    }


def test_classes_parents_partners(school, questionnaire):
    student = PersonFactory(
        organisation=school, kind=Person.Kind.STUDENT, grade=7, class_letter="А"
    )
    PersonFactory(organisation=school, kind=Person.Kind.STUDENT, grade=7, class_letter="Б")
    eighth = PersonFactory(organisation=school, kind=Person.Kind.STUDENT, grade=8, class_letter="В")
    parent = PersonFactory(organisation=school, kind=Person.Kind.PARENT)
    partner = PersonFactory(organisation=school, kind=Person.Kind.PARTNER)

    classes = _campaign(questionnaire, Campaign.Audience.CLASSES, classes=["7а", "8"])

    assert _people(classes) == {student, eighth}
    assert _people(_campaign(questionnaire, Campaign.Audience.PARENTS)) == {parent}
    assert _people(_campaign(questionnaire, Campaign.Audience.PARTNERS)) == {partner}


def test_hand_picked_people_without_the_restricted(school, questionnaire):
    chosen, restricted = PersonFactory.create_batch(2, organisation=school)
    _withdraw(restricted)
    campaign = _campaign(questionnaire, people=[chosen, restricted])

    assert _people(campaign) == {chosen}


# Launch and invitations ----------------------------------------------------------------------


def test_launch_creates_participations_once_and_invites_each_once(
    school, questionnaire, teacher, django_capture_on_commit_callbacks
):
    with_account = teacher.person
    by_email = PersonFactory(organisation=school, email="parent@home.test")
    on_paper = PersonFactory(organisation=school)
    campaign = _campaign(questionnaire, people=[with_account, by_email, on_paper])

    with django_capture_on_commit_callbacks(execute=True):
        assert services.campaign_launch(campaign=campaign, actor=None) == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert services.campaign_launch(campaign=campaign, actor=None) == 0

    assert campaign.participations.count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == ["parent@home.test", "teacher@school.test"]
    own = campaign.participations.get(person=with_account)
    teacher_mail = next(m for m in mail.outbox if m.to == ["teacher@school.test"])
    assert f"/surveys/answer/{own.pk}/" in teacher_mail.body
    assert campaign.title in teacher_mail.subject
    notification = Notification.objects.get(user=teacher)
    assert notification.url.endswith(f"/surveys/answer/{own.pk}/")
    paper = campaign.participations.get(person=on_paper)
    assert paper.invited_at is None and paper.token_hash is None


def test_personal_link_token_is_stored_only_as_its_hash(
    school, questionnaire, django_capture_on_commit_callbacks
):
    person = PersonFactory(organisation=school, email="parent@home.test")
    campaign = _campaign(questionnaire, people=[person])
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_launch(campaign=campaign, actor=None)

    participation = campaign.participations.get()
    body = mail.outbox[0].body
    token = body.split("/a/")[1].split("/")[0]
    assert len(token) >= 40
    assert token not in str(Participation.objects.filter(pk=participation.pk).values().get())
    assert participation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert participation_by_token(token) == participation
    assert participation_by_token(token[:-1] + "x") is None
    assert participation_by_token("") is None


def test_a_scheduled_campaign_invites_when_it_opens(
    school, questionnaire, teacher, django_capture_on_commit_callbacks
):
    now = timezone.now()
    campaign = _campaign(
        questionnaire,
        people=[teacher.person],
        opens_at=now + timedelta(days=2),
        closes_at=now + timedelta(days=9),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_launch(campaign=campaign, actor=None)
    assert mail.outbox == []

    services.surveys_periodic(now + timedelta(days=2, hours=1))

    assert len(mail.outbox) == 1


def test_nobody_in_the_audience_refuses_the_launch(questionnaire):
    campaign = _campaign(questionnaire, people=[])
    with pytest.raises(ValidationError, match="никого нет"):
        services.campaign_launch(campaign=campaign, actor=None)


def test_evaluation_asks_the_curator_once_per_active_pair(
    school, curator, make_pair, django_capture_on_commit_callbacks
):
    evaluation = make_questionnaire(school, kind=Questionnaire.Kind.EVALUATION)
    pairs = [make_pair(status=MentoringPair.Status.ACTIVE) for _ in range(2)]
    make_pair(status=MentoringPair.Status.DRAFT)
    campaign = make_campaign(
        evaluation, audience=Campaign.Audience.ACTIVE_MENTORS, created_by=curator
    )
    with pytest.raises(ValidationError, match="нет карточки участника"):
        services.campaign_launch(campaign=campaign, actor=curator)

    own = PersonFactory(organisation=school, user=curator)
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_launch(campaign=campaign, actor=curator)

    rows = campaign.participations.all()
    assert {(p.person_id, p.pair_id) for p in rows} == {(own.pk, pair.pk) for pair in pairs}
    assert len(mail.outbox) == 2


# Creating ------------------------------------------------------------------------------------


def _create(school, curator, questionnaire, **fields):
    now = timezone.now()
    values = {
        "organisation": school,
        "academic_year": school.academic_years.get(),
        "version": questionnaire.versions.get(),
        "created_by": curator,
        "title": "",
        "audience": Campaign.Audience.ALL_TEACHERS,
        "opens_at": now,
        "closes_at": now + timedelta(days=7),
        **fields,
    }
    return services.campaign_create(**values)


def test_anonymous_is_refused_for_preference_and_evaluation(school, curator):
    for kind in (Questionnaire.Kind.PREFERENCE, Questionnaire.Kind.EVALUATION):
        questionnaire = make_questionnaire(school, kind=kind)
        with pytest.raises(ValidationError, match="нельзя проводить анонимно"):
            _create(school, curator, questionnaire, anonymous=True)


def test_closing_must_follow_opening_and_be_in_the_future(school, curator, questionnaire):
    now = timezone.now()
    with pytest.raises(ValidationError, match="позже, чем открывается"):
        _create(school, curator, questionnaire, closes_at=now - timedelta(hours=1))
    with pytest.raises(ValidationError, match="уже прошло"):
        _create(
            school,
            curator,
            questionnaire,
            opens_at=now - timedelta(days=3),
            closes_at=now - timedelta(days=1),
        )
    campaign = _create(school, curator, questionnaire)
    assert campaign.title == questionnaire.title


def test_after_launch_only_title_extension_and_sharing_change(
    school, curator, questionnaire, teacher
):
    campaign = _campaign(questionnaire, people=[teacher.person])
    services.campaign_launch(campaign=campaign, actor=curator)
    with pytest.raises(ValidationError, match="только название"):
        services.campaign_update(campaign=campaign, data={"anonymous": True})
    with pytest.raises(ValidationError, match="только продлить"):
        services.campaign_update(
            campaign=campaign, data={"closes_at": campaign.closes_at - timedelta(days=1)}
        )
    services.campaign_update(
        campaign=campaign,
        data={"title": "Новое", "closes_at": campaign.closes_at + timedelta(days=3)},
    )
    campaign.refresh_from_db()
    assert campaign.title == "Новое"


# Reminders -----------------------------------------------------------------------------------


@pytest.fixture
def launched(school, questionnaire, teacher, django_capture_on_commit_callbacks):
    by_email = PersonFactory(organisation=school, email="parent@home.test")
    campaign = _campaign(questionnaire, people=[teacher.person, by_email])
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_launch(campaign=campaign, actor=None)
    mail.outbox.clear()
    return campaign


def test_reminders_at_most_once_per_person_a_day(launched):
    today = timezone.localdate()
    assert services.campaign_remind(campaign=launched, today=today) == 2
    assert services.campaign_remind(campaign=launched, today=today) == 0
    assert len(mail.outbox) == 2
    assert services.campaign_remind(campaign=launched, today=today + timedelta(days=1)) == 2


def test_a_reminder_gives_a_new_personal_link_and_the_old_one_stops(launched):
    participation = launched.participations.get(person__email="parent@home.test")
    old_hash = participation.token_hash

    services.campaign_remind(campaign=launched, today=timezone.localdate())

    participation.refresh_from_db()
    assert participation.token_hash != old_hash
    body = next(m for m in mail.outbox if m.to == ["parent@home.test"]).body
    token = body.split("/a/")[1].split("/")[0]
    assert participation_by_token(token) == participation


def test_no_reminder_after_answering_or_after_closing(launched, teacher):
    launched.participations.filter(person=teacher.person).update(submitted_at=timezone.now())
    assert services.campaign_remind(campaign=launched, today=timezone.localdate()) == 1

    services.campaign_close(campaign=launched, actor=None)
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert services.campaign_remind(campaign=launched, today=tomorrow) == 0


def test_reminder_dates_are_three_days_and_one_day_before_closing(questionnaire):
    campaign = make_campaign(
        questionnaire,
        opens_at=timezone.make_aware(datetime(2026, 10, 1, 8)),
        closes_at=timezone.make_aware(datetime(2026, 10, 15, 20)),
    )
    days = services.reminder_dates(campaign)
    assert [d.day for d in days] == [12, 14]


def test_the_periodic_job_reminds_on_reminder_dates_from_the_reminder_hour(launched, settings):
    closing_day = timezone.localdate(launched.closes_at)
    day_before = timezone.make_aware(
        datetime.combine(closing_day - timedelta(days=1), datetime.min.time())
    )
    early = day_before.replace(hour=settings.REMINDER_HOUR - 1)
    assert services.surveys_periodic(early)["reminded"] == 0
    on_time = day_before.replace(hour=settings.REMINDER_HOUR)
    assert services.surveys_periodic(on_time)["reminded"] == 2
    assert services.surveys_periodic(on_time + timedelta(hours=1))["reminded"] == 0


# Links sheet ---------------------------------------------------------------------------------


def test_links_sheet_issues_new_tokens_for_people_without_email(school, questionnaire):
    student = PersonFactory(organisation=school, kind=Person.Kind.STUDENT, grade=7)
    campaign = _campaign(questionnaire, people=[student])
    services.campaign_launch(campaign=campaign, actor=None)

    [(participation, first)] = services.campaign_links_issue(campaign=campaign)
    [(_, second)] = services.campaign_links_issue(campaign=campaign)

    assert participation_by_token(first) is None
    assert participation_by_token(second).person == student
    assert campaign.participations.get().invited_at is not None


# Closing and the roadmap ---------------------------------------------------------------------


def test_completion_runs_once_and_marks_the_activity_through_the_hook(
    school, questionnaire, monkeypatch
):
    calls = []
    monkeypatch.setattr(extensions, "ACTIVITY_COMPLETERS", [lambda *args: calls.append(args)])
    campaign = make_campaign(questionnaire, activity_id=41, complete_activity=True)

    services.campaign_close(campaign=campaign, actor=None)
    services.campaign_close(campaign=campaign, actor=None)
    assert services.campaign_complete(campaign=campaign) is False

    assert calls == [(41, school.pk, None)]
    campaign.refresh_from_db()
    assert campaign.closed_at is not None and campaign.completed_at is not None


def test_a_campaign_whose_time_ran_out_is_completed_by_the_periodic_job(
    school, questionnaire, monkeypatch
):
    calls = []
    monkeypatch.setattr(extensions, "ACTIVITY_COMPLETERS", [lambda *args: calls.append(args)])
    campaign = make_campaign(
        questionnaire, activity_id=7, complete_activity=True, launched_at=timezone.now()
    )

    later = campaign.closes_at + timedelta(minutes=5)
    assert services.surveys_periodic(later)["completed"] == 1
    assert services.surveys_periodic(later)["completed"] == 0
    assert calls == [(7, school.pk, None)]


def test_the_roadmap_completer_marks_the_activity_done(school, curator):
    from roadmap.models import Activity
    from roadmap.services.roadmap import activity_add, roadmap_create_empty, stage_add

    roadmap = roadmap_create_empty(
        organisation=school, academic_year=school.academic_years.get(), actor=curator
    )
    stage = stage_add(roadmap=roadmap, title="Мониторинг")
    activity = activity_add(stage=stage, title="Анкетирование удовлетворённости участников")

    extensions.activity_complete(activity.pk, school.pk, curator)
    extensions.activity_complete(activity.pk, school.pk + 1000, curator)

    activity.refresh_from_db()
    assert activity.status == Activity.Status.DONE
    assert extensions.activity_title(activity.pk, school.pk) == activity.title
    assert extensions.activity_title(activity.pk, school.pk + 1000) is None


def test_survey_words_are_recognised():
    assert calls_for_survey("Анкетирование наставляемых")
    assert calls_for_survey("Мониторинг удовлетворённости")
    assert calls_for_survey("Сбор обратной связи от участников")
    assert not calls_for_survey("Торжественное закрытие программы")


# Anonymity -----------------------------------------------------------------------------------


def test_messages_of_an_anonymous_campaign_carry_no_answers(
    school, questionnaire, teacher, django_capture_on_commit_callbacks
):
    campaign = _campaign(questionnaire, people=[teacher.person], anonymous=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_launch(campaign=campaign, actor=None)
    participation = campaign.participations.get()
    participation.draft = {"name": "Секретный ответ"}
    participation.save(update_fields=["draft"])

    services.campaign_remind(campaign=campaign, today=timezone.localdate())

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "Секретный ответ" not in message.body
        assert "анонимное" in message.body
    assert campaign_rate(campaign).total == 1


def test_consent_withdrawn_before_launch_keeps_the_person_out(school, questionnaire):
    person = PersonFactory(organisation=school, email="a@b.test")
    ConsentFactory(person=person, kind=Consent.Kind.PROCESSING, withdrawn_on=timezone.localdate())
    campaign = _campaign(questionnaire, people=[person])
    with pytest.raises(ValidationError):
        services.campaign_launch(campaign=campaign, actor=None)


# Tasks ---------------------------------------------------------------------------------------


def test_the_hourly_job_is_scheduled_and_runs(settings, launched):
    from surveys.tasks import send_survey_reminders

    entry = settings.CELERY_BEAT_SCHEDULE["survey-reminders"]
    assert entry["task"] == "surveys.tasks.send_survey_reminders"
    assert set(send_survey_reminders.delay().get()) == {"completed", "invited", "reminded"}


def test_a_failed_send_releases_the_claim_so_a_retry_sends_it(launched, monkeypatch):
    today = timezone.localdate()

    def broken(*args, **kwargs):
        raise ConnectionError("mail server away")

    monkeypatch.setattr(services, "_send_email", broken)
    with pytest.raises(ConnectionError):
        services.campaign_remind(campaign=launched, today=today)
    assert not launched.participations.filter(reminded_on=today).exists()

    monkeypatch.undo()
    assert services.campaign_remind(campaign=launched, today=today) == 2
