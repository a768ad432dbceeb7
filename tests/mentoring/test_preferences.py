import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.models import MenteeEntry, Preference
from mentoring.services.preferences import preferences_set
from tests.mentoring.bank_factories import MenteeEntryFactory, MentorEntryFactory
from tests.mentoring.factories import PersonFactory


@pytest.fixture
def year(school):
    return school.academic_years.get()


@pytest.fixture
def mentors(school):
    return [MentorEntryFactory(person__organisation=school).person for _ in range(4)]


@pytest.fixture
def mentee(school, teacher):
    """The teacher, signed in as themselves, is a mentee of the current year."""
    return MenteeEntryFactory(person=teacher.person).person


def _ranked(year, chooser) -> list:
    return [p.chosen for p in Preference.objects.filter(academic_year=year, chooser=chooser)]


def _post(mentors) -> dict:
    return dict(zip(("first", "second", "third"), (m.pk for m in mentors), strict=False))


class TestService:
    def test_mentee_chooses_three_mentors_in_order(self, year, mentee, mentors, curator):
        chosen = [mentors[2], mentors[0], mentors[1]]
        preferences_set(academic_year=year, chooser=mentee, chosen=chosen, entered_by=curator)
        assert _ranked(year, mentee) == chosen
        assert [p.rank for p in Preference.objects.filter(chooser=mentee)] == [1, 2, 3]

    def test_fourth_choice_is_refused(self, year, mentee, mentors):
        with pytest.raises(ValidationError, match="не больше трёх"):
            preferences_set(academic_year=year, chooser=mentee, chosen=mentors, entered_by=None)
        assert not Preference.objects.exists()

    def test_duplicate_choice_is_refused(self, year, mentee, mentors):
        with pytest.raises(ValidationError, match="несколько раз"):
            preferences_set(
                academic_year=year,
                chooser=mentee,
                chosen=[mentors[0], mentors[0]],
                entered_by=None,
            )

    def test_self_choice_is_refused(self, year, mentee, mentors):
        MentorEntryFactory(person=mentee)
        with pytest.raises(ValidationError, match="самого себя"):
            preferences_set(academic_year=year, chooser=mentee, chosen=[mentee], entered_by=None)

    def test_choice_from_the_same_bank_is_refused(self, school, year, mentee):
        other_mentee = MenteeEntryFactory(person__organisation=school).person
        with pytest.raises(ValidationError, match="нельзя выбрать"):
            preferences_set(
                academic_year=year, chooser=mentee, chosen=[other_mentee], entered_by=None
            )

    def test_withdrawn_mentor_cannot_be_chosen(self, school, year, mentee):
        gone = MentorEntryFactory(person__organisation=school, status="archived").person
        with pytest.raises(ValidationError, match="нельзя выбрать"):
            preferences_set(academic_year=year, chooser=mentee, chosen=[gone], entered_by=None)

    def test_person_outside_the_banks_cannot_choose(self, school, year, mentors):
        with pytest.raises(ValidationError, match="не входит в банк"):
            preferences_set(
                academic_year=year,
                chooser=PersonFactory(organisation=school),
                chosen=mentors[:1],
                entered_by=None,
            )

    def test_person_in_both_banks_chooses_from_both(self, school, year, mentee, mentors):
        MentorEntryFactory(person=mentee)
        other_mentee = MenteeEntryFactory(person__organisation=school).person
        preferences_set(
            academic_year=year, chooser=mentee, chosen=[other_mentee, mentors[0]], entered_by=None
        )
        assert _ranked(year, mentee) == [other_mentee, mentors[0]]

    def test_saving_again_replaces_the_choices(self, year, mentee, mentors):
        preferences_set(academic_year=year, chooser=mentee, chosen=mentors[:3], entered_by=None)
        preferences_set(academic_year=year, chooser=mentee, chosen=[mentors[3]], entered_by=None)
        assert _ranked(year, mentee) == [mentors[3]]


class TestMyPreferences:
    url = reverse("my_preferences")

    def test_mentee_sees_mentors_to_choose_from(self, client, teacher, mentee, mentors):
        client.force_login(teacher)
        response = client.get(self.url)
        assert response.status_code == 200
        content = response.content.decode()
        assert "1-й выбор" in content and "3-й выбор" in content
        assert f"{mentors[0].full_name} — Учитель" in content

    def test_mentee_saves_choices_in_order(self, client, teacher, year, mentee, mentors):
        client.force_login(teacher)
        response = client.post(self.url, _post([mentors[1], mentors[0]]))
        assert response.status_code == 302
        assert _ranked(year, mentee) == [mentors[1], mentors[0]]
        assert Preference.objects.filter(entered_by=teacher).count() == 2

    def test_gaps_between_selects_close_up(self, client, teacher, year, mentee, mentors):
        client.force_login(teacher)
        client.post(self.url, {"first": "", "second": mentors[2].pk, "third": ""})
        assert Preference.objects.get(chooser=mentee).rank == 1

    def test_duplicate_is_shown_as_an_error(self, client, teacher, mentee, mentors):
        client.force_login(teacher)
        response = client.post(self.url, _post([mentors[0], mentors[0]]))
        assert response.status_code == 200
        assert "выбран несколько раз" in response.content.decode()
        assert not Preference.objects.exists()

    def test_user_outside_the_banks_gets_an_explanation(self, client, teacher):
        client.force_login(teacher)
        response = client.get(self.url)
        assert response.status_code == 200
        assert 'data-testid="not-in-bank"' in response.content.decode()

    def test_user_without_a_person_gets_an_explanation(self, client, curator):
        client.force_login(curator)
        response = client.get(self.url)
        assert response.status_code == 200
        assert 'data-testid="not-linked"' in response.content.decode()


class TestPreferenceEdit:
    def _url(self, school, person):
        return reverse("preference_edit", args=[school.pk, person.pk])

    def test_curator_enters_choices_from_paper(
        self, client, curator, school, year, mentee, mentors
    ):
        client.force_login(curator)
        response = client.post(self._url(school, mentee), _post(mentors[:3]))
        assert response.status_code == 302
        assert response.url == reverse("preference_list", args=[school.pk])
        assert _ranked(year, mentee) == mentors[:3]
        assert set(Preference.objects.values_list("entered_by", flat=True)) == {curator.pk}

    def test_form_shows_current_choices(self, client, curator, school, year, mentee, mentors):
        preferences_set(academic_year=year, chooser=mentee, chosen=[mentors[1]], entered_by=None)
        client.force_login(curator)
        response = client.get(self._url(school, mentee))
        assert response.context["form"]["first"].value() == mentors[1].pk

    def test_psychologist_may_not_enter(self, client, psychologist, school, mentee):
        client.force_login(psychologist)
        assert client.get(self._url(school, mentee)).status_code == 403

    def test_person_of_another_school_is_404(self, client, curator, school, other_person):
        client.force_login(curator)
        assert client.get(self._url(school, other_person)).status_code == 404

    def test_outsider_gets_404(self, client, outsider, school, mentee):
        client.force_login(outsider)
        assert client.get(self._url(school, mentee)).status_code == 404


class TestPreferenceList:
    def _url(self, school):
        return reverse("preference_list", args=[school.pk])

    def test_list_shows_choices_and_mutual_choice(
        self, client, curator, school, year, mentee, mentors
    ):
        preferences_set(
            academic_year=year, chooser=mentee, chosen=[mentors[0], mentors[1]], entered_by=None
        )
        preferences_set(academic_year=year, chooser=mentors[0], chosen=[mentee], entered_by=None)
        client.force_login(curator)
        response = client.get(self._url(school))
        assert response.status_code == 200
        rows = {row["person"]: row for row in response.context["rows"]}
        assert [c.chosen for c in rows[mentee]["choices"]] == [mentors[0], mentors[1]]
        assert [c.mutual for c in rows[mentee]["choices"]] == [True, False]
        assert rows[mentors[2]]["choices"] == []
        content = response.content.decode()
        assert content.count('data-testid="mutual"') == 2
        assert "не выбрал(а)" in content
        assert "Внести с бумаги" in content
        assert response.context["chosen_count"] == 2

    def test_withdrawn_mentee_is_not_listed(self, client, curator, school, mentee):
        gone = MenteeEntryFactory(
            person__organisation=school, status=MenteeEntry.Status.WITHDRAWN
        ).person
        client.force_login(curator)
        people = [row["person"] for row in client.get(self._url(school)).context["rows"]]
        assert mentee in people and gone not in people

    def test_psychologist_sees_list_without_entry_links(self, client, psychologist, school, mentee):
        client.force_login(psychologist)
        response = client.get(self._url(school))
        assert response.status_code == 200
        assert "Внести с бумаги" not in response.content.decode()

    def test_teacher_is_forbidden(self, client, teacher, school):
        client.force_login(teacher)
        assert client.get(self._url(school)).status_code == 403

    def test_outsider_gets_404(self, client, outsider, school):
        client.force_login(outsider)
        assert client.get(self._url(school)).status_code == 404

    def test_query_count_does_not_grow_with_rows(self, client, curator, school, year, mentee):
        client.force_login(curator)
        mentor = MentorEntryFactory(person__organisation=school).person
        preferences_set(academic_year=year, chooser=mentee, chosen=[mentor], entered_by=None)

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(self._url(school)).status_code == 200
            return len(queries)

        count()  # the first request after signing in also touches the session
        few = count()
        for _ in range(5):
            extra = MentorEntryFactory(person__organisation=school).person
            chooser = MenteeEntryFactory(person__organisation=school).person
            preferences_set(academic_year=year, chooser=chooser, chosen=[extra], entered_by=None)
        assert count() == few
