"""The school's public mentoring page: its address and text, its news, and which approved
orders it offers. Who may be named there is decided when the page is read
(`selectors/public_page.py`), so a withdrawn consent hides a person at once."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.latin import latin
from mentoring.models import MentoringPair, Organisation, User
from mentoring.selectors.organisations import current_academic_year

from ..models import NewsItem, Order, PublicPage

SLUG_MAX = PublicPage._meta.get_field("slug").max_length


def transliterate(text: str) -> str:
    """«МАОУ СОШ № 7» → «maou-sosh-7»: Latin letters, digits and single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", latin(text)).strip("-")


def slug_suggest(organisation: Organisation) -> str:
    """A free address from the school's short name; «-2», «-3»… when another school has it."""
    base = transliterate(organisation.short_name)[: SLUG_MAX - 4].strip("-") or "school"
    taken = set(
        PublicPage.objects.filter(slug__startswith=base)
        .exclude(organisation=organisation)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def description_suggest(organisation: Organisation) -> str:
    """A first text about the programme from the school's data: the year, its forms of
    mentoring and the number of pairs and groups; no one is named."""
    year = current_academic_year(organisation)
    text = [
        _(
            "%(school)s реализует целевую модель наставничества педагогических работников "
            "и обучающихся: опытные педагоги и ученики помогают коллегам и сверстникам "
            "освоиться, вырасти профессионально и добиться лучших результатов."
        )
        % {"school": organisation.full_name or organisation.short_name}
    ]
    if year is not None:
        pairs = MentoringPair.objects.filter(
            academic_year=year,
            status__in=(MentoringPair.Status.ACTIVE, MentoringPair.Status.COMPLETED),
        )
        forms = sorted(set(pairs.values_list("form__name", flat=True)))
        count = pairs.count()
        if count:
            text.append(
                _("В %(year)s учебном году работают наставнических пар и групп: %(count)s.")
                % {"year": year, "count": count}
            )
        if forms:
            text.append(
                _("Формы наставничества: %(forms)s.")
                % {"forms": ", ".join(f"«{f}»" for f in forms)}
            )
    text.append(
        _(
            "На этой странице — дорожная карта программы, приказы, лучшие практики "
            "и новости наставничества."
        )
    )
    return "\n\n".join(text)


@transaction.atomic
def public_page_save(
    *, organisation: Organisation, slug: str, description: str, is_published: bool
) -> PublicPage:
    """Creates or changes the school's page. The address stays as it was saved: nothing
    changes it but the school."""
    slug = slug.strip().lower()
    if PublicPage.objects.filter(slug=slug).exclude(organisation=organisation).exists():
        raise ValidationError({"slug": _("Этот адрес уже занят другой школой: выберите другой.")})
    page = PublicPage.objects.filter(organisation=organisation).first() or PublicPage(
        organisation=organisation
    )
    page.slug, page.description, page.is_published = slug, description.strip(), is_published
    page.full_clean(validate_unique=False)
    if page.pk is None:
        page.save()
    else:
        page.save(update_fields=["slug", "description", "is_published", "updated_at"])
    return page


def _news_fields(title: str, body: str, published_on: date, is_published: bool) -> dict:
    return {
        "title": title.strip(),
        "body": body.strip(),
        "published_on": published_on,
        "is_published": is_published,
    }


@transaction.atomic
def news_create(
    *,
    organisation: Organisation,
    title: str,
    body: str,
    published_on: date,
    is_published: bool = True,
    actor: User | None = None,
) -> NewsItem:
    item = NewsItem(
        organisation=organisation,
        created_by=actor,
        **_news_fields(title, body, published_on, is_published),
    )
    item.full_clean(exclude=["created_by"])
    item.save()
    return item


@transaction.atomic
def news_update(
    *, item: NewsItem, title: str, body: str, published_on: date, is_published: bool
) -> NewsItem:
    fields = _news_fields(title, body, published_on, is_published)
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean(exclude=["created_by"])
    item.save(update_fields=list(fields))
    return item


@transaction.atomic
def news_delete(*, item: NewsItem) -> None:
    item.delete()


@transaction.atomic
def order_publicity_set(*, order: Order, is_public: bool) -> Order:
    """Offers an approved order on the public page, or takes it off. The page still leaves it
    out while someone it names has not agreed to be named in public."""
    if order.status != Order.Status.APPROVED:
        raise ValidationError(_("На публичной странице можно показать только утверждённый приказ."))
    if order.is_letter:
        raise ValidationError(_("Благодарственные письма не публикуются."))
    order.is_public = is_public
    order.save(update_fields=["is_public", "updated_at"])
    return order
