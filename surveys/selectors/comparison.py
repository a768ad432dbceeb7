"""Before and after: the same items of two campaigns compared.

Named campaigns are matched by person and item key: for each item, the people who answered it
in both, their mean before and after and how many moved up, stayed or moved down — all in one
GROUP BY over the earlier answers with the later answer of the same person beside each.
An anonymous campaign keeps no person, so only the two groups' means are compared.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Avg, Count, F, FloatField, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from ..models import Answer, Campaign, Question, Response
from .results import MIN_GROUP


@dataclass
class ComparedItem:
    key: str
    text: str
    n: int = 0
    before: float | None = None
    after: float | None = None
    n_before: int = 0
    n_after: int = 0
    improved: int = 0
    same: int = 0
    worse: int = 0

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass
class Comparison:
    before: Campaign
    after: Campaign
    matched: bool
    items: list[ComparedItem]
    hidden: bool = False


def _numeric_items(version_id: int) -> dict[str, str]:
    """Item key → wording of the items with a number: scales, numbers, yes/no, matrix rows."""
    items = {}
    questions = Question.objects.filter(
        section__version_id=version_id,
        kind__in=[Question.Kind.SCALE, Question.Kind.NUMBER, Question.Kind.YES_NO, "matrix"],
    ).order_by("section__position", "position", "pk")
    for question in questions:
        if question.kind == Question.Kind.MATRIX:
            for row in question.rows or []:
                items[f"{question.key}.{row['key']}"] = f"{question.text}: {row['label']}"
        else:
            items[question.key] = question.text
    return items


def shared_items(before: Campaign, after: Campaign) -> dict[str, str]:
    after_items = _numeric_items(after.version_id)
    return {
        key: text for key, text in _numeric_items(before.version_id).items() if key in after_items
    }


def campaign_compare(before: Campaign, after: Campaign) -> Comparison:
    items = shared_items(before, after)
    keys = list(items)
    compared = {key: ComparedItem(key, text) for key, text in items.items()}
    matched = not before.anonymous and not after.anonymous
    hidden = False
    if matched:
        later = Answer.objects.filter(
            response__campaign=after,
            response__person_id=OuterRef("response__person_id"),
            item_key=OuterRef("item_key"),
            number__isnull=False,
        ).values("number")[:1]
        rows = (
            Answer.objects.filter(
                response__campaign=before, item_key__in=keys, number__isnull=False
            )
            .annotate(later=Subquery(later, output_field=FloatField()))
            .filter(later__isnull=False)
            .values("item_key")
            .annotate(
                n=Count("id"),
                before=Avg("number"),
                after=Avg("later"),
                improved=Count("id", filter=Q(later__gt=F("number"))),
                same=Count("id", filter=Q(later=F("number"))),
                worse=Count("id", filter=Q(later__lt=F("number"))),
            )
            .order_by()
        )
        for row in rows:
            item = compared[row["item_key"]]
            item.n, item.before, item.after = row["n"], row["before"], row["after"]
            item.improved, item.same, item.worse = row["improved"], row["same"], row["worse"]
    else:
        counts = dict(
            Response.objects.filter(campaign__in=[before, after])
            .values_list("campaign_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        # Either group under five and the means could tell who answered.
        hidden = any(counts.get(c.pk, 0) < MIN_GROUP for c in (before, after) if c.anonymous)
        if not hidden:
            means: dict = defaultdict(dict)
            rows = (
                Answer.objects.filter(
                    response__campaign__in=[before, after], item_key__in=keys, number__isnull=False
                )
                .values_list("response__campaign_id", "item_key")
                .annotate(mean=Avg("number"), n=Count("id"))
                .order_by()
            )
            for campaign_id, key, mean, n in rows:
                means[campaign_id][key] = (mean, n)
            for key, item in compared.items():
                item.before, item.n_before = means[before.pk].get(key, (None, 0))
                item.after, item.n_after = means[after.pk].get(key, (None, 0))
    return Comparison(before, after, matched, list(compared.values()), hidden)


@dataclass
class Suggestion:
    before: Campaign
    after: Campaign
    shared: int


def compare_suggestions(campaign: Campaign) -> list[Suggestion]:
    """Campaigns of the school that could be compared with this one: a «до» and a «после»
    (one of them this campaign) sharing item keys, found in two queries."""
    others = list(
        Campaign.objects.filter(organisation_id=campaign.organisation_id)
        .exclude(pk=campaign.pk)
        .order_by("-opens_at", "-pk")
    )
    keys: dict[int, set[str]] = defaultdict(set)
    version_ids = {campaign.version_id, *(other.version_id for other in others)}
    for version_id, key, kind, rows in Question.objects.filter(
        section__version_id__in=version_ids
    ).values_list("section__version_id", "key", "kind", "rows"):
        if kind == Question.Kind.MATRIX:
            keys[version_id] |= {f"{key}.{row['key']}" for row in rows or []}
        elif kind in (Question.Kind.SCALE, Question.Kind.NUMBER, Question.Kind.YES_NO):
            keys[version_id].add(key)
    suggestions = []
    for other in others:
        shared = len(keys[campaign.version_id] & keys[other.version_id])
        if not shared:
            continue
        pair = (other, campaign) if other.opens_at <= campaign.opens_at else (campaign, other)
        suggestions.append(Suggestion(*pair, shared))
    phased = Campaign.Phase.BEFORE, Campaign.Phase.AFTER

    # A «до» and «после» pair first, then the rest by date.
    def rank(s: Suggestion):
        return (s.before.phase, s.after.phase) != phased

    suggestions.sort(key=rank)
    return suggestions


def comparison_label(comparison: Comparison) -> str:
    if comparison.matched:
        return _("Сравнение по людям: те же участники до и после")
    return _("Сравнение групп (анонимно): без сопоставления по людям")
