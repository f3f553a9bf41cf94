"""What an attachment may be: kinds, types, sizes, and the file signatures that prove a type."""

from __future__ import annotations

import unicodedata
from typing import Final

MAX_BYTES: Final = 5 * 1024 * 1024
MAX_FILENAME = 100
UPLOAD_EXPIRES_SECONDS: Final = 15 * 60  # the presigned POST (upload form)
DOWNLOAD_EXPIRES_SECONDS: Final = 5 * 60  # the presigned GET (download link)

# A file is what its first bytes say, not what the client declared.
SIGNATURES: Final = {
    "application/pdf": b"%PDF-",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
}


def signature_matches(content_type: str, head: bytes) -> bool:
    signature = SIGNATURES.get(content_type)
    return signature is not None and head.startswith(signature)


def clean_filename(raw: str) -> str:
    """The name shown back and used for downloads: no folders, no control characters."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return name[:MAX_FILENAME]
