"""Rent reminders: the preview is the email that goes out, only tenants who owe get the
group reminders, the scheduler sends each occasion once (even two at once), never to a
tenant who paid, and the log shows how delivery went."""

import re
import secrets
import subprocess
import time
from datetime import timedelta

import requests

from accounts import key_of
from api_client import log_in
from browser import count, form_token, post_form
from reminders_helpers import (Landlord, day_text, emails_to, kes, month_start, normalized, preview_emails,
                               today)
from stack import at_once, wait_for


def _send(stack, landlord, target: dict, csrf: bool = True):
    query = "&".join(f"{k}={v}" for k, v in target.items() if k != "key")
    return post_form(stack, landlord.browser, f"/landlord/reminders/new?{query}", "/landlord/reminders", target,
                     csrf=csrf)


def test_one_tenant_gets_exactly_the_previewed_email(stack):
    landlord = Landlord(stack, name="Wambui Njoroge")
    start = month_start(-2, 1)
    lease = landlord.add_tenant(start, due_day=5, rent=12500)
    lease.pay(3000)
    owed = lease.owed(today())
    assert owed > 0
    last_due = today().replace(day=5) if today().day >= 5 else month_start(-1, 5)

    page = landlord.browser.get(stack.url(f"/landlord/reminders/new?lease={lease.id}"))
    assert page.status_code == 200
    [(to, subject, text)] = preview_emails(page.text)
    assert to == lease.email
    for expected in (f"Amount due: {kes(owed)}", f"Due date:   {day_text(last_due)}", stack.url("/tenant/pay"),
                     f"Paybill 174379, Account no. {_account(stack, lease)}", "Wambui Njoroge",
                     landlord.property_name):
        assert expected in text, expected
    assert subject == f"Rent reminder: {kes(owed)} due {day_text(last_due)}, unit A1 {landlord.property_name}"

    response = _send(stack, landlord, {"lease": lease.id})
    assert response.status_code == 303 and response.headers["Location"] == "/landlord/reminders?done=sent&count=1"
    email = stack.wait_for_email(to=lease.email, subject_contains="Rent reminder")
    assert email.subject == subject
    assert normalized(email.body) == normalized(text)
    assert email.reply_to == landlord.email
    time.sleep(1.5)
    assert len(emails_to(stack, lease.email, "Rent reminder")) == 1
    assert not emails_to(stack, landlord.email, "Rent reminder")


def test_group_reminders_skip_tenants_who_owe_nothing(stack):
    landlord = Landlord(stack, units=4)
    start = month_start(-2, 1)
    owes, paid_up, ended = (landlord.add_tenant(start, due_day=5) for _ in range(3))
    paid_up.pay(paid_up.owed(today()) + 500)
    ended_landlord_path = f"/landlord/leases/{ended.id}"
    assert post_form(stack, landlord.browser, ended_landlord_path, f"{ended_landlord_path}/end",
                     {"end": today().isoformat()}).status_code == 303

    for target in ("arrears=1", f"property={landlord.property_id}"):
        page = landlord.browser.get(stack.url(f"/landlord/reminders/new?{target}"))
        assert page.status_code == 200
        assert [to for to, _, _ in preview_emails(page.text)] == [owes.email], target

    assert _send(stack, landlord, {"arrears": "1"}).status_code == 303
    stack.wait_for_email(to=owes.email, subject_contains="Rent reminder")
    assert _send(stack, landlord, {"property": landlord.property_id}).status_code == 303
    stack.wait_for_email(to=owes.email, subject_contains="Rent reminder", count=2)
    time.sleep(1.5)
    assert not emails_to(stack, paid_up.email, "Rent reminder")
    assert not emails_to(stack, ended.email, "Rent reminder")
    assert count(stack, f"SELECT COUNT(*) FROM reminders WHERE landlord_id = {landlord.id}") == 2

    # Sent to the paid-up tenant on purpose: it goes, and tells them about the next rent.
    page = landlord.browser.get(stack.url(f"/landlord/reminders/new?lease={paid_up.id}"))
    [(_, subject, text)] = preview_emails(page.text)
    next_due = today().replace(day=5) if today().day < 5 else month_start(1, 5)
    assert subject == f"Rent reminder: KES 9,500 due {day_text(next_due)}, unit A2 {landlord.property_name}"
    assert "Amount due: KES 9,500" in text
    assert _send(stack, landlord, {"lease": paid_up.id}).status_code == 303
    assert normalized(stack.wait_for_email(to=paid_up.email, subject_contains="Rent reminder").body) == normalized(text)

    # The ended lease cannot be reminded; a property where nobody owes has no one to remind.
    refused = _send(stack, landlord, {"lease": ended.id})
    assert refused.status_code == 409 and "This lease has ended" in refused.text
    owes.pay(owes.owed(today()))
    nobody = _send(stack, landlord, {"arrears": "1"})
    assert nobody.status_code == 409 and "Nobody here owes rent" in nobody.text


def test_landlords_remind_only_their_own_tenants_and_need_csrf(stack):
    mine, theirs = Landlord(stack), Landlord(stack)
    my_lease = mine.add_tenant(month_start(-1, 1))
    their_lease = theirs.add_tenant(month_start(-1, 1))
    for query in (f"lease={their_lease.id}", f"property={theirs.property_id}", "lease=999999999", "lease=abc"):
        assert mine.browser.get(stack.url(f"/landlord/reminders/new?{query}")).status_code == 404, query
    stolen = post_form(stack, mine.browser, "/landlord/reminders/new", "/landlord/reminders",
                       {"lease": their_lease.id})
    assert stolen.status_code == 404
    # A tenant is not a landlord.
    assert my_lease.browser.get(stack.url(f"/landlord/reminders/new?lease={my_lease.id}")).status_code == 404

    outbox = count(stack, "SELECT COUNT(*) FROM outbox")
    refused = _send(stack, mine, {"lease": my_lease.id}, csrf=False)
    assert refused.status_code == 403
    assert count(stack, "SELECT COUNT(*) FROM outbox") == outbox
    assert count(stack, f"SELECT COUNT(*) FROM reminders WHERE landlord_id = {mine.id}") == 0

    chooser = mine.browser.get(stack.url("/landlord/reminders/new"))
    assert chooser.status_code == 200 and my_lease.name in chooser.text and their_lease.name not in chooser.text


def test_a_reminder_sent_twice_from_one_preview_goes_out_once(stack):
    """A double click on Send (one post after the other, or both at once) and a retried API request with its
    Idempotency-Key remind the tenant once, by email and by SMS, and answer as the first time did; a fresh
    preview sends again. A key is the landlord's own: another landlord sending with it is not refused."""
    landlord = Landlord(stack)
    lease = landlord.add_tenant(month_start(-2, 1), due_day=5)
    preview = f"/landlord/reminders/new?lease={lease.id}"

    def key():
        return key_of(landlord.browser.get(stack.url(preview)).text)

    def reminded():
        texts = count(stack, f"SELECT COUNT(*) FROM outbox WHERE landlord_id = {landlord.id} AND channel = 'sms'"
                             " AND kind = 'rent_reminder'")
        return count(stack, f"SELECT COUNT(*) FROM reminders WHERE lease_id = {lease.id}"), texts

    once = key()
    for _ in range(2):
        response = _send(stack, landlord, {"lease": lease.id, "key": once})
        assert response.status_code == 303 and response.headers["Location"] == "/landlord/reminders?done=sent&count=1"
    assert reminded() == (1, 1)

    form = {"_csrf": form_token(landlord.browser, stack.url(preview)), "lease": str(lease.id), "key": key()}
    answers = at_once(lambda: requests.post(stack.url("/landlord/reminders"), data=form,
                                            cookies=landlord.browser.cookies, allow_redirects=False).status_code
                      for _ in range(2))
    assert answers == [303, 303]
    assert reminded() == (2, 2)
    stack.wait_for_email(to=lease.email, subject_contains="Rent reminder", count=2)
    time.sleep(1.5)
    assert len(emails_to(stack, lease.email, "Rent reminder")) == 2

    assert _send(stack, landlord, {"lease": lease.id, "key": key()}).status_code == 303
    assert reminded() == (3, 3)

    api = log_in(stack, landlord.email)
    headers = {"Idempotency-Key": "retry-" + secrets.token_hex(8)}
    first = api.call("POST", "/api/v1/landlord/reminders", 201, json_body={"lease_id": lease.id}, headers=headers)
    again = api.call("POST", "/api/v1/landlord/reminders", 201, json_body={"lease_id": lease.id}, headers=headers)
    assert first.json() == again.json() and first.json()["count"] == 1
    assert reminded() == (4, 4)

    other = Landlord(stack)
    their_lease = other.add_tenant(month_start(-2, 1), due_day=5)
    assert _send(stack, other, {"lease": their_lease.id, "key": once}).status_code == 303
    assert count(stack, f"SELECT COUNT(*) FROM reminders WHERE lease_id = {their_lease.id}") == 1


def test_settings_accept_up_to_five_occasions_in_range(stack):
    landlord = Landlord(stack)
    page = "/landlord/reminders/settings"
    bad = post_form(stack, landlord.browser, page, page, {"occasion1": "-3", "occasion2": "+25", "occasion3": "x"})
    assert bad.status_code == 400
    assert bad.text.count("Enter a whole number of days from -10 (before) to +20 (after).") == 2
    assert count(stack, f"SELECT COUNT(*) FROM reminder_occasions WHERE landlord_id = {landlord.id}") == 0
    saved = post_form(stack, landlord.browser, page, page,
                      {"occasion1": "+5", "occasion2": "-3", "occasion3": "0", "occasion4": "5", "occasion5": ""})
    assert saved.status_code == 303
    assert stack.sql(f"SELECT offset_days FROM reminder_occasions WHERE landlord_id = {landlord.id}"
                     " ORDER BY offset_days").split() == ["-3", "0", "5"]
    shown = landlord.browser.get(stack.url(saved.headers["Location"]))
    assert "Automatic reminders saved." in shown.text and 'value="+5"' in shown.text and 'value="-3"' in shown.text
    off = post_form(stack, landlord.browser, page, page, {})
    assert off.status_code == 303
    assert count(stack, f"SELECT COUNT(*) FROM reminder_occasions WHERE landlord_id = {landlord.id}") == 0


def _remind(stack, day, *, processes=1):
    env = dict(stack.env, NYUMBA_TODAY=day.isoformat())
    runs = [subprocess.Popen([stack.binary, "remind", "--once"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(processes)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0] * processes, [err[-1500:] for _, err in outputs]
    return [int(re.search(r"remind: (\d+) automatic", err).group(1)) for _, err in outputs]


def _set_occasions(stack, landlord, *offsets):
    page = "/landlord/reminders/settings"
    fields = {f"occasion{i + 1}": str(o) for i, o in enumerate(offsets)}
    assert post_form(stack, landlord.browser, page, page, fields).status_code == 303


def test_scheduler_sends_each_occasion_once_and_never_to_a_tenant_who_paid(stack):
    # The responder's own scheduler (real today) stays out of the way.
    stack.stop_responder()
    stack.start_responder("--no-scheduler")
    try:
        landlord = Landlord(stack, name="Kamau Auto")
        start = month_start(-2, 1)
        owes = landlord.add_tenant(start, due_day=5, rent=10000)
        paid = landlord.add_tenant(start, due_day=5, rent=10000)
        _set_occasions(stack, landlord, -3, 0, 5)
        due = month_start(1, 5)
        before = month_start(1, 2)
        paid.pay(paid.owed(due))

        assert _remind(stack, before) == [1]
        assert _remind(stack, before) == [0]
        email = stack.wait_for_email(to=owes.email, subject_contains="Rent reminder")
        amount = owes.owed(due)
        assert f"Amount due: {kes(amount)}" in email.body and f"Due date:   {day_text(due)}" in email.body
        assert "This is an automatic reminder from Kamau Auto" in email.body
        assert email.subject == f"Rent reminder: {kes(amount)} due {day_text(due)}, unit A1 {landlord.property_name}"
        assert email.reply_to == landlord.email

        # A day with no occasion sends nothing; the due day sends the second reminder.
        assert _remind(stack, month_start(1, 3)) == [0]
        assert _remind(stack, due) == [1]
        stack.wait_for_email(to=owes.email, subject_contains="Rent reminder", count=2)

        # The tenant pays before the +5 occasion: nothing more goes out.
        owes.pay(owes.owed(due))
        assert _remind(stack, month_start(1, 10)) == [0]
        time.sleep(2)
        assert len(emails_to(stack, owes.email, "Rent reminder")) == 2
        assert not emails_to(stack, paid.email, "Rent reminder")
        rows = stack.sql(f"SELECT lease_id, occasion, outbox_id IS NOT NULL FROM reminders WHERE landlord_id ="
                         f" {landlord.id} ORDER BY lease_id, occasion").splitlines()
        assert rows == [f"{owes.id}\t-3\t1", f"{owes.id}\t0\t1", f"{owes.id}\t5\t0",
                        f"{paid.id}\t-3\t0", f"{paid.id}\t0\t0", f"{paid.id}\t5\t0"]
        log = landlord.browser.get(stack.url("/landlord/reminders")).text
        assert log.count("<td>Automatic reminder</td>") == 2
    finally:
        stack.stop_responder()
        stack.start_responder()


def test_two_schedulers_at_once_send_each_reminder_once(stack):
    stack.stop_responder()
    stack.start_responder("--no-scheduler")
    try:
        landlord = Landlord(stack, units=40)
        _set_occasions(stack, landlord, 0)
        # Forty tenants written straight into the database (sign-ups are slow).
        stack.sql(f"""
            INSERT INTO users (role, name, email, phone, password_hash, status, created_at)
            SELECT 'tenant', CONCAT('Bulk ', seq), CONCAT('bulk-{landlord.id}-', seq, '@example.com'), '254722000111',
                   'x', 'active', UTC_TIMESTAMP(6) FROM seq_1_to_40""")
        stack.sql(f"""
            INSERT INTO leases (tenant_id, unit_id, property_id, landlord_id, monthly_rent, due_day, start_date,
                                created_at)
            SELECT t.id, u.id, {landlord.property_id}, {landlord.id}, 9000, 7, '{month_start(-1, 1)}', UTC_TIMESTAMP(6)
            FROM users t JOIN units u ON u.property_id = {landlord.property_id}
                AND u.label = CONCAT('A', SUBSTRING_INDEX(SUBSTRING_INDEX(t.email, '-', -1), '@', 1))
            WHERE t.email LIKE 'bulk-{landlord.id}-%'""")
        assert count(stack, f"SELECT COUNT(*) FROM leases WHERE landlord_id = {landlord.id}") == 40

        day = month_start(1, 7)
        sent = _remind(stack, day, processes=2)
        assert sum(sent) == 40
        assert _remind(stack, day, processes=2) == [0, 0]
        addresses = [f"bulk-{landlord.id}-{n}@example.com" for n in range(1, 41)]
        wait_for(lambda: all(emails_to(stack, a, "Rent reminder") for a in addresses), timeout=60,
                 what="forty reminders")
        time.sleep(1.5)
        assert all(len(emails_to(stack, a, "Rent reminder")) == 1 for a in addresses)
        assert "Amount due: KES 27,000" in emails_to(stack, addresses[0], "Rent reminder")[0].body
    finally:
        stack.stop_responder()
        stack.start_responder()


def test_the_responder_runs_the_scheduler(stack):
    landlord = Landlord(stack)
    lease = landlord.add_tenant(month_start(-1, 1), due_day=12)
    _set_occasions(stack, landlord, 0)
    stack.stop_responder()
    stack.env["NYUMBA_TODAY"] = month_start(2, 12).isoformat()
    try:
        stack.start_responder()
        stack.wait_for_email(to=lease.email, subject_contains="Rent reminder", timeout=30)
    finally:
        del stack.env["NYUMBA_TODAY"]
        stack.stop_responder()
        stack.start_responder()
    assert len(emails_to(stack, lease.email, "Rent reminder")) == 1


def test_log_shows_queued_then_sent(stack):
    landlord = Landlord(stack)
    lease = landlord.add_tenant(month_start(-1, 1))
    stack.stop_smtp()
    try:
        assert _send(stack, landlord, {"lease": lease.id}).status_code == 303
        wait_for(lambda: count(stack, f"SELECT attempts FROM outbox WHERE recipient = '{lease.email}'"
                                      " AND kind = 'rent_reminder'") >= 1, timeout=20, what="a failed attempt")
        log = landlord.browser.get(stack.url("/landlord/reminders?done=sent&count=1")).text
        assert "Reminder queued for sending." in log
        assert lease.name in log and "Queued (retrying after" in log and "Rent reminder" in log
    finally:
        stack.start_smtp()
    stack.wait_for_email(to=lease.email, subject_contains="Rent reminder", timeout=60)
    wait_for(lambda: "Sent " in landlord.browser.get(stack.url("/landlord/reminders")).text, timeout=10,
             what="log shows sent")
    stack.sql(f"UPDATE outbox SET status = 'failed', attempts = 6 WHERE recipient = '{lease.email}'"
              " AND kind = 'rent_reminder'")
    assert "Failed after 6 attempts" in landlord.browser.get(stack.url("/landlord/reminders")).text


def _account(stack, lease) -> str:
    """The paybill account number of the lease's unit."""
    return stack.sql(f"SELECT u.account_no FROM leases l JOIN units u ON u.id = l.unit_id WHERE l.id = {lease.id}").strip()


def test_a_reminder_warns_of_the_properties_late_fee_before_it_is_added(stack):
    landlord = Landlord(stack, name="Chebet Late", rent=10000)
    settings = f"/landlord/properties/{landlord.property_id}/charges"
    saved = post_form(stack, landlord.browser, settings, settings, {
        "lateFeeKind": "fixed", "lateFeeAmount": "500", "lateFeeDays": "28", "garbageFee": "", "securityFee": "",
        "waterRate": "100", "depositMonths": "2"})
    assert saved.status_code == 303, saved.text[:300]
    # Due today (or on the 28th, the latest due day): the fee day is 28 days after it, still ahead.
    due_day = min(today().day, 28)
    lease = landlord.add_tenant(month_start(-1, 1), due_day=due_day, rent=10000)
    fee_day = today().replace(day=due_day) + timedelta(days=28)
    assert _send(stack, landlord, {"lease": lease.id}).status_code == 303
    email = stack.wait_for_email(to=lease.email, subject_contains="Rent reminder")
    assert (f"A late fee of KES 500 is added to your account if this rent is still unpaid on {day_text(fee_day)}."
            in normalized(email.body))

    # A property without a late fee: no warning.
    plain = Landlord(stack, name="Chebet Plain", rent=10000)
    other = plain.add_tenant(month_start(-1, 1), due_day=due_day, rent=10000)
    assert _send(stack, plain, {"lease": other.id}).status_code == 303
    assert "late fee" not in stack.wait_for_email(to=other.email, subject_contains="Rent reminder").body
