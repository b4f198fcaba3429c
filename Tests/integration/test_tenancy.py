"""Tenants sign up by invite link or property code, wait for approval, and are approved
(with a lease) or rejected by their landlord, by email."""

import re

import requests

from accounts import PASSWORD, log_in, sign_up_landlord
from browser import (add_property, count, post_form, property_row, request_id, sign_up_tenant, unit_id,
                     user_id)


def _landlord_with_property(stack, name="Sunrise Court", units=12, rent=12500):
    landlord, landlord_email = sign_up_landlord(stack)
    property_id = add_property(stack, landlord, name=name, units=units, rent=rent)
    return landlord, landlord_email, property_id


def _outbox(stack, kind: str, recipient: str) -> list[str]:
    """subject and text body of the outbox rows of this kind to this recipient."""
    return stack.sql(
        f"SELECT subject, REPLACE(text_body, '\\n', ' ') FROM outbox WHERE kind = '{kind}' AND recipient = '{recipient}'"
    ).splitlines()


def _approve(stack, landlord, request, unit, rent="12500", start="2025-03-01", due="5", csrf=True):
    return post_form(stack, landlord, "/landlord/notifications", f"/landlord/requests/{request}/approve",
                     {"unit": str(unit), "rent": rent, "start": start, "dueDay": due}, csrf=csrf)


def test_tenant_signs_up_through_the_invite_link_and_waits_for_approval(stack):
    landlord, landlord_email, property_id = _landlord_with_property(stack, name="Invite Gardens")
    _, token = property_row(stack, property_id)

    join = requests.get(stack.url(f"/join/{token}"))
    assert join.status_code == 200
    assert "Invite Gardens" in join.text
    assert 'name="code"' not in join.text

    tenant, email, response = sign_up_tenant(stack, invite=token, unit="a3", name="Achieng Otieno")
    assert response.status_code == 303 and response.headers["Location"] == "/tenant"

    assert stack.sql(f"SELECT role, status FROM users WHERE email = '{email}'").split() == ["tenant", "pending"]
    assert stack.sql(
        f"SELECT property_id, requested_unit, status FROM tenancy_requests WHERE tenant_id = {user_id(stack, email)}"
    ).split() == [str(property_id), "a3", "pending"]
    landlord_id = user_id(stack, landlord_email)
    notification = stack.sql(f"SELECT kind, parameters, link FROM notifications WHERE landlord_id = {landlord_id}")
    assert "tenant_signup" in notification and "Achieng Otieno" in notification
    assert "/landlord/notifications" in notification

    [pending] = _outbox(stack, "tenant_pending", email)
    assert "wait for your landlord's approval" in pending and "Invite Gardens" in pending
    [signup] = _outbox(stack, "tenant_signup", landlord_email)
    assert "Achieng Otieno" in signup and stack.url("/landlord/notifications") in signup

    # The landlord's email arrives and its link leads to the request.
    delivered = stack.wait_for_email(landlord_email, "New tenant")
    link = re.search(r"http://\S+/landlord/notifications", delivered.body).group(0)
    page = landlord.get(link)
    assert "Achieng Otieno" in page.text and email in page.text and "a3" in page.text

    waiting = tenant.get(stack.url("/tenant"))
    assert "Waiting for approval" in waiting.text


def test_tenant_signs_up_with_the_property_code_typed_loosely(stack):
    _, _, property_id = _landlord_with_property(stack, name="Code Court")
    code, _ = property_row(stack, property_id)

    prefilled = requests.get(stack.url(f"/signup/tenant?code={code.lower()}"))
    assert prefilled.status_code == 200 and f'value="{code}"' in prefilled.text
    assert "Code Court" not in prefilled.text

    typed = f" {code[:3].lower()} {code[3:]} "
    _, email, response = sign_up_tenant(stack, code=typed)
    assert response.status_code == 303
    assert stack.sql(
        f"SELECT property_id, requested_unit IS NULL FROM tenancy_requests WHERE tenant_id = {user_id(stack, email)}"
    ).split() == [str(property_id), "1"]


def test_unknown_code_is_a_field_error_and_creates_nothing(stack):
    users = count(stack, "SELECT COUNT(*) FROM users")
    requests_before = count(stack, "SELECT COUNT(*) FROM tenancy_requests")
    _, email, response = sign_up_tenant(stack, code="ZZZZZZ", name="Kamau <b>Njoroge</b>")
    assert response.status_code == 400
    assert "No property has this code" in response.text
    assert 'value="Kamau &lt;b&gt;Njoroge&lt;/b&gt;"' in response.text
    assert 'value="ZZZZZZ"' in response.text
    assert count(stack, "SELECT COUNT(*) FROM users") == users
    assert count(stack, "SELECT COUNT(*) FROM tenancy_requests") == requests_before
    assert count(stack, f"SELECT COUNT(*) FROM outbox WHERE recipient = '{email}'") == 0


def test_unknown_invite_token_is_404(stack):
    assert requests.get(stack.url("/join/AAAAAAAAAAAAAAAAAAAAAA")).status_code == 404
    _, _, response = sign_up_tenant(stack, code=None)
    assert response.status_code == 400
    browser = requests.Session()
    forged = post_form(stack, browser, "/signup/tenant", "/signup/tenant", {
        "invite": "AAAAAAAAAAAAAAAAAAAAAA", "name": "X", "email": "x-forged@example.com", "phone": "0712345678",
        "password": PASSWORD})
    assert forged.status_code == 404
    assert count(stack, "SELECT COUNT(*) FROM users WHERE email = 'x-forged@example.com'") == 0


def test_a_pending_tenant_sees_only_the_waiting_page(stack):
    _, _, property_id = _landlord_with_property(stack, name="Secret Towers")
    _, token = property_row(stack, property_id)
    tenant, email, _ = sign_up_tenant(stack, invite=token)
    for path in ("/tenant", "/landlord", "/", "/landlord/notifications", f"/landlord/properties/{property_id}"):
        page = tenant.get(stack.url(path))
        assert "Waiting for approval" in page.text, path
        assert "Secret Towers" not in page.text, path
    # After logging in again, the same.
    again, response = log_in(stack, email)
    assert response.status_code == 303
    assert "Waiting for approval" in again.get(stack.url(response.headers["Location"])).text


def test_landlord_approves_a_tenant_who_then_sees_their_unit_and_rent(stack):
    landlord, _, property_id = _landlord_with_property(stack, name="Approval Apartments")
    _, token = property_row(stack, property_id)
    tenant, email, _ = sign_up_tenant(stack, invite=token, unit="A3", name="Wambui Mwangi")
    request = request_id(stack, email)

    page = landlord.get(stack.url("/landlord/notifications"))
    assert re.search(r'class="badge"[^>]*>1</span>', page.text)
    assert "Wambui Mwangi" in page.text
    a3 = unit_id(stack, property_id, "A3")
    assert re.search(rf'<option value="{a3}" selected>A3 \(vacant, KES 12,500\)', page.text)
    assert 'name="rent" value="12500"' in page.text
    assert "1 waiting for approval" in landlord.get(stack.url("/landlord")).text

    # A bad date and due day: field errors, what was typed kept, nothing changed.
    bad = _approve(stack, landlord, request, a3, start="2025-02-30", due="31", rent="14000")
    assert bad.status_code == 400
    assert "Enter a date as YYYY-MM-DD" in bad.text and "from 1 to 28" in bad.text
    assert 'value="14000"' in bad.text
    assert count(stack, f"SELECT COUNT(*) FROM leases WHERE unit_id = {a3}") == 0

    approved = _approve(stack, landlord, request, a3, rent="13000", due="5", start="2025-03-01")
    assert approved.status_code == 303
    tenant_id = user_id(stack, email)
    assert stack.sql(
        f"SELECT unit_id, property_id, monthly_rent, due_day, start_date, end_date IS NULL FROM leases"
        f" WHERE tenant_id = {tenant_id}").split() == [str(a3), str(property_id), "13000", "5", "2025-03-01", "1"]
    assert stack.sql(f"SELECT status FROM tenancy_requests WHERE id = {request}").strip() == "approved"
    assert stack.sql(f"SELECT status FROM users WHERE id = {tenant_id}").strip() == "active"
    [mail] = _outbox(stack, "tenant_approved", email)
    assert "A3" in mail and "KES 13,000" in mail and "5th" in mail and stack.url("/login") in mail

    home = tenant.get(stack.url("/tenant"))
    assert home.status_code == 200
    assert "Waiting for approval" not in home.text
    assert "Unit A3, Approval Apartments" in home.text and "KES 13,000" in home.text
    assert "5th" in home.text and "1 Mar 2025" in home.text and "No payments yet" in home.text
    assert "Wambui Mwangi" in landlord.get(stack.url(f"/landlord/properties/{property_id}")).text

    # The email's login link works for the tenant.
    delivered = stack.wait_for_email(email, "You are approved")
    login_link = re.search(r"http://\S+/login", delivered.body).group(0)
    assert requests.get(login_link).status_code == 200

    # Deciding again changes nothing.
    again = _approve(stack, landlord, request, unit_id(stack, property_id, "A4"))
    assert again.status_code == 409 and "already approved" in again.text
    assert count(stack, f"SELECT COUNT(*) FROM leases WHERE tenant_id = {tenant_id}") == 1
    rejected_late = post_form(stack, landlord, "/landlord/notifications", f"/landlord/requests/{request}/reject",
                              {"reason": "late"})
    assert rejected_late.status_code == 409
    assert stack.sql(f"SELECT status FROM users WHERE id = {tenant_id}").strip() == "active"


def test_an_occupied_unit_cannot_be_given_to_a_second_tenant(stack):
    landlord, _, property_id = _landlord_with_property(stack, units=2)
    _, token = property_row(stack, property_id)
    _, first, _ = sign_up_tenant(stack, invite=token)
    _, second, _ = sign_up_tenant(stack, invite=token)
    a1 = unit_id(stack, property_id, "A1")
    assert _approve(stack, landlord, request_id(stack, first), a1).status_code == 303

    page = landlord.get(stack.url("/landlord/notifications"))
    a2 = unit_id(stack, property_id, "A2")
    assert page.text.index(f'<option value="{a2}"') < page.text.index(f'<option value="{a1}"'), "vacant first"
    assert "A1 (occupied" in page.text

    refused = _approve(stack, landlord, request_id(stack, second), a1)
    assert refused.status_code == 400 and "Unit A1 is occupied" in refused.text
    assert stack.sql(f"SELECT status FROM users WHERE email = '{second}'").strip() == "pending"
    assert count(stack, f"SELECT COUNT(*) FROM leases WHERE unit_id = {a1}") == 1


def test_landlord_rejects_a_tenant_with_a_reason(stack):
    landlord, _, property_id = _landlord_with_property(stack, name="Reject Residences")
    code, _ = property_row(stack, property_id)
    tenant, email, _ = sign_up_tenant(stack, code=code)
    request = request_id(stack, email)

    too_long = post_form(stack, landlord, "/landlord/notifications", f"/landlord/requests/{request}/reject",
                         {"reason": "x" * 501})
    assert too_long.status_code == 400 and "At most 500 characters" in too_long.text
    assert stack.sql(f"SELECT status FROM tenancy_requests WHERE id = {request}").strip() == "pending"

    response = post_form(stack, landlord, "/landlord/notifications", f"/landlord/requests/{request}/reject",
                         {"reason": "No unit is free until June."})
    assert response.status_code == 303
    assert stack.sql(f"SELECT status, reason FROM tenancy_requests WHERE id = {request}").strip() == \
        "rejected\tNo unit is free until June."
    assert stack.sql(f"SELECT status FROM users WHERE email = '{email}'").strip() == "rejected"
    [mail] = _outbox(stack, "tenant_rejected", email)
    assert "No unit is free until June." in mail and "Reject Residences" in mail
    assert count(stack, f"SELECT COUNT(*) FROM leases WHERE tenant_id = {user_id(stack, email)}") == 0
    # The rejected tenant no longer reaches any page.
    assert tenant.get(stack.url("/tenant"), allow_redirects=False).status_code == 303
    assert "No one is waiting" in landlord.get(stack.url("/landlord/notifications")).text


def test_another_landlord_cannot_see_or_decide_a_request(stack):
    _, _, property_id = _landlord_with_property(stack, name="Private Place")
    _, token = property_row(stack, property_id)
    _, email, _ = sign_up_tenant(stack, invite=token, name="Hidden Tenant")
    request = request_id(stack, email)
    other, _ = sign_up_landlord(stack)

    page = other.get(stack.url("/landlord/notifications"))
    assert "Hidden Tenant" not in page.text and 'class="badge"' not in page.text
    approve = _approve(stack, other, request, unit_id(stack, property_id, "A1"))
    reject = post_form(stack, other, "/landlord/notifications", f"/landlord/requests/{request}/reject", {"reason": ""})
    assert (approve.status_code, reject.status_code) == (404, 404)
    assert stack.sql(f"SELECT status FROM tenancy_requests WHERE id = {request}").strip() == "pending"
    assert stack.sql(f"SELECT status FROM users WHERE email = '{email}'").strip() == "pending"
    assert count(stack, f"SELECT COUNT(*) FROM leases WHERE tenant_id = {user_id(stack, email)}") == 0


def test_a_tenant_gets_404_on_landlord_pages(stack):
    landlord, _, property_id = _landlord_with_property(stack)
    _, token = property_row(stack, property_id)
    tenant, email, _ = sign_up_tenant(stack, invite=token)
    assert _approve(stack, landlord, request_id(stack, email), unit_id(stack, property_id, "A1")).status_code == 303
    for path in ("/landlord", "/landlord/notifications", "/landlord/properties/new",
                 f"/landlord/properties/{property_id}"):
        assert tenant.get(stack.url(path)).status_code == 404, path
    created = post_form(stack, tenant, "/tenant", "/landlord/properties",
                        {"name": "T", "location": "T", "units": "1", "rent": "1", "prefix": "A"})
    assert created.status_code == 404


def test_tenancy_posts_without_csrf_token_are_refused_and_change_nothing(stack):
    landlord, _, property_id = _landlord_with_property(stack)
    code, _ = property_row(stack, property_id)
    users = count(stack, "SELECT COUNT(*) FROM users")
    _, nobody, signup = sign_up_tenant(stack, code=code, csrf=False)
    assert signup.status_code == 403
    assert count(stack, "SELECT COUNT(*) FROM users") == users

    _, email, _ = sign_up_tenant(stack, code=code)
    request = request_id(stack, email)
    approve = _approve(stack, landlord, request, unit_id(stack, property_id, "A1"), csrf=False)
    reject = post_form(stack, landlord, "/", f"/landlord/requests/{request}/reject", {"reason": "x"}, csrf=False)
    assert (approve.status_code, reject.status_code) == (403, 403)
    assert stack.sql(f"SELECT status FROM tenancy_requests WHERE id = {request}").strip() == "pending"
    assert stack.sql(f"SELECT status FROM users WHERE email = '{email}'").strip() == "pending"
    assert count(stack, f"SELECT COUNT(*) FROM leases WHERE tenant_id = {user_id(stack, email)}") == 0
    assert count(stack, f"SELECT COUNT(*) FROM outbox WHERE recipient = '{email}' AND kind <> 'tenant_pending'") == 0
