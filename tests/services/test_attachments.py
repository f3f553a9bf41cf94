"""Attachments: the upload form, confirming what really arrived, reading, deleting, and the nightly removal of
copies no record names, on the fakes (the bucket is FakeFiles)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from chalicelib.answers.attachments import AttachmentConfirmed
from chalicelib.errors import AppError
from chalicelib.services import applications, attachments, reconciliation
from tests.services.builders import NOW, applicant, approved, submitted
from tests.services.fakes import Fakes

PDF = b"%PDF-1.4\n%%EOF\n"
OWNER = applicant(1)


def declared(**changes: Any) -> dict[str, Any]:
    return {"kind": "id_card", "filename": "身份证.pdf", "content_type": "application/pdf", "size": len(PDF), **changes}


def asked(fake: Fakes, **changes: Any) -> str:
    return str(attachments.request_upload(OWNER, declared(**changes), NOW, ports=fake.ports).attachment_id)


def arrived(fake: Fakes, attachment_id: str, body: bytes = PDF, content_type: str = "application/pdf") -> None:
    fake.files.upload(fake.files.incoming_key(OWNER.subject, attachment_id), body, content_type)


def code_of(call: Any) -> str:
    with pytest.raises(AppError) as refused:
        call()
    return refused.value.code


def test_an_upload_form_pins_the_owners_key_and_the_record_waits_for_the_file(fake: Fakes) -> None:
    answer = attachments.request_upload(OWNER, declared(filename="../身份证.pdf"), NOW, ports=fake.ports)

    stored = fake.db.attachments[answer.attachment_id]
    assert (answer.status, stored.status, stored.filename) == ("awaiting_upload", "awaiting_upload", "身份证.pdf")
    assert answer.upload.fields["key"] == fake.files.incoming_key(OWNER.subject, answer.attachment_id)
    assert answer.expires_at == "2026-11-26T10:15:00+08:00"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"kind": "passport"}, "VALIDATION_FAILED"),
        ({"content_type": "application/zip"}, "UNSUPPORTED_FILE_TYPE"),
        ({"size": 6 * 1024 * 1024}, "FILE_TOO_LARGE"),
        ({"size": 0}, "VALIDATION_FAILED"),
    ],
)
def test_an_upload_form_is_refused_for_what_could_never_be_confirmed(
    fake: Fakes, changes: dict[str, Any], code: str
) -> None:
    assert code_of(lambda: attachments.request_upload(OWNER, declared(**changes), NOW, ports=fake.ports)) == code
    assert fake.db.attachments == {}


def test_confirming_checks_the_stored_copy_and_a_second_confirm_answers_the_same(fake: Fakes) -> None:
    attachment_id = asked(fake)
    arrived(fake, attachment_id)

    first = attachments.confirm(OWNER, attachment_id, ports=fake.ports)
    again = attachments.confirm(OWNER, attachment_id, ports=fake.ports)

    assert (
        first
        == again
        == AttachmentConfirmed(
            attachment_id=attachment_id,
            kind="id_card",
            status="uploaded",
            size=len(PDF),
            content_type="application/pdf",
        )
    )
    stored = fake.db.attachments[attachment_id]
    assert stored.status == "uploaded" and stored.object_key in fake.db.objects
    assert fake.files.incoming_key(OWNER.subject, attachment_id) not in fake.db.objects  # the upload is gone


def test_a_file_that_never_arrived_or_is_not_what_it_claims_is_not_confirmed(fake: Fakes) -> None:
    missing, disguised = asked(fake), asked(fake)
    arrived(fake, disguised, body=b"MZ\x90\x00 not a pdf")

    assert code_of(lambda: attachments.confirm(OWNER, missing, ports=fake.ports)) == "UPLOAD_MISSING"
    assert code_of(lambda: attachments.confirm(OWNER, disguised, ports=fake.ports)) == "UPLOAD_REJECTED"
    assert fake.db.attachments[disguised].status == "awaiting_upload"
    assert fake.db.objects == {}  # the copy and the upload both removed


def test_reading_gives_a_download_link_and_someone_elses_attachment_does_not_exist(fake: Fakes) -> None:
    attachment_id = asked(fake)
    arrived(fake, attachment_id)
    attachments.confirm(OWNER, attachment_id, ports=fake.ports)

    shown = attachments.read(OWNER, attachment_id, ports=fake.ports)

    assert (shown.download_url or "").startswith("https://bucket.example/attachments/")
    assert shown.kind_label == "身份证"
    assert code_of(lambda: attachments.read(applicant(2), attachment_id, ports=fake.ports)) == "ATTACHMENT_NOT_FOUND"


def test_deleting_removes_record_and_files_unless_a_live_case_uses_it(fake: Fakes) -> None:
    loose = asked(fake)
    arrived(fake, loose)
    attachments.confirm(OWNER, loose, ports=fake.ports)
    case = submitted(fake, OWNER)
    in_use = fake.db.applications[case].attachment_ids[0]

    attachments.remove(OWNER, loose, NOW, ports=fake.ports)

    assert loose not in fake.db.attachments and fake.db.objects == {}
    assert code_of(lambda: attachments.remove(OWNER, in_use, NOW, ports=fake.ports)) == "ATTACHMENT_IN_USE"
    assert fake.db.attachments[in_use].status == "uploaded"
    assert code_of(lambda: attachments.remove(OWNER, loose, NOW, ports=fake.ports)) == "ATTACHMENT_NOT_FOUND"


def test_the_nightly_reconciliation_removes_old_copies_no_record_names(fake: Fakes) -> None:
    kept = asked(fake)
    arrived(fake, kept)
    attachments.confirm(OWNER, kept, ports=fake.ports)
    orphan = fake.files.new_copy_key(OWNER.subject, "f" * 32)  # left by a confirm that failed after copying
    fresh = fake.files.new_copy_key(OWNER.subject, "e" * 32)  # a confirm in flight may be about to record it
    fake.files.upload(orphan, PDF, "application/pdf", at=NOW - timedelta(hours=2))
    later = NOW + timedelta(hours=3)  # the confirmed copy is old enough to be looked up, and is named
    fake.files.upload(fresh, PDF, "application/pdf", at=later - timedelta(minutes=5))

    result = reconciliation.reconcile_files(later, ports=fake.ports)

    assert (result.examined, result.removed) == (3, 1)
    assert set(fake.db.objects) == {fake.db.attachments[kept].object_key, fresh}


def test_an_attachment_waiting_for_its_file_is_deleted_with_its_upload_slot(fake: Fakes) -> None:
    waiting = asked(fake)

    attachments.remove(OWNER, waiting, NOW, ports=fake.ports)

    assert waiting not in fake.db.attachments
    assert code_of(lambda: attachments.confirm(OWNER, waiting, ports=fake.ports)) == "ATTACHMENT_NOT_FOUND"


def test_a_cases_attachments_stay_while_it_is_pending_or_approved_and_free_after_a_withdrawal(fake: Fakes) -> None:
    approved_owner, pending_owner = applicant(3), applicant(4)
    approved_case, pending_case = approved(fake, approved_owner), submitted(fake, pending_owner)
    kept = fake.db.applications[approved_case].attachment_ids
    freed = fake.db.applications[pending_case].attachment_ids

    refusals = [code_of(lambda i=i: attachments.remove(approved_owner, i, NOW, ports=fake.ports)) for i in kept]
    while_pending = code_of(lambda: attachments.remove(pending_owner, freed[0], NOW, ports=fake.ports))
    applications.withdraw(pending_owner, pending_case, NOW, ports=fake.ports)
    attachments.remove(pending_owner, freed[0], NOW, ports=fake.ports)

    assert refusals == ["ATTACHMENT_IN_USE"] * len(kept)
    assert while_pending == "ATTACHMENT_IN_USE"
    assert freed[0] not in fake.db.attachments
    assert all(fake.db.attachments[i].status == "uploaded" for i in kept)
