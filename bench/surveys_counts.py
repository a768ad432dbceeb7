"""What the surveys benchmark checks in the database after the load: every respondent's answers
arrived exactly once. Plain data in, plain figures out, so it is tested without a server."""

from collections.abc import Mapping


def integrity(
    *,
    expected: Mapping[int, int],
    responses: Mapping[int, int],
    answers: Mapping[int, int],
    submitted: int,
    unlinked: int = 0,
) -> dict[str, int]:
    """Lost and duplicated responses and answers of one campaign.

    expected: participation id → answer rows its respondent posted (one per answered item);
    responses, answers: participation id → Response and Answer rows found for it;
    submitted: participations marked submitted; unlinked: Responses of the campaign that belong
    to no participation (none in a named campaign: each would be a duplicate nobody asked for).
    """
    lost = sum(1 for pk in expected if responses.get(pk, 0) == 0)
    duplicated = sum(n - 1 for n in responses.values() if n > 1) + unlinked
    # Responses for participations nobody submitted (not in `expected`) are duplicates too.
    duplicated += sum(n for pk, n in responses.items() if pk not in expected and n > 0)
    answers_expected = sum(expected.values())
    found = sum(answers.get(pk, 0) for pk in expected)
    missing = sum(max(0, n - answers.get(pk, 0)) for pk, n in expected.items())
    extra = sum(max(0, answers.get(pk, 0) - n) for pk, n in expected.items())
    extra += sum(n for pk, n in answers.items() if pk not in expected)
    return {
        "respondents": len(expected),
        "responses": sum(responses.values()) + unlinked,
        "participations_submitted": submitted,
        "lost": lost,
        "duplicated": duplicated,
        "answers_expected": answers_expected,
        "answers": found + sum(n for pk, n in answers.items() if pk not in expected),
        "answers_missing": missing,
        "answers_extra": extra,
    }


def intact(figures: Mapping[str, int]) -> bool:
    """Exactly one response with all its answers per respondent, each marked submitted."""
    return (
        figures["lost"] == 0
        and figures["duplicated"] == 0
        and figures["answers_missing"] == 0
        and figures["answers_extra"] == 0
        and figures["responses"] == figures["respondents"] == figures["participations_submitted"]
    )


def ratio(value: float | None, floor: float | None) -> float | None:
    """value / floor rounded to two places; None when either is missing or the floor is 0."""
    if value is None or not floor:
        return None
    return round(value / floor, 2)
