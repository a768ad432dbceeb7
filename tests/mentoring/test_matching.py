from collections import Counter
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentoring.matching import (
    Mentee,
    Mentor,
    Options,
    Weights,
    assign,
    category_fit,
    greedy,
    inadmissible_reason,
    score,
    score_matrix,
)

SCHOOL = 1
OTHER_SCHOOL = 2
ONLY_TAGS = Weights(
    tags=1.0,
    subject=0.0,
    category_fit=0.0,
    mutual_preference=0.0,
    one_sided_preference=0.0,
    same_school=0.0,
    forms=0.0,
)


def mentee(id: int, **kwargs) -> Mentee:
    kwargs.setdefault("person_id", id)
    kwargs.setdefault("school_id", SCHOOL)
    return Mentee(id=id, **kwargs)


def mentor(id: int, **kwargs) -> Mentor:
    kwargs.setdefault("person_id", 1000 + id)
    kwargs.setdefault("school_id", SCHOOL)
    return Mentor(id=id, **kwargs)


def pairs_of(result) -> dict[int, int]:
    return {p.mentee_id: p.mentor_id for p in result.pairs}


def test_mentor_with_capacity_two_takes_both_best_mentees():
    mentees = [mentee(1, tags=frozenset({"a"})), mentee(2, tags=frozenset({"a"}))]
    mentors = [mentor(10, tags=frozenset({"a"}), capacity=2), mentor(20, tags=frozenset({"b"}))]

    result = assign(mentees, mentors, ONLY_TAGS, Options())

    assert pairs_of(result) == {1: 10, 2: 10}
    assert result.total == 2.0
    assert result.unmatched == {}


def test_optimal_assignment_beats_greedy():
    # Scores: e1–m1 10, e1–m2 9, e2–m1 9, e2–m2 1. Greedy takes 10 + 1, the optimum is 9 + 9.
    weights = Weights(
        tags=8.0,
        subject=1.0,
        category_fit=0.0,
        mutual_preference=0.0,
        one_sided_preference=0.0,
        same_school=1.0,
        forms=0.0,
    )
    mentees = [
        mentee(1, tags=frozenset({"a"}), subjects=frozenset({"math"})),
        mentee(2, tags=frozenset({"b"})),
    ]
    mentors = [
        mentor(10, tags=frozenset({"a", "b"}), subjects=frozenset({"math"})),
        mentor(20, tags=frozenset({"a"})),
    ]
    assert [[score(e, m, weights).total for m in mentors] for e in mentees] == [[10, 9], [9, 1]]

    result = assign(mentees, mentors, weights, Options())

    assert pairs_of(result) == {1: 20, 2: 10}
    assert result.total == 18.0
    assert greedy(mentees, mentors, weights, Options()) == 11.0


def test_explanation_parts_add_up_to_total():
    e = mentee(
        1,
        tags=frozenset({"a", "b", "c"}),
        subjects=frozenset({"math"}),
        categories=frozenset({"young_specialist"}),
        preferred_forms=frozenset({1, 2}),
        preferences=(10,),
    )
    m = mentor(
        10,
        tags=frozenset({"a", "c"}),
        subjects=frozenset({"math", "physics"}),
        category="first",
        preferred_forms=frozenset({2}),
        preferences=(5, 1),
    )

    explanation = score(e, m, Weights())

    assert explanation.parts == {
        "tags": 3.0 * 2 / 3,
        "subject": 2.0,
        "category_fit": 1.0,
        "preference": 3.0 * (1.0 + 0.66) / 2,
        "same_school": 1.0,
        "forms": 1.0,
    }
    assert sum(explanation.parts.values()) == explanation.total


def test_one_sided_preference_uses_the_single_rank():
    e = mentee(1, preferences=(30, 20, 10))
    assert score(e, mentor(10), Weights()).parts["preference"] == 0.33
    assert score(mentee(1), mentor(10, preferences=(1,)), Weights()).parts["preference"] == 1.0
    assert score(mentee(1), mentor(10), Weights()).parts["preference"] == 0.0


@pytest.mark.parametrize(
    ("categories", "mentor_kwargs", "fit"),
    [
        ({"young_specialist"}, {"category": "highest"}, 1.0),
        ({"young_specialist"}, {"experience_years": 12}, 1.0),
        ({"after_break"}, {"category": "first", "experience_years": 3}, 0.5),
        ({"new_place"}, {}, 0.0),
        ({"low_results"}, {"is_student": True}, 1.0),
        ({"behaviour"}, {}, 0.5),
        ({"gifted"}, {"category": "highest"}, 0.0),
    ],
)
def test_category_fit(categories, mentor_kwargs, fit):
    assert category_fit(
        mentee(1, categories=frozenset(categories)), mentor(10, **mentor_kwargs)
    ) == (fit)


def test_runners_up_are_the_next_best_admissible_mentors():
    mentees = [mentee(1, tags=frozenset({"a", "b", "c"}))]
    mentors = [
        mentor(10, tags=frozenset({"a"})),
        mentor(20, tags=frozenset({"a", "b", "c"})),
        mentor(30, tags=frozenset({"a", "b"})),
        mentor(40, tags=frozenset({"a", "b", "c"}), has_consents=False),
    ]

    (suggestion,) = assign(mentees, mentors, ONLY_TAGS, Options()).pairs

    assert suggestion.mentor_id == 20
    assert suggestion.runners_up == [(30, 2 / 3), (10, 1 / 3)]


def test_fixed_pairs_are_kept_and_use_capacity_first():
    mentees = [mentee(1, tags=frozenset({"a"})), mentee(2, tags=frozenset({"b"}))]
    mentors = [mentor(10, tags=frozenset({"a"}), capacity=2, load=1), mentor(20)]

    result = assign(mentees, mentors, ONLY_TAGS, Options(), fixed={2: 10})

    assert pairs_of(result) == {1: 20, 2: 10}
    assert [p.fixed for p in result.pairs] == [False, True]
    assert result.total == 0.0


def test_excluded_pairs_are_never_suggested():
    mentees = [mentee(1, tags=frozenset({"a"}))]
    mentors = [mentor(10, tags=frozenset({"a"})), mentor(20)]

    result = assign(mentees, mentors, ONLY_TAGS, Options(), excluded={(1, 10)})

    assert pairs_of(result) == {1: 20}
    assert result.pairs[0].runners_up == []


def test_unmatched_mentees_get_a_reason():
    mentees = [
        mentee(1, tags=frozenset({"a"})),
        mentee(2),
        mentee(3, has_consents=False),
        mentee(4, school_id=OTHER_SCHOOL),
        mentee(5),
    ]
    mentors = [mentor(10, tags=frozenset({"a"})), mentor(20, load=1)]

    result = assign(mentees, mentors, ONLY_TAGS, Options(), excluded={(5, 10)})

    assert pairs_of(result) == {1: 10}
    assert result.unmatched == {
        2: "все подходящие наставники заняты",
        3: "нет допустимых наставников: нет согласия наставляемого",
        4: "нет допустимых наставников: другая школа (только для виртуальной формы)",
        5: "нет допустимых наставников: пара отклонена",
    }


def test_mentee_stays_unmatched_rather_than_take_an_inadmissible_pair():
    result = assign([mentee(1)], [mentor(10, is_student=True)], Weights(), Options())

    assert result.pairs == []
    assert result.unmatched == {
        1: "нет допустимых наставников: ученик не может наставлять педагога"
    }


def test_blocking_pair_is_reported():
    # m10 and e1 name each other first, but the tags send e1 to m20 and e2 to m10.
    weights = Weights(
        tags=10.0,
        subject=0.0,
        category_fit=0.0,
        mutual_preference=1.0,
        one_sided_preference=0.0,
        same_school=0.0,
        forms=0.0,
    )
    mentees = [
        mentee(1, tags=frozenset({"a"}), preferences=(10,)),
        mentee(2, tags=frozenset({"b"})),
    ]
    mentors = [
        mentor(10, tags=frozenset({"b"}), preferences=(1,)),
        mentor(20, tags=frozenset({"a"})),
    ]

    result = assign(mentees, mentors, weights, Options())

    assert pairs_of(result) == {1: 20, 2: 10}
    assert result.blocking_pairs == [(1, 10)]


def test_no_blocking_pair_when_both_got_their_first_choice():
    mentees = [mentee(1, preferences=(10,)), mentee(2, preferences=(10,))]
    mentors = [mentor(10, preferences=(1, 2)), mentor(20)]

    result = assign(mentees, mentors, Weights(), Options())

    assert pairs_of(result) == {1: 10, 2: 20}
    assert result.blocking_pairs == []


def test_student_mentor_is_never_assigned_to_a_teacher():
    mentees = [mentee(1, tags=frozenset({"a"})), mentee(2, is_student=True)]
    mentors = [mentor(10, tags=frozenset({"a"}), is_student=True, capacity=2)]

    result = assign(mentees, mentors, ONLY_TAGS, Options())

    assert pairs_of(result) == {2: 10}
    assert inadmissible_reason(mentees[0], mentors[0], Options()) == (
        "ученик не может наставлять педагога"
    )


def test_other_school_only_for_virtual_mentoring():
    mentees = [mentee(1, school_id=OTHER_SCHOOL)]
    mentors = [mentor(10)]

    assert assign(mentees, mentors, Weights(), Options()).pairs == []
    assert pairs_of(assign(mentees, mentors, Weights(), Options(virtual=True))) == {1: 10}


@pytest.mark.parametrize(
    ("mentee_kwargs", "mentor_kwargs", "reason"),
    [
        ({"person_id": 7}, {"person_id": 7}, "тот же человек"),
        ({"has_consents": False}, {}, "нет согласия наставляемого"),
        ({}, {"has_consents": False}, "нет согласия наставника"),
        ({}, {"capacity": 2, "load": 2}, "наставник занят полностью"),
        ({"already_paired": True}, {}, "наставляемый уже в паре"),
        ({}, {}, None),
    ],
)
def test_inadmissible_reason(mentee_kwargs, mentor_kwargs, reason):
    assert inadmissible_reason(
        mentee(1, **mentee_kwargs), mentor(10, **mentor_kwargs), Options()
    ) == (reason)


def test_negative_weight_is_refused():
    with pytest.raises(ValueError, match="tags"):
        Weights(tags=-1.0)


def test_unknown_fixed_pair_is_refused():
    with pytest.raises(ValueError, match="not in the banks"):
        assign([mentee(1)], [mentor(10)], Weights(), Options(), fixed={1: 99})


TAGS = st.frozensets(st.sampled_from("abcd"), max_size=3)
CATEGORIES = st.frozensets(
    st.sampled_from(["young_specialist", "intern", "low_results", "behaviour", "gifted"]),
    max_size=2,
)


@st.composite
def instances(draw, max_mentees: int = 8, max_mentors: int = 5):
    n_mentees = draw(st.integers(0, max_mentees))
    n_mentors = draw(st.integers(0, max_mentors))
    people = st.integers(1, 6)  # a few shared people make "the same person" happen
    mentees = [
        Mentee(
            id=i,
            person_id=draw(people),
            school_id=draw(st.integers(1, 2)),
            tags=draw(TAGS),
            subjects=draw(st.frozensets(st.sampled_from(["math", "art"]), max_size=2)),
            categories=draw(CATEGORIES),
            is_student=draw(st.booleans()),
            preferred_forms=draw(st.frozensets(st.integers(1, 3), max_size=2)),
            preferences=tuple(
                draw(st.lists(st.integers(100, 100 + n_mentors), max_size=3, unique=True))
            ),
            has_consents=draw(st.booleans()),
            already_paired=draw(st.integers(0, 4)) == 0,
        )
        for i in range(n_mentees)
    ]
    mentors = [
        Mentor(
            id=100 + j,
            person_id=draw(people),
            school_id=draw(st.integers(1, 2)),
            tags=draw(TAGS),
            subjects=draw(st.frozensets(st.sampled_from(["math", "art"]), max_size=2)),
            is_student=draw(st.booleans()),
            experience_years=draw(st.none() | st.integers(0, 20)),
            category=draw(st.sampled_from(["none", "first", "highest"])),
            preferred_forms=draw(st.frozensets(st.integers(1, 3), max_size=2)),
            capacity=draw(st.integers(1, 3)),
            load=draw(st.integers(0, 2)),
            preferences=tuple(
                draw(st.lists(st.integers(0, max(0, n_mentees)), max_size=3, unique=True))
            ),
            has_consents=draw(st.integers(0, 5)) > 0,
        )
        for j in range(n_mentors)
    ]
    return mentees, mentors, Options(virtual=draw(st.booleans()))


@settings(max_examples=200, deadline=None)
@given(instances())
def test_assignment_is_feasible_and_no_worse_than_greedy(instance):
    mentees, mentors, options = instance
    weights = Weights()

    result = assign(mentees, mentors, weights, options)

    mentee_by_id = {e.id: e for e in mentees}
    mentor_by_id = {m.id: m for m in mentors}
    per_mentor = Counter(p.mentor_id for p in result.pairs)
    for mentor_id, count in per_mentor.items():
        assert count <= mentor_by_id[mentor_id].capacity - mentor_by_id[mentor_id].load
    for p in result.pairs:
        assert (
            inadmissible_reason(mentee_by_id[p.mentee_id], mentor_by_id[p.mentor_id], options)
            is None
        )
        assert sum(p.explanation.parts.values()) == p.explanation.total
        assert all(
            inadmissible_reason(mentee_by_id[p.mentee_id], mentor_by_id[m_id], options) is None
            for m_id, _ in p.runners_up
        )
    matched = [p.mentee_id for p in result.pairs]
    assert len(matched) == len(set(matched))
    assert set(matched) | set(result.unmatched) == set(mentee_by_id)
    assert result.total == sum(p.explanation.total for p in result.pairs)
    assert result.total >= greedy(mentees, mentors, weights, options) - 1e-6


@settings(max_examples=100, deadline=None)
@given(instances(max_mentees=4, max_mentors=3))
def test_assignment_total_equals_brute_force_optimum(instance):
    mentees, mentors, options = instance
    weights = Weights()
    best = 0.0
    for choice in product([None, *mentors], repeat=len(mentees)):
        taken = Counter(m.id for m in choice if m is not None)
        if all(taken[m.id] <= max(0, m.capacity - m.load) for m in mentors) and all(
            m is None or inadmissible_reason(e, m, options) is None
            for e, m in zip(mentees, choice, strict=True)
        ):
            best = max(
                best,
                sum(score(e, m, weights).total for e, m in zip(mentees, choice, strict=True) if m),
            )

    assert assign(mentees, mentors, weights, options).total == pytest.approx(best)


@settings(max_examples=100, deadline=None)
@given(instances(), st.data())
def test_fixed_and_excluded_pairs_are_respected(instance, data):
    mentees, mentors, options = instance
    mentor_ids = [m.id for m in mentors]
    pairs = st.tuples(st.sampled_from([e.id for e in mentees]), st.sampled_from(mentor_ids))
    fixed = dict(data.draw(st.lists(pairs, max_size=3))) if mentees and mentors else {}
    excluded = set(data.draw(st.lists(pairs, max_size=5))) if mentees and mentors else set()

    result = assign(mentees, mentors, Weights(), options, fixed=fixed, excluded=excluded)

    assert {p.mentee_id: p.mentor_id for p in result.pairs if p.fixed} == fixed
    taken = Counter(fixed.values())
    suggested = Counter(p.mentor_id for p in result.pairs if not p.fixed)
    for m in mentors:
        assert suggested[m.id] <= max(0, m.capacity - m.load - taken[m.id])
    for p in result.pairs:
        assert p.fixed or (p.mentee_id, p.mentor_id) not in excluded


@settings(max_examples=100, deadline=None)
@given(instances())
def test_score_matrix_matches_score_and_admissibility(instance):
    mentees, mentors, options = instance
    weights = Weights()

    scores, admissible = score_matrix(mentees, mentors, weights, options)

    for i, e in enumerate(mentees):
        for j, m in enumerate(mentors):
            assert scores[i, j] == score(e, m, weights).total
            assert admissible[i, j] == (inadmissible_reason(e, m, options) is None)


def test_two_hundred_by_one_hundred_runs():
    mentees = [
        mentee(i, tags=frozenset({f"t{i % 7}", f"t{i % 5}"}), preferences=(i % 100,))
        for i in range(200)
    ]
    mentors = [
        mentor(j, tags=frozenset({f"t{j % 7}"}), capacity=2 + j % 2, preferences=(j, j + 100))
        for j in range(100)
    ]

    result = assign(mentees, mentors, Weights(), Options())

    assert len(result.pairs) == 200
    assert result.total >= greedy(mentees, mentors, Weights(), Options())
