"""The school's public mentoring page: its settings and news, which orders it offers, what it
shows without signing in, and whom it names — only while their dissemination consent allows."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Consent, MentoringForm, MentoringPair, MentoringType
from mentoring.selectors.publicity import may_publish
from mentoring.services.consents import consent_withdraw
from reports.models import NewsItem, Order, PracticeCase, PublicPage
from reports.services.orders import order_approve, order_draft, order_submit, order_update
from reports.services.public_page import (
    description_suggest,
    news_create,
    news_delete,
    news_update,
    order_publicity_set,
    public_page_save,
    slug_suggest,
    transliterate,
)
from roadmap.services.roadmap import activity_add, roadmap_create_empty, stage_add
from tests.mentoring.bank_factories import ConsentFactory, MenteeEntryFactory, MentorEntryFactory
from tests.mentoring.factories import PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db

NAME = Consent.Category.NAME


@pytest.fixture(autouse=True)
def no_rendering(monkeypatch):
    monkeypatch.setattr("reports.tasks.render_order_pdf.delay", lambda *args: None)


@pytest.fixture
def today():
    return timezone.localdate()


def _agrees(person, *categories, **fields):
    """A dissemination consent given ten days ago, listing the categories."""
    return ConsentFactory(
        person=person,
        kind=Consent.Kind.DISSEMINATION,
        given_on=timezone.localdate() - timedelta(days=10),
        published_categories=list(categories or [NAME]),
        **fields,
    )


def _page(school, slug="shkola-7", **fields) -> PublicPage:
    defaults = {"description": "Наставничество в нашей школе.", "is_published": True}
    return PublicPage.objects.create(organisation=school, slug=slug, **defaults | fields)


def _approved(school, curator, director, title="О наставничестве", people=(), pdf=True) -> Order:
    order = order_draft(organisation=school, kind=Order.Kind.FREE, actor=curator)
    order = order_update(order=order, title=title, preamble="", items=["Утвердить"])
    order_submit(order=order)
    order = order_approve(order=order, actor=director)
    order.people.add(*people)
    if pdf:
        order.pdf.save("order.pdf", ContentFile(b"%PDF-1.7 order"), save=False)
        Order.objects.filter(pk=order.pk).update(
            pdf=order.pdf.name, pdf_status=Order.PdfStatus.READY, pdf_version=order.version
        )
    order.refresh_from_db()
    return order


def _pair(school, mentor_person, *mentee_people) -> MentoringPair:
    year = school.academic_years.get()
    pair = MentoringPair.objects.create(
        organisation=school,
        academic_year=year,
        mentor=MentorEntryFactory(person=mentor_person),
        form=MentoringForm.objects.filter(organisation=None).first(),
        mentoring_type=MentoringType.objects.filter(organisation=None).first(),
        start_date=year.start_date,
        end_date=year.end_date,
        status=MentoringPair.Status.ACTIVE,
    )
    pair.mentees.set([MenteeEntryFactory(person=p) for p in mentee_people])
    return pair


def _case(school, pair, title="Молодой учитель и наставник", **fields) -> PracticeCase:
    defaults = {"status": PracticeCase.Status.PUBLISHED, "published_at": timezone.now()}
    return PracticeCase.objects.create(
        organisation=school,
        pair=pair,
        title=title,
        description="Как пара работала весь год.",
        **defaults | fields,
    )


def _get(client, name, *args, **params):
    return client.get(reverse(name, args=args), params)


# Who may be named: one rule, one query.


def test_may_publish_takes_valid_dissemination_consents_listing_the_category(school, today):
    agreed, photo_only, withdrawn, expired, future, processing, nobody = PersonFactory.create_batch(
        7, organisation=school
    )
    _agrees(agreed, NAME, Consent.Category.POSITION)
    _agrees(photo_only, Consent.Category.PHOTO)
    _agrees(withdrawn, withdrawn_on=today)
    _agrees(expired, expires_on=today)
    ConsentFactory(
        person=future,
        kind=Consent.Kind.DISSEMINATION,
        given_on=today + timedelta(days=1),
        published_categories=[NAME],
    )
    ConsentFactory(person=processing, published_categories=[NAME])
    people = [agreed, photo_only, withdrawn, expired, future, processing, nobody]

    assert may_publish(people, NAME, today) == {agreed.pk}
    assert may_publish([p.pk for p in people], Consent.Category.PHOTO, today) == {photo_only.pk}
    # The day before the withdrawal and the expiry, both still held.
    assert may_publish(people, NAME, today - timedelta(days=1)) == {
        agreed.pk,
        withdrawn.pk,
        expired.pk,
    }


def test_may_publish_asks_once_whatever_the_number_of_people(
    school, today, django_assert_num_queries
):
    people = PersonFactory.create_batch(5, organisation=school)
    for person in people:
        _agrees(person)
    with django_assert_num_queries(1):
        assert len(may_publish(people, NAME, today)) == 5
    with django_assert_num_queries(0):
        assert may_publish([], NAME, today) == set()


# Services.


def test_address_is_the_short_name_in_latin_letters_and_free():
    first = SchoolFactory(short_name="МАОУ СОШ № 7")
    second = SchoolFactory(short_name="МАОУ «СОШ № 7»")
    assert transliterate("Школа-интернат «Подъём» Щукино") == "shkola-internat-podem-shchukino"
    assert slug_suggest(first) == "maou-sosh-7"

    public_page_save(organisation=first, slug="maou-sosh-7", description="", is_published=True)

    assert slug_suggest(second) == "maou-sosh-7-2"
    # The school's own address is not counted as taken.
    assert slug_suggest(first) == "maou-sosh-7"


def test_address_taken_by_another_school_is_refused(school, other_school):
    _page(other_school, slug="shkola")
    with pytest.raises(ValidationError) as error:
        public_page_save(organisation=school, slug="shkola", description="", is_published=True)
    assert "занят" in str(error.value)


def test_saving_keeps_one_page_per_school_and_its_address(school):
    page = public_page_save(
        organisation=school, slug="Shkola-7", description=" О программе ", is_published=False
    )
    again = public_page_save(
        organisation=school, slug="shkola-7", description="Новый текст", is_published=True
    )
    assert again.pk == page.pk
    assert (again.slug, again.description, again.is_published) == (
        "shkola-7",
        "Новый текст",
        True,
    )
    assert PublicPage.objects.count() == 1


def test_suggested_description_tells_the_year_forms_and_pairs_naming_no_one(school):
    mentor = PersonFactory(organisation=school, last_name="Кравченко")
    pair = _pair(school, mentor, PersonFactory(organisation=school))

    text = description_suggest(school)

    assert school.full_name in text
    assert "наставнических пар и групп: 1" in text
    assert f"«{pair.form.name}»" in text
    assert "Кравченко" not in text


def test_news_are_written_changed_and_deleted(school, curator, today):
    item = news_create(
        organisation=school, title=" Старт ", body="Текст", published_on=today, actor=curator
    )
    assert (item.title, item.created_by, item.is_published) == ("Старт", curator, True)

    news_update(
        item=item, title="Старт программы", body="Новый", published_on=today, is_published=False
    )
    item.refresh_from_db()
    assert (item.title, item.body, item.is_published) == ("Старт программы", "Новый", False)

    news_delete(item=item)
    assert not NewsItem.objects.exists()


def test_only_an_approved_order_is_marked_public(school, curator, director):
    draft = order_draft(organisation=school, kind=Order.Kind.FREE, actor=curator)
    with pytest.raises(ValidationError, match="только утверждённый"):
        order_publicity_set(order=draft, is_public=True)

    order = order_publicity_set(order=_approved(school, curator, director), is_public=True)

    assert Order.objects.get(pk=order.pk).is_public


# The public page.


def test_the_page_opens_without_signing_in_with_everything_it_shows(
    client, school, curator, director, today
):
    page = _page(school)
    roadmap = roadmap_create_empty(
        organisation=school, academic_year=school.academic_years.get(), actor=curator
    )
    stage = stage_add(roadmap=roadmap, title="Подготовка условий")
    activity = activity_add(
        stage=stage,
        title="Издать приказ о внедрении",
        deadline_text="сентябрь",
        # As seed 004 types it: a name the page must not repeat, and the role it stands for.
        responsible_text="Сулейманов С.С., директор",
    )
    responsible = PersonFactory(organisation=school, last_name="Суханова", first_name="Елена")
    silent = PersonFactory(organisation=school, last_name="Молчанова", first_name="Ирина")
    activity.responsible_people.add(responsible, silent)
    _agrees(responsible)
    order = _approved(school, curator, director, title="О наставничестве в школе")
    order_publicity_set(order=order, is_public=True)
    _approved(school, curator, director, title="О дежурстве")  # not marked
    _case(
        school,
        _pair(school, PersonFactory(organisation=school), PersonFactory(organisation=school)),
    )
    _case(
        school,
        _pair(school, PersonFactory(organisation=school)),
        title="Черновик практики",
        status=PracticeCase.Status.DRAFT,
    )
    news_create(organisation=school, title="Стартовала программа", body="Текст", published_on=today)
    news_create(
        organisation=school,
        title="Будущая новость",
        body="Текст",
        published_on=today + timedelta(days=1),
    )
    news_create(
        organisation=school,
        title="Скрытая новость",
        body="Текст",
        published_on=today,
        is_published=False,
    )

    response = _get(client, "public_school", page.slug)

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<title>Наставничество · {school.short_name} · Наставник</title>" in html
    assert '<meta name="description" content="Программа наставничества' in html
    assert "Наставничество в нашей школе." in html
    assert "Издать приказ о внедрении" in html
    assert "Суханова Е." in html and "Молчанова" not in html
    assert "Директор" in html and "Сулейманов" not in html
    assert "О наставничестве в школе" in html and "О дежурстве" not in html
    assert reverse("public_order_pdf", args=[page.slug, order.pk]) in html
    assert "Молодой учитель и наставник" in html and "Черновик практики" not in html
    assert "Стартовала программа" in html
    assert "Будущая новость" not in html and "Скрытая новость" not in html
    # The school's requisites in the footer.
    assert school.address in html


def test_closed_or_unknown_page_is_not_found(client, school, other_school, curator):
    _page(school, slug="zakryta", is_published=False)
    foreign = _case(other_school, _pair(school, PersonFactory(organisation=school)))
    _page(other_school, slug="chuzhaya")
    open_page = _page(SchoolFactory(), slug="otkryta")

    assert _get(client, "public_school", "zakryta").status_code == 404
    assert _get(client, "public_school", "net-takoy").status_code == 404
    # Signed in as its curator changes nothing: the closed page is closed.
    client.force_login(curator)
    assert _get(client, "public_school", "zakryta").status_code == 404
    # Another school's case is not found under this school's address.
    assert _get(client, "public_case", open_page.slug, foreign.pk).status_code == 404
    assert _get(client, "public_case", "chuzhaya", foreign.pk).status_code == 200


def test_a_draft_case_is_not_found(client, school):
    page = _page(school)
    draft = _case(
        school, _pair(school, PersonFactory(organisation=school)), status=PracticeCase.Status.DRAFT
    )
    assert _get(client, "public_case", page.slug, draft.pk).status_code == 404


def test_order_pdf_is_given_only_for_a_public_approved_order_with_its_pdf(
    client, school, curator, director
):
    page = _page(school)
    public = order_publicity_set(order=_approved(school, curator, director), is_public=True)
    not_marked = _approved(school, curator, director)
    no_pdf = order_publicity_set(
        order=_approved(school, curator, director, pdf=False), is_public=True
    )

    response = _get(client, "public_order_pdf", page.slug, public.pk)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 order"
    assert _get(client, "public_order_pdf", page.slug, not_marked.pk).status_code == 404
    assert _get(client, "public_order_pdf", page.slug, no_pdf.pk).status_code == 404
    # Another school's address does not give it either.
    other = _page(SchoolFactory(), slug="drugaya")
    assert _get(client, "public_order_pdf", other.slug, public.pk).status_code == 404
    PublicPage.objects.filter(pk=page.pk).update(is_published=False)
    assert _get(client, "public_order_pdf", page.slug, public.pk).status_code == 404


# Consent: a name appears only while the consent allows it.


def test_withdrawing_the_consent_hides_the_name_at_once(client, school, today):
    page = _page(school)
    mentor = PersonFactory(organisation=school, last_name="Кравченко", first_name="Леонид")
    mentee = PersonFactory(organisation=school, last_name="Водкина", first_name="Алина")
    consent = _agrees(mentor)
    case = _case(school, _pair(school, mentor, mentee))

    html = _get(client, "public_case", page.slug, case.pk).content.decode()
    assert mentor.full_name in html
    # The mentee gave no consent: her role instead of her name.
    assert "Водкина" not in html and "Наставляемый" in html

    consent_withdraw(consent=consent, withdrawn_on=today)

    html = _get(client, "public_case", page.slug, case.pk).content.decode()
    assert "Кравченко" not in html and "Наставник" in html


def test_an_order_naming_someone_without_consent_is_not_offered(
    client, school, curator, director, today
):
    page = _page(school)
    agreed = PersonFactory(organisation=school, last_name="Согласная")
    refused = PersonFactory(organisation=school, last_name="Несогласный", first_name="Пётр")
    _agrees(agreed)
    _agrees(refused, Consent.Category.PHOTO)  # a photo, not the name
    order = _approved(school, curator, director, title="О поощрении", people=[agreed, refused])
    order_publicity_set(order=order, is_public=True)

    html = _get(client, "public_school", page.slug).content.decode()
    assert "О поощрении" not in html
    assert _get(client, "public_order_pdf", page.slug, order.pk).status_code == 404
    # The managers see why.
    client.force_login(curator)
    settings = _get(client, "public_page_settings", school.pk).content.decode()
    assert "не публикуется" in settings and refused.short_name in settings
    detail = _get(client, "order_detail", order.pk).content.decode()
    assert "не публикуется" in detail and refused.short_name in detail

    _agrees(refused)
    client.logout()
    assert "О поощрении" in _get(client, "public_school", page.slug).content.decode()


def test_an_order_of_pairs_needs_every_members_consent(client, school, curator, director):
    page = _page(school)
    mentor, mentee = PersonFactory.create_batch(2, organisation=school)
    _agrees(mentor)
    order = _approved(school, curator, director, title="О парах")
    order.pairs.add(_pair(school, mentor, mentee))
    order_publicity_set(order=order, is_public=True)

    assert "О парах" not in _get(client, "public_school", page.slug).content.decode()
    _agrees(mentee)
    assert "О парах" in _get(client, "public_school", page.slug).content.decode()


# Speed and caching.


def _fill(school, curator, director, count: int):
    """`count` more of everything the page lists, everyone named agreeing to it."""
    roadmap = school.roadmaps.first() or roadmap_create_empty(
        organisation=school, academic_year=school.academic_years.get(), actor=curator
    )
    for n in range(count):
        mentor, mentee = PersonFactory.create_batch(2, organisation=school)
        _agrees(mentor)
        _agrees(mentee)
        activity = activity_add(stage=stage_add(roadmap=roadmap, title=f"Этап {n}"), title="Дело")
        activity.responsible_people.add(mentor)
        order = _approved(school, curator, director, title=f"Приказ {n}", people=[mentor])
        pair = _pair(school, mentor, mentee)
        order.pairs.add(pair)
        order_publicity_set(order=order, is_public=True)
        _case(school, pair)
        news_create(
            organisation=school,
            title=f"Новость {n}",
            body="Текст",
            published_on=timezone.localdate(),
        )


def test_the_page_takes_the_same_queries_whatever_it_shows(
    client, school, curator, director, django_assert_num_queries
):
    page = _page(school)
    _fill(school, curator, director, 1)
    with django_assert_num_queries(15) as one:
        _get(client, "public_school", page.slug)
    _fill(school, curator, director, 4)
    with django_assert_num_queries(len(one.captured_queries)):
        response = _get(client, "public_school", page.slug)
    html = response.content.decode()
    assert html.count("«Приказ ") == 5 and html.count("/practices/") == 5


def test_the_page_is_revalidated_and_answers_304_when_unchanged(client, school):
    page = _page(school)
    response = _get(client, "public_school", page.slug)

    cache = response["Cache-Control"]
    assert "public" in cache and "no-cache" in cache
    assert "Set-Cookie" not in response.headers
    again = client.get(
        reverse("public_school", args=[page.slug]), headers={"if-none-match": response["ETag"]}
    )
    assert again.status_code == 304
    # Link checkers ask with HEAD.
    assert client.head(reverse("public_school", args=[page.slug])).status_code == 200


# The managers' pages.


def test_settings_suggest_an_address_and_a_text_before_anything_is_saved(client, school, curator):
    client.force_login(curator)
    response = _get(client, "public_page_settings", school.pk)

    form = response.context["form"]
    assert form["slug"].value() == slug_suggest(school)
    assert school.full_name in form["description"].value()
    assert not PublicPage.objects.exists()

    response = client.post(
        reverse("public_page_settings", args=[school.pk]),
        {"slug": "shkola", "description": "Текст", "is_published": "on"},
        follow=True,
    )
    assert PublicPage.objects.get(organisation=school).is_published
    assert "http://testserver/s/shkola/" in response.content.decode()


def test_order_page_offers_the_toggle_on_approved_orders_only(client, school, curator, director):
    draft = order_draft(organisation=school, kind=Order.Kind.FREE, actor=curator)
    approved = _approved(school, curator, director)
    client.force_login(curator)

    assert (
        "Показать на публичной странице"
        not in _get(client, "order_detail", draft.pk).content.decode()
    )
    assert (
        "Показать на публичной странице"
        in _get(client, "order_detail", approved.pk).content.decode()
    )

    response = client.post(reverse("order_publicity", args=[draft.pk]), {"is_public": "1"})
    assert response.status_code == 302
    assert not Order.objects.get(pk=draft.pk).is_public
    client.post(reverse("order_publicity", args=[approved.pk]), {"is_public": "1"})
    assert Order.objects.get(pk=approved.pk).is_public
    client.post(reverse("order_publicity", args=[approved.pk]), {"is_public": "0"})
    assert not Order.objects.get(pk=approved.pk).is_public


def test_news_are_paginated_on_the_page(client, school, today):
    page = _page(school)
    for n in range(7):
        news_create(
            organisation=school,
            title=f"Новость номер {n}",
            body="Текст",
            published_on=today - timedelta(days=n),
        )

    first = _get(client, "public_school", page.slug).content.decode()
    second = _get(client, "public_school", page.slug, page=2).content.decode()

    assert "Новость номер 0" in first and "Новость номер 5" not in first
    assert "Новость номер 5" in second and "Новость номер 0" not in second
