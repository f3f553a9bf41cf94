"""扫码验真: what anyone holding a printed form's QR code may learn about it, and nothing more.

The application id in the QR code is 128 random bits, so it cannot be guessed; still the answer carries only
masks (name, ID number), the status and where it is handled: enough to tell a genuine form from a forged one.
"""

from __future__ import annotations

from chalicelib.adapters import application_store
from chalicelib.answers.people import Verification, verification
from chalicelib.services.applications import application_not_found


def verify(application_id: str) -> Verification:
    """One GetItem; an id that is not ours, or no such case: 404 APPLICATION_NOT_FOUND."""
    application = application_store.get(application_id)
    if application is None:
        raise application_not_found()
    return verification(application)
