"""The landlord's dashboard through nginx: every figure against an independent SQL computation
over the raw payments and leases, freshness after a payment (in-process cache, and Redis shared by
two responders), CSV exports, and who may see what."""

import csv
import html
import io
import re
import secrets
from datetime import date, datetime, timedelta, timezone

import pytest
import requests

from accounts import sign_up_landlord
from browser import add_property, post_form, property_row, request_id, sign_up_tenant, unit_id, user_id
from nodes import Node, RedisServer

NAIROBI = timezone(timedelta(hours=3))


# Dates and money


def _today() -> date:
    return datetime.now(NAIROBI).date()


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _first(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _last(index: int) -> date:
    return _first(index + 1) - timedelta(days=1)


def _months_ago(months: int, day: int) -> date:
    return _first(_month_index(_today()) - months).replace(day=day)


def _iso_month(index: int) -> str:
    return _first(index).strftime("%Y-%m")


def _month_name(index: int) -> str:
    return _first(index).strftime("%B %Y")


def _kes(amount: int) -> str:
    return f"KES {amount:,}"


def _rate(part: int, whole: int) -> str:
    if whole == 0:
        return "—"
    tenths = (part * 1000 + whole // 2) // whole
    return f"{tenths // 10}.{tenths % 10}%"


def _rent_due(start: date, due_day: int, rent: int, end: date | None, today: date) -> int:
    """Each month's due day from the start (inclusive) to today (inclusive), before the end date."""
    first = _month_index(start) + (1 if start.day > due_day else 0)
    last = _month_index(today) - (1 if today.day < due_day else 0)
    if end is not None:
        last = min(last, _month_index(end) - (1 if end.day <= due_day else 0))
    return max(0, last - first + 1) * rent


# Reading pages as a landlord reads them


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def _figures(page: str) -> dict[str, str]:
    """The labelled figures (`Collected` → `KES 12,500`)."""
    return {_text(label): _text(value)
            for label, value in re.findall(r"<dt>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", page, re.S)}


def _table(page: str, *wanted: str) -> list[list[str]]:
    """The body rows (cell texts) of the table whose first column headers are `wanted`."""
    for table in re.findall(r"<table[^>]*>(.*?)</table>", page, re.S):
        headers = [_text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)]
        if tuple(headers[:len(wanted)]) == wanted:
            body = re.search(r"<tbody>(.*?)</tbody>", table, re.S)
            rows = re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S) if body else []
            return [[_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]
    return []


def _csv(response: requests.Response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert response.headers["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


# The scene: a landlord, two properties, tenants with leases, payments through the manual form


class Landlord:
    def __init__(self, stack, name="Dashboard Landlord"):
        self.stack = stack
        self.browser, self.email = sign_up_landlord(stack, name=name)
        self.id = user_id(stack, self.email)

    def property(self, name: str, units: int, rent: int, prefix: str) -> int:
        return add_property(self.stack, self.browser, name=name, units=units, rent=rent, prefix=prefix)

    def lease(self, property_id: int, label: str, start: date, due_day: int, rent: int,
              name: str | None = None) -> "Lease":
        _, token = property_row(self.stack, property_id)
        name = name or f"Tenant {secrets.token_hex(3)}"
        tenant, email, response = sign_up_tenant(self.stack, invite=token, name=name)
        assert response.status_code == 303
        approve = post_form(self.stack, self.browser, "/landlord/notifications",
                            f"/landlord/requests/{request_id(self.stack, email)}/approve",
                            {"unit": str(unit_id(self.stack, property_id, label)), "rent": str(rent),
                             "start": start.isoformat(), "dueDay": str(due_day)})
        assert approve.status_code == 303, approve.text[:500]
        tenant_id = user_id(self.stack, email)
        lease_id = int(self.stack.sql(f"SELECT id FROM leases WHERE tenant_id = {tenant_id}"))
        return Lease(self, lease_id, tenant, name)

    def get(self, path: str, base=None) -> requests.Response:
        return self.browser.get((base or self.stack.url)(path))


class Lease:
    def __init__(self, landlord: Landlord, lease_id: int, tenant: requests.Session, name: str):
        self.landlord, self.id, self.tenant, self.name = landlord, lease_id, tenant, name

    def pay(self, amount: int, day: date, url=None) -> None:
        """A cash payment through the landlord's form (which records it through the ledger)."""
        stack = self.landlord.stack
        path = f"/landlord/leases/{self.id}/payments/new"
        url = url or stack.url
        token = re.search(r'name="_csrf" value="([^"]+)"', self.landlord.browser.get(url(path)).text).group(1)
        response = self.landlord.browser.post(url(path), data={
            "_csrf": token, "amount": str(amount), "method": "cash", "date": day.isoformat(),
            "reference": f"R{secrets.token_hex(3)}", "note": ""}, allow_redirects=False)
        assert response.status_code == 303, response.text[:800]

    def end(self, day: date, url=None) -> None:
        url = url or self.landlord.stack.url
        browser = self.landlord.browser
        page = browser.get(url(f"/landlord/leases/{self.id}")).text
        token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        response = browser.post(url(f"/landlord/leases/{self.id}/end"), data={"_csrf": token, "end": day.isoformat()},
                                allow_redirects=False)
        assert response.status_code == 303, response.text[:800]


# The independent computation, from the raw tables only


def _expected_figures(stack, landlord: int, start: date, end: date, property_id=None, lease_id=None) -> dict:
    today = _today()
    pay_where = f"landlord_id = {landlord}" + (f" AND property_id = {property_id}" if property_id else "") + \
        (f" AND lease_id = {lease_id}" if lease_id else "")
    lease_where = f"landlord_id = {landlord}" + (f" AND property_id = {property_id}" if property_id else "") + \
        (f" AND id = {lease_id}" if lease_id else "")
    collected = int(stack.sql(
        f"SELECT COALESCE(SUM(amount), 0) FROM payments WHERE {pay_where}"
        f" AND DATE(paid_at + INTERVAL 3 HOUR) BETWEEN '{start}' AND '{end}'"))
    expected = 0
    for index in range(_month_index(start), _month_index(end) + 1):
        expected += int(stack.sql(
            f"SELECT COALESCE(SUM(monthly_rent), 0) FROM leases WHERE {lease_where}"
            f" AND start_date <= '{_last(index)}' AND (end_date IS NULL OR end_date > '{_first(index)}')"))
    leases = stack.sql(
        f"SELECT l.id, l.monthly_rent, l.due_day, l.start_date, IFNULL(l.end_date, ''),"
        f" (SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.lease_id = l.id)"
        f" FROM leases l WHERE {lease_where.replace('landlord_id', 'l.landlord_id')}").splitlines()
    outstanding, in_arrears, open_leases, balances = 0, 0, 0, {}
    for row in leases:
        lid, rent, due_day, begin, ended, paid = row.split("\t")
        end_day = date.fromisoformat(ended) if ended else None
        balance = _rent_due(date.fromisoformat(begin), int(due_day), int(rent), end_day, today) - int(paid)
        balances[int(lid)] = balance
        if end_day is None:
            open_leases += 1
            if balance > 0:
                outstanding += balance
                in_arrears += 1
    units = int(stack.sql(
        "SELECT COUNT(*) FROM units u JOIN properties p ON p.id = u.property_id"
        f" WHERE p.landlord_id = {landlord}" + (f" AND p.id = {property_id}" if property_id else "")))
    figures = {"Collected": _kes(collected), "Expected": _kes(expected), "Collection rate": _rate(collected, expected),
               "Outstanding today": _kes(outstanding)}
    if not lease_id:
        figures["Tenants in arrears"] = str(in_arrears)
        figures["Occupancy"] = f"{open_leases} of {units} units ({_rate(open_leases, units)})"
    return figures


def _expected_chart(stack, landlord: int, last_month: int, property_id=None, lease_id=None) -> list[list[str]]:
    rows = []
    for index in range(last_month - 11, last_month + 1):
        figures = _expected_figures(stack, landlord, _first(index), _last(index), property_id, lease_id)
        collected, expected = figures["Collected"], figures["Expected"]
        rows.append([_month_name(index), collected, expected, figures["Collection rate"]])
    return rows


@pytest.fixture(scope="module")
def scene(stack):
    """Landlord A with two properties and five leases (one ended), paid over several months. Leases 4
    and 5 are paid less than their first month's rent, so they are in arrears on any day of the month."""
    a = Landlord(stack, "Amina Landlord")
    court = a.property("Dash Court", units=4, rent=10000, prefix="A")
    gardens = a.property("Dash Gardens", units=3, rent=20000, prefix="B")
    l1 = a.lease(court, "A1", _months_ago(5, 10), due_day=5, rent=12000, name="Achieng Otieno")
    l2 = a.lease(court, "A2", _months_ago(3, 1), due_day=1, rent=10000, name="Baraka Mwangi")
    l3 = a.lease(gardens, "B1", _months_ago(14, 1), due_day=3, rent=20000, name="Chebet Korir")
    l4 = a.lease(gardens, "B2", _months_ago(2, 20), due_day=10, rent=18000, name="Wanjiru Shiku")
    l5 = a.lease(court, "A3", _months_ago(1, 1), due_day=2, rent=9000, name="Formula Tenant")
    # Names a spreadsheet would trip over (the sign-up form keeps names on one line).
    stack.sql(f"UPDATE users u JOIN leases l ON l.tenant_id = u.id SET u.name = 'Wanjiru \"Shiku\", Kamau\\nNairobi'"
              f" WHERE l.id = {l4.id}")
    stack.sql(f"UPDATE users u JOIN leases l ON l.tenant_id = u.id SET u.name = '=HYPERLINK(\"x\")' WHERE l.id = {l5.id}")
    today = _today()
    for months_back, lease, amount, day in [
        (5, l1, 12000, 12), (4, l1, 12000, 4), (3, l1, 6000, 5), (2, l1, 12000, 28), (0, l1, 5000, 1),
        (3, l2, 10000, 1), (2, l2, 10000, 2), (1, l2, 15000, 3),
        (13, l3, 20000, 3), (12, l3, 20000, 2), (10, l3, 40000, 15), (6, l3, 20000, 7), (3, l3, 19000, 3),
        (2, l4, 8000, 25), (1, l4, 9000, 11),
        (1, l5, 8000, 2),
    ]:
        day = _months_ago(months_back, day)
        lease.pay(amount, min(day, today))
    l3.end(_months_ago(2, 15))
    return {"a": a, "court": court, "gardens": gardens, "leases": [l1, l2, l3, l4, l5]}


def _check(stack, landlord: Landlord, path: str, query: str, start: date, end: date, property_id=None,
           lease_id=None):
    page = landlord.get(f"{path}?{query}")
    assert page.status_code == 200, (path, query, page.status_code)
    shown = _figures(page.text)
    wanted = _expected_figures(stack, landlord.id, start, end, property_id, lease_id)
    assert shown == wanted, (path, query)
    chart = _table(page.text, "Month", "Collected")
    assert chart == _expected_chart(stack, landlord.id, _month_index(end), property_id, lease_id), (path, query)
    return page


def test_figures_equal_an_independent_computation(stack, scene):
    a, court, gardens = scene["a"], scene["court"], scene["gardens"]
    l1, l4 = scene["leases"][0], scene["leases"][3]
    now = _month_index(_today())
    for offset in (0, 1, 3, 13):
        index = now - offset
        query = f"month={_iso_month(index)}"
        _check(stack, a, "/landlord/dashboard", query, _first(index), _last(index))
        _check(stack, a, f"/landlord/dashboard/properties/{gardens}", query, _first(index), _last(index), gardens)
        _check(stack, a, f"/landlord/dashboard/leases/{l1.id}", query, _first(index), _last(index), lease_id=l1.id)
    # The default is the current month; ranges count days exactly (not whole months).
    default = a.get("/landlord/dashboard")
    assert _figures(default.text) == _expected_figures(stack, a.id, _first(now), _last(now))
    start, end = _months_ago(4, 3), _months_ago(1, 11)
    for path, kwargs in [("/landlord/dashboard", {}), (f"/landlord/dashboard/properties/{court}", {"property_id": court}),
                         (f"/landlord/dashboard/leases/{l4.id}", {"lease_id": l4.id})]:
        _check(stack, a, path, f"from={start}&to={end}", start, end, **kwargs)


def test_arrears_list_statement_and_payments_table(stack, scene):
    a, court = scene["a"], scene["court"]
    l1, l2 = scene["leases"][0], scene["leases"][1]
    page = a.get("/landlord/dashboard")
    arrears = _table(page.text, "Tenant")
    balances = []
    for lease in scene["leases"]:
        row = stack.sql(f"SELECT monthly_rent, due_day, start_date, IFNULL(end_date, ''), total_paid FROM leases"
                        f" WHERE id = {lease.id}").split("\t")
        if row[3].strip():
            continue
        due = _rent_due(date.fromisoformat(row[2]), int(row[1]), int(row[0]), None, _today())
        paid = int(stack.sql(f"SELECT COALESCE(SUM(amount), 0) FROM payments WHERE lease_id = {lease.id}"))
        if due - paid > 0:
            balances.append((due - paid, lease.id))
    balances.sort(key=lambda b: (-b[0], b[1]))
    assert [row[3] for row in arrears] == [_kes(b) for b, _ in balances], "largest first, open leases only"
    assert f"/landlord/dashboard/leases/{balances[0][1]}" in page.text

    # The lease view: its statement ends with today's balance; its payments only.
    lease_page = a.get(f"/landlord/dashboard/leases/{l1.id}")
    statement = _table(lease_page.text, "Month", "Due")
    paid = int(stack.sql(f"SELECT SUM(amount) FROM payments WHERE lease_id = {l1.id}"))
    assert statement[0][0] == _month_name(_month_index(_today()))
    assert statement[0][3] == f"{_kes(_rent_due(_months_ago(5, 10), 5, 12000, None, _today()) - paid)} due"
    assert len(statement) == 6
    payments = _table(lease_page.text, "Date (EAT)")
    this_month = int(stack.sql(f"SELECT COUNT(*) FROM payments WHERE lease_id = {l1.id}"
                               f" AND DATE(paid_at + INTERVAL 3 HOUR) >= '{_first(_month_index(_today()))}'"))
    assert len(payments) == this_month and all(row[1] == l1.name for row in payments)

    # Filters: a property, a channel; paging at 25.
    past = _iso_month(_month_index(_today()) - 3)
    rows = _table(a.get(f"/landlord/dashboard?month={past}&property={court}").text, "Date (EAT)")
    assert rows and {row[3] for row in rows} == {"Dash Court"}
    assert _table(a.get(f"/landlord/dashboard?month={past}&channel=stk").text, "Date (EAT)") == []
    manual = _table(a.get(f"/landlord/dashboard?month={past}&channel=manual").text, "Date (EAT)")
    assert len(manual) == int(stack.sql(
        f"SELECT COUNT(*) FROM payments WHERE landlord_id = {a.id} AND channel = 'manual'"
        f" AND DATE(paid_at + INTERVAL 3 HOUR) BETWEEN '{_first(_month_index(_today()) - 3)}'"
        f" AND '{_last(_month_index(_today()) - 3)}'"))
    for _ in range(26):
        l2.pay(1, _today())
    first_page = a.get("/landlord/dashboard?channel=manual")
    assert len(_table(first_page.text, "Date (EAT)")) == 25 and "page=2" in first_page.text
    second = _table(a.get("/landlord/dashboard?channel=manual&page=2").text, "Date (EAT)")
    this_month = int(stack.sql(
        f"SELECT COUNT(*) FROM payments WHERE landlord_id = {a.id}"
        f" AND DATE(paid_at + INTERVAL 3 HOUR) >= '{_first(_month_index(_today()))}'"))
    assert len(second) == min(25, this_month - 25)
    assert _figures(a.get("/landlord/dashboard").text) == _expected_figures(
        stack, a.id, _first(_month_index(_today())), _last(_month_index(_today())))


def test_a_payment_shows_on_the_very_next_request(stack, scene):
    a = scene["a"]
    l2 = scene["leases"][1]
    before = _figures(a.get("/landlord/dashboard").text)["Collected"]
    again = _figures(a.get("/landlord/dashboard").text)["Collected"]
    assert before == again
    l2.pay(777, _today())
    after = _figures(a.get("/landlord/dashboard").text)
    assert after["Collected"] == _kes(int(before[4:].replace(",", "")) + 777)
    assert after == _expected_figures(stack, a.id, _first(_month_index(_today())), _last(_month_index(_today())))


def test_an_stk_payment_shows_on_the_next_request(stack):
    from test_payments import _pushed, _tenant_with_lease, _wait_settled
    tenant, _, landlord, landlord_email, property_id = _tenant_with_lease(stack, rent=12500, name="Stk Payer")
    landlord_id = user_id(stack, landlord_email)
    path = f"/landlord/dashboard/properties/{property_id}"
    assert _figures(landlord.get(stack.url(path)).text)["Collected"] == "KES 0"
    assert _figures(landlord.get(stack.url("/landlord/dashboard")).text)["Collected"] == "KES 0"
    request = _pushed(stack, tenant, amount="4321")
    assert _wait_settled(stack, request) == "succeeded"
    paid_on = stack.sql(f"SELECT DATE(paid_at + INTERVAL 3 HOUR) FROM payments WHERE payment_request_id = {request}")
    month = _iso_month(_month_index(date.fromisoformat(paid_on.strip())))
    page = landlord.get(stack.url(f"{path}?month={month}")).text
    assert _figures(page)["Collected"] == "KES 4,321"
    assert landlord_id


@pytest.fixture()
def redis_nodes(stack):
    redis = RedisServer(stack.root / "redis-dashboard")
    redis.start()
    nodes = [Node(stack, f"dash-{name}", NYUMBA_REDIS_URL=redis.url).start() for name in ("a", "b")]
    yield nodes, redis
    for node in nodes:
        node.stop()
    redis.stop()


def test_with_redis_a_payment_on_one_responder_shows_on_the_other_at_once(stack, redis_nodes):
    (node_a, node_b), redis = redis_nodes
    landlord = Landlord(stack, "Redis Landlord")
    court = landlord.property("Redis Court", units=2, rent=10000, prefix="R")
    lease = landlord.lease(court, "R1", _months_ago(1, 1), due_day=1, rent=10000)
    lease.pay(3000, _today())
    month = (_first(_month_index(_today())), _last(_month_index(_today())))
    for path in ("/landlord/dashboard", f"/landlord/dashboard/properties/{court}"):
        shown = _figures(landlord.get(path, base=node_b.url).text)
        assert shown["Collected"] == "KES 3,000"
    assert redis.cli("EXISTS", f"nyumba:dash:gen:{landlord.id}") == "1"
    generation = redis.cli("GET", f"nyumba:dash:gen:{landlord.id}")

    lease.pay(1234, _today(), url=node_a.url)
    assert redis.cli("GET", f"nyumba:dash:gen:{landlord.id}") != generation, "node A bumped the shared generation"
    for path in ("/landlord/dashboard", f"/landlord/dashboard/properties/{court}"):
        shown = _figures(landlord.get(path, base=node_b.url).text)
        assert shown["Collected"] == "KES 4,234", path
        assert shown == _expected_figures(stack, landlord.id, *month, property_id=court if "properties" in path else None)
    lease.end(_today(), url=node_a.url)
    assert _figures(landlord.get("/landlord/dashboard", base=node_b.url).text)["Occupancy"] == "0 of 2 units (0.0%)"


def test_csv_exports_quote_and_neutralise(stack, scene):
    a, court = scene["a"], scene["court"]
    l4, l5 = scene["leases"][3], scene["leases"][4]
    rows = _csv(a.get("/landlord/dashboard/arrears.csv"))
    assert rows[0][:2] == ["Tenant", "Email"]
    by_lease_name = {row[0]: row for row in rows[1:]}
    assert 'Wanjiru "Shiku", Kamau\nNairobi' in by_lease_name, "commas, quotes and newlines survive"
    assert "'=HYPERLINK(\"x\")" in by_lease_name, "a formula is neutralised with a leading '"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    raw = a.get("/landlord/dashboard/arrears.csv").content.decode("utf-8-sig")
    assert '"Wanjiru ""Shiku"", Kamau\nNairobi"' in raw and "\r\n" in raw

    months = range(_month_index(_today()) - 14, _month_index(_today()) + 1)
    start, end = _first(months[0]), _last(months[-1])
    payments = _csv(a.get(f"/landlord/dashboard/payments.csv?from={start}&to={end}"))
    assert payments[0][:5] == ["Date (EAT)", "Tenant", "Unit", "Property", "Amount (KES)"]
    total = int(stack.sql(f"SELECT SUM(amount) FROM payments WHERE landlord_id = {a.id}"))
    assert sum(int(row[4]) for row in payments[1:]) == total, "every page, not just the first"
    names = {row[1] for row in payments[1:]}
    assert 'Wanjiru "Shiku", Kamau\nNairobi' in names and "'=HYPERLINK(\"x\")" in names
    only_court = _csv(a.get(f"/landlord/dashboard/properties/{court}/payments.csv?from={start}&to={end}&channel=manual"))
    assert {row[3] for row in only_court[1:]} == {"Dash Court"}
    assert _csv(a.get(f"/landlord/dashboard/payments.csv?from={start}&to={end}&property={court}")) == only_court
    lease_rows = _csv(a.get(f"/landlord/dashboard/leases/{l4.id}/payments.csv?from={start}&to={end}"))
    assert len(lease_rows) - 1 == int(stack.sql(f"SELECT COUNT(*) FROM payments WHERE lease_id = {l4.id}"))
    assert l5


def test_another_landlord_and_tenants_see_nothing(stack, scene):
    a, court = scene["a"], scene["court"]
    l1 = scene["leases"][0]
    b = Landlord(stack, "Other Landlord")
    b_court = b.property("Other Court", units=2, rent=5000, prefix="O")
    b_lease = b.lease(b_court, "O1", _months_ago(2, 1), due_day=1, rent=5000, name="Other Tenant")
    b_lease.pay(4999, _today())
    month = f"month={_iso_month(_month_index(_today()))}"
    for path in (f"/landlord/dashboard/properties/{court}", f"/landlord/dashboard/leases/{l1.id}",
                 f"/landlord/dashboard/properties/{court}/payments.csv", f"/landlord/dashboard/properties/{court}/arrears.csv",
                 f"/landlord/dashboard/leases/{l1.id}/payments.csv", f"/landlord/dashboard?property={court}",
                 f"/landlord/dashboard/payments.csv?property={court}", f"/landlord/dashboard/arrears.csv?property={court}",
                 f"/landlord/dashboard/properties/{court}?{month}"):
        assert b.get(path).status_code == 404, path
    own = b.get("/landlord/dashboard").text
    assert _figures(own)["Collected"] == "KES 4,999"
    assert "Achieng Otieno" not in own and "Dash Court" not in own
    for path in ("/landlord/dashboard/payments.csv?from=2000-01-01&to=2004-12-31",
                 f"/landlord/dashboard/payments.csv?{month}", "/landlord/dashboard/arrears.csv"):
        text = b.get(path).content.decode("utf-8-sig")
        assert "Achieng" not in text and "Dash" not in text, path
    a_view = a.get("/landlord/dashboard").text
    assert "Other Tenant" not in a_view and "Other Court" not in a_view

    for path in ("/landlord/dashboard", f"/landlord/dashboard/properties/{court}", f"/landlord/dashboard/leases/{l1.id}",
                 "/landlord/dashboard/payments.csv", "/landlord/dashboard/arrears.csv",
                 f"/landlord/dashboard/properties/{court}/payments.csv", f"/landlord/dashboard/leases/{l1.id}/payments.csv"):
        assert l1.tenant.get(stack.url(path)).status_code == 404, path
        assert requests.get(stack.url(path), allow_redirects=False).status_code == 303, path


def test_a_malformed_period_is_refused(stack, scene):
    a = scene["a"]
    for query in ("month=2025-13", "month=abc", "from=2025-03-10&to=2025-03-01", "from=2025-03-01",
                  "from=2000-01-01&to=2030-01-01"):
        assert a.get(f"/landlord/dashboard?{query}").status_code == 400, query
