"""The whole stack once over HTTP: `scripts/devstack.py` (what `make dev` runs) on free ports, the manual's
flows against it with real uploads to the moto server, then SIGTERM must leave no process behind."""

from __future__ import annotations

from scripts.walkthrough import Walk
from tests.e2e.conftest import LocalStack


def test_the_manuals_flows_work_over_http_against_make_dev(local_stack: LocalStack) -> None:
    steps: list[str] = []
    walk = Walk(local_stack.api, say=steps.append, issuer=local_stack.issuer)
    walk.apply_review_favourite(walk.search())
    assert any("POST <storage>" in step for step in steps)


def test_an_approval_reaches_the_message_centre_and_one_text_over_http(local_stack: LocalStack) -> None:
    """Issue 12's "done when": approve a case, and the applicant learns of it without asking."""
    import time
    import uuid

    from scripts.demo_data import demo_trainees

    walk = Walk(local_stack.api, say=lambda _line: None, issuer=local_stack.issuer)
    person = demo_trainees()[0]  # 王晓雨
    me = walk.token(sub=f"msg-{uuid.uuid4().hex[:8]}", name=person["name"], id_number=person["id_number"])
    reviewer = walk.token(sub="msg-reviewer", roles=["reviewer"], region="140100")
    form = {
        "name": person["name"],
        "id_number": person["id_number"],
        "phone": person["phone"],
        "education": "bachelor",
        "person_category": "graduate_within_2_years",
        "school": "山西大学",
        "major": "软件工程",
        "graduation_date": "2026-06-30",
        "locality": person["locality"],
        "address": "太原市小店区坞城路92号",
        "attachments": [walk.upload(me, "id_card"), walk.upload(me, "graduation_certificate")],
    }
    case = walk.call("POST", "/applications", 201, me, json=form)["application_id"]
    walk.call("POST", "/messages/read-all", 200, me)  # 申报成功 seen
    walk.call("POST", f"/admin/applications/{case}/approve", 200, reviewer, json={"comment": "材料齐全，同意"})

    newest = walk.call("GET", "/messages", 200, me, params={"limit": 1})["items"][0]
    assert newest["title"] == "审核通过" and "材料齐全，同意" in newest["text"]
    assert walk.call("GET", "/me", 200, me)["unread_messages"] == 1

    deadline = time.monotonic() + 60  # the stream runner polls moto; generous for a loaded machine
    texts: list[dict[str, str]] = []
    while time.monotonic() < deadline:
        texts = [t for t in walk.call("GET", "/local/sms", 200)["items"] if t["event_id"] == newest["message_id"]]
        if texts:
            break
        time.sleep(0.25)
    assert len(texts) == 1, "the approval's text did not reach .local/sms.log"
    [text] = texts
    assert text["phone"] == person["phone"]
    assert "王*雨" in text["text"] and person["name"] not in text["text"] and person["id_number"] not in text["text"]
