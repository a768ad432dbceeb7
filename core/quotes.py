"""Russian quotation marks: «ёлочки» outside, „лапки“ for quotes inside them."""

_INNER = str.maketrans({"«": "„", "»": "“"})


def nested(text: str) -> str:
    """The text as it reads inside «…»: its own «…» become „…“."""
    return text.translate(_INNER)


def quoted(text: str) -> str:
    """«text», with quotes inside nested: «Об отмене приказа „О школе МАОУ «СОШ № 7»“» is
    wrong, «О премировании работников МАОУ „СОШ № 7“» is right."""
    return f"«{nested(text)}»"
