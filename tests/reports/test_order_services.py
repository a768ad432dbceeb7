"""The life of an order: drafting from the data, editing, approval with a number, effects."""

import threading
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from mentoring.models import Consent, Meeting, MentoringPair
from reports.models import DocumentSettings, Order, OrderAppendix
from reports.services.orders import (
    order_approve,
    order_delete,
    order_draft,
    order_return,
    order_submit,
    order_update,
    pairs_for_order,
)

pytestmark = pytest.mark.django_db


def _free(school, curator) -> Order:
    order = order_draft(organisation=school, kind=Order.Kind.FREE, actor=curator)
    return order_update(order=order, title="О дежурстве", preamble="", items=["Назначить"])


def _approved(order, director):
    order_submit(order=order)
    return order_approve(order=order, actor=director)


def test_pairs_order_takes_the_pairs_awaiting_it_whose_members_all_agreed(
    school, curator, curator_person, make_pair
):
    ready = make_pair(mentees=2)
    blocked = make_pair(consents=[Consent.Kind.PROCESSING])
    make_pair(status=MentoringPair.Status.DRAFT)

    order = order_draft(organisation=school, kind=Order.Kind.PAIRS, actor=curator)

    assert list(order.pairs.all()) == [ready]
    _pairs, blockers = pairs_for_order(school.academic_years.get())
    assert [b.pair for b in blockers] == [blocked]
    assert "участие в наставничестве" in blockers[0].missing[0]
    appendix = order.appendices.get()
    assert appendix.kind == OrderAppendix.Kind.PAIRS
    [row] = appendix.rows
    assert row["mentor"].startswith(ready.mentor.person.full_name)
    assert len(row["mentees"]) == 2
    assert order.title == "Об утверждении наставнических пар и групп"
    assert order.items.first().text.startswith("Утвердить наставнические пары и группы")
    named = set(order.people.all())
    assert {ready.mentor.person, curator_person} <= named
    assert all(m.person in named for m in ready.mentees.all())


def test_a_pair_in_a_pending_order_is_not_offered_again(school, curator, make_pair):
    make_pair()
    order_draft(organisation=school, kind=Order.Kind.PAIRS, actor=curator)

    with pytest.raises(ValidationError, match="Нет пар"):
        order_draft(organisation=school, kind=Order.Kind.PAIRS, actor=curator)


def test_approval_numbers_orders_and_letters_in_their_own_series(
    school, curator, director, make_pair
):
    DocumentSettings.objects.create(organisation=school, order_prefix="01-05/")
    first = _approved(_free(school, curator), director)
    letter = _approved(
        order_draft(
            organisation=school, kind=Order.Kind.LETTER, actor=curator, addressee="ООО «Партнёр»"
        ),
        director,
    )
    second = _approved(_free(school, curator), director)

    assert (first.number, second.number, letter.number) == (1, 2, 1)
    assert first.registration_number == "01-05/1"
    assert second.registration_number == "01-05/2"
    assert letter.registration_number == "1"
    assert first.signed_on == date.today()
    assert first.approved_by == director


def test_approving_a_pairs_order_activates_its_pairs_and_plans_their_meetings(
    school, curator, director, make_pair
):
    pair = make_pair()
    order = order_draft(organisation=school, kind=Order.Kind.PAIRS, actor=curator)

    _approved(order, director)

    pair.refresh_from_db()
    assert pair.status == MentoringPair.Status.ACTIVE
    kinds = list(pair.meetings.values_list("kind", flat=True))
    assert kinds[:3] == ["organisational", "trial", "planning"]
    assert kinds[-1] == "final"


def test_a_withdrawn_consent_stops_the_approval_and_names_the_person(
    school, curator, director, make_pair
):
    pair = make_pair()
    order = order_draft(organisation=school, kind=Order.Kind.PAIRS, actor=curator)
    order_submit(order=order)
    mentee = pair.mentees.get().person
    mentee.consents.filter(kind=Consent.Kind.MENTORING_DUTIES).update(withdrawn_on=date.today())

    with pytest.raises(ValidationError, match=mentee.full_name):
        order_approve(order=order, actor=director)

    order.refresh_from_db()
    pair.refresh_from_db()
    assert order.status == Order.Status.SUBMITTED and order.number is None
    assert pair.status == MentoringPair.Status.AWAITING_ORDER


def test_cancelling_a_pairs_order_reverts_its_pairs_and_drops_unheld_meetings(
    school, curator, director, make_pair
):
    pair = make_pair()
    fixing = _approved(
        order_draft(organisation=school, kind=Order.Kind.PAIRS, actor=curator), director
    )
    held = pair.meetings.first()
    held.held_on = held.planned_on
    held.save()

    cancel = order_draft(organisation=school, kind=Order.Kind.CANCEL, actor=curator, target=fixing)
    _approved(cancel, director)

    pair.refresh_from_db()
    assert pair.status == MentoringPair.Status.AWAITING_ORDER
    assert list(Meeting.objects.filter(pair=pair)) == [held]
    assert list(fixing.cancellations.all()) == [cancel]
    assert cancel.title.startswith(f"Об отмене приказа от {date.today():%d.%m.%Y} № 1")


def test_an_approved_order_is_immutable(school, curator, director):
    order = _approved(_free(school, curator), director)

    with pytest.raises(ValidationError):
        order_update(order=order, title="Другое", preamble="", items=["Пункт"])
    with pytest.raises(ValidationError):
        order_delete(order=order)
    with pytest.raises(ValidationError):
        order_approve(order=order, actor=director)
    order.refresh_from_db()
    assert order.number == 1


def test_a_submitted_order_is_not_edited_until_returned(school, curator, director):
    order = _free(school, curator)
    order_update(order=order, title="О дежурстве", preamble="", items=["Назначить", ""])
    order_submit(order=order)

    with pytest.raises(ValidationError):
        order_update(order=order, title="Иное", preamble="", items=["Пункт"])
    order_return(order=order, comment="Уточните срок.", actor=director)
    order_update(order=order, title="О дежурстве", preamble="", items=["Назначить до 01.12"])

    order.refresh_from_db()
    assert order.status == Order.Status.RETURNED
    assert [i.text for i in order.items.all()] == ["Назначить до 01.12"]
    # Drafted, then three edits: every edit makes the earlier PDF stale.
    assert order.version == 4


def test_returning_needs_a_comment_and_e_mails_the_author(
    school, curator, director, django_capture_on_commit_callbacks
):
    order = _free(school, curator)
    order_submit(order=order)
    with pytest.raises(ValidationError):
        order_return(order=order, comment="  ", actor=director)

    with django_capture_on_commit_callbacks(execute=True):
        order_return(order=order, comment="Уточните срок.", actor=director)

    [message] = mail.outbox
    assert message.to == [curator.email]
    assert "возвращён на доработку" in message.subject
    assert "Уточните срок." in message.body


def test_update_needs_a_title_and_an_item(school, curator):
    order = _free(school, curator)

    with pytest.raises(ValidationError):
        order_update(order=order, title=" ", preamble="", items=["Пункт"])
    with pytest.raises(ValidationError):
        order_update(order=order, title="О дежурстве", preamble="", items=["", " "])


@pytest.mark.parametrize(
    ("kind", "extra", "title"),
    [
        (Order.Kind.SYSTEM, {}, "О внедрении целевой модели наставничества"),
        (Order.Kind.ROADMAP, {}, "Об утверждении дорожной карты"),
        (Order.Kind.FINAL_EVENT, {"held_on": date(2027, 5, 20)}, "О проведении итоговой"),
        (Order.Kind.LETTER, {"addressee": "ООО «Партнёр»"}, "Благодарственное письмо"),
    ],
)
def test_every_kind_is_drafted_with_a_prefilled_text(school, curator, kind, extra, title):
    order = order_draft(organisation=school, kind=kind, actor=curator, **extra)

    assert order.title.startswith(title)
    assert order.items.exists()


def test_curator_and_reward_orders_name_the_chosen_people(school, curator, make_pair):
    pair = make_pair()
    mentor = pair.mentor.person

    appoint = order_draft(
        organisation=school, kind=Order.Kind.CURATOR, actor=curator, people=[mentor]
    )
    reward = order_draft(
        organisation=school, kind=Order.Kind.REWARD, actor=curator, people=[mentor]
    )

    assert f"Назначить {mentor.name_in('accusative')} (" in appoint.items.first().text
    assert list(reward.people.all()) == [mentor]
    assert f"– {mentor.name_in('dative')} (" in reward.items.first().text
    with pytest.raises(ValidationError):
        order_draft(organisation=school, kind=Order.Kind.REWARD, actor=curator, people=[])


def test_an_order_signed_on_paper_earlier_keeps_that_day_and_its_year(school, curator, director):
    order = _free(school, curator)
    order_submit(order=order)
    day = timezone.localdate() - timedelta(days=400)

    order_approve(order=order, actor=director, signed_on=day)

    order.refresh_from_db()
    assert (order.signed_on, order.number_year, order.number) == (day, day.year, 1)


def test_an_order_is_not_signed_on_a_day_to_come(school, curator, director):
    order = _free(school, curator)
    order_submit(order=order)
    tomorrow = timezone.localdate() + timedelta(days=1)

    with pytest.raises(ValidationError, match="ещё не наступила"):
        order_approve(order=order, actor=director, signed_on=tomorrow)
    order.refresh_from_db()
    assert order.status == Order.Status.SUBMITTED


def test_only_an_approved_order_is_cancelled(school, curator):
    draft = _free(school, curator)

    with pytest.raises(ValidationError):
        order_draft(organisation=school, kind=Order.Kind.CANCEL, actor=curator, target=draft)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_directors_approving_at_once_get_consecutive_numbers(
    school, curator, director, second_director, monkeypatch
):
    # Numbering is what is tested here; the PDFs are left unrendered.
    monkeypatch.setattr("reports.tasks.render_order_pdf.delay", lambda *args: None)
    orders = []
    for _ in range(6):
        order = _free(school, curator)
        order_submit(order=order)
        orders.append(order)
    barrier = threading.Barrier(len(orders))
    errors = []

    def approve(order, actor):
        try:
            barrier.wait()
            order_approve(order=order, actor=actor)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(order, (director, second_director)[n % 2]))
        for n, order in enumerate(orders)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(Order.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]


def test_a_pair_changed_after_the_draft_stops_the_approval(school, curator, director, make_pair):
    pair = make_pair()
    order = order_draft(organisation=school, kind=Order.Kind.PAIRS, actor=curator)
    order_submit(order=order)
    MentoringPair.objects.filter(pk=pair.pk).update(end_date=pair.end_date.replace(day=1))

    with pytest.raises(ValidationError, match="изменились после подготовки"):
        order_approve(order=order, actor=director)


def test_an_order_is_cancelled_once_and_a_cancelling_order_never(school, curator, director):
    target = _approved(_free(school, curator), director)
    cancel = _approved(
        order_draft(organisation=school, kind=Order.Kind.CANCEL, actor=curator, target=target),
        director,
    )

    with pytest.raises(ValidationError, match="уже отменён"):
        order_draft(organisation=school, kind=Order.Kind.CANCEL, actor=curator, target=target)
    with pytest.raises(ValidationError, match="не изменяется и не отменяется"):
        order_draft(organisation=school, kind=Order.Kind.AMEND, actor=curator, target=cancel)


def test_the_signer_is_whoever_heads_the_school_on_the_day_of_signing(school, curator, director):
    order = order_submit(order=_free(school, curator))
    school.director_name = "Новикова Ирина Сергеевна"
    school.save()

    order_approve(order=order, actor=director)

    order.refresh_from_db()
    assert order.signer_name == "Новикова Ирина Сергеевна"


def test_without_a_director_name_the_order_is_not_submitted(school, curator):
    order = _free(school, curator)
    school.director_name = ""
    school.save()

    with pytest.raises(ValidationError, match="ФИО руководителя"):
        order_submit(order=order)


def test_another_schools_pending_order_without_pairs_does_not_hide_ours(
    school, other_school, curator, make_pair
):
    Order.objects.create(
        organisation=other_school,
        kind=Order.Kind.PAIRS,
        title="Об утверждении наставнических пар и групп",
        signer_position="Директор",
        signer_name="Иванова И.И.",
    )
    pair = make_pair()

    ready, blockers = pairs_for_order(school.academic_years.get())

    assert blockers == []
    assert ready == [pair]


def test_a_submitted_order_is_not_deleted(school, curator):
    order = order_submit(order=_free(school, curator))

    with pytest.raises(ValidationError, match="на утверждении"):
        order_delete(order=order)
