"""What an uploaded file is, told by its content: a name or a browser's content type
can say anything."""

import zipfile
from dataclasses import dataclass
from typing import IO


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    signature: bytes
    # An Office Open XML file is a ZIP archive: told apart by the part its kind must hold.
    part: str = ""


_ZIP = b"PK\x03\x04"
_OPENXML = "application/vnd.openxmlformats-officedocument"
PDF = FileKind(".pdf", "application/pdf", b"%PDF-")
JPEG = FileKind(".jpg", "image/jpeg", b"\xff\xd8\xff")
PNG = FileKind(".png", "image/png", b"\x89PNG\r\n\x1a\n")
DOCX = FileKind(".docx", f"{_OPENXML}.wordprocessingml.document", _ZIP, "word/document.xml")
PPTX = FileKind(".pptx", f"{_OPENXML}.presentationml.presentation", _ZIP, "ppt/presentation.xml")
XLSX = FileKind(".xlsx", f"{_OPENXML}.spreadsheetml.sheet", _ZIP, "xl/workbook.xml")
SCAN_KINDS = (PDF, JPEG, PNG)
# Documents and pictures a school shares with colleagues: nothing a browser or Office would run.
DOCUMENT_KINDS = (PDF, DOCX, PPTX, XLSX, JPEG, PNG)


def _holds(file: IO[bytes], part: str) -> bool:
    """Whether the ZIP archive lists `part`; reads its directory only, inflates nothing."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:  # leaves a file it was given open
            return part in archive.NameToInfo
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def file_kind(file: IO[bytes], kinds: tuple[FileKind, ...] = SCAN_KINDS) -> FileKind | None:
    """The kind among `kinds` whose signature opens the file (and whose part an archive
    holds), or None; the read position is left where it was."""
    position = file.tell()
    try:
        file.seek(0)
        head = file.read(max(len(kind.signature) for kind in kinds))
        return next(
            (
                kind
                for kind in kinds
                if head.startswith(kind.signature) and (not kind.part or _holds(file, kind.part))
            ),
            None,
        )
    finally:
        file.seek(position)
