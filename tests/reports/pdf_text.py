"""The text of a PDF as a reader reads it, for comparing with the expected sentences."""

import re
import subprocess


def pdf_text(content: bytes) -> str:
    """pdftotext in drawing order, words hyphenated at a line's end joined, spaces squeezed.
    A hyphenation break is U+2010 and goes; a real hyphen at a line's end stays
    («организаций-партнёров»)."""
    text = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    text = re.sub(r"\u2010\n", "", text)
    return " ".join(re.sub(r"-\n", "-", text).split())
