"""Tenants pay rent by M-Pesa STK push, end to end through nginx against MariaDB and the
Daraja simulator (`nyumba daraja-sim`): the pay form, the status page, Daraja's callback,
the reconciler, and the landlords' own M-Pesa settings sealed at rest."""

import json
import re
import secrets
import subprocess
import threading
import time

import pytest
import requests

from stack import nairobi_today, wait_for
from accounts import PASSWORD, sign_up_landlord
from browser import add_property, count, post_form, property_row, request_id, sign_up_tenant, unit_id, user_id

ACCEPTED = {"ResultCode": 0, "ResultDesc": "Accepted"}


# Helpers


def _tenant_with_lease(stack, rent=12500, name="Otieno Odhiambo", landlord=None):
    """An approved tenant in unit A1 of a new property; returns (tenant, email, landlord, landlord email, property)."""
    landlord_email = None
    if landlord is None:
        landlord, landlord_email = sign_up_landlord(stack)
    property_id = add_property(stack, landlord, name=f"Pay Court {secrets.token_hex(2)}", units=4, rent=rent)
    _, token = property_row(stack, property_id)
    tenant, email, _ = sign_up_tenant(stack, invite=token, name=name)
    approved = post_form(stack, landlord, "/landlord/notifications",
                         f"/landlord/requests/{request_id(stack, email)}/approve",
                         {"unit": str(unit_id(stack, property_id, "A1")), "rent": str(rent),
                          "start": nairobi_today("%Y-%m-01"), "dueDay": "1"})
    assert approved.status_code == 303, approved.text[:500]
    return tenant, email, landlord, landlord_email, property_id


def _phone(outcome: str = "0000") -> str:
    """A phone number whose last four digits choose the simulator's outcome."""
    return f"07{secrets.randbelow(10_000):04d}{outcome}"


def _pay(stack, tenant, amount="12500", phone=None) -> requests.Response:
    # The password confirms a number other than the tenant's own (the simulator's outcome numbers).
    return post_form(stack, tenant, "/tenant/pay", "/tenant/pay",
                     {"amount": amount, "phone": phone or _phone(), "password": PASSWORD})


def _pushed(stack, tenant, amount="12500", outcome="0000") -> int:
    """Pays and returns the payment request's id (from the redirect to its status page)."""
    response = _pay(stack, tenant, amount, _phone(outcome))
    assert response.status_code == 303, response.text[:800]
    match = re.fullmatch(r"/tenant/payments/requests/(\d+)", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def _request(stack, request: int, columns="status") -> list[str]:
    return stack.sql(f"SELECT {columns} FROM payment_requests WHERE id = {request}").rstrip("\n").split("\t")


def _deadlocks(stack) -> int:
    """How many deadlocks InnoDB has resolved since the stack's MariaDB started."""
    return int(stack.sql("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'").split("\t")[1])


def _receipt_balances(stack, email: str) -> list[str]:
    """The balance on each payment receipt emailed to `email` (as written, e.g. "KES 1,200")."""
    # Batch mode writes the newlines in a value as \n: one line per receipt.
    receipts = stack.sql(f"SELECT text_body FROM outbox WHERE kind = 'payment_receipt' AND channel = 'email' "
                         f"AND recipient = '{email}'").splitlines()
    return [re.search(r"Balance:\s+(\S+ ?[\d,]+)", receipt).group(1) for receipt in receipts]


def _insert_request(stack, lease: int, amount: int, status: str, *, phone="254712345678", checkout=None,
                    age_seconds=0, next_query="UTC_TIMESTAMP(6)", result_code=None, result_desc=None) -> int:
    """A payment request written straight into the database for `lease` (created `age_seconds`
    ago; a `needs_review` one counts as settled then); returns its id."""
    settled = "UTC_TIMESTAMP(6)" if status == "needs_review" else "NULL"
    quoted = lambda value: "NULL" if value is None else f"'{value}'"
    stack.sql(
        "INSERT INTO payment_requests (lease_id, tenant_id, landlord_id, property_id, amount, phone, shortcode, "
        "checkout_request_id, status, result_code, result_desc, created_at, settled_at, next_query_at) "
        f"SELECT id, tenant_id, landlord_id, property_id, {amount}, '{phone}', '174379', {quoted(checkout)}, "
        f"'{status}', {result_code if result_code is not None else 'NULL'}, {quoted(result_desc)}, "
        f"UTC_TIMESTAMP(6) - INTERVAL {age_seconds} SECOND, {settled}, {next_query} FROM leases WHERE id = {lease}")
    return int(stack.sql(f"SELECT MAX(id) FROM payment_requests WHERE lease_id = {lease}"))


def _wait_settled(stack, request: int, timeout=20.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        [status] = _request(stack, request)
        if status != "pending":
            return status
        time.sleep(0.1)
    raise TimeoutError(f"payment request {request} still pending")


def _checkout(stack, request: int) -> str:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        [checkout] = _request(stack, request, "checkout_request_id")
        if checkout != "NULL":
            return checkout
        time.sleep(0.05)
    raise TimeoutError("no CheckoutRequestID")


def _payments(stack, request: int) -> list[list[str]]:
    rows = stack.sql(f"SELECT amount, channel, IFNULL(receipt, '-') FROM payments WHERE payment_request_id = {request}")
    return [row.split("\t") for row in rows.splitlines()]


def _callback_url(stack, token=None) -> str:
    return stack.url(f"/daraja/stk/{token or stack.callback_token}")


def _success_body(checkout: str, amount=12500, receipt=None, balance_without_value=True) -> dict:
    items = [{"Name": "Amount", "Value": float(amount)},
             {"Name": "MpesaReceiptNumber", "Value": receipt or "T" + secrets.token_hex(5).upper()[:9]},
             {"Name": "TransactionDate", "Value": 20250301102115},
             {"Name": "PhoneNumber", "Value": 254708374149}]
    if balance_without_value:
        items.insert(2, {"Name": "Balance"})
    return {"Body": {"stkCallback": {"MerchantRequestID": "29115-34620561-1", "CheckoutRequestID": checkout,
                                     "ResultCode": 0, "ResultDesc": "The service request is processed successfully.",
                                     "CallbackMetadata": {"Item": items}}}}


def _post_callback(stack, body, token=None, content_type="application/json;charset=UTF-8") -> requests.Response:
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return requests.post(_callback_url(stack, token), data=data, headers={"Content-Type": content_type}, timeout=30)


def _status_page(stack, tenant, request: int) -> requests.Response:
    return tenant.get(stack.url(f"/tenant/payments/requests/{request}"))


# The tenant pays


def test_success_end_to_end_records_one_payment_with_receipt_email_and_notification(stack):
    tenant, email, landlord, landlord_email, property_id = _tenant_with_lease(stack, name="Akinyi Ouma")
    form = tenant.get(stack.url("/tenant/pay"))
    assert form.status_code == 200
    assert 'name="amount" value="12500"' in form.text, "amount prefilled with the balance"
    assert 'name="phone" value="0722000111"' in form.text, "phone prefilled"

    phone = _phone()
    response = _pay(stack, tenant, "12500", "+254 " + phone[1:])
    assert response.status_code == 303
    request = int(response.headers["Location"].rsplit("/", 1)[1])
    pending = _status_page(stack, tenant, request)
    if _request(stack, request)[0] == "pending":
        assert "Check your phone" in pending.text and 'http-equiv="refresh"' in pending.text

    assert _wait_settled(stack, request) == "succeeded"
    deadline = time.monotonic() + 10
    while _request(stack, request, "IFNULL(receipt, '-')")[0] == "-" and time.monotonic() < deadline:
        time.sleep(0.1)
    [receipt, stored_phone, shortcode] = _request(stack, request, "receipt, phone, shortcode")
    assert re.fullmatch(r"[A-Z0-9]{10}", receipt)
    assert stored_phone == "254" + phone[1:] and shortcode == "174379"
    assert _payments(stack, request) == [["12500", "stk", receipt]]

    page = _status_page(stack, tenant, request)
    assert "Paid" in page.text and receipt in page.text and "Check your phone" not in page.text
    payment_id = int(stack.sql(f"SELECT id FROM payments WHERE payment_request_id = {request}"))
    assert f"/tenant/payments/{payment_id}/receipt" in page.text

    pushes = requests.get(stack.sim_url + "/sim/requests").json()
    [push] = [p for p in pushes if json.dumps(p).find(_checkout(stack, request)) >= 0]
    assert "A1" in json.dumps(push)

    landlord_id = user_id(stack, landlord_email)
    [note] = stack.sql(f"SELECT parameters FROM notifications WHERE landlord_id = {landlord_id}"
                       " AND kind = 'payment_received'").splitlines()
    assert {k: json.loads(note)[k] for k in ("amount", "tenantName", "unit")} == {
        "amount": {"figure": "money", "value": 12500}, "tenantName": "Akinyi Ouma", "unit": "A1"}
    mail = stack.wait_for_email(email, "Payment received")
    assert "KES 12,500" in mail.body and f"/tenant/payments/{payment_id}/receipt" in mail.body
    # And by SMS, through the gateway, with the M-Pesa receipt number.
    wait_for(lambda: any(receipt in m["message"] for m in stack.sms_messages()), what="receipt SMS")
    assert stack.sql(f"SELECT kind, status FROM outbox WHERE channel = 'sms' AND text_body LIKE '%{receipt}%'"
                     ).split() == ["payment_receipt", "sent"]
    assert count(stack, f"SELECT COUNT(*) FROM daraja_callbacks WHERE checkout_request_id = '{_checkout(stack, request)}'"
                        " AND outcome IN ('settled', 'receipt_filled')") == 1


@pytest.mark.parametrize("outcome,status,words", [
    ("1032", "cancelled", "You cancelled the M-Pesa prompt"),
    ("1037", "timed_out", "Your phone could not be reached"),
    ("2001", "failed", "Wrong M-Pesa PIN"),
    ("0001", "failed", "Not enough money in your M-Pesa account"),
])
def test_failed_outcomes_are_told_in_plain_words_and_record_nothing(stack, outcome, status, words):
    tenant, *_ = _tenant_with_lease(stack)
    request = _pushed(stack, tenant, "5000", outcome)
    assert _wait_settled(stack, request) == status
    page = _status_page(stack, tenant, request)
    assert page.status_code == 200
    assert words in page.text and "Try again" in page.text
    assert 'http-equiv="refresh"' not in page.text
    assert _payments(stack, request) == []
    # Settled, so a new push is allowed.
    assert _pay(stack, tenant, "5000", _phone("1032")).status_code == 303


def test_no_callback_is_settled_by_the_reconciler(stack):
    tenant, *_ = _tenant_with_lease(stack)
    request = _pushed(stack, tenant, "7000", "9998")
    checkout = _checkout(stack, request)
    assert _wait_settled(stack, request) == "succeeded"
    [attempts] = _request(stack, request, "query_attempts")
    assert int(attempts) >= 1
    assert _payments(stack, request) == [["7000", "stk", "-"]]
    assert count(stack, f"SELECT COUNT(*) FROM daraja_callbacks WHERE checkout_request_id = '{checkout}'") == 0
    assert "Paid" in _status_page(stack, tenant, request).text


@pytest.mark.parametrize("outcome", ["4999", "5001"])
def test_still_processing_answers_are_asked_again_until_success(stack, outcome):
    tenant, *_ = _tenant_with_lease(stack)
    request = _pushed(stack, tenant, "6000", outcome)
    assert _wait_settled(stack, request, timeout=30) == "succeeded"
    assert len(_payments(stack, request)) == 1
    if outcome == "5001":
        # HTTP 500 500.001.1001 twice, then ResultCode 0: three queries, no callback.
        assert int(_request(stack, request, "query_attempts")[0]) >= 3


# The callback


def test_duplicate_callbacks_record_one_payment(stack):
    tenant, *_ = _tenant_with_lease(stack)
    request = _pushed(stack, tenant, "8000", "9997")
    checkout = _checkout(stack, request)
    assert _wait_settled(stack, request) == "succeeded"
    deadline = time.monotonic() + 10
    while count(stack, f"SELECT COUNT(*) FROM daraja_callbacks WHERE checkout_request_id = '{checkout}'") < 2:
        assert time.monotonic() < deadline, "the simulator's second callback did not arrive"
        time.sleep(0.1)
    assert len(_payments(stack, request)) == 1
    # And once more by hand, sequentially.
    [receipt] = _request(stack, request, "receipt")
    again = _post_callback(stack, _success_body(checkout, 8000, receipt))
    assert again.status_code == 200 and again.json() == ACCEPTED
    assert len(_payments(stack, request)) == 1


def test_fifty_concurrent_duplicate_callbacks_record_one_payment(stack):
    tenant, email, *_ = _tenant_with_lease(stack)
    request = _pushed(stack, tenant, "9000", "9998")
    checkout = _checkout(stack, request)
    body = json.dumps(_success_body(checkout, 9000, "C" + secrets.token_hex(5).upper()[:9]))
    answers = []

    def post():
        answers.append(_post_callback(stack, body))

    threads = [threading.Thread(target=post) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status_code for a in answers] == [200] * 50
    assert all(a.json() == ACCEPTED for a in answers)
    assert _wait_settled(stack, request) == "succeeded"
    receipt = json.loads(body)["Body"]["stkCallback"]["CallbackMetadata"]["Item"][1]["Value"]
    assert _payments(stack, request) == [["9000", "stk", receipt]]
    assert count(stack, f"SELECT COUNT(*) FROM daraja_callbacks WHERE checkout_request_id = '{checkout}'") == 50
    assert count(stack, f"SELECT COUNT(*) FROM outbox WHERE kind = 'payment_receipt' AND recipient = '{email}'") == 1


def test_callbacks_stuck_on_a_commit_leave_the_pages_their_workers(stack):
    """Daraja's callbacks have workers of their own (NYUMBA_DARAJA_FCGI_SOCKET): a flood of them waiting on
    a slow commit holds those, and tenants and landlords are still answered at once. All to one lease, the
    payments then take turns on it: none is a deadlock's victim (four in a row once answered one 500)."""
    tenant, email, landlord, *_ = _tenant_with_lease(stack)
    lease = int(stack.sql(f"SELECT id FROM leases WHERE tenant_id = {user_id(stack, email)}"))
    # More callbacks than the responder has workers of both kinds.
    flood = int(stack.env["NYUMBA_WORKERS"]) + int(stack.env["NYUMBA_DARAJA_WORKERS"]) + 4
    checkouts = [f"ws_CO_stuck_{secrets.token_hex(6)}" for _ in range(flood)]
    ids = [_insert_request(stack, lease, 100, "pending", checkout=checkout,
                           next_query="UTC_TIMESTAMP(6) + INTERVAL 1 DAY") for checkout in checkouts]
    deadlocks = _deadlocks(stack)
    # Every settlement keeps its callback's body in daraja_callbacks, in its transaction: while another
    # session holds that table, each waits before its commit.
    locker = subprocess.Popen(
        ["mariadb", f"--socket={stack.db_dir / 'mysqld.sock'}", "-uroot", "-N", "-B", "--unbuffered", "nyumba"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    answers, threads = [], []
    try:
        locker.stdin.write("LOCK TABLES daraja_callbacks WRITE; SELECT 'locked';\n")
        locker.stdin.flush()
        assert locker.stdout.readline().strip() == "locked"
        for checkout in checkouts:
            threads.append(threading.Thread(target=lambda checkout=checkout: answers.append(
                _post_callback(stack, _success_body(checkout, 100)))))
            threads[-1].start()
        wait_for(lambda: count(stack, "SELECT COUNT(*) FROM information_schema.processlist "
                                      "WHERE state = 'Waiting for table metadata lock'") >= 1,
                 what="callbacks waiting for the table")
        time.sleep(1.0)
        started = time.monotonic()
        assert requests.get(stack.url("/healthz"), timeout=5).status_code == 200
        home = tenant.get(stack.url("/tenant"), timeout=5)
        assert home.status_code == 200 and "Paybill" in home.text
        assert landlord.get(stack.url("/landlord"), timeout=5).status_code == 200
        assert time.monotonic() - started < 5
        assert answers == [], "a callback was answered before its commit"
    finally:
        locker.communicate("UNLOCK TABLES;\n", timeout=30)
        for thread in threads:
            thread.join(timeout=60)
    assert sorted(a.status_code for a in answers) == [200] * flood
    assert all(a.json() == ACCEPTED for a in answers)
    assert _deadlocks(stack) == deadlocks
    id_list = ",".join(map(str, ids))
    assert count(stack, f"SELECT COUNT(*) FROM payment_requests WHERE id IN ({id_list}) AND status = 'succeeded'") \
        == flood
    assert count(stack, f"SELECT COUNT(*) FROM payments WHERE payment_request_id IN ({id_list})") == flood
    # Each receipt's balance counts every payment committed before it: one figure per payment, none twice.
    balances = _receipt_balances(stack, email)
    assert len(balances) == flood and len(set(balances)) == flood, balances


def test_unknown_checkout_request_id_is_acknowledged_and_stored_but_records_nothing(stack):
    before = count(stack, "SELECT COUNT(*) FROM payments")
    checkout = "ws_CO_unknown_" + secrets.token_hex(6)
    response = _post_callback(stack, _success_body(checkout))
    assert response.status_code == 200 and response.json() == ACCEPTED
    assert stack.sql(f"SELECT outcome FROM daraja_callbacks WHERE checkout_request_id = '{checkout}'").strip() == \
        "unknown"
    assert count(stack, "SELECT COUNT(*) FROM payments") == before


def test_wrong_token_is_404_and_stores_nothing(stack):
    before = count(stack, "SELECT COUNT(*) FROM daraja_callbacks")
    for token in ("wrong-token-0123456789", stack.callback_token[:-1], stack.callback_token + "x"):
        assert _post_callback(stack, _success_body("ws_CO_x"), token=token).status_code == 404
    assert count(stack, "SELECT COUNT(*) FROM daraja_callbacks") == before


def test_malformed_and_oversized_callbacks_are_refused_and_record_nothing(stack):
    tenant, *_ = _tenant_with_lease(stack)
    request = _pushed(stack, tenant, "3000", "1032")
    checkout = _checkout(stack, request)
    before = count(stack, "SELECT COUNT(*) FROM payments")
    good = _success_body(checkout, 3000)
    marker = secrets.token_hex(8)
    for body in ('{"Body": {"stkCallback": ', json.dumps({"Body": {"stkCallback": {"ResultCode": 0, "x": marker}}}),
                 json.dumps(good).replace('"ResultCode": 0', '"ResultCode": "zero"')):
        response = _post_callback(stack, body)
        assert response.status_code == 400, body
    assert _post_callback(stack, json.dumps(good), content_type="text/plain").status_code == 400
    assert count(stack, f"SELECT COUNT(*) FROM daraja_callbacks WHERE outcome = 'malformed' "
                        f"AND body LIKE '%{marker}%'") == 1
    oversized = json.dumps(good) + " " * (17 * 1024)
    assert _post_callback(stack, oversized).status_code == 413
    assert count(stack, "SELECT COUNT(*) FROM payments") == before


def test_amount_mismatch_is_flagged_for_the_landlord(stack):
    tenant, _, _, landlord_email, _ = _tenant_with_lease(stack, name="Kamau Njoroge")
    request = _pushed(stack, tenant, "4000", "9996")
    assert _wait_settled(stack, request) == "succeeded"
    deadline = time.monotonic() + 10
    while _request(stack, request, "amount_mismatch")[0] != "1":
        assert time.monotonic() < deadline, "amount mismatch not flagged"
        time.sleep(0.1)
    assert _payments(stack, request)[0][0] == "4001"
    [note] = stack.sql(f"SELECT parameters FROM notifications WHERE landlord_id = {user_id(stack, landlord_email)} "
                       "AND kind = 'amount_mismatch'").splitlines()
    assert json.loads(note)["asked"] == {"figure": "money", "value": 4000}
    assert json.loads(note)["reported"] == {"figure": "money", "value": 4001}


def test_balance_item_without_value_is_parsed(stack):
    tenant, *_ = _tenant_with_lease(stack)
    request = _pushed(stack, tenant, "2500", "9998")
    checkout = _checkout(stack, request)
    receipt = "B" + secrets.token_hex(5).upper()[:9]
    response = _post_callback(stack, _success_body(checkout, 2500, receipt, balance_without_value=True))
    assert response.status_code == 200 and response.json() == ACCEPTED
    assert _wait_settled(stack, request) == "succeeded"
    # Whether the callback or the reconciler came first, the callback's receipt ends up recorded once.
    assert _payments(stack, request) == [["2500", "stk", receipt]]


# The pay form


def test_second_push_while_one_is_pending_is_refused(stack):
    tenant, email, *_ = _tenant_with_lease(stack)
    lease = int(stack.sql(f"SELECT id FROM leases WHERE tenant_id = {user_id(stack, email)}"))
    _insert_request(stack, lease, 100, "pending", next_query="UTC_TIMESTAMP(6) + INTERVAL 1 DAY")
    pushes = len(requests.get(stack.sim_url + "/sim/requests").json())
    refused = _pay(stack, tenant, "500")
    assert refused.status_code == 409
    assert "already waiting for your M-Pesa PIN" in refused.text
    assert count(stack, f"SELECT COUNT(*) FROM payment_requests WHERE lease_id = {lease}") == 1
    assert len(requests.get(stack.sim_url + "/sim/requests").json()) == pushes
    assert "A payment is waiting for your M-Pesa PIN" in tenant.get(stack.url("/tenant/pay")).text


def test_amount_and_phone_are_validated(stack):
    tenant, *_ = _tenant_with_lease(stack)
    for amount, phone in (("0", _phone()), ("250001", _phone()), ("12.5", _phone()), ("100", "0800123456"),
                          ("100", "12345")):
        response = _pay(stack, tenant, amount, phone)
        assert response.status_code == 400, (amount, phone)
        assert "field-error" in response.text
    for phone in ("0112345678", "254712345678", "+254 712 345 678"):
        # Accepted formats (the refusal below is the pending-push rule, not the phone).
        response = _pay(stack, tenant, "100", phone)
        assert response.status_code in (303, 409), phone
        assert "Safaricom number" not in response.text


def test_a_tenant_cannot_see_another_tenants_payment_request(stack):
    tenant_a, *_ = _tenant_with_lease(stack)
    tenant_b, *_ = _tenant_with_lease(stack)
    request = _pushed(stack, tenant_a, "1000", "1032")
    assert _status_page(stack, tenant_a, request).status_code == 200
    assert _status_page(stack, tenant_b, request).status_code == 404
    assert requests.get(stack.url(f"/tenant/payments/requests/{request}"), allow_redirects=False).status_code == 303


# Landlords' own M-Pesa settings


def test_settings_are_sealed_at_rest_shown_masked_and_used_for_pushes(stack):
    landlord, landlord_email = sign_up_landlord(stack)
    passkey = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919"
    page = landlord.get(stack.url("/landlord/mpesa"))
    assert page.status_code == 200 and "default" in page.text
    bad = post_form(stack, landlord, "/landlord/mpesa", "/landlord/mpesa",
                    {"shortcode": "12", "type": "till", "partyB": "", "consumerKey": "", "consumerSecret": "",
                     "passkey": "", "password": PASSWORD})
    assert bad.status_code == 400 and "5 to 7 digits" in bad.text
    saved = post_form(stack, landlord, "/landlord/mpesa", "/landlord/mpesa",
                      {"shortcode": "600123", "type": "paybill", "partyB": "", "consumerKey": "sim-key",
                       "consumerSecret": "sim-secret", "passkey": passkey, "password": PASSWORD})
    assert saved.status_code == 303
    landlord_id = user_id(stack, landlord_email)
    row = stack.sql("SELECT shortcode, party_b, HEX(consumer_key_sealed), HEX(consumer_secret_sealed), "
                    f"HEX(passkey_sealed) FROM mpesa_settings WHERE landlord_id = {landlord_id}").split()
    assert row[:2] == ["600123", "600123"]
    for secret, sealed in (("sim-key", row[2]), ("sim-secret", row[3]), (passkey, row[4])):
        assert secret.encode().hex().upper() not in sealed
    shown = landlord.get(stack.url("/landlord/mpesa")).text
    assert "••••c919" in shown and passkey not in shown and "sim-secret" not in shown

    # Saving again with the secrets left empty keeps them.
    kept = post_form(stack, landlord, "/landlord/mpesa", "/landlord/mpesa",
                     {"shortcode": "600124", "type": "paybill", "partyB": "", "consumerKey": "",
                      "consumerSecret": "", "passkey": "", "password": PASSWORD})
    assert kept.status_code == 303
    assert stack.sql(f"SELECT HEX(passkey_sealed) FROM mpesa_settings WHERE landlord_id = {landlord_id}").strip() \
        == row[4]

    # The tenants of this landlord pay through the landlord's shortcode.
    tenant, *_ = _tenant_with_lease(stack, landlord=landlord)
    request = _pushed(stack, tenant, "1500", "0000")
    assert _request(stack, request, "shortcode") == ["600124"]
    assert _wait_settled(stack, request) == "succeeded"


def test_prompts_go_only_to_the_tenants_own_phone_or_a_number_they_confirmed(stack):
    tenant, email, *_ = _tenant_with_lease(stack)
    tenant_id = user_id(stack, email)
    requests_sql = f"SELECT COUNT(*) FROM payment_requests WHERE tenant_id = {tenant_id}"
    stranger = _phone("0000")
    # Someone else's number, unconfirmed or with a wrong password: no prompt, the form says why.
    for password, message in ((None, "not your phone number on Nyumba"), ("wrong password", "not your password")):
        data = {"amount": "100", "phone": stranger, **({"password": password} if password else {})}
        refused = post_form(stack, tenant, "/tenant/pay", "/tenant/pay", data)
        assert refused.status_code == 400 and message in refused.text, password
    assert count(stack, requests_sql) == 0
    # Their own number (as they signed up: 0722 000 111) needs no password.
    own = post_form(stack, tenant, "/tenant/pay", "/tenant/pay", {"amount": "100", "phone": "+254 722 000 111"})
    assert own.status_code == 303, own.text[:500]
    _wait_settled(stack, count(stack, f"SELECT MAX(id) FROM payment_requests WHERE tenant_id = {tenant_id}"))
    # Confirmed once with the password, a number is remembered.
    assert _pay(stack, tenant, "100", stranger).status_code == 303
    _wait_settled(stack, count(stack, f"SELECT MAX(id) FROM payment_requests WHERE tenant_id = {tenant_id}"))
    again = post_form(stack, tenant, "/tenant/pay", "/tenant/pay", {"amount": "100", "phone": stranger})
    assert again.status_code == 303
    assert count(stack, requests_sql) == 3
    # The API: the same rule.
    from api_client import log_in as api_log_in
    api = api_log_in(stack, email)
    _wait_settled(stack, count(stack, f"SELECT MAX(id) FROM payment_requests WHERE tenant_id = {tenant_id}"))
    unconfirmed = api.post("/api/v1/tenant/pay", {"amount": 100, "phone": _phone("0000")}, 400)
    assert "password" in api.error(unconfirmed)["fields"]
    assert count(stack, requests_sql) == 3


def test_a_sixth_prompt_within_the_hour_is_refused_with_a_clear_message(stack):
    tenant, email, *_ = _tenant_with_lease(stack)
    tenant_id = user_id(stack, email)
    for _ in range(5):
        assert _wait_settled(stack, _pushed(stack, tenant, "100", "1032")) != "pending"
    requests_before = count(stack, f"SELECT COUNT(*) FROM payment_requests WHERE tenant_id = {tenant_id}")
    refused = _pay(stack, tenant, "100")
    assert refused.status_code == 429
    assert "5 M-Pesa prompts in the last hour" in refused.text and "Try again in 60 minutes" in refused.text
    assert count(stack, f"SELECT COUNT(*) FROM payment_requests WHERE tenant_id = {tenant_id}") == requests_before == 5
    # An hour after the oldest, one more is allowed.
    stack.sql(f"UPDATE payment_requests SET created_at = created_at - INTERVAL 61 MINUTE WHERE tenant_id = {tenant_id} "
              "ORDER BY created_at LIMIT 1")
    assert _pay(stack, tenant, "100").status_code == 303


def _outbox_count(stack, email: str, subject: str) -> int:
    return int(stack.sql(f"SELECT COUNT(*) FROM outbox WHERE recipient = '{email}' AND subject = '{subject}'"))


def test_changing_or_removing_settings_asks_for_the_password_and_emails_the_landlord(stack):
    landlord, email = sign_up_landlord(stack)
    landlord_id = user_id(stack, email)
    subject = "Your M-Pesa settings were changed"
    fields = {"shortcode": "600321", "type": "paybill", "partyB": "", "consumerKey": "sim-key",
              "consumerSecret": "sim-secret", "passkey": "p" * 20}
    stored = f"SELECT shortcode FROM mpesa_settings WHERE landlord_id = {landlord_id}"
    failures = ("SELECT (SELECT COUNT(*) FROM login_failures WHERE scope = 'addr:127.0.0.1'), "
                f"(SELECT COUNT(*) FROM login_failures WHERE scope = 'account:{landlord_id}')")
    address_before = stack.sql(failures).split()[0]
    # No password, or a wrong one: nothing saved, nothing sent, the field says why.
    for password, message in ((None, "Type your Nyumba password"), ("not my password", "not your password")):
        data = dict(fields, **({"password": password} if password else {}))
        refused = post_form(stack, landlord, "/landlord/mpesa", "/landlord/mpesa", data)
        assert refused.status_code == 400 and message in refused.text, password
        assert "600321" in refused.text and "sim-secret" not in refused.text
    assert stack.sql(stored).strip() == "" and _outbox_count(stack, email, subject) == 0
    # The wrong password counts against the account, not against everyone at the address.
    assert stack.sql(failures).split() == [address_before, "1"]
    # The right password: saved, and the landlord is told when and from where.
    saved = post_form(stack, landlord, "/landlord/mpesa", "/landlord/mpesa", dict(fields, password=PASSWORD))
    assert saved.status_code == 303 and stack.sql(stored).strip() == "600321"
    told = stack.wait_for_email(to=email, subject_contains=subject)
    assert "changed on" in told.body and "127.0.0.1" in told.body and "Nairobi time" in told.body
    assert re.search(r"\d{1,2} \w{3} \d{4}, \d{2}:\d{2}", told.body), told.body
    # Removing: a wrong password changes nothing; the right one removes and tells.
    kept = post_form(stack, landlord, "/landlord/mpesa", "/landlord/mpesa/remove", {"password": "wrong"})
    assert kept.status_code == 400 and "not your password" in kept.text
    assert stack.sql(stored).strip() == "600321" and _outbox_count(stack, email, subject) == 1
    removed = post_form(stack, landlord, "/landlord/mpesa", "/landlord/mpesa/remove", {"password": PASSWORD})
    assert removed.status_code == 303 and stack.sql(stored).strip() == ""
    assert "removed on" in stack.wait_for_email(to=email, subject_contains=subject, count=2).body

    # The API: the same rules.
    from api_client import log_in as api_log_in
    api = api_log_in(stack, email)
    body = {"shortcode": "600322", "type": "paybill", "consumer_key": "k" * 8, "consumer_secret": "s" * 8,
            "passkey": "p" * 20}
    wrong = api.call("PUT", "/api/v1/landlord/mpesa", 400, json_body=dict(body, password="wrong"))
    assert api.error(wrong)["fields"] == {"password": "That is not your password."}
    missing = api.call("PUT", "/api/v1/landlord/mpesa", 400, json_body=body)
    assert "password" in api.error(missing)["fields"]
    assert stack.sql(stored).strip() == "" and _outbox_count(stack, email, subject) == 2
    api.call("PUT", "/api/v1/landlord/mpesa", 200, json_body=dict(body, password=PASSWORD))
    assert stack.sql(stored).strip() == "600322" and _outbox_count(stack, email, subject) == 3
    api.call("DELETE", "/api/v1/landlord/mpesa", 400, json_body={"password": "wrong"})
    assert stack.sql(stored).strip() == "600322"
    api.call("DELETE", "/api/v1/landlord/mpesa", 200, json_body={"password": PASSWORD})
    assert stack.sql(stored).strip() == "" and _outbox_count(stack, email, subject) == 4


def test_a_wrong_encryption_key_is_a_clear_error_not_a_crash(stack):
    landlord, landlord_email = sign_up_landlord(stack)
    saved = post_form(stack, landlord, "/landlord/mpesa", "/landlord/mpesa",
                      {"shortcode": "600777", "type": "paybill", "partyB": "", "consumerKey": "sim-key",
                       "consumerSecret": "sim-secret", "passkey": "p" * 20, "password": PASSWORD})
    assert saved.status_code == 303
    tenant, *_ = _tenant_with_lease(stack, landlord=landlord)
    landlord_id = user_id(stack, landlord_email)
    original = stack.env["NYUMBA_ENCRYPTION_KEY"]
    stack.stop_responder()
    stack.env["NYUMBA_ENCRYPTION_KEY"] = secrets.token_hex(32)
    try:
        stack.start_responder()
        page = landlord.get(stack.url("/landlord/mpesa"))
        assert page.status_code == 200
        assert "cannot be read" in page.text
        pay = tenant.get(stack.url("/tenant/pay"))
        assert pay.status_code == 200 and "not available right now" in pay.text
        refused = _pay(stack, tenant, "100")
        assert refused.status_code == 409 and "not available right now" in refused.text
        deadline = time.monotonic() + 5
        line = f"mpesa_secrets unreadable landlord={landlord_id}"
        while line not in stack.responder_log.read_text():
            assert time.monotonic() < deadline, "no log line about the key"
            time.sleep(0.1)
        assert stack.responder.poll() is None
    finally:
        stack.stop_responder()
        stack.env["NYUMBA_ENCRYPTION_KEY"] = original
        stack.start_responder()


def test_a_push_never_answered_is_timed_out_after_the_bound(stack):
    tenant, email, *_ = _tenant_with_lease(stack)
    lease = int(stack.sql(f"SELECT id FROM leases WHERE tenant_id = {user_id(stack, email)}"))
    checkout = "ws_CO_never_" + secrets.token_hex(6)
    # Pushed 25 s ago (the bound is 20 s in tests); the simulator knows nothing of it ("still processing").
    request = _insert_request(stack, lease, 100, "pending", checkout=checkout, age_seconds=25)
    # `nyumba reconcile --once` works beside the responder's reconciler thread; either settles it.
    once = stack.nyumba("reconcile", "--once")
    assert once.returncode == 0, once.stderr
    assert _wait_settled(stack, request, timeout=10) == "timed_out"
    page = _status_page(stack, tenant, request)
    assert "did not confirm this payment in time" in page.text
    assert _payments(stack, request) == []


# Pushes that got no clear answer


def _statuses_until(stack, request: int, final: str, timeout=20.0) -> list[str]:
    """Every status the request shows until it reaches `final` (polled)."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        [status] = _request(stack, request)
        if not seen or seen[-1] != status:
            seen.append(status)
        if status == final:
            return seen
        time.sleep(0.1)
    raise TimeoutError(f"payment request {request} went through {seen}, never {final}")


def test_a_push_answered_after_the_timeout_and_paid_before_it_is_recorded_once_never_failed(stack):
    tenant, *_ = _tenant_with_lease(stack)
    # The callback (0.3 s) comes while the client still waits; its answer comes after the client's 2 s timeout.
    request = _pushed(stack, tenant, "12500", outcome="9995")
    assert _statuses_until(stack, request, "succeeded", timeout=5)[-1] == "succeeded"
    time.sleep(4.5)  # the late answer, and anything it could set off
    [status, checkout] = _request(stack, request, "status, checkout_request_id")
    assert status == "succeeded" and checkout.startswith("ws_CO_")
    [[amount, channel, receipt]] = _payments(stack, request)
    assert (amount, channel) == ("12500", "stk") and receipt != "-"
    assert count(stack, f"SELECT COUNT(*) FROM payments WHERE receipt = '{receipt}'") == 1
    page = _status_page(stack, tenant, request)
    assert "Paid" in page.text and "not completed" not in page.text


def test_a_push_answered_after_the_timeout_is_unconfirmed_then_its_callback_records_it_once(stack):
    tenant, email, landlord, landlord_email, _ = _tenant_with_lease(stack, name="Wanjiru Kamau")
    other_landlord, _ = sign_up_landlord(stack)
    # No answer within the client's 2 s; the callback comes 4.3 s after the push.
    request = _pushed(stack, tenant, "12500", outcome="9994")
    assert _request(stack, request, "status, checkout_request_id") == ["unconfirmed", "NULL"]
    page = _status_page(stack, tenant, request)
    assert page.status_code == 200 and 'data-status="unconfirmed"' in page.text
    assert "We could not confirm the prompt was sent" in page.text and "do not pay again" in page.text
    assert "Nothing was paid" not in page.text and "Try again" not in page.text

    # A second push for the lease is refused while the first may still be paid.
    pushes = len(requests.get(stack.sim_url + "/sim/requests").json())
    refused = _pay(stack, tenant, "12500")
    assert refused.status_code == 409 and "We could not confirm the prompt was sent" in refused.text
    assert len(requests.get(stack.sim_url + "/sim/requests").json()) == pushes
    api_pay = tenant.get(stack.url("/tenant/pay"))
    assert f"/tenant/payments/requests/{request}" in api_pay.text

    # The landlord sees it among the payments to check; another landlord does not.
    listing = landlord.get(stack.url("/landlord/payments")).text
    assert f'data-request="{request}" data-status="unconfirmed"' in listing and "Wanjiru Kamau" in listing
    assert f'data-request="{request}"' not in other_landlord.get(stack.url("/landlord/payments")).text

    statuses = _statuses_until(stack, request, "succeeded", timeout=15)
    assert "failed" not in statuses and statuses[-1] == "succeeded"
    [[amount, channel, receipt]] = _payments(stack, request)
    assert (amount, channel) == ("12500", "stk") and receipt != "-"
    assert _request(stack, request, "checkout_request_id")[0].startswith("ws_CO_")
    assert "Paid" in _status_page(stack, tenant, request).text
    assert f'data-request="{request}"' not in landlord.get(stack.url("/landlord/payments")).text
    stack.wait_for_email(email, "Payment received")
    # The same callback again changes nothing.
    checkout = _checkout(stack, request)
    [push] = [p for p in requests.get(stack.sim_url + "/sim/requests").json() if p["checkoutRequestID"] == checkout]
    again = _post_callback(stack, _success_body(checkout, amount=12500, receipt=push["receipt"]))
    assert again.status_code == 200
    assert len(_payments(stack, request)) == 1


def test_a_paid_callback_matching_no_request_records_nothing_and_is_listed_for_the_operator(stack):
    tenant, email, *_ = _tenant_with_lease(stack)
    lease = int(stack.sql(f"SELECT id FROM leases WHERE tenant_id = {user_id(stack, email)}"))
    # Unconfirmed, but for another amount and long ago: neither is matched.
    other_amount = _insert_request(stack, lease, 999, "unconfirmed", phone="254708374149")
    long_ago = _insert_request(stack, lease, 12500, "unconfirmed", phone="254708374149", age_seconds=2 * 3600)
    checkout = "ws_CO_stray_" + secrets.token_hex(6)
    assert _post_callback(stack, _success_body(checkout, amount=12500)).json() == ACCEPTED
    assert _request(stack, other_amount, "status, checkout_request_id") == ["unconfirmed", "NULL"]
    # The stack's reconciler, every second, may close the old one meanwhile (no payment came for it).
    assert _request(stack, long_ago, "status, checkout_request_id") in (["unconfirmed", "NULL"], ["timed_out", "NULL"])
    assert count(stack, f"SELECT COUNT(*) FROM payments WHERE lease_id = {lease}") == 0
    assert count(stack, f"SELECT COUNT(*) FROM daraja_callbacks WHERE checkout_request_id = '{checkout}'"
                        " AND outcome = 'unknown'") == 1
    # Not only in a log: the operator's list of unmatched payments shows it, with its receipt.
    listed = stack.nyumba("unmatched")
    assert listed.returncode == 0, listed.stderr
    [line] = [line for line in listed.stdout.splitlines() if checkout in line]
    assert line.split("\t")[2:4] == ["STK push", "12500"]


def test_an_unconfirmed_push_no_payment_came_for_is_closed_after_the_matching_window(stack):
    tenant, email, *_ = _tenant_with_lease(stack)
    lease = int(stack.sql(f"SELECT id FROM leases WHERE tenant_id = {user_id(stack, email)}"))
    old = _insert_request(stack, lease, 301, "unconfirmed", phone="254708374149", age_seconds=61 * 60)
    recent = _insert_request(stack, lease, 302, "unconfirmed", phone="254708374149", age_seconds=10 * 60)
    once = stack.nyumba("reconcile", "--once")
    assert once.returncode == 0, once.stderr
    assert _request(stack, old, "status") == ["timed_out"]
    assert _request(stack, recent, "status") == ["unconfirmed"]
    page = _status_page(stack, tenant, old)
    assert "No M-Pesa payment arrived for this prompt" in page.text and "Refresh" not in page.headers
    assert _payments(stack, old) == []


def _sim_push_without_callback(stack, amount=700) -> str:
    """A paid push straight to the simulator that never calls back; returns its CheckoutRequestID."""
    import base64
    basic = base64.b64encode(b"sim-key:sim-secret").decode()
    token = requests.get(stack.sim_url + "/oauth/v1/generate?grant_type=client_credentials",
                         headers={"Authorization": "Basic " + basic}, timeout=10).json()["access_token"]
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(time.time() + 3 * 3600))
    password = base64.b64encode(("174379" + stack.env["NYUMBA_DARAJA_PASSKEY"] + stamp).encode()).decode()
    phone = "2547" + f"{secrets.randbelow(10_000):04d}" + "9998"
    body = {"BusinessShortCode": "174379", "Password": password, "Timestamp": stamp,
            "TransactionType": "CustomerPayBillOnline", "Amount": amount, "PartyA": phone, "PartyB": "174379",
            "PhoneNumber": phone, "CallBackURL": "http://127.0.0.1:9/none", "AccountReference": "A1",
            "TransactionDesc": "Rent"}
    answer = requests.post(stack.sim_url + "/mpesa/stkpush/v1/processrequest", json=body,
                           headers={"Authorization": "Bearer " + token}, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()["CheckoutRequestID"]


def test_a_request_needing_review_is_queried_again_and_a_late_success_records_it(stack):
    tenant, email, *_ = _tenant_with_lease(stack)
    lease = int(stack.sql(f"SELECT id FROM leases WHERE tenant_id = {user_id(stack, email)}"))
    checkout = _sim_push_without_callback(stack)
    # An earlier answer was unclear (needs_review); the query now says it was paid.
    request = _insert_request(stack, lease, 700, "needs_review", checkout=checkout, age_seconds=3600,
                              result_code=7777, result_desc="Unclear")
    assert _statuses_until(stack, request, "succeeded", timeout=15)[-1] == "succeeded"
    assert _payments(stack, request) == [["700", "stk", "-"]]
    [push] = [p for p in requests.get(stack.sim_url + "/sim/requests").json() if p["checkoutRequestID"] == checkout]
    assert push["queries"] >= 1
    # The callback arriving late fills the receipt; still one payment.
    assert _post_callback(stack, _success_body(checkout, amount=700, receipt=push["receipt"])).json() == ACCEPTED
    assert _payments(stack, request) == [["700", "stk", push["receipt"]]]


def test_a_request_still_unclear_is_asked_again_later_with_back_off(stack):
    tenant, email, *_ = _tenant_with_lease(stack)
    lease = int(stack.sql(f"SELECT id FROM leases WHERE tenant_id = {user_id(stack, email)}"))
    checkout = "ws_CO_unclear_" + secrets.token_hex(6)  # unknown to the simulator: "still processing"
    request = _insert_request(stack, lease, 700, "needs_review", checkout=checkout, age_seconds=3600,
                              result_code=7777)
    deadline = time.monotonic() + 15
    while _request(stack, request, "query_attempts")[0] == "0" and time.monotonic() < deadline:
        time.sleep(0.2)
    [status, attempts, wait] = _request(
        stack, request, "status, query_attempts, TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), next_query_at)")
    assert status == "needs_review" and int(attempts) >= 1
    assert 0 < int(wait) <= 3600, "asked again later, not at once and not never"
