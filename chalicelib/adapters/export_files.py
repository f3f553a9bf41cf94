"""Export files (the 花名册) in the attachments bucket under `exports/`, uploaded from the job's temporary file."""

from __future__ import annotations

from pathlib import Path

from chalicelib.adapters import files
from chalicelib.adapters.clients import s3
from chalicelib.config import settings

PREFIX = "exports/"


def export_key(export_id: str) -> str:
    return f"{PREFIX}{export_id}.xlsx"


def put_file(key: str, path: Path, content_type: str) -> None:
    """boto3's managed upload: a large file goes in parts, read from disk as it is sent."""
    s3().upload_file(str(path), settings().attachments_bucket, key, ExtraArgs={"ContentType": content_type})


def download_url(key: str, filename: str, content_type: str) -> str:
    return files.download_url(key, filename, content_type)
