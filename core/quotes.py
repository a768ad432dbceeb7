"""Russian quotation marks: «ёлочки» outside, „лапки“ for quotes inside them."""

_INNER = str.maketrans({"«": "„", "»": "“"})


def quoted(text: str) -> str:
    """«text», its own «…» turned into „…“: «Об отмене приказа „О школе «СОШ»“» is wrong,
    «О приказе по МАОУ „СОШ № 7“» is right."""
    return f"«{text.translate(_INNER)}»"
