"""What an uploaded file is, told by its first bytes: a name or a browser's content type
can say anything."""

from dataclasses import dataclass
from typing import IO


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    signature: bytes


PDF = FileKind(".pdf", "application/pdf", b"%PDF-")
JPEG = FileKind(".jpg", "image/jpeg", b"\xff\xd8\xff")
PNG = FileKind(".png", "image/png", b"\x89PNG\r\n\x1a\n")
SCAN_KINDS = (PDF, JPEG, PNG)


def file_kind(file: IO[bytes], kinds: tuple[FileKind, ...] = SCAN_KINDS) -> FileKind | None:
    """The kind among `kinds` whose signature opens the file, or None; the read position
    is left where it was."""
    position = file.tell()
    file.seek(0)
    head = file.read(max(len(kind.signature) for kind in kinds))
    file.seek(position)
    return next((kind for kind in kinds if head.startswith(kind.signature)), None)
