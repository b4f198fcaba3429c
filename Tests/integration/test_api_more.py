"""The JSON API `/api/v1` beyond tokens and the main landlord and tenant reads: sign-up,
password reset and change, reminders, messages, M-Pesa settings, CSV exports, ending a
lease and notifications. Every answer is checked against api/openapi.json, and every
operation against the pages' authorisation (another landlord's or tenant's → 404,
a tenant waiting for approval → 403 pending_approval, the wrong role → 404)."""

import datetime
import re
import secrets
import time

import requests
from concurrent.futures import ThreadPoolExecutor

from stack import nairobi_today
from accounts import PASSWORD, sign_up_landlord, unique_email
from api_client import API, approved_tenant, log_in, new_landlord, new_property, pending_tenant
from catalogue import words


def clean_throttle(stack, email: str):
    stack.sql(f"DELETE FROM login_failures WHERE scope = CONCAT('account:', (SELECT id FROM users WHERE email = '{email}')) OR scope LIKE 'addr:%'")


def reset_token(stack, email: str, count: int = 1) -> str:
    body = stack.wait_for_email(email, "Choose a new Nyumba password", count=count).body
    return re.search(r"/password/reset/(\S+)", body).group(1)


# Errors in the caller's language

def test_errors_speak_the_callers_language_with_the_same_codes(stack):
    anonymous = API(stack)
    english = anonymous.error(anonymous.get("/api/v1/me", 401))
    assert english["message"] == words("en", "api.error.unauthorized")
    swahili = anonymous.error(anonymous.get("/api/v1/me", 401, headers={"Accept-Language": "sw-KE,sw;q=0.9"}))
    assert swahili == {"code": "unauthorized", "message_code": "api.error.unauthorized",
                       "message": words("sw", "api.error.unauthorized")}
    missing = requests.get(stack.url("/api/v1/no-such-thing"), headers={"Accept-Language": "sw"})
    assert missing.status_code == 404 and missing.json()["error"] == {
        "code": "not_found", "message_code": "http.not_found", "message": words("sw", "http.not_found")}

    # Someone who chose Kiswahili reads it whatever their app's Accept-Language says; nothing is created.
    email = unique_email()
    signed_up = anonymous.post("/api/v1/auth/signup/landlord", {
        "name": "Wanjiru Kamau", "email": email, "phone": "0712345678", "password": PASSWORD, "language": "sw"},
        201).json()
    landlord = API(stack, signed_up["access"], signed_up["refresh"])
    invalid = landlord.error(landlord.post("/api/v1/landlord/properties", {"name": "", "location": "x",
                                           "unit_count": 0, "default_rent": 5}, 400,
                                           headers={"Accept-Language": "en"}))
    assert invalid["code"] == "validation_failed" and invalid["message"] == words("sw", "api.error.validation")
    assert invalid["field_codes"] == {"name": "form.required", "unit_count": "form.whole_number"}
    assert invalid["fields"] == {"name": words("sw", "form.required"),
                                 "unit_count": words("sw", "form.whole_number", **{"from": 1, "to": 500})}
    assert landlord.get("/api/v1/landlord/properties").json()["items"] == []
    # Someone who signed up in English reads English, even from a Kiswahili browser.
    other, _ = new_landlord(stack)
    other_invalid = other.error(other.post("/api/v1/landlord/properties", {"name": ""}, 400,
                                           headers={"Accept-Language": "sw"}))
    assert other_invalid["message"] == words("en", "api.error.validation")


# Sign-up

def test_landlord_signs_up_and_is_signed_in(stack):
    anonymous = API(stack)
    email = unique_email()
    created = anonymous.post("/api/v1/auth/signup/landlord", {
        "name": "Akinyi Otieno", "email": email.upper(), "phone": "+254 712 345 678", "password": PASSWORD}, 201)
    signed_up = created.json()
    assert created.headers["Location"] == "/api/v1/me"
    assert signed_up["user"]["role"] == "landlord" and signed_up["user"]["status"] == "active"
    assert signed_up["user"]["email"] == email and signed_up["user"]["phone"] == "254712345678"
    landlord = API(stack, signed_up["access"], signed_up["refresh"])
    assert landlord.get("/api/v1/me").json() == signed_up["user"]
    landlord.get("/api/v1/landlord/properties")
    assert "Akinyi Otieno" in stack.wait_for_email(email, "Welcome to Nyumba").body
    # The same checks and words as the sign-up page.
    taken = anonymous.post("/api/v1/auth/signup/landlord", {
        "name": "Someone", "email": email, "phone": "0712345678", "password": PASSWORD}, 400)
    assert anonymous.error(taken)["field_codes"] == {"email": "account.email_taken"}
    junk = anonymous.post("/api/v1/auth/signup/landlord", {"name": " ", "email": "nobody", "phone": "12",
                                                           "password": "short"}, 400)
    assert anonymous.error(junk)["code"] == "validation_failed"
    assert anonymous.error(junk)["field_codes"] == {
        "name": "form.required", "email": "form.email", "phone": "form.phone", "password": "form.password_short"}
    assert anonymous.error(anonymous.post("/api/v1/auth/signup/landlord", [1, 2], 400))["code"] == "bad_request"
    nested = anonymous.post("/api/v1/auth/signup/landlord", {"name": {"first": "A"}}, 400)
    assert "name" in anonymous.error(nested)["fields"]
    # log_in works with the new account too.
    log_in(stack, email)


def test_tenant_signs_up_by_code_or_invite_and_waits_for_approval(stack):
    landlord, landlord_email = new_landlord(stack)
    prop = new_property(landlord)
    anonymous = API(stack)
    email = unique_email("tenant")
    by_code = anonymous.post("/api/v1/auth/signup/tenant", {
        "code": prop["code"].lower(), "name": "Baraka Mwangi", "email": email, "phone": "0722000111",
        "password": PASSWORD, "unit": "A2"}, 201).json()
    assert by_code["user"]["role"] == "tenant" and by_code["user"]["status"] == "pending"
    tenant = API(stack, by_code["access"], by_code["refresh"])
    assert tenant.get("/api/v1/me").json()["status"] == "pending"
    for template in ["/api/v1/tenant/lease", "/api/v1/tenant/messages"]:
        assert tenant.error(tenant.get(template, 403))["code"] == "pending_approval"
    requests_ = landlord.get("/api/v1/landlord/tenancy-requests").json()["items"]
    assert [(r["tenant_email"], r["requested_unit"]) for r in requests_] == [(email, "A2")]
    stack.wait_for_email(email, "wait for your landlord's approval")
    stack.wait_for_email(landlord_email, "New tenant waiting for your approval")
    notifications = landlord.get("/api/v1/landlord/notifications").json()["items"]
    assert notifications[0]["kind"] == "tenant_signup" and "Baraka Mwangi" in notifications[0]["message"]

    invite = prop["invite_link"].rsplit("/", 1)[1]
    by_invite = anonymous.post("/api/v1/auth/signup/tenant", {
        "invite": invite, "name": "Chebet Kirui", "email": unique_email("tenant"), "phone": "0733000111",
        "password": PASSWORD}, 201).json()
    assert by_invite["user"]["status"] == "pending"
    assert len(landlord.get("/api/v1/landlord/tenancy-requests").json()["items"]) == 2

    forged = anonymous.post("/api/v1/auth/signup/tenant", {
        "invite": "x" * 22, "name": "A", "email": unique_email("tenant"), "phone": "0733000111",
        "password": PASSWORD}, 400)
    assert set(anonymous.error(forged)["fields"]) == {"invite"}
    unknown = anonymous.post("/api/v1/auth/signup/tenant", {
        "code": "ZZZZZZ", "name": "A", "email": unique_email("tenant"), "phone": "0733000111",
        "password": PASSWORD}, 400)
    assert anonymous.error(unknown)["fields"] == {"code": "No property has this code. Check it with your landlord."}
    missing = anonymous.post("/api/v1/auth/signup/tenant", {}, 400)
    assert set(anonymous.error(missing)["fields"]) == {"code", "name", "email", "phone", "password"}


# Passwords

def test_password_reset_answers_alike_then_the_token_works_once(stack):
    _, email = new_landlord(stack)
    anonymous = API(stack)
    known = anonymous.post("/api/v1/auth/password/reset", {"email": email}, 202).json()
    unknown = anonymous.post("/api/v1/auth/password/reset", {"email": unique_email("nobody")}, 202).json()
    assert known == unknown
    bad = anonymous.post("/api/v1/auth/password/reset", {"email": "not an email"}, 400)
    assert set(anonymous.error(bad)["fields"]) == {"email"}
    token = reset_token(stack, email)

    short = anonymous.post("/api/v1/auth/password/reset/confirm", {"token": token, "password": "short"}, 400)
    assert anonymous.error(short)["fields"] == {"password": "Use at least 8 characters."}
    anonymous.post("/api/v1/auth/password/reset/confirm", {"token": token, "password": "a new long password"}, 200)
    stack.wait_for_email(email, "Your Nyumba password was changed")
    again = anonymous.post("/api/v1/auth/password/reset/confirm",
                           {"token": token, "password": "another long password"}, 400)
    assert set(anonymous.error(again)["fields"]) == {"token"}
    for junk in ["", "abc", "A" * 43]:
        anonymous.post("/api/v1/auth/password/reset/confirm", {"token": junk, "password": "x" * 10}, 400)
    log_in(stack, email, "a new long password")
    clean_throttle(stack, email)


def test_password_change_signs_out_every_session_and_returns_a_new_pair(stack):
    landlord, email = new_landlord(stack)
    other_login = log_in(stack, email)
    wrong = landlord.post("/api/v1/me/password", {"current_password": "not it", "new_password": "x"}, 400)
    assert landlord.error(wrong)["fields"] == {"current_password": "That is not your current password.",
                                               "new_password": "Use at least 8 characters."}
    clean_throttle(stack, email)
    pair = landlord.post("/api/v1/me/password", {"current_password": PASSWORD,
                                                 "new_password": "changed password 1"}).json()
    stack.wait_for_email(email, "Your Nyumba password was changed")
    landlord.get("/api/v1/me", 401)
    other_login.get("/api/v1/me", 401)
    API(stack).post("/api/v1/auth/token/refresh", {"refresh": other_login.refresh}, 401)
    renewed = API(stack, pair["access"], pair["refresh"])
    assert renewed.get("/api/v1/me").json()["email"] == email
    log_in(stack, email, "changed password 1")
    # A tenant waiting for approval may change theirs too; anonymous callers may not.
    API(stack).post("/api/v1/me/password", {"current_password": "a", "new_password": "b" * 8}, 401)


# Reminders

def test_reminders_preview_send_refuse_and_log(stack):
    landlord, _ = new_landlord(stack)
    prop = new_property(landlord, rent=12500)
    tenant, tenant_email, lease = approved_tenant(stack, landlord, prop, rent=12500)
    preview = landlord.post("/api/v1/landlord/reminders/preview", {"lease_id": lease}).json()
    assert preview["count"] == 1
    recipient = preview["recipients"][0]
    assert recipient["lease_id"] == lease and recipient["tenant_email"] == tenant_email
    assert recipient["amount_due"] == 12500 and recipient["due_date"] == nairobi_today("%Y-%m-01")
    assert recipient["subject"].startswith("Rent reminder: KES 12,500 due")
    assert "12,500" in recipient["text"]
    assert landlord.get("/api/v1/landlord/reminders").json()["items"] == []

    sent = landlord.post("/api/v1/landlord/reminders", {"property_id": prop["id"]}, 201).json()
    assert sent == preview
    email = stack.wait_for_email(tenant_email, "Rent reminder")
    assert email.subject == recipient["subject"]
    landlord.post("/api/v1/landlord/reminders", {"arrears": True}, 201)
    log = landlord.get("/api/v1/landlord/reminders", params={"per_page": 1}).json()
    assert log["next_page"] == 2 and log["items"][0]["kind"] == "manual"
    assert log["items"][0]["lease_id"] == lease and log["items"][0]["delivery"] in {"queued", "sent"}

    # Nobody owes, or the lease ended: 409 with the page's words.
    landlord.post("/api/v1/landlord/leases/{id}/payments", {"amount": 12500, "method": "cash",
                                                             "date": nairobi_today("%Y-%m-01")}, 201, id=lease)
    nobody = landlord.post("/api/v1/landlord/reminders", {"arrears": True}, 409)
    assert landlord.error(nobody)["code"] == "conflict"
    assert landlord.error(nobody)["message_code"] == "reminder.refused.nobody_owes"
    # One chosen tenant still can be reminded (of the next rent).
    assert landlord.post("/api/v1/landlord/reminders/preview", {"lease_id": lease}).json()["count"] == 1
    stack.sql(f"UPDATE leases SET end_date = '{nairobi_today('%Y-%m-%d')}' WHERE id = {lease}")
    ended = landlord.post("/api/v1/landlord/reminders", {"lease_id": lease}, 409)
    assert landlord.error(ended)["message_code"] == "reminder.refused.lease_ended"

    # Wrong bodies, another landlord's lease or property, the wrong role.
    assert set(landlord.error(landlord.post("/api/v1/landlord/reminders", {}, 400))["fields"]) == {"target"}
    assert set(landlord.error(landlord.post("/api/v1/landlord/reminders", {"lease_id": "x"}, 400))[
        "fields"]) == {"lease_id"}
    other, _ = new_landlord(stack)
    other.post("/api/v1/landlord/reminders", {"lease_id": lease}, 404)
    other.post("/api/v1/landlord/reminders/preview", {"property_id": prop["id"]}, 404)
    assert other.get("/api/v1/landlord/reminders").json()["items"] == []
    tenant.get("/api/v1/landlord/reminders", 404)
    tenant.post("/api/v1/landlord/reminders", {"arrears": True}, 404)


def test_automatic_reminder_occasions(stack):
    landlord, _ = new_landlord(stack)
    assert landlord.get("/api/v1/landlord/reminders/settings").json() == {"occasions": []}
    saved = landlord.call("PUT", "/api/v1/landlord/reminders/settings", 200,
                          json_body={"occasions": [5, -3, "+0", 5]}).json()
    assert saved == {"occasions": [-3, 0, 5]}
    assert landlord.get("/api/v1/landlord/reminders/settings").json() == saved
    for body, field in [({"occasions": [25]}, "occasions"), ({"occasions": [1, 2, 3, 4, 5, 6]}, "occasions"),
                        ({"occasions": "5"}, "occasions"), ({"occasions": [1.5, True, None, {}]}, "occasions"),
                        ({}, "occasions")]:
        bad = landlord.call("PUT", "/api/v1/landlord/reminders/settings", 400, json_body=body)
        assert set(landlord.error(bad)["fields"]) == {field}, body
    landlord.call("PUT", "/api/v1/landlord/reminders/settings", 400, json_body=[1])
    assert landlord.get("/api/v1/landlord/reminders/settings").json() == saved
    assert landlord.call("PUT", "/api/v1/landlord/reminders/settings", 200,
                         json_body={"occasions": []}).json() == {"occasions": []}


# Messages

def test_messages_both_ways_with_limits_and_authorisation(stack):
    landlord, landlord_email = new_landlord(stack)
    prop = new_property(landlord)
    tenant, tenant_email, lease = approved_tenant(stack, landlord, prop)
    assert tenant.get("/api/v1/tenant/messages").json()["items"] == []
    sent = tenant.post("/api/v1/tenant/messages", {"subject": "Leaking tap", "text": "The kitchen tap leaks.\nPlease."},
                       201).json()
    assert sent["direction"] == "to_landlord" and sent["subject"] == "Leaking tap"
    assert sent["text"] == "The kitchen tap leaks.\nPlease."
    email = stack.wait_for_email(landlord_email, "Leaking tap")
    assert email.reply_to == tenant_email
    [latest, *_] = landlord.get("/api/v1/landlord/notifications").json()["items"]
    assert latest["kind"] == "message_to_landlord" and "Leaking tap" in latest["message"]
    reply = landlord.post("/api/v1/landlord/leases/{id}/messages", {"subject": "Plumber", "text": "Tomorrow at 10."},
                          201, id=lease).json()
    assert reply["direction"] == "to_tenant"
    assert stack.wait_for_email(tenant_email, "Plumber").reply_to == landlord_email
    both = tenant.get("/api/v1/tenant/messages").json()["items"]
    assert [m["subject"] for m in both] == ["Plumber", "Leaking tap"]
    assert landlord.get("/api/v1/landlord/leases/{id}/messages", id=lease).json()["items"] == both
    first = landlord.get("/api/v1/landlord/leases/{id}/messages", params={"per_page": 1}, id=lease).json()
    assert first["next_page"] == 2 and first["items"] == both[:1]

    bad = tenant.post("/api/v1/tenant/messages", {"subject": "a\nb", "text": " "}, 400)
    assert tenant.error(bad)["fields"] == {"subject": "The subject must be a single line, without line breaks.",
                                           "text": "Required."}
    other, _ = new_landlord(stack)
    other.get("/api/v1/landlord/leases/{id}/messages", 404, id=lease)
    other.post("/api/v1/landlord/leases/{id}/messages", {"subject": "Hi", "text": "Hi"}, 404, id=lease)
    tenant.get("/api/v1/landlord/leases/{id}/messages", 404, id=lease)
    landlord.get("/api/v1/tenant/messages", 404)
    landlord.post("/api/v1/tenant/messages", {"subject": "Hi", "text": "Hi"}, 404)
    pending, _, _ = pending_tenant(stack, prop)
    assert pending.error(pending.post("/api/v1/tenant/messages", {"subject": "Hi", "text": "Hi"}, 403))[
        "code"] == "pending_approval"

    # The tenant's hourly limit (5), as on the page.
    for n in range(4):
        tenant.post("/api/v1/tenant/messages", {"subject": f"Note {n}", "text": "x"}, 201)
    limited = tenant.post("/api/v1/tenant/messages", {"subject": "One more", "text": "x"}, 429)
    assert tenant.error(limited)["code"] == "too_many_requests"
    # Without a current lease there is nobody to write to.
    stack.sql(f"UPDATE leases SET end_date = '{nairobi_today('%Y-%m-%d')}' WHERE id = {lease}")
    assert tenant.error(tenant.post("/api/v1/tenant/messages", {"subject": "Hi", "text": "Hi"}, 409))[
        "code"] == "conflict"


# M-Pesa settings

def test_mpesa_settings_are_saved_sealed_and_only_shown_masked(stack):
    landlord, _ = new_landlord(stack)
    empty = landlord.get("/api/v1/landlord/mpesa").json()
    assert empty["own"] is False and empty["defaults_available"] is True and empty["consumer_key"] is None
    missing = landlord.call("PUT", "/api/v1/landlord/mpesa", 400, json_body={"shortcode": "12", "password": PASSWORD})
    assert landlord.error(missing)["fields"] == {
        "shortcode": "Enter the shortcode: 5 to 7 digits.", "consumer_key": "Required.",
        "consumer_secret": "Required.", "passkey": "Required."}
    secret = "s3cr3t-" + secrets.token_hex(8)
    body = {"shortcode": "600123", "type": "paybill", "consumer_key": "key-" + secrets.token_hex(6),
            "consumer_secret": secret, "passkey": "pass-" + secrets.token_hex(10), "password": PASSWORD}
    saved = landlord.call("PUT", "/api/v1/landlord/mpesa", 200, json_body=body)
    assert secret not in saved.text and body["consumer_key"] not in saved.text and body["passkey"] not in saved.text
    shown = saved.json()
    assert shown == {"own": True, "defaults_available": True, "shortcode": "600123", "type": "paybill",
                     "party_b": "600123", "consumer_key": "••••" + body["consumer_key"][-4:],
                     "consumer_secret": "••••" + secret[-4:], "passkey": "••••" + body["passkey"][-4:],
                     "unreadable": False}
    assert landlord.get("/api/v1/landlord/mpesa").json() == shown
    # Blank secrets keep the stored ones; a till needs its number.
    till = landlord.call("PUT", "/api/v1/landlord/mpesa", 400,
                         json_body={"shortcode": "600123", "type": "till", "password": PASSWORD})
    assert landlord.error(till)["fields"] == {"party_b": "Enter the till number: 5 to 7 digits."}
    kept = landlord.call("PUT", "/api/v1/landlord/mpesa", 200,
                         json_body={"shortcode": "600123", "type": "till", "party_b": "5551234",
                                    "password": PASSWORD}).json()
    assert kept["type"] == "till" and kept["party_b"] == "5551234" and kept["consumer_secret"] == shown[
        "consumer_secret"]
    wrong_type = landlord.call("PUT", "/api/v1/landlord/mpesa", 400, json_body={**body, "type": "bank"})
    assert landlord.error(wrong_type)["fields"] == {"type": "Choose paybill or till."}
    assert secret not in stack.sql("SELECT HEX(consumer_secret_sealed) FROM mpesa_settings")
    # Only the landlord's own: another landlord and a tenant see nothing of it.
    other, _ = new_landlord(stack)
    assert other.get("/api/v1/landlord/mpesa").json()["own"] is False
    prop = new_property(landlord)
    tenant, _, _ = approved_tenant(stack, landlord, prop)
    tenant.get("/api/v1/landlord/mpesa", 404)
    tenant.call("PUT", "/api/v1/landlord/mpesa", 404, json_body=body)
    pending, _, _ = pending_tenant(stack, prop)
    for method, template in [("GET", "/api/v1/landlord/mpesa"), ("DELETE", "/api/v1/landlord/mpesa"),
                             ("GET", "/api/v1/landlord/notifications"), ("GET", "/api/v1/landlord/reminders"),
                             ("GET", "/api/v1/landlord/dashboard/payments.csv")]:
        assert pending.error(pending.call(method, template, 403))["code"] == "pending_approval"
    removed = landlord.call("DELETE", "/api/v1/landlord/mpesa", 200, json_body={"password": PASSWORD}).json()
    assert removed["own"] is False and removed["shortcode"] is None


# CSV exports and ending a lease

def test_csv_exports_are_the_pages_files(stack):
    browser, email = sign_up_landlord(stack)
    landlord = log_in(stack, email)
    prop = new_property(landlord, rent=10000)
    _, tenant_email, lease = approved_tenant(stack, landlord, prop, rent=10000)
    landlord.post("/api/v1/landlord/leases/{id}/payments", {"amount": 4000, "method": "cash",
                                                             "date": nairobi_today("%Y-%m-01"), "reference": "=1+2"},
                  201, id=lease)
    payments = landlord.get("/api/v1/landlord/dashboard/payments.csv")
    assert payments.headers["Content-Disposition"].startswith('attachment; filename="payments-')
    text = payments.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Date (EAT),Tenant,Unit,Property,Amount (KES)")
    assert ",4000," in text and "'=1+2" in text
    assert payments.content == browser.get(stack.url("/landlord/dashboard/payments.csv")).content
    by_property = landlord.get("/api/v1/landlord/dashboard/payments.csv", params={"property_id": prop["id"]})
    assert by_property.content == browser.get(stack.url(f"/landlord/dashboard/properties/{prop['id']}/payments.csv")).content
    by_lease = landlord.get("/api/v1/landlord/dashboard/payments.csv", params={"lease_id": lease, "channel": "manual"})
    assert ",4000," in by_lease.content.decode("utf-8-sig")
    assert ",4000," not in landlord.get("/api/v1/landlord/dashboard/payments.csv",
                                        params={"channel": "stk"}).content.decode("utf-8-sig")
    arrears = landlord.get("/api/v1/landlord/dashboard/arrears.csv").content
    assert tenant_email in arrears.decode("utf-8-sig") and ",6000," in arrears.decode("utf-8-sig")
    assert arrears == browser.get(stack.url("/landlord/dashboard/arrears.csv")).content
    assert set(landlord.error(landlord.get("/api/v1/landlord/dashboard/payments.csv", 400,
                                           params={"month": "March"}))["fields"]) == {"month"}
    assert set(landlord.error(landlord.get("/api/v1/landlord/dashboard/payments.csv", 400,
                                           params={"channel": "cheque"}))["fields"]) == {"channel"}
    other, _ = new_landlord(stack)
    other.get("/api/v1/landlord/dashboard/payments.csv", 404, params={"property_id": prop["id"]})
    other.get("/api/v1/landlord/dashboard/arrears.csv", 404, params={"lease_id": lease})
    assert tenant_email not in other.get("/api/v1/landlord/dashboard/arrears.csv").content.decode("utf-8-sig")


def test_ending_a_lease(stack):
    landlord, _ = new_landlord(stack)
    prop = new_property(landlord)
    tenant, tenant_email, lease = approved_tenant(stack, landlord, prop)
    other, _ = new_landlord(stack)
    today = nairobi_today("%Y-%m-%d")
    other.post("/api/v1/landlord/leases/{id}/end", {"end_date": today}, 404, id=lease)
    tenant.post("/api/v1/landlord/leases/{id}/end", {"end_date": today}, 404, id=lease)
    tomorrow = (datetime.date.fromisoformat(today) + datetime.timedelta(days=2)).isoformat()
    future = landlord.post("/api/v1/landlord/leases/{id}/end", {"end_date": tomorrow}, 400, id=lease)
    assert landlord.error(future)["fields"] == {"end_date": "The date cannot be in the future."}
    ended = landlord.post("/api/v1/landlord/leases/{id}/end", {"end_date": today}, id=lease).json()
    assert ended["id"] == lease and ended["end_date"] == today and ended["next_due_date"] is None
    stack.wait_for_email(tenant_email, "has ended")
    again = landlord.post("/api/v1/landlord/leases/{id}/end", {"end_date": today}, 409, id=lease)
    assert landlord.error(again)["code"] == "conflict"
    tenant.get("/api/v1/tenant/lease", 404)
    assert landlord.get("/api/v1/landlord/properties/{id}", id=prop["id"]).json()["units"][0]["tenant_name"] is None


# What nginx itself refuses, in the API's error shape

def test_nginx_refusals_of_api_requests_are_json(stack):
    landlord, _ = new_landlord(stack)
    big = b'{"name": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    for template, api in [("/api/v1/landlord/properties", landlord),
                          ("/api/v1/auth/signup/landlord", API(stack))]:
        too_large = api.call("POST", template, 413, headers={"Content-Type": "application/json"}, data=big)
        assert api.error(too_large)["code"] == "payload_too_large"
        assert too_large.headers["X-Content-Type-Options"] == "nosniff"
    # The sign-in limit (burst 100, then 20 a second) on the anonymous API POSTs.
    anonymous = API(stack)
    with ThreadPoolExecutor(max_workers=4) as pool:
        codes = list(pool.map(
            lambda _: anonymous.call("POST", "/api/v1/auth/password/reset", None, json_body={}).status_code,
            range(300)))
    assert set(codes) <= {400, 429} and 429 in codes, codes
    limited = anonymous.call("POST", "/api/v1/auth/password/reset", None, json_body={})
    if limited.status_code == 429:
        assert anonymous.error(limited)["code"] == "too_many_requests"
    time.sleep(6)  # the bucket refills for the tests after this one
    anonymous.post("/api/v1/auth/password/reset", {}, 400)


def test_each_person_turns_their_sms_on_and_off_through_the_api(stack):
    landlord, _ = new_landlord(stack)
    prop = new_property(landlord)
    tenant, tenant_email, _ = approved_tenant(stack, landlord, prop)
    assert tenant.get("/api/v1/account/sms").json()["sms"] == "on"
    refused = tenant.call("PUT", "/api/v1/account/sms", 400, json_body={"sms": "sometimes"})
    assert "sms" in tenant.error(refused)["fields"]
    assert tenant.call("PUT", "/api/v1/account/sms", 200, json_body={"sms": "off"}).json()["sms"] == "off"
    assert tenant.get("/api/v1/account/sms").json()["sms"] == "off"
    # Only the caller's own choice changed.
    assert landlord.get("/api/v1/account/sms").json()["sms"] == "on"
    API(stack).get("/api/v1/account/sms", 401)
