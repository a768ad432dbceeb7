"""Explainable mentor–mentee matching: scores, admissibility and the optimal assignment.

Pure functions over plain dataclasses; the caller loads the bank and saves the result.
Pairs are always written (mentee id, mentor id).
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, fields

import numpy as np
from scipy.optimize import linear_sum_assignment

# Mentee categories (MenteeEntry.Category) that an experienced teacher serves best.
TEACHER_NEEDS = frozenset({"young_specialist", "after_break", "new_place", "intern"})
# Student categories served by peer models («успевающий – неуспевающий», «лидер – пассивный»).
STUDENT_NEEDS = frozenset({"low_results", "disengaged", "behaviour"})
RANK_FACTORS = (1.0, 0.66, 0.33)
EXPERIENCED_YEARS = 10

# Cells the solver must never pick; every mentee can always fall back to a dummy column.
FORBIDDEN = -1e9
# Makes any admissible pair (even one scoring 0) better than leaving the mentee without a mentor.
PAIR_BONUS = 1e-9


@dataclass(frozen=True)
class Mentee:
    id: int
    person_id: int
    school_id: int
    tags: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    is_student: bool = False
    preferred_forms: frozenset[int] = frozenset()
    preferences: tuple[int, ...] = ()  # mentor ids, best first
    has_consents: bool = True
    already_paired: bool = False


@dataclass(frozen=True)
class Mentor:
    id: int
    person_id: int
    school_id: int
    tags: frozenset[str] = frozenset()  # competences
    subjects: frozenset[str] = frozenset()
    is_student: bool = False
    experience_years: int | None = None
    category: str = "none"  # "none" / "first" / "highest"
    preferred_forms: frozenset[int] = frozenset()
    capacity: int = 1
    load: int = 0  # mentees already assigned this year
    preferences: tuple[int, ...] = ()  # mentee ids, best first
    has_consents: bool = True


@dataclass(frozen=True)
class Weights:
    tags: float = 3.0
    subject: float = 2.0
    category_fit: float = 2.0
    mutual_preference: float = 3.0
    one_sided_preference: float = 1.0
    same_school: float = 1.0
    forms: float = 1.0

    def __post_init__(self) -> None:
        for field in fields(self):
            if getattr(self, field.name) < 0:
                raise ValueError(f"Weight {field.name!r} must not be negative")


@dataclass(frozen=True)
class Options:
    virtual: bool = False


@dataclass(frozen=True)
class Explanation:
    total: float
    parts: dict[str, float]


@dataclass(frozen=True)
class Suggestion:
    mentee_id: int
    mentor_id: int
    explanation: Explanation
    runners_up: list[tuple[int, float]]  # (mentor id, total), best first
    fixed: bool = False


@dataclass(frozen=True)
class Result:
    pairs: list[Suggestion]
    unmatched: dict[int, str]
    total: float
    blocking_pairs: list[tuple[int, int]]


def inadmissible_reason(mentee: Mentee, mentor: Mentor, options: Options) -> str | None:
    if mentee.person_id == mentor.person_id:
        return "тот же человек"
    if not mentee.has_consents:
        return "нет согласия наставляемого"
    if not mentor.has_consents:
        return "нет согласия наставника"
    if mentor.load >= mentor.capacity:
        return "наставник занят полностью"
    if mentee.already_paired:
        return "наставляемый уже в паре"
    if mentor.is_student and not mentee.is_student:
        return "ученик не может наставлять педагога"
    if mentee.school_id != mentor.school_id and not options.virtual:
        return "другая школа (только для виртуальной формы)"
    return None


def _teacher_fit(mentor: Mentor) -> float:
    if mentor.category == "highest" or (mentor.experience_years or 0) >= EXPERIENCED_YEARS:
        return 1.0
    return 0.5 if mentor.category == "first" else 0.0


def _student_fit(mentor: Mentor) -> float:
    return 1.0 if mentor.is_student else 0.5


def category_fit(mentee: Mentee, mentor: Mentor) -> float:
    """How well the mentor suits the mentee's categories, from 0 to 1.

    A mentee in TEACHER_NEEDS (young specialist, after a break, new place, intern) fits a mentor
    of the highest category or with at least 10 years of experience (1.0), or of the first
    category (0.5). A mentee in STUDENT_NEEDS (low results, disengaged, behaviour) fits a student
    mentor, the peer model (1.0), or a teacher (0.5). With categories from both lists the
    better fit counts; other categories do not score.
    """
    fit = 0.0
    if mentee.categories & TEACHER_NEEDS:
        fit = _teacher_fit(mentor)
    if mentee.categories & STUDENT_NEEDS:
        fit = max(fit, _student_fit(mentor))
    return fit


def _rank_factor(preferences: tuple[int, ...], target: int) -> float:
    ranked = preferences[: len(RANK_FACTORS)]
    return RANK_FACTORS[ranked.index(target)] if target in ranked else 0.0


def preference(mentee: Mentee, mentor: Mentor, weights: Weights) -> float:
    """Mutual naming scores the average rank factor of both sides, one-sided the single one."""
    by_mentee = _rank_factor(mentee.preferences, mentor.id)
    by_mentor = _rank_factor(mentor.preferences, mentee.id)
    if by_mentee and by_mentor:
        return weights.mutual_preference * ((by_mentee + by_mentor) / 2)
    return weights.one_sided_preference * (by_mentee or by_mentor)


def score(mentee: Mentee, mentor: Mentor, weights: Weights) -> Explanation:
    parts = {
        "tags": weights.tags * len(mentee.tags & mentor.tags) / max(1, len(mentee.tags)),
        "subject": weights.subject if mentee.subjects & mentor.subjects else 0.0,
        "category_fit": weights.category_fit * category_fit(mentee, mentor),
        "preference": preference(mentee, mentor, weights),
        "same_school": weights.same_school if mentee.school_id == mentor.school_id else 0.0,
        "forms": weights.forms if mentee.preferred_forms & mentor.preferred_forms else 0.0,
    }
    return Explanation(total=sum(parts.values()), parts=parts)


def _indicator(sets: Sequence[frozenset], vocabulary: dict) -> np.ndarray:
    matrix = np.zeros((len(sets), len(vocabulary)))
    for row, items in enumerate(sets):
        matrix[row, [vocabulary[item] for item in items]] = 1.0
    return matrix


def _overlap(left: Sequence[frozenset], right: Sequence[frozenset]) -> np.ndarray:
    """Sizes of the pairwise intersections, as a len(left) × len(right) matrix."""
    vocabulary = {item: n for n, item in enumerate(set().union(*left, *right))}
    return _indicator(left, vocabulary) @ _indicator(right, vocabulary).T


def _column(values: Iterable) -> np.ndarray:
    return np.array(list(values))[None, :]


def _row(values: Iterable) -> np.ndarray:
    return np.array(list(values))[:, None]


def score_matrix(
    mentees: Sequence[Mentee], mentors: Sequence[Mentor], weights: Weights, options: Options
) -> tuple[np.ndarray, np.ndarray]:
    """Totals of score() and the admissibility of every pair, vectorised.

    Returns (scores, admissible), both len(mentees) × len(mentors); each score equals
    score(...).total exactly, because the parts are computed and added in the same order.
    """
    if not mentees or not mentors:
        shape = (len(mentees), len(mentors))
        return np.zeros(shape), np.zeros(shape, dtype=bool)
    tags = (weights.tags * _overlap([e.tags for e in mentees], [m.tags for m in mentors])) / _row(
        max(1, len(e.tags)) for e in mentees
    )
    subject = np.where(
        _overlap([e.subjects for e in mentees], [m.subjects for m in mentors]) > 0,
        weights.subject,
        0.0,
    )
    teacher_fit = np.where(
        _row(bool(e.categories & TEACHER_NEEDS) for e in mentees),
        _column(_teacher_fit(m) for m in mentors),
        0.0,
    )
    student_fit = np.where(
        _row(bool(e.categories & STUDENT_NEEDS) for e in mentees),
        _column(_student_fit(m) for m in mentors),
        0.0,
    )
    fit = weights.category_fit * np.maximum(teacher_fit, student_fit)

    prefs = np.zeros((len(mentees), len(mentors)))
    row_of = {e.id: i for i, e in enumerate(mentees)}
    column_of = {m.id: j for j, m in enumerate(mentors)}
    named = {
        (i, column_of[m_id])
        for i, e in enumerate(mentees)
        for m_id in e.preferences
        if m_id in column_of
    }
    named |= {
        (row_of[e_id], j) for j, m in enumerate(mentors) for e_id in m.preferences if e_id in row_of
    }
    for i, j in named:
        prefs[i, j] = preference(mentees[i], mentors[j], weights)

    mentee_school = _row(e.school_id for e in mentees)
    mentor_school = _column(m.school_id for m in mentors)
    same_school = np.where(mentee_school == mentor_school, weights.same_school, 0.0)
    forms = np.where(
        _overlap([e.preferred_forms for e in mentees], [m.preferred_forms for m in mentors]) > 0,
        weights.forms,
        0.0,
    )
    scores = tags + subject + fit + prefs + same_school + forms

    mentor_is_student = _column(m.is_student for m in mentors)
    admissible = (
        (_row(e.person_id for e in mentees) != _column(m.person_id for m in mentors))
        & _row(e.has_consents and not e.already_paired for e in mentees)
        & _column(m.has_consents and m.load < m.capacity for m in mentors)
        & (_row(e.is_student for e in mentees) | ~mentor_is_student)
        & (options.virtual | (mentee_school == mentor_school))
    )
    return scores, admissible


def _without(
    admissible: np.ndarray,
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    excluded: Set[tuple[int, int]],
) -> np.ndarray:
    row_of = {e.id: i for i, e in enumerate(mentees)}
    column_of = {m.id: j for j, m in enumerate(mentors)}
    admissible = admissible.copy()
    for mentee_id, mentor_id in excluded:
        if mentee_id in row_of and mentor_id in column_of:
            admissible[row_of[mentee_id], column_of[mentor_id]] = False
    return admissible


def _runners_up(
    scores: np.ndarray, admissible: np.ndarray, mentors: Sequence[Mentor], chosen: int
) -> list[tuple[int, float]]:
    candidates = np.where(admissible, scores, -np.inf)
    candidates[chosen] = -np.inf
    best = [j for j in np.argsort(-candidates, kind="stable")[:2] if candidates[j] > -np.inf]
    return [(mentors[j].id, float(scores[j])) for j in best]


def _unmatched_reason(
    mentee: Mentee,
    mentors: Sequence[Mentor],
    any_admissible: bool,
    options: Options,
    excluded: Set[tuple[int, int]],
) -> str:
    if any_admissible:
        return "все подходящие наставники заняты"
    reasons = Counter(
        "пара отклонена"
        if (mentee.id, mentor.id) in excluded
        else inadmissible_reason(mentee, mentor, options)
        for mentor in mentors
    )
    reasons.pop(None, None)
    if not reasons:
        return "нет допустимых наставников: банк наставников пуст"
    return f"нет допустимых наставников: {reasons.most_common(1)[0][0]}"


def _blocking_pairs(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    admissible: np.ndarray,
    pairs: list[Suggestion],
) -> list[tuple[int, int]]:
    """Admissible pairs who name each other and both prefer each other to their assignment."""
    mentor_of = {p.mentee_id: p.mentor_id for p in pairs}
    mentees_of: dict[int, list[int]] = {}
    for p in pairs:
        mentees_of.setdefault(p.mentor_id, []).append(p.mentee_id)
    column_of = {m.id: j for j, m in enumerate(mentors)}

    def prefers(ranking: tuple[int, ...], candidate: int, current: int | None) -> bool:
        return (
            current is None
            or current not in ranking
            or ranking.index(candidate) < (ranking.index(current))
        )

    blocking = []
    for i, mentee in enumerate(mentees):
        for mentor_id in mentee.preferences:
            j = column_of.get(mentor_id)
            if j is None or not admissible[i, j] or mentor_of.get(mentee.id) == mentor_id:
                continue
            mentor = mentors[j]
            if mentee.id not in mentor.preferences:
                continue
            held = mentees_of.get(mentor_id, [])
            mentor_wants = len(held) < mentor.capacity - mentor.load or any(
                prefers(mentor.preferences, mentee.id, other) for other in held
            )
            if mentor_wants and prefers(mentee.preferences, mentor_id, mentor_of.get(mentee.id)):
                blocking.append((mentee.id, mentor_id))
    return blocking


def assign(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    weights: Weights,
    options: Options,
    fixed: Mapping[int, int] | None = None,
    excluded: Set[tuple[int, int]] = frozenset(),
) -> Result:
    """The assignment with the largest total score under mentor capacities.

    `fixed` maps mentee id → mentor id for pinned or accepted pairs: they are kept as given and
    use the mentor's free places first. `excluded` holds rejected (mentee id, mentor id) pairs.
    """
    fixed = dict(fixed or {})
    mentee_by_id = {e.id: e for e in mentees}
    mentor_by_id = {m.id: m for m in mentors}
    for mentee_id, mentor_id in fixed.items():
        if mentee_id not in mentee_by_id or mentor_id not in mentor_by_id:
            raise ValueError(f"Fixed pair ({mentee_id}, {mentor_id}) is not in the banks")

    scores, admissible = score_matrix(mentees, mentors, weights, options)
    admissible = _without(admissible, mentees, mentors, excluded)
    column_of = {m.id: j for j, m in enumerate(mentors)}

    taken = Counter(fixed.values())
    slots = [max(0, m.capacity - m.load - taken[m.id]) for m in mentors]
    columns = np.repeat(np.arange(len(mentors)), slots)
    rows = [i for i, e in enumerate(mentees) if e.id not in fixed]
    value = np.where(admissible, scores + PAIR_BONUS, FORBIDDEN)[np.ix_(rows, columns)]
    value = np.hstack([value, np.zeros((len(rows), len(rows)))])
    chosen_rows, chosen_columns = linear_sum_assignment(value, maximize=True)

    chosen = {e_id: column_of[m_id] for e_id, m_id in fixed.items()}
    for r, c in zip(chosen_rows, chosen_columns, strict=True):
        i = rows[r]
        if c < len(columns) and admissible[i, columns[c]]:
            chosen[mentees[i].id] = int(columns[c])

    pairs = []
    unmatched = {}
    for i, mentee in enumerate(mentees):
        j = chosen.get(mentee.id)
        if j is None:
            unmatched[mentee.id] = _unmatched_reason(
                mentee, mentors, bool(admissible[i].any()), options, excluded
            )
            continue
        pairs.append(
            Suggestion(
                mentee_id=mentee.id,
                mentor_id=mentors[j].id,
                explanation=score(mentee, mentors[j], weights),
                runners_up=_runners_up(scores[i], admissible[i], mentors, j),
                fixed=mentee.id in fixed,
            )
        )
    return Result(
        pairs=pairs,
        unmatched=unmatched,
        total=sum(p.explanation.total for p in pairs),
        blocking_pairs=_blocking_pairs(mentees, mentors, admissible, pairs),
    )


def greedy(
    mentees: Sequence[Mentee], mentors: Sequence[Mentor], weights: Weights, options: Options
) -> float:
    """Total score of repeatedly taking the best remaining admissible pair: the baseline."""
    scores, admissible = score_matrix(mentees, mentors, weights, options)
    free = [m.capacity - m.load for m in mentors]
    paired = set()
    total = 0.0
    candidates = np.flatnonzero(admissible)
    for flat in candidates[np.argsort(-scores.flat[candidates], kind="stable")]:
        i, j = divmod(int(flat), len(mentors))
        if i not in paired and free[j] > 0:
            paired.add(i)
            free[j] -= 1
            total += float(scores[i, j])
    return total
