import pytest
from django.core.exceptions import ValidationError

from surveys.models import Response
from surveys.services.scoring import INDICATOR_KEYS, MAX_TOTAL, evaluation_result


def scores(*points: int) -> dict[str, int]:
    assert len(points) == len(INDICATOR_KEYS)
    return dict(zip(INDICATOR_KEYS, points, strict=True))


@pytest.mark.parametrize(
    ("points", "total", "level"),
    [
        ((2, 2, 2, 2, 2, 2, 2, 2, 2), 18, Response.Level.OPTIMAL),
        ((2, 2, 2, 2, 2, 2, 1, 1, 1), 15, Response.Level.OPTIMAL),
        ((2, 2, 2, 2, 2, 1, 1, 1, 1), 14, Response.Level.ACCEPTABLE),
        ((1, 1, 1, 1, 1, 1, 1, 1, 1), 9, Response.Level.ACCEPTABLE),
        ((1, 1, 1, 1, 1, 1, 1, 1, 0), 8, Response.Level.UNACCEPTABLE),
        ((0, 0, 0, 0, 0, 0, 0, 0, 0), 0, Response.Level.UNACCEPTABLE),
    ],
)
def test_the_total_gives_the_seed_level(points, total, level):
    assert evaluation_result(scores(*points)) == (total, level)


def test_nine_indicators_make_eighteen_points():
    assert len(INDICATOR_KEYS) == 9
    assert MAX_TOTAL == 18


def test_a_number_read_back_from_json_counts():
    assert evaluation_result({key: 2.0 for key in INDICATOR_KEYS}) == (18, "optimal")


def test_a_missing_indicator_is_refused_by_name():
    answers = scores(2, 2, 2, 2, 2, 2, 2, 2, 2)
    del answers["eval_climate"]
    with pytest.raises(ValidationError, match="комфортного психологического климата"):
        evaluation_result(answers)


def test_an_empty_indicator_is_refused():
    with pytest.raises(ValidationError, match="не оценены"):
        evaluation_result({**scores(1, 1, 1, 1, 1, 1, 1, 1, 1), "eval_goals": None})


@pytest.mark.parametrize("value", [3, -1, True, "2", 1.5])
def test_a_score_outside_zero_to_two_is_refused(value):
    with pytest.raises(ValidationError, match="0, 1 или 2"):
        evaluation_result({**scores(1, 1, 1, 1, 1, 1, 1, 1, 1), "eval_goals": value})
