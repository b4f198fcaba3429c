"""SMS through nginx and the Africa's Talking simulator: who gets which SMS for which event,
each sent once; a refusal (status >= 400) retried or failed, never sent twice; a gateway that
cannot be reached leaves them queued until it is back."""

import secrets
import time

import requests

from browser import post_form
from reminders_helpers import Landlord, month_start
from stack import nairobi_today, wait_for


def _phone(suffix: str = "") -> tuple[str, str]:
    """A fresh mobile number as typed and in international form; the simulator answers by its
    last four digits (`0403` InvalidPhoneNumber, `0500` InternalServerError, else Success)."""
    # Without a suffix, the last four digits are 1000-9999: never one of the simulator's status codes
    # (0100-0602), which a fully random number hit about once in a thousand.
    digits = f"{secrets.randbelow(10 ** 4):04d}{1000 + secrets.randbelow(9000)}"
    local = "07" + digits[:8 - len(suffix)] + suffix
    return local, "+254" + local[1:]


def _sms_rows(stack, number: str, kind: str | None = None) -> list[list[str]]:
    """kind, status, attempts of the outbox's SMS rows to `number`, oldest first."""
    where = f" AND kind = '{kind}'" if kind else ""
    rows = stack.sql(
        f"SELECT kind, status, attempts FROM outbox WHERE channel = 'sms' AND recipient = '{number}'{where} ORDER BY id")
    return [row.split("\t") for row in rows.splitlines()]


def _wait_status(stack, number: str, kind: str, status: str):
    wait_for(lambda: [r[1] for r in _sms_rows(stack, number, kind)] == [status], timeout=60,
             what=f"{kind} SMS to {number} {status}")


def test_each_event_texts_its_recipient_once_through_the_gateway(stack):
    landlord_phone, landlord_number = _phone()
    tenant_phone, tenant_number = _phone()
    landlord = Landlord(stack, phone=landlord_phone, property_name=f"Jua Court {secrets.token_hex(2)}")
    lease = landlord.add_tenant(month_start(-1, 1), due_day=5, rent=12500, phone=tenant_phone)

    _wait_status(stack, landlord_number, "tenant_signup", "sent")
    _wait_status(stack, tenant_number, "tenant_approved", "sent")
    [signup] = stack.sms_messages(to=landlord_number)
    assert lease.name in signup["message"] and landlord.property_name in signup["message"]
    [approved] = stack.sms_messages(to=tenant_number)
    assert "A1" in approved["message"] and "KES 12,500" in approved["message"]
    # What the gateway said is kept: its message id, the parts billed and the cost.
    row = stack.sql(f"SELECT provider_message_id IS NOT NULL, segments, cost FROM outbox WHERE channel = 'sms'"
                    f" AND recipient = '{tenant_number}'").strip().split("\t")
    assert row == ["1", "1", "KES 0.8000"]

    path = f"/landlord/leases/{lease.id}/payments/new"
    paid = post_form(stack, landlord.browser, path, path, {
        "amount": "2500", "method": "cash", "date": nairobi_today(),
        "reference": "", "note": ""})
    assert paid.status_code == 303, paid.text[:300]
    _wait_status(stack, tenant_number, "payment_receipt_manual", "sent")
    receipt = stack.sms_messages(to=tenant_number)[-1]["message"]
    assert "KES 2,500" in receipt and "A1" in receipt

    reminded = post_form(stack, landlord.browser, f"/landlord/reminders/new?lease={lease.id}", "/landlord/reminders",
                         {"lease": lease.id})
    assert reminded.status_code == 303
    _wait_status(stack, tenant_number, "rent_reminder", "sent")
    assert len(stack.sms_messages(to=tenant_number)) == 3
    assert [r[0] for r in _sms_rows(stack, tenant_number)] == [
        "tenant_approved", "payment_receipt_manual", "rent_reminder"]
    # The landlord got only the sign-up SMS; their own entries and reminders text nobody else.
    assert len(stack.sms_messages(to=landlord_number)) == 1


def test_a_refused_sms_is_failed_once_and_never_sent_again(stack):
    tenant_phone, tenant_number = _phone("0403")
    landlord = Landlord(stack, phone=_phone()[0])
    landlord.add_tenant(month_start(0, 1), phone=tenant_phone)
    _wait_status(stack, tenant_number, "tenant_approved", "failed")
    assert _sms_rows(stack, tenant_number) == [["tenant_approved", "failed", "1"]]
    error = stack.sql(f"SELECT last_error FROM outbox WHERE channel = 'sms' AND recipient = '{tenant_number}'")
    assert "403" in error
    time.sleep(2)
    assert len(stack.sms_messages(to=tenant_number)) == 1


def test_a_gateway_error_is_retried_with_back_off(stack):
    tenant_phone, tenant_number = _phone("0500")
    landlord = Landlord(stack, phone=_phone()[0])
    landlord.add_tenant(month_start(0, 1), phone=tenant_phone)
    wait_for(lambda: int(_sms_rows(stack, tenant_number)[0][2]) >= 2, timeout=30, what="a second attempt")
    [[_, status, attempts]] = _sms_rows(stack, tenant_number)
    # Still queued, each attempt one send: never a send that was not counted.
    assert status == "queued"
    assert len(stack.sms_messages(to=tenant_number)) in (int(attempts), int(attempts) + 1)
    stack.sql(f"UPDATE outbox SET status = 'failed' WHERE channel = 'sms' AND recipient = '{tenant_number}'")


def test_sms_wait_while_the_gateway_is_unreachable_and_go_out_once_it_is_back(stack):
    tenant_phone, tenant_number = _phone()
    landlord = Landlord(stack, phone=_phone()[0])
    stack.stop_sms_simulator()
    try:
        landlord.add_tenant(month_start(0, 1), phone=tenant_phone)
        wait_for(lambda: int((_sms_rows(stack, tenant_number) or [["", "", "0"]])[0][2]) >= 1, timeout=30,
                 what="a failed attempt")
        assert _sms_rows(stack, tenant_number)[0][:2] == ["tenant_approved", "queued"]
    finally:
        stack.start_sms_simulator()
    _wait_status(stack, tenant_number, "tenant_approved", "sent")
    assert len(stack.sms_messages(to=tenant_number)) == 1


def test_delivery_reports_come_back_through_the_secret_path_only(stack):
    delivered_phone, delivered_number = _phone()
    failed_phone, failed_number = _phone("0600")
    landlord = Landlord(stack, phone=_phone()[0])
    landlord.add_tenant(month_start(0, 1), phone=delivered_phone)
    landlord.add_tenant(month_start(0, 1), phone=failed_phone)

    def report(number):
        return stack.sql(f"SELECT IFNULL(delivery_status, '-'), IFNULL(delivery_failure, '-') FROM outbox"
                         f" WHERE channel = 'sms' AND recipient = '{number}'").strip().split("\t")
    wait_for(lambda: report(delivered_number)[0] == "Success", timeout=30, what="a delivery report")
    wait_for(lambda: report(failed_number)[0] == "Failed", timeout=30, what="a failure report")
    assert report(failed_number) == ["Failed", "DeliveryFailure"]

    # A report on any other path changes nothing.
    message_id = stack.sql(f"SELECT provider_message_id FROM outbox WHERE channel = 'sms'"
                           f" AND recipient = '{delivered_number}'").strip()
    body = {"id": message_id, "status": "Failed", "phoneNumber": delivered_number}
    for token in ("wrong-token-0123456789", stack.sms_token[:-1], ""):
        assert requests.post(stack.url(f"/sms/reports/{token}"), data=body).status_code == 404
    assert report(delivered_number)[0] == "Success"


def test_sms_turned_off_by_the_person_or_for_the_property_are_not_sent(stack):
    tenant_phone, tenant_number = _phone()
    landlord = Landlord(stack, phone=_phone()[0])
    lease = landlord.add_tenant(month_start(-1, 1), phone=tenant_phone)
    _wait_status(stack, tenant_number, "tenant_approved", "sent")

    page = f"/landlord/properties/{landlord.property_id}"
    assert post_form(stack, landlord.browser, page, f"{page}/sms-reminders", {"sms": "off"}).status_code == 303
    assert 'data-sms-reminders="off"' in landlord.browser.get(stack.url(page)).text
    remind = {"lease": lease.id}
    assert post_form(stack, landlord.browser, f"/landlord/reminders/new?lease={lease.id}", "/landlord/reminders",
                     remind).status_code == 303
    assert post_form(stack, landlord.browser, page, f"{page}/sms-reminders", {"sms": "on"}).status_code == 303

    assert post_form(stack, lease.browser, "/account/sms", "/account/sms", {"sms": "off"}).status_code == 303
    assert 'data-sms-enabled="off"' in lease.browser.get(stack.url("/account/sms")).text
    assert post_form(stack, landlord.browser, f"/landlord/reminders/new?lease={lease.id}", "/landlord/reminders",
                     remind).status_code == 303

    # Both reminders went by email; neither by SMS.
    assert stack.sql(f"SELECT COUNT(*) FROM outbox WHERE kind = 'rent_reminder' AND recipient = '{lease.email}'"
                     ).strip() == "2"
    time.sleep(1.5)
    assert _sms_rows(stack, tenant_number) == [["tenant_approved", "sent", "0"]]
    assert len(stack.sms_messages(to=tenant_number)) == 1


def test_a_landlord_sees_their_tenants_sms_this_month_and_never_anothers(stack):
    mine = Landlord(stack, phone=_phone()[0])
    theirs = Landlord(stack, phone=_phone()[0])
    tenant_phone, tenant_number = _phone()
    mine.add_tenant(month_start(0, 1), phone=tenant_phone)
    _wait_status(stack, tenant_number, "tenant_approved", "sent")
    page = mine.browser.get(stack.url("/landlord/reminders")).text
    assert 'data-sms-month-count="1" data-sms-month-parts="1"' in page
    assert 'data-sms-month-count="0"' in theirs.browser.get(stack.url("/landlord/reminders")).text
