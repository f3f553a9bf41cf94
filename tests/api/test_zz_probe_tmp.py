from tests import flows
from tests.conftest import body
def test_probe(client, token):
    p = flows.person(token)
    a = flows.uploaded(client, p.token)
    h = flows.auth(p.token, **{"Idempotency-Key": "del-1"})
    r1 = client.http.delete(f"/v1/attachments/{a}", headers=h)
    r2 = client.http.delete(f"/v1/attachments/{a}", headers=h)
    print("RESULT", r1.status_code, r2.status_code, r2.body)
    h = flows.auth(p.token, **{"Idempotency-Key": "k"*65})
    print("RESULT", client.http.delete(f"/v1/attachments/zzz", headers=h).status_code)
    print("RESULT", client.http.post(f"/v1/attachments/zzz/confirm", headers=h).status_code)
