"""扫码验真: what anyone holding a printed form's QR code may learn about it, and nothing more.

The application id in the QR code is 128 random bits, so it cannot be guessed; still the answer carries only
masks (name, ID number), the status and where it is handled: enough to tell a genuine form from a forged one.
"""

from __future__ import annotations

from typing import Any

from chalicelib.domain.masks import mask_id_number, mask_name
from chalicelib.domain.regions import shanxi
from chalicelib.domain.vocabulary import STATUS_LABELS
from chalicelib.errors import APPLICATION_NOT_FOUND
from chalicelib.ports import Ports


def verify(application_id: str, *, ports: Ports) -> dict[str, Any]:
    """One GetItem; an id that is not ours, or no such case: 404 APPLICATION_NOT_FOUND."""
    application = ports.applications.get(application_id)
    if application is None:
        raise APPLICATION_NOT_FOUND()
    locality = shanxi().locality(application.locality)
    return {
        "application_id": application.application_id,
        "genuine": True,
        "status": application.status,
        "status_label": STATUS_LABELS[application.status],
        "name_masked": mask_name(application.name),
        "id_number_masked": mask_id_number(application.id_number),
        "submitted_at": application.submitted_at,
        "locality": {
            "code": application.locality,
            "name": locality.full_name if locality else application.locality,
        },
    }
