"""The text of a PDF as a reader reads it, for comparing with the expected sentences."""

import re
import subprocess


def pdf_text(content: bytes) -> str:
    """pdftotext in drawing order, words hyphenated at a line's end joined, spaces squeezed."""
    text = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(re.sub(r"\u2010\n|-\n(?=[а-я])", "", text).split())
