"""Orders of the demo school, made through the services as a curator and a director would."""

from datetime import date, timedelta

from django.utils import timezone

from core.dates import working_day_on_or_after, working_day_on_or_before
from mentoring.models import Consent, Membership, MentoringPair, Organisation, Role
from mentoring.services.consents import consent_record

from .models import (
    Audience,
    DocumentSettings,
    LegalAct,
    MonitoringReport,
    Order,
    PracticeCase,
    PublicPage,
)
from .selectors.orders import staff_for_order
from .selectors.public_page import withheld_people
from .services.legal_acts import legal_acts_replace
from .services.monitoring import report_create, report_issue, report_update
from .services.orders import order_approve, order_draft, order_submit, school_curator
from .services.practices import case_create_from_pair, case_publish, case_update
from .services.public_page import (
    description_suggest,
    news_create,
    order_publicity_set,
    public_page_save,
    slug_suggest,
)

ORDER_PREFIX = "01-05/"
# The regional and municipal acts of the demo's municipality, as seed 002 (an order of
# Berezniki's education department) cites them and is cited.
MUNICIPAL_ACTS = [
    (
        Audience.TEACHERS,
        "приказом министерства образования и науки Пермского края от 04.07.2022 "
        "№ 26-01-06-629 «Об утверждении Положения о наставничестве для педагогических "
        "работников образовательных организаций Пермского края, осуществляющих "
        "образовательную деятельность по реализации основных и дополнительных "
        "общеобразовательных программ»",
    ),
    (
        Audience.TEACHERS,
        "приказом Управления образования администрации города Березники от 09.11.2022 "
        "№ 04-01-03-1209 «Об утверждении Положения о наставничестве для педагогических "
        "работников в образовательных организациях муниципального образования «Город "
        "Березники» Пермского края, осуществляющих образовательную деятельность по "
        "реализации основных и дополнительных общеобразовательных программ»",
    ),
]
PARTNER = (
    "Муниципальному автономному учреждению «Центр сопровождения, обеспечения и развития "
    "образования»"
)


def _user(school: Organisation, role: Role):
    membership = Membership.objects.filter(organisation=school, role=role).order_by("pk").first()
    return membership.user if membership else None


def _approved(school: Organisation, kind: str, signed_on=None, **extra) -> Order:
    order = order_draft(organisation=school, kind=kind, actor=_user(school, Role.CURATOR), **extra)
    order_submit(order=order)
    day = signed_on(order) if signed_on else None
    return order_approve(order=order, actor=_user(school, Role.DIRECTOR), signed_on=day)


def _working_group(school: Organisation) -> None:
    """The group that prepared the programme: the curator at its head and three colleagues."""
    head = school_curator(school)
    staff = [person for person in staff_for_order(school) if person.position and person != head]
    if head is None or len(staff) < 3:
        return
    _approved(
        school,
        Order.Kind.WORKING_GROUP,
        signed_on=lambda order: _year_start(school),
        audience=Audience.BOTH,
        people=staff[:3],
        details={"head": head, "due_on": _year_start(school) + timedelta(days=30)},
    )


def _year_start(school: Organisation) -> date:
    """The first working day of the current academic year, as a real school signs its first
    orders; today when the year has no start yet."""
    today = timezone.localdate()
    year = school.academic_years.filter(is_current=True).first()
    return min(working_day_on_or_after(year.start_date), today) if year else today


def _before_pairs_start(order: Order) -> date:
    """A pairs order is signed on the working day before its earliest pair starts."""
    school = order.organisation
    first = min((pair.start_date for pair in order.pairs.all()), default=timezone.localdate())
    day = working_day_on_or_before(first - timedelta(days=1))
    return min(max(day, _year_start(school)), timezone.localdate())


def pairs_order_approve(school: Organisation) -> None:
    """The orders that start the programme: introducing the model first, then fixing the
    pairs awaiting an order, each dated as a school would have signed it."""
    DocumentSettings.objects.update_or_create(
        organisation=school, defaults={"order_prefix": ORDER_PREFIX}
    )
    municipality = school.municipality
    if municipality and not LegalAct.objects.filter(organisation=municipality).exists():
        legal_acts_replace(organisation=municipality, acts=MUNICIPAL_ACTS)
    if not Order.objects.filter(organisation=school, kind=Order.Kind.SYSTEM).exists():
        _working_group(school)
        _approved(school, Order.Kind.SYSTEM, signed_on=lambda order: _year_start(school))
    _approved(school, Order.Kind.PAIRS, signed_on=_before_pairs_start)


def _final_event_day(school: Organisation) -> date:
    """The year's closing event: in late May, or soon if May is already over."""
    today = timezone.localdate()
    year = school.academic_years.filter(is_current=True).first()
    if year is None:
        return today + timedelta(days=30)
    return min(max(date(year.end_date.year, 5, 20), today + timedelta(days=14)), year.end_date)


def orders_add(school: Organisation) -> None:
    """An order awaiting the director and a thank-you letter in draft, once."""
    if Order.objects.filter(organisation=school, kind=Order.Kind.FINAL_EVENT).exists():
        return
    held_on = _final_event_day(school)
    order = order_draft(
        organisation=school,
        kind=Order.Kind.FINAL_EVENT,
        actor=_user(school, Role.CURATOR),
        held_on=held_on,
        details={
            "event": "conference",
            "place": "в актовом зале",
            "responsible": school_curator(school),
            "prepare_by": working_day_on_or_before(held_on - timedelta(days=14)),
        },
    )
    order_submit(order=order)
    order_draft(
        organisation=school,
        kind=Order.Kind.MOTIVATION,
        actor=_user(school, Role.CURATOR),
        audience=Audience.TEACHERS,
    )
    order_draft(
        organisation=school,
        kind=Order.Kind.LETTER,
        actor=_user(school, Role.CURATOR),
        addressee=PARTNER,
        details={"recipient": "organisation", "head": "Директору Сухановой Е.В."},
    )


DEMO_CONCLUSIONS = (
    "Программа наставничества реализуется в соответствии с дорожной картой: пары и группы "
    "сформированы, встречи проводятся по плану, участники дают обратную связь.\n"
    "Оценка эффективности первой пары показала оптимальный уровень. Доля обучающихся, "
    "вошедших в программы наставничества, пока значительно ниже целевого значения года: "
    "формы «ученик – ученик» только начинают работать."
)
DEMO_PROPOSALS = (
    "Провести к июньскому мониторингу повторное анкетирование участников «после» программы.\n"
    "Привлечь к наставничеству обучающихся 15–18 лет из числа активистов школьного "
    "самоуправления."
)


def monitoring_report_add(school: Organisation) -> None:
    """The December monitoring report, written and issued, once."""
    if MonitoringReport.objects.filter(organisation=school).exists():
        return
    report = report_create(
        organisation=school, kind=MonitoringReport.Kind.DECEMBER, user=_user(school, Role.CURATOR)
    )
    report = report_update(report=report, conclusions=DEMO_CONCLUSIONS, proposals=DEMO_PROPOSALS)
    report_issue(report=report, user=_user(school, Role.CURATOR))


def practices_add(school: Organisation) -> None:
    """One published case of a completed pair, once: the demo's pair of the past year; a school
    without a completed pair gets none."""
    pair = (
        MentoringPair.objects.filter(organisation=school, status=MentoringPair.Status.COMPLETED)
        .exclude(pk__in=PracticeCase.objects.values("pair_id"))
        .select_related("form", "role_model", "mentoring_type")
        .order_by("pk")
        .first()
    )
    if pair is None or PracticeCase.objects.filter(organisation=school).exists():
        return
    case = case_create_from_pair(pair=pair, user=_user(school, Role.CURATOR))
    if not case.description:
        case_update(
            case=case,
            description="Пара работала по персонализированной программе: встречи раз в две "
            "недели, совместная подготовка и разбор уроков, итоговое открытое занятие.",
        )
    case_publish(case=case)


# The demo's public page: two pieces of news a curator would write in the first months.
NEWS = [
    (
        timedelta(days=3),
        "Стартовала программа наставничества",
        "В школе утверждено Положение о системе наставничества и сформированы первые "
        "наставнические пары. Молодые педагоги и их наставники уже провели установочные "
        "встречи и составили планы на год.",
    ),
    (
        timedelta(days=40),
        "Открытые уроки наставников",
        "Наставники провели открытые уроки для молодых коллег: разобрали, как строить урок "
        "с опорой на формирующее оценивание, и договорились о взаимопосещениях.",
    ),
]


def _curator_agrees(school: Organisation) -> None:
    """The curator agrees to be named on the school's site, as the order introducing the model
    names her; a consent given with the same details as her processing one."""
    curator = school_curator(school)
    processing = curator and curator.consents.filter(kind=Consent.Kind.PROCESSING).first()
    if processing is None or curator.consents.filter(kind=Consent.Kind.DISSEMINATION).exists():
        return
    consent_record(
        person=curator,
        kind=Consent.Kind.DISSEMINATION,
        given_on=processing.given_on,
        verified_by=_user(school, Role.CURATOR),
        subject_address=processing.subject_address,
        subject_document=processing.subject_document,
        subject_document_issued_on=processing.subject_document_issued_on,
        subject_document_issued_by=processing.subject_document_issued_by,
        subject_document_division_code=processing.subject_document_division_code,
        published_categories=[Consent.Category.NAME, Consent.Category.POSITION],
    )


def public_page_open(school: Organisation) -> None:
    """The school's public page, open with a description and two pieces of news, and the order
    introducing the model on it (its only named person, the curator, agreed to it)."""
    if PublicPage.objects.filter(organisation=school).exists():
        return
    public_page_save(
        organisation=school,
        slug=slug_suggest(school),
        description=description_suggest(school),
        is_published=True,
    )
    today = timezone.localdate()
    for ago, title, body in NEWS:
        news_create(
            organisation=school,
            title=title,
            body=body,
            published_on=max(_year_start(school), today - ago),
            actor=_user(school, Role.CURATOR),
        )
    _curator_agrees(school)
    approved = list(
        Order.objects.filter(
            organisation=school, status=Order.Status.APPROVED, series=Order.Series.ORDER
        ).order_by("signed_on", "pk")
    )
    # The introducing order first, else any approved order whose people all agreed.
    approved.sort(key=lambda o: o.kind != Order.Kind.SYSTEM)
    order = next((o for o in approved if not withheld_people(o, today)), None)
    if order is not None:
        order_publicity_set(order=order, is_public=True)
