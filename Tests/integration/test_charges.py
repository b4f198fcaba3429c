"""Charges beyond rent through nginx: a lease with a deposit, rent, water and a late fee over three
months with part payments. Its statement's lines, running balances and oldest-first allocation equal
a computation over the raw rows; the PDF opens; the late fee is applied once by two processes and
not to a tenant who paid on time; a bad or missing meter reading charges nothing; nobody else sees
the statement."""

import csv
import io
import os
import secrets
import shutil
import subprocess
import tempfile
from datetime import date, datetime, timedelta, timezone

import requests

from accounts import key_of, sign_up_landlord
from browser import (add_property, count, form_token, post_form, property_row, request_id, sign_up_tenant, unit_id,
                     user_id)
from stack import at_once, nairobi_today
from test_payments import _deadlocks

NAIROBI = timezone(timedelta(hours=3))


def _one(stack, statement: str) -> str:
    return stack.sql(statement).strip()


def _month_day(months_back: int, day: int) -> date:
    today = date.fromisoformat(nairobi_today())
    index = today.year * 12 + today.month - 1 - months_back
    return date(index // 12, index % 12 + 1, day)


def _approve(stack, landlord, property_id, invite, unit, start, name):
    tenant, email, response = sign_up_tenant(stack, invite=invite, name=name)
    assert response.status_code == 303
    approve = post_form(stack, landlord, "/landlord/notifications",
                        f"/landlord/requests/{request_id(stack, email)}/approve",
                        {"unit": str(unit_id(stack, property_id, unit)), "rent": "10000",
                         "start": start.isoformat(), "dueDay": "5"})
    assert approve.status_code == 303, approve.text[:300]
    lease = int(stack.sql(f"SELECT id FROM leases WHERE tenant_id = {user_id(stack, email)}"))
    return tenant, lease


def _pay(stack, landlord, lease, amount, day):
    page = f"/landlord/leases/{lease}/payments/new"
    response = post_form(stack, landlord, page, page, {"amount": str(amount), "method": "cash",
                                                       "date": day.isoformat(), "reference": "", "note": ""})
    assert response.status_code == 303, response.text[:300]


def _readings(stack, landlord, property_id, day, values):
    page = f"/landlord/properties/{property_id}/water"
    form = {"date": day.isoformat()}
    for label in ("A1", "A2", "A3"):
        form[f"reading_{unit_id(stack, property_id, label)}"] = values.get(label, "")
    return post_form(stack, landlord, page, page, form)


def _expected_lines(stack, lease):
    """(day, debit, credit) of every rent due day, charge, credit and payment, from the raw rows."""
    rent, due_day, start = _one(stack, 
        f"SELECT monthly_rent, due_day, start_date FROM leases WHERE id = {lease}").split("\t")
    start, today = date.fromisoformat(start), date.fromisoformat(nairobi_today())
    lines = []
    year, month = start.year, start.month
    while (year, month) <= (today.year, today.month):
        due = date(year, month, int(due_day))
        if start <= due <= today:
            lines.append((due, 0, int(rent), 0))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    for row in stack.sql(f"SELECT due_on, amount FROM charges WHERE lease_id = {lease}").splitlines():
        day, amount = row.split("\t")
        amount = int(amount)
        lines.append((date.fromisoformat(day), 1 if amount > 0 else 2, max(amount, 0), max(-amount, 0)))
    for row in stack.sql(
            f"SELECT DATE(paid_at + INTERVAL 3 HOUR), amount FROM payments WHERE lease_id = {lease}").splitlines():
        day, amount = row.split("\t")
        lines.append((date.fromisoformat(day), 3, 0, int(amount)))
    return sorted(lines, key=lambda line: (line[0], line[1]))


def _pdf_text(data: bytes) -> str:
    if not shutil.which("pdftotext"):
        import pytest
        pytest.skip("pdftotext (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "statement.pdf")
        with open(path, "wb") as file:
            file.write(data)
        return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True,
                              check=True).stdout


def test_a_lease_with_deposit_water_and_a_late_fee_over_three_months(stack):
    landlord, _ = sign_up_landlord(stack)
    property_id = add_property(stack, landlord, name="Maji Court", units=3, rent=10000)
    _, invite = property_row(stack, property_id)
    settings = f"/landlord/properties/{property_id}/charges"
    saved = post_form(stack, landlord, settings, settings, {
        "lateFeeKind": "fixed", "lateFeeAmount": "500", "lateFeeDays": "3", "garbageFee": "", "securityFee": "",
        "waterRate": "100", "depositMonths": "2"})
    assert saved.status_code == 303
    start = _month_day(3, 1)
    tenant, lease = _approve(stack, landlord, property_id, invite, "A1", start, "Achieng Late")
    prompt, on_time = _approve(stack, landlord, property_id, invite, "A2", start, "Baraka OnTime")
    assert _one(stack, f"SELECT amount, due_on FROM charges WHERE lease_id = {lease} AND kind = 'deposit'") == \
        f"20000\t{start}"

    # Two months' due days with the deposit paid by the second tenant only, then the late fee day
    # of the second month's rent (5th + 3 days), pinned, in two processes at once.
    _pay(stack, landlord, on_time, 40000, _month_day(3, 2))
    fee_day = _month_day(2, 8)
    env = dict(stack.env, NYUMBA_TODAY=fee_day.isoformat())
    runs = [subprocess.Popen([stack.binary, "charges", "--once"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
    fees = _one(stack, f"SELECT lease_id, amount FROM charges WHERE kind = 'late_fee' AND due_on = '{fee_day}'")
    assert fees == f"{lease}\t500", "applied once, and not to the tenant who paid on time"
    assert count(stack, f"SELECT COUNT(*) FROM late_fee_checks WHERE period = '{fee_day.replace(day=1)}'") == 2

    for amount, day in ((25000, _month_day(3, 3)), (6000, _month_day(2, 10)), (9000, _month_day(1, 6))):
        _pay(stack, landlord, lease, amount, day)
    assert _readings(stack, landlord, property_id, _month_day(3, 2), {"A1": "100", "A2": "50"}).status_code == 303
    assert _readings(stack, landlord, property_id, _month_day(1, 20), {"A1": "130", "A2": "50"}).status_code == 303
    assert _one(stack, f"SELECT amount, due_on FROM charges WHERE lease_id = {lease} AND kind = 'utility'") == \
        f"3000\t{_month_day(1, 20)}"
    charges = count(stack, "SELECT COUNT(*) FROM charges")
    lower = _readings(stack, landlord, property_id, date.fromisoformat(nairobi_today()), {"A1": "120", "A2": "60"})
    assert lower.status_code == 400 and "Lower than the last reading" in lower.text
    missing = _readings(stack, landlord, property_id, date.fromisoformat(nairobi_today()), {"A1": "140"})
    assert missing.status_code == 400 and "Missing" in missing.text
    assert count(stack, "SELECT COUNT(*) FROM charges") == charges
    assert count(stack, "SELECT COUNT(*) FROM meter_readings") == 4

    # The statement, as the tenant downloads it, against the raw rows.
    balance = tenant.get(stack.url("/api/v1/tenant/balance")).json()["balance"]
    response = tenant.get(stack.url(f"/tenant/leases/{lease}/statement.csv"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]
    assert rows[0][1] == "Balance brought forward" and rows[0][4] == "0"
    lines = rows[1:]
    expected = _expected_lines(stack, lease)
    assert sorted((date.fromisoformat(r[0]), int(r[2]), int(r[3])) for r in lines) == \
        sorted((d, debit, credit) for d, _, debit, credit in expected)
    running = 0
    for row in lines:
        running += int(row[2]) - int(row[3])
        assert int(row[4]) == running, row
    assert running == balance == sum(debit - credit for _, _, debit, credit in expected)
    # Oldest first: payments and credits cover the earliest rent and charges.
    pool = sum(credit for _, _, _, credit in expected)
    for row in lines:
        if int(row[2]) > 0:
            covered = min(pool, int(row[2]))
            pool -= covered
            assert int(row[5]) == covered, row

    pdf = tenant.get(stack.url(f"/tenant/leases/{lease}/statement.pdf"))
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content)
    for words in ("Statement of account", "Achieng Late", "Deposit", "Late fee", "Water: meter 100", "Balance carried",
                  f"KES {balance:,}"):
        assert words in text, words
    page = landlord.get(stack.url(f"/landlord/leases/{lease}/statement"))
    assert page.status_code == 200 and "Late fee" in page.text

    # Nobody else's: the other tenant, another landlord.
    assert prompt.get(stack.url(f"/tenant/leases/{lease}/statement.pdf"), allow_redirects=False).status_code == 404
    other, _ = sign_up_landlord(stack)
    assert other.get(stack.url(f"/landlord/leases/{lease}/statement.csv"), allow_redirects=False).status_code == 404

    # The landlord waives the late fee: a credit with a reason.
    fee = _one(stack, f"SELECT id FROM charges WHERE lease_id = {lease} AND kind = 'late_fee' AND due_on = '{fee_day}'")
    page = f"/landlord/leases/{lease}/charges"
    waived = post_form(stack, landlord, page, f"{page}/{fee}/reverse", {"reason": "First time"})
    assert waived.status_code == 303
    assert tenant.get(stack.url("/api/v1/tenant/balance")).json()["balance"] == balance - 500

    # The dashboard: what is owed includes the charges; both deposits are held (paid).
    dashboard = landlord.get(stack.url("/api/v1/landlord/dashboard")).json()
    owed = [prompt.get(stack.url("/api/v1/tenant/balance")).json()["balance"], balance - 500]
    assert dashboard["outstanding"] == sum(b for b in owed if b > 0)
    assert sum(dashboard["arrears_by_age"]) == dashboard["outstanding"]
    assert dashboard["deposits_held"] == [{"property_id": property_id, "property_name": "Maji Court",
                                           "amount": 40000}]


def test_water_readings_imported_from_a_csv_file(stack):
    """A file saved from a spreadsheet (byte-order mark, CRLF lines, an empty column) posted as a file
    through nginx charges each let unit its water; a malformed upload or an unknown unit is a 400 that
    charges nothing; another landlord cannot import into the property."""
    landlord, _ = sign_up_landlord(stack)
    property_id = add_property(stack, landlord, name="Faili Court", units=3, rent=10000)
    _, invite = property_row(stack, property_id)
    settings = f"/landlord/properties/{property_id}/charges"
    assert post_form(stack, landlord, settings, settings, {
        "lateFeeKind": "none", "lateFeeAmount": "", "lateFeeDays": "5", "garbageFee": "", "securityFee": "",
        "waterRate": "120", "depositMonths": "0"}).status_code == 303
    start = _month_day(2, 1)
    _, lease_a1 = _approve(stack, landlord, property_id, invite, "A1", start, "Wanjiru Faili")
    _, lease_a2 = _approve(stack, landlord, property_id, invite, "A2", start, "Otieno Faili")
    page = f"/landlord/properties/{property_id}/water"
    today = date.fromisoformat(nairobi_today())

    def upload(browser, content: bytes, day: date, token_page: str = page):
        token = form_token(browser, stack.url(token_page))
        return browser.post(stack.url(page + "/import"), data={"_csrf": token, "date": day.isoformat(), "csv": ""},
                            files={"file": ("readings.csv", content, "text/csv")}, allow_redirects=False)

    def stored():
        return _one(stack, f"SELECT COUNT(*) FROM charges WHERE property_id = {property_id} AND kind = 'utility'") + \
            "/" + _one(stack, "SELECT COUNT(*) FROM meter_readings")

    before = stored()
    first = upload(landlord, b"\xef\xbb\xbfUnit,Reading,\r\nA1,1000,\r\na2 ,500,\r\n", today - timedelta(days=20))
    assert first.status_code == 303, first.text[:500]
    second = upload(landlord, b"\xef\xbb\xbfUnit,Reading\r\nA1,1010\r\nA2,530\r\n", today)
    assert second.status_code == 303, second.text[:500]
    # The first readings start each meter; the second charge (1010 - 1000) and (530 - 500) units at KES 120.
    assert _one(stack, f"SELECT amount FROM charges WHERE lease_id = {lease_a1} AND kind = 'utility'") == "1200"
    assert _one(stack, f"SELECT amount FROM charges WHERE lease_id = {lease_a2} AND kind = 'utility'") == "3600"

    after = stored()
    for content in (b"A1,1020\r\nB7,10\r\n", b"A1,1000\r\nA2,540\r\n", b""):
        response = upload(landlord, content, today)
        assert response.status_code == 400, content
        assert "field-error" in response.text
        assert stored() == after, content
    # A body that claims to be multipart but is not is a bad request, refused before anything is read.
    token = form_token(landlord, stack.url(page))
    broken = landlord.post(stack.url(page + "/import"), data=f"_csrf={token}&date={today}",
                           headers={"Content-Type": "multipart/form-data; boundary=xyz"}, allow_redirects=False)
    assert broken.status_code == 400
    assert stored() == after

    other, _ = sign_up_landlord(stack)
    own = add_property(stack, other, name="Other Court", units=1, rent=10000)
    refused = upload(other, b"A1,2000\r\nA2,2000\r\n", today, token_page=f"/landlord/properties/{own}/water")
    assert refused.status_code == 404
    assert stored() == after
    assert before != after


def _lease_of_its_own(stack, name):
    landlord, _ = sign_up_landlord(stack)
    property_id = add_property(stack, landlord, name=name, units=1, rent=10000)
    _, invite = property_row(stack, property_id)
    _, lease = _approve(stack, landlord, property_id, invite, "A1", _month_day(1, 1), "Wanjiru Kamau")
    return landlord, lease


def _charges_of(stack, lease) -> str:
    """The lease's hand-added charges and its running total, as `count/total`."""
    return _one(stack, f"SELECT COUNT(*) FROM charges WHERE lease_id = {lease} AND kind = 'one_off'") + "/" + \
        _one(stack, f"SELECT total_charged FROM leases WHERE id = {lease}")


def test_a_charge_form_sent_twice_adds_one_charge(stack):
    """A double click or a retried post of the add-charge form (its one-time key) charges the tenant once,
    also when both arrive at the same moment; a fresh form is a second charge; a form shown again with
    errors keeps its key."""
    landlord, lease = _lease_of_its_own(stack, "Mara Flats")
    page = f"/landlord/leases/{lease}/charges"

    def key():
        return key_of(landlord.get(stack.url(page)).text)

    def add(data):
        form = {"kind": "one_off", "amount": "1500", "date": nairobi_today(), "description": "Broken window"}
        form.update(data)
        return post_form(stack, landlord, page, page, form)

    assert _charges_of(stack, lease) == "0/0"
    once = key()
    assert [add({"key": once}).status_code for _ in range(2)] == [303, 303]
    assert _charges_of(stack, lease) == "1/1500"

    # Both clicks at once, from one page: one charge.
    token, twice = form_token(landlord, stack.url(page)), key()
    form = {"_csrf": token, "kind": "one_off", "amount": "700", "date": nairobi_today(), "description": "Keys",
            "key": twice}
    answers = at_once(lambda: requests.post(stack.url(page), data=form, cookies=landlord.cookies,
                                            allow_redirects=False).status_code for _ in range(2))
    assert answers == [303, 303]
    assert _charges_of(stack, lease) == "2/2200"

    # A fresh form is a fresh key: the same charge again is a second one.
    assert add({"key": key()}).status_code == 303
    assert _charges_of(stack, lease) == "3/3700"

    # Refused with an error, then corrected on the page that says so and sent twice: one charge.
    refused = add({"key": key(), "amount": "abc"})
    assert refused.status_code == 400 and _charges_of(stack, lease) == "3/3700"
    assert [add({"key": key_of(refused.text)}).status_code for _ in range(2)] == [303, 303]
    assert _charges_of(stack, lease) == "4/5200"

    # Another landlord cannot add to the lease, with or without a key of its form.
    other, _ = sign_up_landlord(stack)
    add_property(stack, other, name="Other Flats", units=1, rent=10000)
    token = form_token(other, stack.url("/landlord/properties"))
    stolen = other.post(stack.url(page), data={**form, "_csrf": token, "key": key()}, allow_redirects=False)
    assert stolen.status_code == 404
    assert _charges_of(stack, lease) == "4/5200"


def test_charges_and_payments_to_one_lease_at_once_take_turns(stack):
    """Charges and payments to one lease, all posted at once, each lock the lease before they write: none is a
    deadlock's victim (a charge used to insert first and deadlock with the next one), and the running totals
    count each one."""
    landlord, lease = _lease_of_its_own(stack, "Tumaini Flats")
    charges, payments = f"/landlord/leases/{lease}/charges", f"/landlord/leases/{lease}/payments/new"
    token = form_token(landlord, stack.url(charges))
    today = nairobi_today()
    posts = [(charges, {"kind": "one_off", "amount": "100", "date": today, "description": f"Repair {n}"})
             for n in range(12)]
    posts += [(payments, {"amount": "50", "method": "cash", "date": today, "reference": "", "note": ""})
              for _ in range(12)]
    deadlocks = _deadlocks(stack)

    def post(path, data):
        data = {**data, "_csrf": token, "key": secrets.token_urlsafe(16)}
        return lambda: requests.post(stack.url(path), data=data, cookies=landlord.cookies,
                                     allow_redirects=False).status_code

    assert at_once(post(*item) for item in posts) == [303] * 24
    assert _deadlocks(stack) == deadlocks
    assert _charges_of(stack, lease) == "12/1200"
    assert _one(stack, f"SELECT CONCAT(COUNT(*), '/', SUM(amount)) FROM payments WHERE lease_id = {lease}") == "12/600"
    assert _one(stack, f"SELECT total_paid FROM leases WHERE id = {lease}") == "600"
