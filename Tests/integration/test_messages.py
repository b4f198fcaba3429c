"""Messages between tenants and landlords: emailed with Reply-To the sender, stored, in
the landlord's notifications and log; only along one's own lease; one-line subjects; an
hourly limit for tenants."""

import secrets
import time

from accounts import key_of
from api_client import log_in
from browser import count, post_form
from reminders_helpers import Landlord, emails_to, month_start


def _tenant_sends(stack, tenant, subject, text="Hello", csrf=True, **extra):
    return post_form(stack, tenant.browser, "/tenant/messages", "/tenant/messages",
                     {"subject": subject, "text": text, **extra}, csrf=csrf)


def _messages(stack, lease) -> int:
    return count(stack, f"SELECT COUNT(*) FROM messages WHERE lease_id = {lease.id}")


def test_tenant_writes_to_their_landlord(stack):
    landlord = Landlord(stack, name="Achieng Otieno")
    lease = landlord.add_tenant(month_start(-1, 1))
    page = lease.browser.get(stack.url("/tenant/messages"))
    assert page.status_code == 200 and "Achieng Otieno" in page.text and 'href="/tenant/messages"' in page.text

    text = "The kitchen tap leaks.\nCould someone come on Saturday?"
    response = _tenant_sends(stack, lease, "Leaking tap", text)
    assert response.status_code == 303 and response.headers["Location"] == "/tenant/messages?done=sent"
    email = stack.wait_for_email(to=landlord.email, subject_contains="Leaking tap")
    assert email.subject == f"Message from {lease.name} (A1, {landlord.property_name}): Leaking tap"
    assert email.reply_to == lease.email
    assert text in email.body.replace("\r\n", "\n")
    assert stack.url(f"/landlord/leases/{lease.id}/message") in email.body

    notifications = landlord.browser.get(stack.url("/landlord/notifications")).text
    assert f"Message from {lease.name}" in notifications and "Leaking tap" in notifications
    log = landlord.browser.get(stack.url("/landlord/reminders")).text
    assert "Message from tenant" in log and "Leaking tap" in log
    shown = lease.browser.get(stack.url("/tenant/messages?done=sent")).text
    assert "Message sent." in shown and "Could someone come on Saturday?" in shown
    time.sleep(1.5)
    assert len(emails_to(stack, landlord.email, "Leaking tap")) == 1
    assert not emails_to(stack, lease.email, "Leaking tap")


def test_landlord_writes_to_their_tenant(stack):
    landlord = Landlord(stack, name="Mutua Kilonzo")
    lease = landlord.add_tenant(month_start(-1, 1))
    path = f"/landlord/leases/{lease.id}/message"
    assert lease.name in landlord.browser.get(stack.url(path)).text
    response = post_form(stack, landlord.browser, path, path,
                         {"subject": "Water off on Friday", "text": "From 9 to 12. Sorry!"})
    assert response.status_code == 303
    email = stack.wait_for_email(to=lease.email, subject_contains="Water off on Friday")
    assert email.reply_to == landlord.email
    assert "From 9 to 12. Sorry!" in email.body and "Mutua Kilonzo" in email.body
    assert "Message to tenant" in landlord.browser.get(stack.url("/landlord/reminders")).text
    assert "Water off on Friday" in lease.browser.get(stack.url("/tenant/messages")).text


def test_messages_go_only_along_ones_own_lease(stack):
    a, b = Landlord(stack), Landlord(stack)
    a_lease, b_lease = a.add_tenant(month_start(-1, 1)), b.add_tenant(month_start(-1, 1))
    other = f"/landlord/leases/{b_lease.id}/message"
    assert a.browser.get(stack.url(other)).status_code == 404
    own = f"/landlord/leases/{a_lease.id}/message"
    stolen = post_form(stack, a.browser, own, other, {"subject": "Hi", "text": "Not your tenant"})
    assert stolen.status_code == 404
    assert a.browser.get(stack.url("/landlord/leases/999999999/message")).status_code == 404
    # Tenants cannot use the landlord's form, and the tenant form goes to their own landlord only.
    assert a_lease.browser.get(stack.url(own)).status_code == 404
    assert post_form(stack, a_lease.browser, "/tenant/messages", own,
                     {"subject": "x", "text": "y"}).status_code == 404
    response = _tenant_sends(stack, a_lease, "Only to mine", landlord=str(b.id), lease=str(b_lease.id))
    assert response.status_code == 303
    stack.wait_for_email(to=a.email, subject_contains="Only to mine")
    # Landlords have no tenant inbox.
    assert a.browser.get(stack.url("/tenant/messages")).status_code == 404
    time.sleep(1.5)
    assert not emails_to(stack, b.email, "Only to mine") and not emails_to(stack, b.email, "Not your tenant")
    assert _messages(stack, b_lease) == 0


def test_line_breaks_and_long_subjects_are_refused(stack):
    landlord = Landlord(stack)
    lease = landlord.add_tenant(month_start(-1, 1))
    outbox = count(stack, "SELECT COUNT(*) FROM outbox")
    for subject in ("Hi\r\nBcc: everyone@example.com", "Hi\nthere", "x" * 121):
        response = _tenant_sends(stack, lease, subject)
        assert response.status_code == 400, subject
    assert "The subject must be a single line, without line breaks." in _tenant_sends(stack, lease, "a\rb").text
    assert "At most 120 characters." in _tenant_sends(stack, lease, "y" * 121).text
    assert "At most 5000 characters." in _tenant_sends(stack, lease, "Long", "z" * 5001).text
    assert "Required." in _tenant_sends(stack, lease, "Empty", "   ").text
    path = f"/landlord/leases/{lease.id}/message"
    assert post_form(stack, landlord.browser, path, path, {"subject": "a\r\nb", "text": "c"}).status_code == 400
    assert _messages(stack, lease) == 0 and count(stack, "SELECT COUNT(*) FROM outbox") == outbox


def test_missing_csrf_sends_nothing(stack):
    landlord = Landlord(stack)
    lease = landlord.add_tenant(month_start(-1, 1))
    assert _tenant_sends(stack, lease, "No token", csrf=False).status_code == 403
    path = f"/landlord/leases/{lease.id}/message"
    assert post_form(stack, landlord.browser, path, path, {"subject": "s", "text": "t"}, csrf=False).status_code == 403
    assert _messages(stack, lease) == 0


def test_a_tenant_may_send_five_messages_an_hour(stack):
    landlord = Landlord(stack)
    lease = landlord.add_tenant(month_start(-1, 1))
    for n in range(5):
        assert _tenant_sends(stack, lease, f"Limit {n}").status_code == 303
    refused = _tenant_sends(stack, lease, "Limit 5")
    assert refused.status_code == 429
    assert "You have sent 5 messages in the last hour" in refused.text and 'value="Limit 5"' in refused.text
    assert _messages(stack, lease) == 5
    stack.wait_for_email(to=landlord.email, subject_contains="Limit", count=5)
    time.sleep(1.5)
    assert len(emails_to(stack, landlord.email, "Limit")) == 5
    # An hour later the tenant may write again.
    stack.sql(f"UPDATE messages SET created_at = created_at - INTERVAL 61 MINUTE WHERE lease_id = {lease.id}")
    assert _tenant_sends(stack, lease, "Limit 6").status_code == 303


def test_a_message_posted_twice_goes_once(stack):
    """A double click or a retried post of a message form (its one-time key), or a retried API request with its
    Idempotency-Key, stores and emails the message once and counts once against the hourly limit; a key is
    its sender's own."""
    landlord = Landlord(stack)
    lease = landlord.add_tenant(month_start(-1, 1))

    def key(browser, path):
        return key_of(browser.get(stack.url(path)).text)

    once = key(lease.browser, "/tenant/messages")
    for _ in range(2):
        response = _tenant_sends(stack, lease, "Gate is broken", key=once)
        assert response.status_code == 303 and response.headers["Location"] == "/tenant/messages?done=sent"
    assert _messages(stack, lease) == 1
    # Refused with an error, then corrected on the page that says so and sent twice: one message.
    refused = _tenant_sends(stack, lease, "", key=key(lease.browser, "/tenant/messages"))
    assert refused.status_code == 400 and _messages(stack, lease) == 1
    corrected = key_of(refused.text)
    assert [_tenant_sends(stack, lease, "Gate again", key=corrected).status_code for _ in range(2)] == [303, 303]
    assert _messages(stack, lease) == 2

    # The landlord's answer, and the same key used by the landlord: it is theirs, so it is not spent.
    path = f"/landlord/leases/{lease.id}/message"
    for _ in range(2):
        assert post_form(stack, landlord.browser, path, path,
                         {"subject": "Fundi on Monday", "text": "He will fix it.", "key": once}).status_code == 303
    assert _messages(stack, lease) == 3

    api = log_in(stack, lease.email)
    headers = {"Idempotency-Key": "retry-" + secrets.token_hex(8)}
    body = {"subject": "Bulb in the stairs", "text": "It is out."}
    first = api.call("POST", "/api/v1/tenant/messages", 201, json_body=body, headers=headers)
    again = api.call("POST", "/api/v1/tenant/messages", 201, json_body=body, headers=headers)
    assert first.json() == again.json() and _messages(stack, lease) == 4

    stack.wait_for_email(to=landlord.email, subject_contains="Bulb in the stairs")
    time.sleep(1.5)
    for subject in ("Gate is broken", "Gate again", "Bulb in the stairs"):
        assert len(emails_to(stack, landlord.email, subject)) == 1, subject
    assert len(emails_to(stack, lease.email, "Fundi on Monday")) == 1
    # Three messages count against the hour's five, not six: two more may go.
    for n in range(2):
        assert _tenant_sends(stack, lease, f"More {n}").status_code == 303
    assert _tenant_sends(stack, lease, "One too many").status_code == 429
