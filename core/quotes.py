"""Russian quotation marks: «ёлочки» outside, „лапки“ for quotes inside them."""

_OPENING = "«„"
_CLOSING = "»“"


def typeset(text: str) -> str:
    """The text with each quote set by its depth: «…» outside, „…“ inside. A name in quotes
    within a title in quotes, typed with «ёлочки» throughout, becomes
    «Об утверждении Положения … „Город Березники“ …»."""
    depth, out = 0, []
    for char in text:
        if char in _OPENING:
            depth += 1
            out.append("«" if depth == 1 else "„")
        elif char in _CLOSING and depth:
            out.append("»" if depth == 1 else "“")
            depth -= 1
        else:
            out.append(char)
    return "".join(out)


def quoted(text: str) -> str:
    """«text», with the quotes inside it nested: «Об отмене приказа „О школе „СОШ № 7““»."""
    return typeset(f"«{text}»")


def nested(text: str) -> str:
    """The text as it reads inside «…» that a template or a message already writes."""
    return quoted(text)[1:-1]
