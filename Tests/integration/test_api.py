"""The JSON API `/api/v1` through nginx: tokens, the error shape, paging, the same
authorisation as the pages, and every operation's answer checked against api/openapi.json."""

import base64
import json
import time

import requests
from openapi_spec_validator import validate as validate_spec

from stack import nairobi_today
from accounts import PASSWORD, log_in as browser_log_in, sign_up_landlord
from api_client import (API, REPO, approved_tenant, csrf_of, log_in, new_landlord, new_property, pending_tenant,
                        phone)


def test_openapi_document_is_served_and_valid(stack):
    response = requests.get(stack.url("/api/v1/openapi.json"))
    assert response.status_code == 200
    document = response.json()
    validate_spec(document)
    assert document == json.loads((REPO / "api/openapi.json").read_text())
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def _jti(token: str) -> str:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["jti"]


def test_token_refresh_rotates_and_reuse_revokes_the_login(stack):
    landlord, _ = new_landlord(stack)
    landlord.get("/api/v1/me")
    anonymous = API(stack)
    renewed = anonymous.post("/api/v1/auth/token/refresh", {"refresh": landlord.refresh}).json()
    assert renewed["refresh"] != landlord.refresh
    API(stack, renewed["access"]).get("/api/v1/me")
    # Within the grace (a response lost on a flaky link) the same token gets the same new one.
    again = anonymous.post("/api/v1/auth/token/refresh", {"refresh": landlord.refresh}).json()
    assert _jti(again["refresh"]) == _jti(renewed["refresh"])
    # Past the grace for concurrent refreshes: now it is a reuse.
    stack.sql("UPDATE refresh_tokens SET rotated_at = rotated_at - INTERVAL 60 SECOND "
              f"WHERE id = '{_jti(landlord.refresh)}'")
    reuse = anonymous.post("/api/v1/auth/token/refresh", {"refresh": landlord.refresh}, 401)
    assert anonymous.error(reuse)["code"] == "unauthorized"
    # The whole login was revoked, including the rotated token.
    anonymous.post("/api/v1/auth/token/refresh", {"refresh": renewed["refresh"]}, 401)


def test_logout_revokes_the_refresh_token(stack):
    landlord, _ = new_landlord(stack)
    API(stack).post("/api/v1/auth/logout", {"refresh": landlord.refresh})
    API(stack).post("/api/v1/auth/token/refresh", {"refresh": landlord.refresh}, 401)


def test_wrong_credentials_missing_fields_and_bad_tokens(stack):
    _, email = sign_up_landlord(stack)
    anonymous = API(stack)
    wrong = anonymous.post("/api/v1/auth/token", {"email": email, "password": "not the password"}, 401)
    assert anonymous.error(wrong)["code"] == "unauthorized"
    missing = anonymous.post("/api/v1/auth/token", {"email": email}, 400)
    assert anonymous.error(missing)["code"] == "validation_failed"
    assert anonymous.error(missing)["field_codes"] == {"password": "form.required"}
    not_json = anonymous.call("POST", "/api/v1/auth/token", 400, headers={"Content-Type": "text/plain"})
    assert anonymous.error(not_json)["code"] == "bad_request"
    assert anonymous.error(anonymous.get("/api/v1/me", 401))["code"] == "unauthorized"
    assert API(stack, "not.a.jwt").get("/api/v1/me", 401).json()["error"]["code"] == "unauthorized"
    refresh_as_access = log_in(stack, email)
    API(stack, refresh_as_access.refresh).get("/api/v1/me", 401)
    stack.sql(f"DELETE FROM login_failures WHERE scope = CONCAT('account:', (SELECT id FROM users WHERE email = '{email}'))")


def test_token_endpoint_is_throttled_like_the_login_page(stack):
    _, email = sign_up_landlord(stack)
    stack.sql("DELETE FROM login_failures")
    anonymous = API(stack)
    codes = [anonymous.post("/api/v1/auth/token", {"email": email, "password": "wrong"}, None).status_code
             for _ in range(4)]
    assert codes == [401, 401, 401, 429], codes
    assert anonymous.error(anonymous.post("/api/v1/auth/token", {"email": email, "password": PASSWORD}, 429))[
        "code"] == "too_many_requests"
    stack.sql(f"DELETE FROM login_failures WHERE scope = CONCAT('account:', (SELECT id FROM users WHERE email = '{email}')) OR scope LIKE 'addr:%'")


def test_properties_and_units(stack):
    landlord, _ = new_landlord(stack)
    created = new_property(landlord, units=3, rent=9000)
    assert [unit["label"] for unit in created["units"]] == ["A1", "A2", "A3"]
    assert created["invite_link"].endswith("/join/" + stack.sql(
        f"SELECT invite_token FROM properties WHERE id = {created['id']}").strip())
    second = new_property(landlord)
    assert landlord.get("/api/v1/landlord/properties/{id}", id=created["id"]).json() == created
    first_page = landlord.get("/api/v1/landlord/properties", params={"per_page": 1}).json()
    assert first_page["per_page"] == 1 and first_page["next_page"] == 2 and len(first_page["items"]) == 1
    last_page = landlord.get("/api/v1/landlord/properties", params={"per_page": 1, "page": 2}).json()
    assert last_page["next_page"] is None
    assert {first_page["items"][0]["id"], last_page["items"][0]["id"]} == {created["id"], second["id"]}
    bad_paging = landlord.get("/api/v1/landlord/properties", 400, params={"per_page": 101})
    assert "per_page" in landlord.error(bad_paging)["fields"]

    invalid = landlord.post("/api/v1/landlord/properties", {"name": "", "location": "x", "unit_count": 0,
                                                            "default_rent": 5}, 400)
    assert landlord.error(invalid)["field_codes"] == {"name": "form.required", "unit_count": "form.whole_number"}
    nested = landlord.post("/api/v1/landlord/properties", {"name": ["a"]}, 400)
    assert "name" in landlord.error(nested)["fields"]

    unit = landlord.post("/api/v1/landlord/properties/{id}/units", {"label": "B1", "monthly_rent": 15000}, 201,
                         id=created["id"]).json()
    assert unit["label"] == "B1" and unit["monthly_rent"] == 15000 and unit["tenant_name"] is None
    taken = landlord.post("/api/v1/landlord/properties/{id}/units", {"label": "B1", "monthly_rent": 1}, 409,
                          id=created["id"])
    assert landlord.error(taken)["field_codes"] == {"label": "property.unit_label_taken"}
    updated = landlord.call("PUT", "/api/v1/landlord/properties/{id}/units/{unitId}", 200,
                            json_body={"label": "B2", "monthly_rent": 16000}, id=created["id"],
                            unitId=unit["id"]).json()
    assert updated == {**unit, "label": "B2", "monthly_rent": 16000}
    landlord.call("PUT", "/api/v1/landlord/properties/{id}/units/{unitId}", 409,
                  json_body={"label": "A1", "monthly_rent": 16000}, id=created["id"], unitId=unit["id"])
    landlord.call("PUT", "/api/v1/landlord/properties/{id}/units/{unitId}", 400,
                  json_body={"label": "B3", "monthly_rent": "lots"}, id=created["id"], unitId=unit["id"])
    units = landlord.get("/api/v1/landlord/properties/{id}/units", id=created["id"]).json()
    assert [u["label"] for u in units["items"]] == ["A1", "A2", "A3", "B2"]


def test_another_landlords_things_and_the_wrong_role_are_404(stack):
    owner, _ = new_landlord(stack)
    prop = new_property(owner)
    tenant, _, lease = approved_tenant(stack, owner, prop)
    owner.post("/api/v1/landlord/leases/{id}/payments", {"amount": 1000, "method": "cash",
                                                          "date": nairobi_today("%Y-%m-01")}, 201, id=lease)
    payment = owner.get("/api/v1/landlord/payments").json()["items"][0]["id"]
    other, _ = new_landlord(stack)
    for template, path in [("/api/v1/landlord/properties/{id}", {"id": prop["id"]}),
                           ("/api/v1/landlord/properties/{id}/units", {"id": prop["id"]}),
                           ("/api/v1/landlord/leases/{id}", {"id": lease}),
                           ("/api/v1/landlord/payments/{id}/receipt", {"id": payment})]:
        assert other.error(other.get(template, 404, **path))["code"] == "not_found"
    other.post("/api/v1/landlord/properties/{id}/units", {"label": "Z1", "monthly_rent": 1}, 404, id=prop["id"])
    other.post("/api/v1/landlord/leases/{id}/payments", {"amount": 1, "method": "cash",
                                                          "date": nairobi_today("%Y-%m-01")}, 404, id=lease)
    other.get("/api/v1/landlord/dashboard", 404, params={"property_id": prop["id"]})
    other.get("/api/v1/landlord/dashboard", 404, params={"lease_id": lease})
    assert other.get("/api/v1/landlord/payments").json()["items"] == []
    # A tenant on landlord routes, a landlord on tenant routes: 404.
    tenant.get("/api/v1/landlord/properties", 404)
    owner.get("/api/v1/tenant/balance", 404)
    # Another tenant's receipt: 404.
    neighbour, _, _ = approved_tenant(stack, owner, prop, unit=1)
    neighbour.get("/api/v1/tenant/payments/{id}/receipt", 404, id=payment)
    tenant.get("/api/v1/tenant/payments/{id}/receipt", 200, id=payment)


def test_pending_tenant_gets_403_until_approved_then_sees_lease_and_payments(stack):
    landlord, _ = new_landlord(stack)
    prop = new_property(landlord, rent=12000)
    tenant, email, request = pending_tenant(stack, prop)
    me = tenant.get("/api/v1/me").json()
    assert me["status"] == "pending" and me["role"] == "tenant" and me["email"] == email
    for template in ["/api/v1/tenant/lease", "/api/v1/tenant/balance", "/api/v1/tenant/payments"]:
        assert tenant.error(tenant.get(template, 403))["code"] == "pending_approval"
    assert tenant.error(tenant.post("/api/v1/tenant/pay", {"amount": 1, "phone": phone(), "password": PASSWORD}, 403))[
        "code"] == "pending_approval"

    listed = landlord.get("/api/v1/landlord/tenancy-requests").json()["items"]
    assert [item["id"] for item in listed] == [request] and listed[0]["tenant_email"] == email
    bad = landlord.post("/api/v1/landlord/tenancy-requests/{id}/approve",
                        {"unit_id": prop["units"][0]["id"], "monthly_rent": 12000, "start_date": "01/03/2025",
                         "due_day": 31}, 400, id=request)
    assert landlord.error(bad)["field_codes"] == {"start_date": "form.date", "due_day": "form.whole_number"}
    start = nairobi_today("%Y-%m-01")
    decided = landlord.post("/api/v1/landlord/tenancy-requests/{id}/approve",
                            {"unit_id": prop["units"][0]["id"], "monthly_rent": 12000, "start_date": start,
                             "due_day": 1}, id=request).json()
    assert decided == {"id": request, "status": "approved"}
    again = landlord.post("/api/v1/landlord/tenancy-requests/{id}/reject", {}, 409, id=request)
    assert landlord.error(again)["code"] == "conflict"
    stack.wait_for_email(email, "You are approved")

    lease = tenant.get("/api/v1/tenant/lease").json()
    assert lease["unit_label"] == "A1" and lease["monthly_rent"] == 12000 and lease["start_date"] == start
    assert lease["balance"] == 12000
    balance = tenant.get("/api/v1/tenant/balance").json()
    assert balance == {"lease_id": lease["id"], "balance": 12000, "monthly_rent": 12000,
                       "next_due_date": lease["next_due_date"]}
    assert tenant.get("/api/v1/tenant/payments").json() == {"items": [], "page": 1, "per_page": 50,
                                                            "next_page": None}

    # The landlord records cash; the tenant sees it, with its receipt; the balance falls.
    bad_payment = landlord.post("/api/v1/landlord/leases/{id}/payments",
                                {"amount": 0, "method": "cheque", "date": "2999-01-01"}, 400, id=lease["id"])
    assert set(landlord.error(bad_payment)["fields"]) == {"amount", "method", "date"}
    receipt = landlord.post("/api/v1/landlord/leases/{id}/payments",
                            {"amount": 5000, "method": "bank", "date": start, "reference": "SLIP-1"}, 201,
                            id=lease["id"]).json()
    assert receipt["payment"]["channel"] == "manual" and receipt["payment"]["method"] == "bank"
    assert receipt["balance_after"] == 7000 and receipt["payment"]["reference"] == "SLIP-1"
    stack.wait_for_email(email, "")
    payments = tenant.get("/api/v1/tenant/payments").json()["items"]
    assert [p["amount"] for p in payments] == [5000]
    tenant_receipt = tenant.get("/api/v1/tenant/payments/{id}/receipt", id=payments[0]["id"]).json()
    assert tenant_receipt == receipt
    assert tenant.get("/api/v1/tenant/balance").json()["balance"] == 7000
    landlord_lease = landlord.get("/api/v1/landlord/leases/{id}", id=lease["id"]).json()
    assert landlord_lease["balance"] == 7000 and landlord_lease["paid"] == 5000

    listed = landlord.get("/api/v1/landlord/payments", params={"property_id": prop["id"]}).json()
    assert [p["id"] for p in listed["items"]] == [payments[0]["id"]]
    landlord.get("/api/v1/landlord/payments/{id}/receipt", id=payments[0]["id"])

    dashboard = landlord.get("/api/v1/landlord/dashboard").json()
    assert dashboard["collected"] == 5000 and dashboard["expected"] == 12000
    assert dashboard["collection_rate"] == 41 and dashboard["outstanding"] == 7000
    assert dashboard["units"] == 4 and dashboard["occupied"] == 1
    assert dashboard["arrears"][0]["lease_id"] == lease["id"]
    by_property = landlord.get("/api/v1/landlord/dashboard", params={"property_id": prop["id"]}).json()
    assert by_property["collected"] == 5000
    by_lease = landlord.get("/api/v1/landlord/dashboard", params={"lease_id": lease["id"]}).json()
    assert by_lease["collected"] == 5000 and by_lease["arrears"] == []
    bad_month = landlord.get("/api/v1/landlord/dashboard", 400, params={"month": "March"})
    assert "month" in landlord.error(bad_month)["fields"]


def test_rejected_tenant_loses_access(stack):
    landlord, _ = new_landlord(stack)
    prop = new_property(landlord)
    tenant, email, request = pending_tenant(stack, prop)
    too_long = landlord.post("/api/v1/landlord/tenancy-requests/{id}/reject", {"reason": "x" * 501}, 400,
                             id=request)
    assert landlord.error(too_long)["field_codes"] == {"reason": "form.at_most_characters"}
    assert landlord.post("/api/v1/landlord/tenancy-requests/{id}/reject", {"reason": "No vacancy"},
                         id=request).json() == {"id": request, "status": "rejected"}
    tenant.get("/api/v1/me", 401)
    stack.wait_for_email(email, "declined")


def test_pay_by_stk_push_and_follow_it(stack):
    landlord, _ = new_landlord(stack)
    prop = new_property(landlord, rent=8000)
    tenant, _, _ = approved_tenant(stack, landlord, prop, rent=8000)
    invalid = tenant.post("/api/v1/tenant/pay", {"amount": 0, "phone": "12345"}, 400)
    assert tenant.error(invalid)["field_codes"] == {"amount": "form.whole_number", "phone": "form.phone"}
    started = tenant.post("/api/v1/tenant/pay", {"amount": 8000, "phone": phone(), "password": PASSWORD}, 201)
    request = started.json()
    assert request["status"] == "pending" and request["message"] == "Check your phone"
    assert started.headers["Location"] == f"/api/v1/tenant/payment-requests/{request['id']}"
    deadline = time.time() + 20
    while True:
        status = tenant.get("/api/v1/tenant/payment-requests/{id}", id=request["id"]).json()
        if status["status"] != "pending" or time.time() > deadline:
            break
        time.sleep(0.3)
    assert status["status"] == "succeeded" and status["receipt"] and status["payment_id"]
    receipt = tenant.get("/api/v1/tenant/payments/{id}/receipt", id=status["payment_id"]).json()
    assert receipt["payment"]["channel"] == "stk" and receipt["payment"]["amount"] == 8000
    assert tenant.get("/api/v1/tenant/balance").json()["balance"] == 0
    # A second push while one waits for the PIN: 409. (5001 never calls back, and Daraja answers its
    # first two queries "being processed": the push stays pending ~7 s with the stack's 1 s back-off
    # base. 9998 stayed pending only until the first query, 1 s, which a slow run overstepped.)
    tenant.post("/api/v1/tenant/pay", {"amount": 100, "phone": phone("5001"), "password": PASSWORD}, 201)
    pending = tenant.post("/api/v1/tenant/pay", {"amount": 100, "phone": phone(), "password": PASSWORD}, 409)
    assert tenant.error(pending)["code"] == "conflict"
    # Someone else's push: 404.
    other, _, _ = approved_tenant(stack, landlord, prop, unit=1, rent=8000)
    other.get("/api/v1/tenant/payment-requests/{id}", 404, id=request["id"])


def test_tenant_without_lease_cannot_pay(stack):
    landlord, _ = new_landlord(stack)
    prop = new_property(landlord)
    tenant, _, lease = approved_tenant(stack, landlord, prop)
    stack.sql(f"UPDATE leases SET end_date = '{nairobi_today('%Y-%m-%d')}' WHERE id = {lease}")
    assert tenant.error(tenant.get("/api/v1/tenant/lease", 404))["code"] == "not_found"
    assert tenant.error(tenant.post("/api/v1/tenant/pay", {"amount": 10, "phone": phone(), "password": PASSWORD}, 409))[
        "code"] == "conflict"


def test_bearer_needs_no_csrf_but_cookies_do(stack):
    browser, email = sign_up_landlord(stack)
    # Bearer, no CSRF token: fine.
    bearer = log_in(stack, email)
    bearer.post("/api/v1/landlord/properties", {"name": "Bearer House", "location": "Westlands",
                                                "unit_count": 1, "default_rent": 100}, 201)
    # The browser's cookies work for GET...
    cookie_api = API(stack, session=browser)
    assert cookie_api.get("/api/v1/me").json()["email"] == email
    body = {"name": "Cookie House", "location": "Westlands", "unit_count": 1, "default_rent": 100}
    # ...but a POST without X-CSRF-Token is refused and changes nothing.
    refused = cookie_api.post("/api/v1/landlord/properties", body, 403)
    assert cookie_api.error(refused)["code"] == "forbidden"
    wrong = cookie_api.post("/api/v1/landlord/properties", body, 403, headers={"X-CSRF-Token": "x" * 43})
    assert cookie_api.error(wrong)["code"] == "forbidden"
    assert stack.sql("SELECT COUNT(*) FROM properties WHERE name = 'Cookie House'").strip() == "0"
    token = csrf_of(browser.get(stack.url("/landlord/properties/new")).text)
    cookie_api.post("/api/v1/landlord/properties", body, 201, headers={"X-CSRF-Token": token})
    # A logged-out browser gets 401.
    API(stack, session=requests.Session()).get("/api/v1/landlord/properties", 401)


def test_unknown_api_paths_and_methods_answer_json(stack):
    landlord, _ = new_landlord(stack)
    response = requests.get(stack.url("/api/v1/nothing-here"), headers={"Authorization": f"Bearer {landlord.access}"})
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    response = requests.delete(stack.url("/api/v1/me"))
    assert response.status_code == 405 and response.json()["error"]["code"] == "method_not_allowed"
