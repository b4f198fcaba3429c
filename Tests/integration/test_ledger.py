"""The ledger through nginx: balances on the tenant's home, manual payments, receipts,
ending a lease and the landlord's payments list; each reader sees only their own."""

import re
import secrets
from datetime import date, datetime, timedelta, timezone

import requests

from accounts import key_of, sign_up_landlord
from browser import add_property, count, post_form, property_row, request_id, sign_up_tenant, unit_id, user_id

NAIROBI = timezone(timedelta(hours=3))


def _today() -> date:
    return datetime.now(NAIROBI).date()


def _months_ago(months: int, day: int) -> date:
    today = _today()
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, day)


def _rent_due(start: date, due_day: int, rent: int, today: date | None = None) -> int:
    """Each month's due day from the start (inclusive) to today (inclusive)."""
    today = today or _today()
    first = start.year * 12 + start.month - 1 + (1 if start.day > due_day else 0)
    last = today.year * 12 + today.month - 1 - (1 if today.day < due_day else 0)
    return max(0, last - first + 1) * rent


def _kes(amount: int) -> str:
    return f"KES {amount:,}"


def _balance_text(amount: int) -> str:
    if amount > 0:
        return f"{_kes(amount)} due"
    if amount < 0:
        return f"{_kes(-amount)} in credit"
    return "Nothing due"


class Tenancy:
    """A landlord with a property and an approved tenant in unit A1."""

    def __init__(self, stack, start: date, due_day: int = 5, rent: int = 10000, name: str = "Ledger Court"):
        self.stack = stack
        self.landlord, self.landlord_email = sign_up_landlord(stack, name="Njeri Landlord")
        self.property_id = add_property(stack, self.landlord, name=name, units=3, rent=rent)
        _, token = property_row(stack, self.property_id)
        self.tenant_name = f"Tenant {secrets.token_hex(3)}"
        self.tenant, self.tenant_email, response = sign_up_tenant(stack, invite=token, name=self.tenant_name)
        assert response.status_code == 303
        self.unit_id = unit_id(stack, self.property_id, "A1")
        approve = post_form(stack, self.landlord, "/landlord/notifications",
                            f"/landlord/requests/{request_id(stack, self.tenant_email)}/approve",
                            {"unit": str(self.unit_id), "rent": str(rent), "start": start.isoformat(),
                             "dueDay": str(due_day)})
        assert approve.status_code == 303, approve.text[:500]
        self.tenant_id = user_id(stack, self.tenant_email)
        self.landlord_id = user_id(stack, self.landlord_email)
        self.lease_id = int(stack.sql(f"SELECT id FROM leases WHERE tenant_id = {self.tenant_id}"))
        self.start, self.due_day, self.rent = start, due_day, rent

    def insert_stk(self, amount: int, paid_at: str = "UTC_TIMESTAMP(6) - INTERVAL 1 DAY") -> str:
        """An STK payment settled through the app's own callback route (so that every summary and
        cache is kept as in production), for a request written straight into the database instead
        of pushed through the simulator; `paid_at` (SQL, UTC) becomes the callback's TransactionDate.
        Returns the receipt number."""
        receipt = "T" + secrets.token_hex(5).upper()[:9]
        checkout = "ws_CO_" + receipt
        self.stack.sql(
            "INSERT INTO payment_requests (lease_id, tenant_id, landlord_id, property_id, amount, phone, shortcode,"
            " checkout_request_id, status, created_at, next_query_at) VALUES"
            f" ({self.lease_id}, {self.tenant_id}, {self.landlord_id}, {self.property_id}, {amount}, '254722000111',"
            f" '174379', '{checkout}', 'pending', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL 1 DAY)")
        when = int(self.stack.sql(f"SELECT DATE_FORMAT({paid_at} + INTERVAL 3 HOUR, '%Y%m%d%H%i%s')"))
        body = {"Body": {"stkCallback": {
            "MerchantRequestID": "29115-34620561-1", "CheckoutRequestID": checkout, "ResultCode": 0,
            "ResultDesc": "The service request is processed successfully.",
            "CallbackMetadata": {"Item": [
                {"Name": "Amount", "Value": float(amount)}, {"Name": "MpesaReceiptNumber", "Value": receipt},
                {"Name": "TransactionDate", "Value": when}, {"Name": "PhoneNumber", "Value": 254722000111}]}}}}
        answer = requests.post(self.stack.url(f"/daraja/stk/{self.stack.callback_token}"), json=body, timeout=30)
        assert answer.status_code == 200, answer.text
        assert self.payment_id(receipt) > 0
        return receipt

    def payment_id(self, receipt: str) -> int:
        return int(self.stack.sql(f"SELECT id FROM payments WHERE receipt = '{receipt}'"))

    def record_manual(self, data: dict, csrf: bool = True):
        form = {"amount": "", "method": "cash", "date": _today().isoformat(), "reference": "", "note": ""}
        form.update(data)
        path = f"/landlord/leases/{self.lease_id}/payments/new"
        return post_form(self.stack, self.landlord, path, path, form, csrf=csrf)

    def payments(self) -> int:
        return count(self.stack, f"SELECT COUNT(*) FROM payments WHERE lease_id = {self.lease_id}")

    def home(self) -> str:
        page = self.tenant.get(self.stack.url("/tenant"))
        assert page.status_code == 200
        return page.text


def test_balance_is_rent_due_minus_payments(stack):
    start = _months_ago(4, 10)
    lease = Tenancy(stack, start, due_day=5, rent=12500)
    due = _rent_due(start, 5, 12500)
    assert due == 4 * 12500 or due == 3 * 12500

    home = lease.home()
    assert _balance_text(due) in home
    assert 'href="/tenant/pay"' in home and "No payments yet." in home
    assert "Next rent of KES 12,500 is due on 5 " in home

    receipt = lease.insert_stk(7000)
    home = lease.home()
    assert _balance_text(due - 7000) in home
    assert receipt in home and "KES 7,000" in home and "M-Pesa (STK)" in home
    assert f"/tenant/payments/{lease.payment_id(receipt)}/receipt" in home


def test_manual_payment_shows_as_manual_and_overpayment_is_credit(stack):
    start = _months_ago(2, 1)
    lease = Tenancy(stack, start, due_day=1, rent=10000)
    due = _rent_due(start, 1, 10000)
    assert due == 30000

    form = lease.landlord.get(stack.url(f"/landlord/leases/{lease.lease_id}/payments/new"))
    assert form.status_code == 200 and "KES 30,000 due" in form.text and lease.tenant_name in form.text

    paid_day = _today() - timedelta(days=3)
    paid_on = paid_day.isoformat()
    response = lease.record_manual({"amount": "29,000", "method": "cash", "date": paid_on, "reference": "CB-17",
                                    "note": "Paid at the office"})
    assert response.status_code == 303, response.text[:800]
    assert response.headers["Location"] == f"/landlord/leases/{lease.lease_id}?done=recorded"
    row = stack.sql(
        "SELECT amount, channel, method, reference, note, recorded_by, receipt IS NULL, DATE(paid_at + INTERVAL 3 HOUR)"
        f" FROM payments WHERE lease_id = {lease.lease_id}").rstrip("\n").split("\t")
    assert row == ["29000", "manual", "cash", "CB-17", "Paid at the office", str(lease.landlord_id), "1", paid_on]

    home = lease.home()
    assert "KES 1,000 due" in home
    assert "Manual (cash)" in home and "CB-17" in home and "KES 29,000" in home

    [email] = stack.sql(
        "SELECT REPLACE(text_body, '\\n', ' ') FROM outbox WHERE kind = 'payment_receipt_manual'"
        f" AND recipient = '{lease.tenant_email}'").splitlines()
    # The receipt's balance is the one right after the payment, as of its date (before today's rent
    # on the 1st to the 3rd of a month).
    after = _balance_text(_rent_due(start, 1, 10000, paid_day) - 29000)
    assert "KES 29,000" in email and "CB-17" in email and f"Balance:   {after}" in email and "/receipt" in email

    assert lease.record_manual({"amount": "3000", "method": "bank"}).status_code == 303
    home = lease.home()
    assert "KES 2,000 in credit" in home and "Manual (bank transfer)" in home

    page = lease.landlord.get(stack.url(f"/landlord/leases/{lease.lease_id}?done=recorded"))
    assert "Payment recorded" in page.text and "KES 2,000 in credit" in page.text and "CB-17" in page.text


def test_receipt_page_shows_the_figures(stack):
    start = _months_ago(1, 1)
    lease = Tenancy(stack, start, due_day=1, rent=15000, name="Receipt Towers")
    receipt = lease.insert_stk(5000, paid_at="'2026-01-15 09:30:00'")
    later = lease.insert_stk(1000)
    page = lease.tenant.get(stack.url(f"/tenant/payments/{lease.payment_id(receipt)}/receipt"))
    assert page.status_code == 200
    text = page.text
    for expected in ("Payment receipt", "Njeri Landlord", "Receipt Towers", "A1", lease.tenant_name, "KES 5,000",
                     receipt, "M-Pesa (STK)", "15 Jan 2026, 12:30 EAT", "254722000111"):
        assert expected in text, expected
    # Balance after: rent due by 15 Jan 2026 (none, the lease started later) minus this payment.
    due_then = _rent_due(start, 1, 15000, date(2026, 1, 15))
    assert f"Balance after this payment</dt><dd><strong>{_balance_text(due_then - 5000)}" in text
    later_page = lease.tenant.get(stack.url(f"/tenant/payments/{lease.payment_id(later)}/receipt"))
    # `later` was paid yesterday (Nairobi): its balance is as of that day.
    assert _balance_text(_rent_due(start, 1, 15000, _today() - timedelta(days=1)) - 6000) in later_page.text

    landlord_view = lease.landlord.get(stack.url(f"/landlord/payments/{lease.payment_id(receipt)}/receipt"))
    assert landlord_view.status_code == 200 and receipt in landlord_view.text and "KES 5,000" in landlord_view.text

    css = lease.tenant.get(stack.url("/static/app.css")).text
    assert "@media print" in css


def test_tenants_and_landlords_see_only_their_own(stack):
    a = Tenancy(stack, _months_ago(1, 1), name="Alpha House")
    b = Tenancy(stack, _months_ago(1, 1), name="Beta House")
    # B's amount is one A's balance (whole months of 10,000 less 4,000) can never be, on any day.
    a_receipt, b_receipt = a.insert_stk(4000), b.insert_stk(6123)
    b_payment = b.payment_id(b_receipt)

    assert a.tenant.get(stack.url(f"/tenant/payments/{b_payment}/receipt")).status_code == 404
    assert a.tenant.get(stack.url("/tenant/payments/999999999/receipt")).status_code == 404
    assert a.tenant.get(stack.url(f"/landlord/payments/{a.payment_id(a_receipt)}/receipt")).status_code == 404
    home = a.home()
    assert a_receipt in home and b_receipt not in home and "KES 6,123" not in home

    assert a.landlord.get(stack.url(f"/landlord/payments/{b_payment}/receipt")).status_code == 404
    listing = a.landlord.get(stack.url("/landlord/payments"))
    assert listing.status_code == 200 and a_receipt in listing.text and b_receipt not in listing.text
    filtered = a.landlord.get(stack.url(f"/landlord/payments?property={b.property_id}"))
    assert filtered.status_code == 200 and b_receipt not in filtered.text and a_receipt not in filtered.text

    for path in (f"/landlord/leases/{b.lease_id}", f"/landlord/leases/{b.lease_id}/payments/new",
                 f"/landlord/properties/{b.property_id}/units/{b.unit_id}/lease"):
        assert a.landlord.get(stack.url(path)).status_code == 404, path
    own = f"/landlord/leases/{a.lease_id}/payments/new"
    stolen = post_form(stack, a.landlord, own, f"/landlord/leases/{b.lease_id}/payments/new",
                       {"amount": "100", "method": "cash", "date": _today().isoformat()})
    assert stolen.status_code == 404
    ended = post_form(stack, a.landlord, own, f"/landlord/leases/{b.lease_id}/end", {"end": _today().isoformat()})
    assert ended.status_code == 404
    assert b.payments() == 1
    assert stack.sql(f"SELECT end_date IS NULL FROM leases WHERE id = {b.lease_id}").strip() == "1"
    # A tenant is not a landlord.
    assert a.tenant.get(stack.url(f"/landlord/leases/{a.lease_id}")).status_code == 404


def test_manual_payment_form_refuses_bad_input_and_records_nothing(stack):
    start = _months_ago(1, 1)
    lease = Tenancy(stack, start)

    assert lease.record_manual({"amount": "500"}, csrf=False).status_code == 403
    future = lease.record_manual({"amount": "500", "date": (_today() + timedelta(days=1)).isoformat()})
    assert future.status_code == 400 and "The date cannot be in the future." in future.text
    assert 'value="500"' in future.text
    before = lease.record_manual({"amount": "500", "date": (start - timedelta(days=1)).isoformat()})
    assert before.status_code == 400 and "before the lease started" in before.text
    for bad in ({"amount": "0"}, {"amount": "10000001"}, {"amount": "12.5"}, {"amount": "500", "method": "mpesa"},
                {"amount": "500", "date": "2026-02-30"}, {"amount": "500", "reference": "x" * 101}):
        response = lease.record_manual(bad)
        assert response.status_code == 400, bad
        assert "field-error" in response.text, bad
    assert lease.payments() == 0
    assert count(stack, f"SELECT COUNT(*) FROM outbox WHERE recipient = '{lease.tenant_email}'"
                        " AND kind = 'payment_receipt_manual'") == 0


def test_ending_a_lease_frees_the_unit_and_the_ex_tenant_cannot_pay(stack):
    start = _months_ago(3, 1)
    lease = Tenancy(stack, start, due_day=1, rent=10000, name="Moving Out Court")
    receipt = lease.insert_stk(8000)
    show = lease.landlord.get(stack.url(f"/landlord/properties/{lease.property_id}"))
    assert f"/landlord/properties/{lease.property_id}/units/{lease.unit_id}/lease" in show.text
    shortcut = lease.landlord.get(stack.url(f"/landlord/properties/{lease.property_id}/units/{lease.unit_id}/lease"),
                                  allow_redirects=False)
    assert shortcut.status_code == 303 and shortcut.headers["Location"] == f"/landlord/leases/{lease.lease_id}"

    path = f"/landlord/leases/{lease.lease_id}"
    too_early = post_form(stack, lease.landlord, path, f"{path}/end", {"end": (start - timedelta(days=1)).isoformat()})
    assert too_early.status_code == 400 and "before the lease started" in too_early.text
    assert post_form(stack, lease.landlord, path, f"{path}/end", {"end": _today().isoformat()},
                     csrf=False).status_code == 403
    assert stack.sql(f"SELECT end_date IS NULL FROM leases WHERE id = {lease.lease_id}").strip() == "1"

    end = _today()
    response = post_form(stack, lease.landlord, path, f"{path}/end", {"end": end.isoformat()})
    assert response.status_code == 303 and response.headers["Location"] == f"{path}?done=ended"
    assert stack.sql(f"SELECT end_date FROM leases WHERE id = {lease.lease_id}").strip() == end.isoformat()
    again = post_form(stack, lease.landlord, path, f"{path}/end", {"end": end.isoformat()})
    assert again.status_code == 409

    show = lease.landlord.get(stack.url(f"/landlord/properties/{lease.property_id}"))
    assert "0 occupied" in show.text

    final = _rent_due(start, 1, 10000, end - timedelta(days=1)) - 8000
    [email] = stack.sql(f"SELECT REPLACE(text_body, '\\n', ' ') FROM outbox WHERE kind = 'lease_ended'"
                        f" AND recipient = '{lease.tenant_email}'").splitlines()
    assert "Moving Out Court" in email and _balance_text(final) in email

    home = lease.home()
    assert "no current lease" in home
    assert f"Final balance: <strong>{_balance_text(final)}</strong>" in home
    assert receipt in home and 'href="/tenant/pay"' not in home
    assert lease.tenant.get(stack.url(f"/tenant/payments/{lease.payment_id(receipt)}/receipt")).status_code == 200

    # Paying is refused: no STK request is ever created for an ex-tenant.
    requests_before = count(stack, f"SELECT COUNT(*) FROM payment_requests WHERE tenant_id = {lease.tenant_id}")
    pay = post_form(stack, lease.tenant, "/tenant", "/tenant/pay", {"amount": "1000", "phone": "0722000111"})
    assert pay.status_code in (303, 400, 404, 409), pay.status_code
    assert count(stack, f"SELECT COUNT(*) FROM payment_requests WHERE tenant_id = {lease.tenant_id}") == requests_before

    # The landlord can still record the ex-tenant's final cash payment.
    assert lease.record_manual({"amount": str(max(final, 1)), "method": "cash"}).status_code == 303


def test_landlord_payments_list_pages_newest_first_and_filters_by_property(stack):
    lease = Tenancy(stack, _months_ago(1, 1), name="Paging Plaza")
    other_property = add_property(stack, lease.landlord, name="Other Plaza", units=1, rent=9000)
    for day in range(53):
        lease.insert_stk(100 + day, paid_at=f"UTC_TIMESTAMP(6) - INTERVAL {day + 1} HOUR")
    first = lease.landlord.get(stack.url("/landlord/payments"))
    assert first.status_code == 200
    amounts = re.findall(r'<td class="num">KES (\d+)</td>', first.text)
    assert len(amounts) == 50 and amounts[0] == "100" and amounts[-1] == "149"
    assert "page=2" in first.text and lease.tenant_name in first.text and "Paging Plaza" in first.text
    second = lease.landlord.get(stack.url("/landlord/payments?page=2"))
    assert re.findall(r'<td class="num">KES (\d+)</td>', second.text) == ["150", "151", "152"]
    assert "page=3" not in second.text

    by_property = lease.landlord.get(stack.url(f"/landlord/payments?property={lease.property_id}"))
    assert len(re.findall(r'<td class="num">KES \d+</td>', by_property.text)) == 50
    empty = lease.landlord.get(stack.url(f"/landlord/payments?property={other_property}"))
    assert "No payments" in empty.text
    assert lease.landlord.get(stack.url("/landlord/payments?page=abc")).status_code == 200


def test_a_manual_payment_form_submitted_twice_records_one_payment(stack):
    lease = Tenancy(stack, _months_ago(1, 1), due_day=1, rent=10000)
    path = f"/landlord/leases/{lease.lease_id}/payments/new"
    form = lease.landlord.get(stack.url(path)).text
    key = key_of(form)
    data = {"amount": "4321", "method": "cash", "date": _today().isoformat(), "reference": "", "note": "",
            "key": key}
    for _ in range(2):
        assert post_form(stack, lease.landlord, path, path, data).status_code == 303
    assert lease.payments() == 1
    # A fresh form has a fresh key: the same amount again is a second payment.
    assert lease.record_manual({"amount": "4321"}).status_code == 303
    assert lease.payments() == 2
    # Through the API, the Idempotency-Key header does the same.
    from api_client import log_in as api_log_in
    api = api_log_in(stack, lease.landlord_email)
    body = {"amount": 1000, "method": "bank", "date": _today().isoformat()}
    headers = {"Idempotency-Key": "retry-" + secrets.token_hex(8)}
    first = api.call("POST", "/api/v1/landlord/leases/{id}/payments", 201, json_body=body, headers=headers,
                     id=lease.lease_id).json()
    again = api.call("POST", "/api/v1/landlord/leases/{id}/payments", 201, json_body=body, headers=headers,
                     id=lease.lease_id).json()
    assert first == again and lease.payments() == 3
