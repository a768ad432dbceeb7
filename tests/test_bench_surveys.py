"""The surveys benchmark's count of lost and duplicated responses (bench/surveys_counts.py)."""

from bench.surveys_counts import intact, integrity, ratio


def _figures(**changes):
    data = {
        "expected": {1: 22, 2: 23, 3: 22},
        "responses": {1: 1, 2: 1, 3: 1},
        "answers": {1: 22, 2: 23, 3: 22},
        "submitted": 3,
        "unlinked": 0,
    }
    return integrity(**{**data, **changes})


def test_every_respondent_once_is_intact():
    figures = _figures()
    assert figures == {
        "respondents": 3,
        "responses": 3,
        "participations_submitted": 3,
        "lost": 0,
        "duplicated": 0,
        "answers_expected": 67,
        "answers": 67,
        "answers_missing": 0,
        "answers_extra": 0,
    }
    assert intact(figures)


def test_a_respondent_without_a_response_is_lost_with_its_answers():
    figures = _figures(responses={1: 1, 2: 1}, answers={1: 22, 2: 23}, submitted=2)
    assert (figures["lost"], figures["duplicated"]) == (1, 0)
    assert (figures["answers"], figures["answers_missing"]) == (45, 22)
    assert not intact(figures)


def test_a_second_response_of_one_participation_is_a_duplicate():
    figures = _figures(responses={1: 2, 2: 1, 3: 1}, answers={1: 44, 2: 23, 3: 22})
    assert (figures["lost"], figures["duplicated"], figures["responses"]) == (0, 1, 4)
    assert figures["answers_extra"] == 22
    assert not intact(figures)


def test_responses_without_a_participation_or_for_someone_else_are_duplicates():
    figures = _figures(
        unlinked=2, responses={1: 1, 2: 1, 3: 1, 9: 1}, answers={1: 22, 2: 23, 3: 22, 9: 5}
    )
    assert figures["duplicated"] == 3
    assert figures["answers_extra"] == 5
    assert not intact(figures)


def test_a_response_with_answers_missing_is_not_intact():
    figures = _figures(answers={1: 22, 2: 20, 3: 22})
    assert (figures["lost"], figures["answers_missing"], figures["answers_extra"]) == (0, 3, 0)
    assert not intact(figures)


def test_a_participation_not_marked_submitted_is_not_intact():
    assert not intact(_figures(submitted=2))


def test_ratio_is_rounded_and_empty_without_a_floor():
    assert ratio(150.0, 60.0) == 2.5
    assert ratio(1.0, 3.0) == 0.33
    assert ratio(None, 3.0) is None
    assert ratio(5.0, 0) is None
    assert ratio(5.0, None) is None
