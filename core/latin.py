"""Russian text in Latin letters, as school sites' addresses and our item keys write it:
«Подъём» → «podem» (the hard and soft signs are dropped)."""

_LATIN = {
    **dict(zip("абвгдеёзийклмнопрстуфыэ", "abvgdeeziyklmnoprstufye", strict=True)),
    **{"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya"},
    **{"ъ": "", "ь": ""},
}


def latin(text: str) -> str:
    """The text in lower case with its Russian letters in Latin; other characters as they are."""
    return "".join(_LATIN.get(char, char) for char in text.lower())
