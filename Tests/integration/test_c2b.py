"""Tenants pay rent from the M-Pesa menu (paybill, C2B), end to end through nginx against
MariaDB and the Daraja simulator: account numbers, the confirmation and validation URLs,
forgiving matching, the landlord's queue of unmatched payments, and one payment per TransID
whichever way M-Pesa reports it."""

import hashlib
import json
import secrets
import signal
import threading
import time

import requests

from accounts import PASSWORD, sign_up_landlord
from browser import count, post_form, user_id
from stack import at_once, wait_for
from test_payments import _checkout, _deadlocks, _payments, _post_callback, _pushed, _receipt_balances, \
    _success_body, _tenant_with_lease, _wait_settled

PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919"


# Helpers


def _url(stack, kind="confirmation", token=None) -> str:
    return stack.url(f"/daraja/c2b/{token or stack.callback_token}/{kind}")


def _trans_id() -> str:
    return "T" + secrets.token_hex(5).upper()[:9]


def _body(account, amount="1500.00", shortcode="174379", trans_id=None, msisdn="2547 ***** 126", **extra) -> dict:
    body = {"TransactionType": "Pay Bill", "TransID": trans_id or _trans_id(), "TransTime": "20261201093015",
            "TransAmount": amount, "BusinessShortCode": shortcode, "BillRefNumber": account, "InvoiceNumber": "",
            "OrgAccountBalance": "25.00", "ThirdPartyTransID": "", "MSISDN": msisdn, "FirstName": "JANE",
            "MiddleName": "", "LastName": "DOE"}
    body.update(extra)
    return body


def _confirm(stack, body, kind="confirmation", token=None, content_type="application/json") -> requests.Response:
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return requests.post(_url(stack, kind, token), data=data, headers={"Content-Type": content_type}, timeout=30)


def _lease(stack, email) -> tuple[int, str, str]:
    """The tenant's open lease: id, unit account number, unit label."""
    row = stack.sql("SELECT l.id, u.account_no, u.label FROM leases l JOIN users t ON t.id = l.tenant_id "
                    f"JOIN units u ON u.id = l.unit_id WHERE t.email = '{email}' AND l.end_date IS NULL")
    lease, account, label = row.strip().split("\t")
    return int(lease), account, label


def _c2b(stack, trans_id, columns="status") -> list[str]:
    return stack.sql(f"SELECT {columns} FROM c2b_payments WHERE trans_id = '{trans_id}'").rstrip("\n").split("\t")


def _ledger(stack, trans_id) -> list[list[str]]:
    rows = stack.sql(f"SELECT lease_id, amount, channel FROM payments WHERE receipt = '{trans_id}'")
    return [row.split("\t") for row in rows.splitlines()]


def _own_paybill(stack, landlord) -> str:
    """Gives the landlord their own paybill (a fresh shortcode); returns it."""
    shortcode = f"7{secrets.randbelow(100_000):05d}"
    saved = post_form(stack, landlord, "/landlord/mpesa", "/landlord/mpesa",
                      {"shortcode": shortcode, "type": "paybill", "partyB": "", "consumerKey": "sim-key",
                       "consumerSecret": "sim-secret", "passkey": PASSKEY, "password": PASSWORD})
    assert saved.status_code == 303, saved.text[:500]
    return shortcode


# Account numbers


def test_every_open_lease_has_a_short_unconfusable_account_number_shown_to_the_tenant(stack):
    tenant, email, *_ = _tenant_with_lease(stack)
    _, account, label = _lease(stack, email)
    assert len(account) <= 12 and account.isalnum() and account == account.upper()
    code = account[:-len(label)]
    assert account.endswith(label) and len(code) == 3 and not set(code) & set("O0I1")
    assert count(stack, f"SELECT COUNT(*) FROM units WHERE account_no = '{account}'") == 1
    words = f"Paybill 174379, Account no. {account}"
    assert words in tenant.get(stack.url("/tenant")).text
    assert words in tenant.get(stack.url("/tenant/pay")).text


# The paybill payment


def test_register_then_pay_the_paybill_through_the_simulator_records_one_payment(stack):
    registered = stack.nyumba("c2b-register")
    assert registered.returncode == 0, registered.stderr
    registrations = requests.get(stack.sim_url + "/sim/c2b/registrations", timeout=10).json()
    assert registrations["174379"]["version"] == "v2"
    assert registrations["174379"]["confirmationURL"].endswith(f"/daraja/c2b/{stack.callback_token}/confirmation")

    tenant, email, landlord, landlord_email, _ = _tenant_with_lease(stack, name="Mwangi Kariuki")
    lease, account, _ = _lease(stack, email)
    paid = requests.post(stack.sim_url + "/sim/c2b/pay", timeout=30, json={
        "shortcode": "174379", "account": account, "amount": 12500, "phone": "254712000126"}).json()
    assert paid["validation"] == 200 and json.loads(paid["validationBody"])["ResultCode"] == "0"
    assert paid["confirmation"] == 200 and json.loads(paid["confirmationBody"])["ResultCode"] == 0
    trans_id = paid["transID"]
    assert _ledger(stack, trans_id) == [[str(lease), "12500", "c2b"]]
    assert _c2b(stack, trans_id, "status, msisdn") == ["recorded", "2547 ***** 126"]
    assert count(stack, f"SELECT COUNT(*) FROM c2b_callbacks WHERE trans_id = '{trans_id}'") == 2
    mail = stack.wait_for_email(email, "Payment received")
    assert "KES 12,500" in mail.body and trans_id in mail.body
    # The tenant's receipt by SMS too: amount, receipt number, unit and balance in one GSM-7 part.
    wait_for(lambda: stack.sql(f"SELECT status FROM outbox WHERE channel = 'sms' AND kind = 'payment_receipt'"
                               f" AND text_body LIKE '%{trans_id}%'").strip() == "sent", what="receipt SMS")
    [sms] = [m for m in stack.sms_messages() if trans_id in m["message"]]
    assert "KES 12,500" in sms["message"] and sms["recipients"][0]["messageParts"] == 1
    [note] = stack.sql(f"SELECT parameters FROM notifications WHERE landlord_id = {user_id(stack, landlord_email)}"
                       " AND kind = 'payment_received'").splitlines()
    assert json.loads(note)["amount"] == {"figure": "money", "value": 12500} and json.loads(note)["tenantName"] == "Mwangi Kariuki"
    assert trans_id in tenant.get(stack.url("/tenant")).text
    payment = int(stack.sql(f"SELECT id FROM payments WHERE receipt = '{trans_id}'"))
    receipt = tenant.get(stack.url(f"/tenant/payments/{payment}/receipt")).text
    assert trans_id in receipt and f"Paybill 174379, Account no. {account}" in receipt


def test_forgiven_typos_all_reach_the_lease(stack):
    _, email, *_ = _tenant_with_lease(stack)
    lease, account, label = _lease(stack, email)
    typed = [account.lower(), " ".join(account), account[:3] + "-" + account[3:],
             account.replace("0", "O").replace("1", "I")]
    for number in typed:
        trans_id = _trans_id()
        response = _confirm(stack, _body(number, trans_id=trans_id))
        assert response.status_code == 200 and response.json() == {"ResultCode": 0, "ResultDesc": "Success"}
        assert _ledger(stack, trans_id) == [[str(lease), "1500", "c2b"]], number


def test_the_unit_label_alone_matches_when_it_is_unique_on_the_landlords_paybill(stack):
    landlord, _ = sign_up_landlord(stack)
    tenant, email, *_ = _tenant_with_lease(stack, landlord=landlord)
    lease, account, label = _lease(stack, email)
    assert f"Paybill 174379, Account no. {account}" in tenant.get(stack.url("/tenant")).text
    shortcode = _own_paybill(stack, landlord)
    # The cached home page follows the landlord's own paybill at once.
    assert f"Paybill {shortcode}, Account no. {account}" in tenant.get(stack.url("/tenant")).text
    trans_id = _trans_id()
    assert _confirm(stack, _body(label.lower(), shortcode=shortcode, trans_id=trans_id)).status_code == 200
    assert _ledger(stack, trans_id) == [[str(lease), "1500", "c2b"]]
    # On the shared shortcode, where many units are "A1", the label alone matches nobody.
    shared = _trans_id()
    _tenant_with_lease(stack)
    _tenant_with_lease(stack)
    assert _confirm(stack, _body(label, trans_id=shared)).status_code == 200
    assert _c2b(stack, shared, "status, IFNULL(landlord_id, '-')") == ["unmatched", "-"]


def test_an_account_number_paid_to_another_paybill_is_not_credited_there(stack):
    _, email, *_ = _tenant_with_lease(stack)  # paid through the shared shortcode
    _, account, _ = _lease(stack, email)
    trans_id = _trans_id()
    assert _confirm(stack, _body(account, shortcode="765432", trans_id=trans_id)).status_code == 200
    assert _ledger(stack, trans_id) == [] and _c2b(stack, trans_id) == ["unmatched"]


# Duplicates


def test_duplicate_and_concurrent_confirmations_record_one_payment(stack):
    _, email, *_ = _tenant_with_lease(stack)
    lease, account, _ = _lease(stack, email)
    trans_id = _trans_id()
    body = _body(account, trans_id=trans_id)
    answers = []

    def post():
        answers.append(_confirm(stack, body).status_code)

    threads = [threading.Thread(target=post) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200] * 20
    assert _ledger(stack, trans_id) == [[str(lease), "1500", "c2b"]]
    assert count(stack, f"SELECT COUNT(*) FROM c2b_payments WHERE trans_id = '{trans_id}'") == 1
    assert count(stack, f"SELECT COUNT(*) FROM c2b_callbacks WHERE trans_id = '{trans_id}'") == 20
    assert count(stack, f"SELECT COUNT(*) FROM c2b_callbacks WHERE trans_id = '{trans_id}' "
                        "AND outcome = 'duplicate'") == 19
    assert count(stack, f"SELECT total_paid FROM leases WHERE id = {lease}") == 1500


def test_thirty_paybill_payments_to_one_lease_at_once_all_reach_the_ledger_each_with_its_own_balance(stack):
    """A batch takes one confirmation per lease and the others are settled one by one, at the same time: the
    payments to the lease take turns on it (none is a deadlock's victim; four in a row answered one 500 and
    left that payment out of the ledger), and each receipt counts every payment committed before it."""
    _, email, *_ = _tenant_with_lease(stack)
    lease, account, _ = _lease(stack, email)
    deadlocks = _deadlocks(stack)
    bodies = [_body(account, amount="100.00") for _ in range(30)]
    answers = at_once(lambda body=body: _confirm(stack, body).status_code for body in bodies)
    assert answers == [200] * 30
    assert _deadlocks(stack) == deadlocks
    assert count(stack, f"SELECT COUNT(*) FROM payments WHERE lease_id = {lease} AND channel = 'c2b'") == 30
    assert count(stack, f"SELECT total_paid FROM leases WHERE id = {lease}") == 3000
    balances = _receipt_balances(stack, email)
    assert len(balances) == 30 and len(set(balances)) == 30, balances


def test_the_same_trans_id_through_an_stk_callback_and_a_confirmation_is_one_payment(stack):
    tenant, email, *_ = _tenant_with_lease(stack)
    lease, account, _ = _lease(stack, email)
    # STK first, then the paybill confirmation of the same receipt.
    request = _pushed(stack, tenant, "2500", "0000")
    assert _wait_settled(stack, request) == "succeeded"
    deadline = time.monotonic() + 10
    while _payments(stack, request)[0][2] == "-" and time.monotonic() < deadline:
        time.sleep(0.1)
    receipt = _payments(stack, request)[0][2]
    assert _confirm(stack, _body(account, amount="2500.00", trans_id=receipt)).status_code == 200
    assert _ledger(stack, receipt) == [[str(lease), "2500", "stk"]]
    assert _c2b(stack, receipt) == ["duplicate"]

    # The paybill confirmation first, then an STK callback with the same receipt.
    request = _pushed(stack, tenant, "3000", "9998")  # the simulator never calls back
    checkout = _checkout(stack, request)
    receipt = _trans_id()
    assert _confirm(stack, _body(account, amount="3000.00", trans_id=receipt)).status_code == 200
    assert _post_callback(stack, _success_body(checkout, amount=3000, receipt=receipt)).status_code == 200
    assert _ledger(stack, receipt) == [[str(lease), "3000", "c2b"]]
    assert count(stack, f"SELECT COUNT(*) FROM payments WHERE lease_id = {lease}") == 2
    assert count(stack, f"SELECT total_paid FROM leases WHERE id = {lease}") == 5500


# Bad input


def test_wrong_token_malformed_and_oversized_bodies_are_refused_and_record_nothing(stack):
    _, email, *_ = _tenant_with_lease(stack)
    _, account, _ = _lease(stack, email)
    callbacks = count(stack, "SELECT COUNT(*) FROM c2b_callbacks")
    payments = count(stack, "SELECT COUNT(*) FROM c2b_payments")
    assert _confirm(stack, _body(account), token="x" * 32).status_code == 404
    assert _confirm(stack, _body(account), kind="validation", token="x" * 32).status_code == 404
    assert count(stack, "SELECT COUNT(*) FROM c2b_callbacks") == callbacks

    bad = [
        _body(account, amount="12.50"),  # not whole shillings
        _body(account, amount=1500),  # a number, not a string
        _body(account, amount="-5"),
        _body(account, TransTime="2026-12-01"),
        _body(account, BusinessShortCode="12"),
        _body(account, TransID="AB CD"),
        {k: v for k, v in _body(account).items() if k != "MSISDN"},
        "not json",
        "[1, 2]",
    ]
    for body in bad:
        response = _confirm(stack, body)
        assert response.status_code == 400, body
    assert _confirm(stack, _body(account), content_type="text/plain").status_code == 400
    oversized = _confirm(stack, _body(account, InvoiceNumber="x" * 20_000))
    assert oversized.status_code == 413
    assert count(stack, "SELECT COUNT(*) FROM c2b_payments") == payments
    kept = count(stack, f"SELECT COUNT(*) FROM c2b_callbacks WHERE id > 0 AND outcome = 'malformed'")
    assert kept >= len(bad) + 1, "every malformed body is kept as received"
    assert count(stack, "SELECT COUNT(*) FROM c2b_callbacks WHERE body = 'not json' AND outcome = 'malformed'") >= 1


def test_validation_accepts_known_and_unknown_account_numbers_and_records_nothing(stack):
    _, email, *_ = _tenant_with_lease(stack)
    _, account, _ = _lease(stack, email)
    for number in (account, "NOSUCHUNIT"):
        trans_id = _trans_id()
        response = _confirm(stack, _body(number, trans_id=trans_id), kind="validation")
        assert response.status_code == 200 and response.json() == {"ResultCode": "0", "ResultDesc": "Accepted"}
        assert _ledger(stack, trans_id) == [] and _c2b(stack, trans_id) == [""]


# Unmatched payments


def test_unmatched_payments_are_listed_for_the_paybills_landlord_who_assigns_them(stack):
    landlord, landlord_email = sign_up_landlord(stack)
    shortcode = _own_paybill(stack, landlord)
    tenant, email, *_ = _tenant_with_lease(stack, landlord=landlord, name="Achieng Otieno")
    lease, account, _ = _lease(stack, email)
    tenant_phone = stack.sql(f"SELECT phone FROM users WHERE email = '{email}'").strip()
    other, _ = sign_up_landlord(stack)

    trans_id = _trans_id()
    hashed = hashlib.sha256(tenant_phone.encode()).hexdigest()
    assert _confirm(stack, _body("wrong 77", amount="4000.00", shortcode=shortcode, trans_id=trans_id,
                                 msisdn=hashed)).status_code == 200
    assert _ledger(stack, trans_id) == []
    [row_id, status, owner] = _c2b(stack, trans_id, "id, status, landlord_id")
    assert status == "unmatched" and int(owner) == user_id(stack, landlord_email)

    page = landlord.get(stack.url("/landlord/payments/unmatched"))
    assert page.status_code == 200
    assert f'data-unmatched="{row_id}"' in page.text and trans_id in page.text and "wrong 77" in page.text
    assert "KES 4,000" in page.text and "JANE DOE" in page.text
    assert "Phone matches your tenant Achieng Otieno" in page.text
    assert 'data-unmatched-count="1"' in landlord.get(stack.url("/landlord/payments")).text
    # The paybill's landlord is told by SMS and on their notifications tab, nobody else.
    landlord_id = user_id(stack, landlord_email)
    assert stack.sql(f"SELECT channel, recipient FROM outbox WHERE kind = 'unmatched_payment'"
                     f" AND landlord_id = {landlord_id}").split() == ["sms", "+254712345678"]
    assert 'data-notification="unmatched_payment"' in landlord.get(stack.url("/landlord/notifications")).text
    assert trans_id in landlord.get(stack.url("/landlord/notifications")).text
    assert 'data-notification="unmatched_payment"' not in other.get(stack.url("/landlord/notifications")).text

    # Nobody else sees or decides it.
    assert trans_id not in other.get(stack.url("/landlord/payments/unmatched")).text
    assert tenant.get(stack.url("/landlord/payments/unmatched")).status_code == 404
    other_lease = _lease(stack, _tenant_with_lease(stack, landlord=other)[1])[0]
    for browser, target in ((other, other_lease), (other, lease)):
        refused = post_form(stack, browser, "/landlord/payments/unmatched",
                            f"/landlord/payments/unmatched/{row_id}/assign", {"lease": str(target)})
        assert refused.status_code == 404
    # The right landlord cannot put it on another landlord's lease either.
    refused = post_form(stack, landlord, "/landlord/payments/unmatched",
                        f"/landlord/payments/unmatched/{row_id}/assign", {"lease": str(other_lease)})
    assert refused.status_code == 404
    missing = post_form(stack, landlord, "/landlord/payments/unmatched",
                        f"/landlord/payments/unmatched/{row_id}/assign", {"lease": ""})
    assert missing.status_code == 400
    assert _ledger(stack, trans_id) == []

    assigned = post_form(stack, landlord, "/landlord/payments/unmatched",
                         f"/landlord/payments/unmatched/{row_id}/assign", {"lease": str(lease)})
    assert assigned.status_code == 303
    assert _ledger(stack, trans_id) == [[str(lease), "4000", "c2b"]]
    assert _c2b(stack, trans_id) == ["assigned"]
    assert trans_id not in landlord.get(stack.url("/landlord/payments/unmatched")).text
    assert "data-unmatched-count" not in landlord.get(stack.url("/landlord/payments")).text
    assert trans_id in tenant.get(stack.url("/tenant")).text
    mail = stack.wait_for_email(email, "Payment received")
    assert "KES 4,000" in mail.body
    again = post_form(stack, landlord, "/landlord/payments/unmatched",
                      f"/landlord/payments/unmatched/{row_id}/assign", {"lease": str(lease)})
    assert again.status_code == 404 and len(_ledger(stack, trans_id)) == 1


def test_an_unmatched_payment_can_be_marked_not_rent_with_a_note_and_is_kept(stack):
    landlord, _ = sign_up_landlord(stack)
    shortcode = _own_paybill(stack, landlord)
    other, _ = sign_up_landlord(stack)
    trans_id = _trans_id()
    assert _confirm(stack, _body("DEPOSIT", shortcode=shortcode, trans_id=trans_id)).status_code == 200
    [row_id] = _c2b(stack, trans_id, "id")
    action = f"/landlord/payments/unmatched/{row_id}/not-rent"
    assert post_form(stack, landlord, "/landlord/payments/unmatched", action, {"note": ""}).status_code == 400
    assert post_form(stack, other, "/landlord/payments/unmatched", action, {"note": "mine"}).status_code == 404
    done = post_form(stack, landlord, "/landlord/payments/unmatched", action, {"note": "Water bill refund"})
    assert done.status_code == 303
    assert _c2b(stack, trans_id, "status, note") == ["not_rent", "Water bill refund"]
    assert _ledger(stack, trans_id) == []


def test_unmatched_payments_on_the_shared_shortcode_are_the_operators_only(stack):
    landlord, _ = sign_up_landlord(stack)
    trans_id = _trans_id()
    assert _confirm(stack, _body("ZZZZ99", trans_id=trans_id, msisdn="254712345678")).status_code == 200
    assert _c2b(stack, trans_id, "status, IFNULL(landlord_id, '-')") == ["unmatched", "-"]
    assert trans_id not in landlord.get(stack.url("/landlord/payments/unmatched")).text
    assert count(stack, f"SELECT COUNT(*) FROM notifications WHERE parameters LIKE '%{trans_id}%'") == 0
    listed = stack.nyumba("unmatched")
    assert listed.returncode == 0, listed.stderr
    assert trans_id in listed.stdout and "ZZZZ99" in listed.stdout


# The responder killed during a flood


def test_sigkill_during_a_flood_of_confirmations_each_trans_id_is_in_the_ledger_once(stack):
    leases = []
    for _ in range(4):
        _, email, *_ = _tenant_with_lease(stack)
        lease, account, _ = _lease(stack, email)
        leases.append((lease, account))
    # 2,000 confirmations, 30% of them repeats of a TransID sent just before (by another thread).
    prefix = "F" + secrets.token_hex(2).upper()
    flood = []
    for n in range(2000):
        index = n * 7 // 10
        lease, account = leases[index % len(leases)]
        flood.append(json.dumps(_body(account, amount="100.00", trans_id=f"{prefix}{index:05d}")))
    distinct = len({body for body in flood})
    answers, lock = [], threading.Lock()

    def send(bodies):
        session = requests.Session()
        for body in bodies:
            try:
                status = session.post(_url(stack), data=body, timeout=10,
                                      headers={"Content-Type": "application/json"}).status_code
            except requests.RequestException as error:
                status = type(error).__name__
            with lock:
                answers.append(status)

    def flood_with(threads_count):
        next_index = iter(range(len(flood)))
        def worker():
            send(flood[index] for index in next_index)
        threads = [threading.Thread(target=worker) for _ in range(threads_count)]
        for thread in threads:
            thread.start()
        return threads

    threads = flood_with(8)
    try:
        wait_for(lambda: len(answers) >= len(flood) // 3, timeout=60, what="a third of the flood")
        stack.stop_responder(signal.SIGKILL)
        for thread in threads:
            thread.join(timeout=60)
    finally:
        stack.restart_responder()
    before = count(stack, f"SELECT COUNT(*) FROM payments WHERE receipt LIKE '{prefix}%'")
    assert 0 < before < distinct

    # The whole flood again, as a recovery (Pull Transactions) would replay it.
    answers.clear()
    for thread in flood_with(8):
        thread.join(timeout=120)
    assert answers == [200] * len(flood)
    per_trans = stack.sql(f"SELECT receipt, COUNT(*) FROM payments WHERE receipt LIKE '{prefix}%' GROUP BY receipt")
    counts = [int(line.split("\t")[1]) for line in per_trans.splitlines()]
    assert len(counts) == distinct and set(counts) == {1}
    assert count(stack, f"SELECT COUNT(*) FROM c2b_payments WHERE trans_id LIKE '{prefix}%'") == distinct
    for lease, _ in leases:
        paid = count(stack, f"SELECT total_paid FROM leases WHERE id = {lease}")
        assert paid == count(stack, f"SELECT COALESCE(SUM(amount), 0) FROM payments WHERE lease_id = {lease}")


# The landlord's own paybill


def test_a_landlord_registers_their_paybill_and_may_have_unknown_account_numbers_refused(stack):
    landlord, _ = sign_up_landlord(stack)
    other, _ = sign_up_landlord(stack)
    tenant, email, *_ = _tenant_with_lease(stack, landlord=landlord)
    # Without settings of their own there is nothing to register.
    refused = post_form(stack, landlord, "/landlord/mpesa", "/landlord/mpesa/c2b-register", {})
    assert refused.status_code == 409 and "Save your own paybill settings first" in refused.text
    shortcode = _own_paybill(stack, landlord)
    assert tenant.post(stack.url("/landlord/mpesa/c2b-register"), allow_redirects=False).status_code in (403, 404)
    registered = post_form(stack, landlord, "/landlord/mpesa", "/landlord/mpesa/c2b-register", {})
    assert registered.status_code == 303, registered.text[:500]
    registrations = requests.get(stack.sim_url + "/sim/c2b/registrations", timeout=10).json()
    assert registrations[shortcode]["version"] == "v2"
    assert registrations[shortcode]["validationURL"].endswith(f"/daraja/c2b/{stack.callback_token}/validation")

    def pay(account):
        return requests.post(stack.sim_url + "/sim/c2b/pay", timeout=30, json={
            "shortcode": shortcode, "account": account, "amount": 700, "phone": "254712000999"}).json()

    _, account, _ = _lease(stack, email)
    assert _c2b(stack, pay(account)["transID"]) == ["recorded"]
    assert _c2b(stack, pay("NOSUCH1")["transID"]) == ["unmatched"]

    # Refusing unknown account numbers is the landlord's choice, for their paybill only.
    assert post_form(stack, other, "/landlord/mpesa", "/landlord/mpesa/c2b-validation",
                     {"reject": "on"}).status_code == 303
    assert _c2b(stack, pay("NOSUCH2")["transID"]) == ["unmatched"]
    assert post_form(stack, landlord, "/landlord/mpesa", "/landlord/mpesa/c2b-validation",
                     {"reject": "on"}).status_code == 303
    assert "checked" in landlord.get(stack.url("/landlord/mpesa")).text
    rejected = pay("NOSUCH3")
    assert json.loads(rejected["validationBody"]) == {"ResultCode": "C2B00012", "ResultDesc": "Rejected"}
    assert "confirmation" not in rejected and _c2b(stack, rejected["transID"]) == [""]
    assert _c2b(stack, pay(account.lower())["transID"]) == ["recorded"]
    assert post_form(stack, landlord, "/landlord/mpesa", "/landlord/mpesa/c2b-validation", {}).status_code == 303
    assert _c2b(stack, pay("NOSUCH4")["transID"]) == ["unmatched"]


def test_a_daraja_refusal_to_register_is_shown_in_plain_words(stack):
    landlord, _ = sign_up_landlord(stack)
    saved = post_form(stack, landlord, "/landlord/mpesa", "/landlord/mpesa",
                      {"shortcode": f"8{secrets.randbelow(100_000):05d}", "type": "paybill", "partyB": "",
                       "consumerKey": "wrong-key", "consumerSecret": "wrong-secret", "passkey": PASSKEY,
                       "password": PASSWORD})
    assert saved.status_code == 303
    refused = post_form(stack, landlord, "/landlord/mpesa", "/landlord/mpesa/c2b-register", {})
    assert refused.status_code == 502 and "M-Pesa did not register your paybill" in refused.text


# The API


def test_the_api_lists_assigns_and_marks_unmatched_payments_for_their_landlord_only(stack):
    from api_client import log_in as api_log_in

    landlord, landlord_email = sign_up_landlord(stack)
    shortcode = _own_paybill(stack, landlord)
    _, email, *_ = _tenant_with_lease(stack, landlord=landlord)
    lease, _, _ = _lease(stack, email)
    other_browser, other_email = sign_up_landlord(stack)
    tenant_email = _tenant_with_lease(stack, landlord=other_browser)[1]
    api, other, tenant = (api_log_in(stack, e) for e in (landlord_email, other_email, tenant_email))

    first, second = _trans_id(), _trans_id()
    for trans_id in (first, second):
        assert _confirm(stack, _body("??", shortcode=shortcode, trans_id=trans_id)).status_code == 200
    listed = api.get("/api/v1/landlord/payments/unmatched").json()
    assert {item["receipt"] for item in listed["items"]} >= {first, second}
    item = next(item for item in listed["items"] if item["receipt"] == first)
    assert item["amount"] == 1500 and item["account"] == "??" and item["shortcode"] == shortcode
    assert other.get("/api/v1/landlord/payments/unmatched").json()["items"] == []
    tenant.get("/api/v1/landlord/payments/unmatched", status=404)

    [first_id] = _c2b(stack, first, "id")
    [second_id] = _c2b(stack, second, "id")
    other.post("/api/v1/landlord/payments/unmatched/{id}/assign", {"lease_id": lease}, status=404, id=first_id)
    other.post("/api/v1/landlord/payments/unmatched/{id}/not-rent", {"note": "x"}, status=404, id=first_id)
    tenant.post("/api/v1/landlord/payments/unmatched/{id}/assign", {"lease_id": lease}, status=404, id=first_id)
    api.post("/api/v1/landlord/payments/unmatched/{id}/assign", {}, status=400, id=first_id)
    api.post("/api/v1/landlord/payments/unmatched/{id}/not-rent", {"note": ""}, status=400, id=second_id)
    assert _ledger(stack, first) == [] and _c2b(stack, second) == ["unmatched"]

    done = api.post("/api/v1/landlord/payments/unmatched/{id}/assign", {"lease_id": lease}, id=first_id).json()
    assert done == {"id": int(first_id), "status": "assigned"}
    assert _ledger(stack, first) == [[str(lease), "1500", "c2b"]]
    marked = api.post("/api/v1/landlord/payments/unmatched/{id}/not-rent", {"note": "Deposit"}, id=second_id).json()
    assert marked == {"id": int(second_id), "status": "not_rent"}
    api.post("/api/v1/landlord/payments/unmatched/{id}/assign", {"lease_id": lease}, status=404, id=second_id)
    assert {item["receipt"] for item in api.get("/api/v1/landlord/payments/unmatched").json()["items"]} \
        .isdisjoint({first, second})
