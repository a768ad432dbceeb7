"""What a submitted response sets off (part B fills this in)."""


def response_effects(*, response, values, actor) -> None:
    pass
