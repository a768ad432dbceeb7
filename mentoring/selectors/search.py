"""Search text in the one form every list compares in."""


def normalise_for_search(text: str) -> str:
    """Lower case with «ё» as «е», the form search compares in."""
    return text.lower().replace("ё", "е")
