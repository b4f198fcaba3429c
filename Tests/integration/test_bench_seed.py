"""`nyumba seed --bench`: the benchmark data of BENCHMARK.md, deterministic for a seed."""

import hashlib
import re

import pytest

TODAY = "2025-03-20"  # a fixed day: the history is 2024-04 … 2025-03
PENDING = 50

# Every column that does not depend on when the seed ran (hashes have random salts,
# pending requests are created "now").
TABLES = {
    "users": "id, role, status, name, email, phone, token_version, created_at",
    "properties": "id, landlord_id, name, location, code, invite_token, default_rent, created_at",
    "units": "id, property_id, label, monthly_rent",
    "tenancy_requests": "id, tenant_id, property_id, requested_unit, status, created_at, decided_at",
    "leases": "id, tenant_id, unit_id, property_id, landlord_id, monthly_rent, due_day, start_date, end_date, "
              "created_at, total_paid, total_charged, deposit",
    "payments": "id, lease_id, tenant_id, landlord_id, property_id, unit_id, amount, channel, method, receipt, "
                "reference, phone, payment_request_id, checkout_request_id, paid_at, recorded_at, recorded_by",
    "lease_month_totals": "lease_id, month, landlord_id, property_id, collected, payments",
    "charges": "id, lease_id, tenant_id, landlord_id, property_id, kind, amount, due_on, description, words, "
               "claim_key, created_at",
    "payment_requests": "id, lease_id, tenant_id, landlord_id, property_id, amount, phone, shortcode, "
                        "merchant_request_id, checkout_request_id, status, next_query_at",
}


def seeded_database(stack, name, seed):
    stack.sql(f"DROP DATABASE IF EXISTS {name}")
    stack.sql(f"CREATE DATABASE {name}")
    stack.sql(f"GRANT ALL ON {name}.* TO 'nyumba'@'localhost'")
    env = dict(stack.env)
    env["NYUMBA_DATABASE_URL"] = env["NYUMBA_DATABASE_URL"].replace("/nyumba?", f"/{name}?")
    assert stack.nyumba("migrate", env=env).returncode == 0
    run = stack.nyumba("seed", "--bench", "small", "--seed", str(seed), "--today", TODAY,
                       "--pending", str(PENDING), "--password", "bench-test-pw", env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    return env, run.stdout


def checksums(stack, db):
    sums = {}
    for table, columns in TABLES.items():
        order = "lease_id, month" if table == "lease_month_totals" else "id"
        rows = stack.sql(f"SELECT {columns} FROM {db}.{table} ORDER BY {order}")
        sums[table] = (rows.count("\n"), hashlib.sha256(rows.encode()).hexdigest())
    return sums


def one(stack, statement):
    return stack.sql(statement).strip()


@pytest.fixture(scope="module")
def bench_db(stack):
    env, out = seeded_database(stack, "nyumba_bench_a", 7)
    return env, out


def test_same_seed_gives_identical_data_and_another_seed_does_not(stack, bench_db):
    seeded_database(stack, "nyumba_bench_b", 7)
    first, second = checksums(stack, "nyumba_bench_a"), checksums(stack, "nyumba_bench_b")
    assert first == second
    seeded_database(stack, "nyumba_bench_c", 8)
    other = checksums(stack, "nyumba_bench_c")
    assert other["payments"] != first["payments"]
    assert other["units"][0] == first["units"][0]  # same shape, other values
    for name in ("nyumba_bench_b", "nyumba_bench_c"):
        stack.sql(f"DROP DATABASE {name}")


def test_shape_matches_the_small_data_set(stack, bench_db):
    db = "nyumba_bench_a"
    assert one(stack, f"SELECT COUNT(*) FROM {db}.users WHERE role = 'landlord' AND status = 'active'") == "1"
    assert one(stack, f"SELECT COUNT(*) FROM {db}.properties") == "5"
    assert one(stack, f"SELECT COUNT(*) FROM {db}.units") == "100"
    assert one(stack, f"SELECT COUNT(*) FROM {db}.users WHERE role = 'tenant' AND status = 'active'") == "100"
    assert one(stack, f"SELECT COUNT(*) FROM {db}.tenancy_requests WHERE status = 'approved'") == "100"
    # One open lease per unit, from the first day of the first of 12 months, rent 5,000–60,000 step 500.
    assert one(stack, f"SELECT COUNT(*), COUNT(DISTINCT unit_id) FROM {db}.leases WHERE end_date IS NULL") \
        == "100\t100"
    assert one(stack, f"SELECT DISTINCT start_date FROM {db}.leases") == "2024-04-01"
    assert one(stack, f"SELECT MIN(monthly_rent) >= 5000, MAX(monthly_rent) <= 60000, SUM(monthly_rent % 500), "
                      f"MIN(due_day), MAX(due_day) <= 10 FROM {db}.leases") == "1\t1\t0\t1\t1"
    assert one(stack, f"SELECT COUNT(*) FROM {db}.leases l JOIN {db}.units u ON u.id = l.unit_id "
                      f"WHERE u.monthly_rent <> l.monthly_rent OR u.property_id <> l.property_id") == "0"
    months = stack.sql(f"SELECT DISTINCT DATE_FORMAT(paid_at + INTERVAL 3 HOUR, '%Y-%m') FROM {db}.payments "
                       "ORDER BY 1").split()
    assert months == [f"2024-{m:02d}" for m in range(4, 13)] + ["2025-01", "2025-02", "2025-03"]
    # Paid on the 1st–15th (Nairobi), and in the current month only before today.
    assert one(stack, f"SELECT MIN(DAY(paid_at + INTERVAL 3 HOUR)), MAX(DAY(paid_at + INTERVAL 3 HOUR)) "
                      f"FROM {db}.payments") == "1\t15"
    assert one(stack, f"SELECT COUNT(*) FROM {db}.payments WHERE paid_at + INTERVAL 3 HOUR >= '{TODAY}'") == "0"
    assert one(stack, f"SELECT COUNT(*) FROM {db}.users WHERE password_hash NOT LIKE 'pbkdf2_sha256$%'") == "0"
    assert one(stack, f"SELECT COUNT(DISTINCT password_hash) FROM {db}.users") == "1"


def test_payment_patterns_follow_benchmark_md(stack, bench_db):
    db = "nyumba_bench_a"
    # Per lease-month: how many payments and whether they add up to the rent.
    rows = stack.sql(
        f"SELECT COALESCE(t.payments, 0), COALESCE(t.collected, 0) = l.monthly_rent "
        f"FROM {db}.leases l CROSS JOIN (SELECT DISTINCT month FROM {db}.lease_month_totals) m "
        f"LEFT JOIN {db}.lease_month_totals t ON t.lease_id = l.id AND t.month = m.month").splitlines()
    assert len(rows) == 1200
    kinds = {"full": 0, "partial": 0, "none": 0}
    for line in rows:
        count, whole = (int(x) for x in line.split("\t"))
        if count == 0:
            kinds["none"] += 1
        else:
            assert whole == 1, "every paying month adds up to the rent"
            assert count <= 3
            kinds["full" if count == 1 else "partial"] += 1
    assert abs(kinds["full"] / 1200 - 0.85) < 0.04, kinds
    assert abs(kinds["partial"] / 1200 - 0.10) < 0.03, kinds
    assert abs(kinds["none"] / 1200 - 0.05) < 0.025, kinds

    total, manual = (int(x) for x in one(
        stack, f"SELECT COUNT(*), SUM(channel = 'manual') FROM {db}.payments").split("\t"))
    assert abs(manual / total - 0.10) < 0.03
    # STK: unique CheckoutRequestID and 10-character receipt, the tenant's phone; manual: cash/bank, no receipt.
    assert one(stack, f"SELECT COUNT(*) FROM {db}.payments WHERE channel = 'stk' AND (checkout_request_id NOT LIKE "
                      f"'ws\\_CO\\_%' OR CHAR_LENGTH(receipt) <> 10 OR phone IS NULL OR method IS NOT NULL)") == "0"
    assert one(stack, f"SELECT COUNT(*) FROM {db}.payments WHERE channel = 'manual' AND (receipt IS NOT NULL OR "
                      f"checkout_request_id IS NOT NULL OR method IS NULL OR recorded_by <> landlord_id)") == "0"
    assert one(stack, f"SELECT COUNT(DISTINCT receipt) = SUM(channel = 'stk') FROM {db}.payments") == "1"
    assert one(stack, f"SELECT COUNT(*) FROM {db}.payments p JOIN {db}.leases l ON l.id = p.lease_id "
                      f"WHERE p.tenant_id <> l.tenant_id OR p.property_id <> l.property_id "
                      f"OR p.unit_id <> l.unit_id OR p.landlord_id <> l.landlord_id") == "0"


def test_summary_tables_equal_sql_over_the_payments(stack, bench_db):
    db = "nyumba_bench_a"
    expected = stack.sql(
        f"SELECT lease_id, DATE_FORMAT(paid_at + INTERVAL 3 HOUR, '%Y-%m-01') AS m, landlord_id, property_id, "
        f"SUM(amount), COUNT(*) FROM {db}.payments GROUP BY lease_id, m, landlord_id, property_id "
        f"ORDER BY lease_id, m")
    actual = stack.sql(f"SELECT lease_id, month, landlord_id, property_id, collected, payments "
                       f"FROM {db}.lease_month_totals ORDER BY lease_id, month")
    assert actual == expected and actual
    by_property = stack.sql(
        f"SELECT property_id, DATE_FORMAT(paid_at + INTERVAL 3 HOUR, '%Y-%m-01') AS m, landlord_id, SUM(amount), "
        f"COUNT(*) FROM {db}.payments GROUP BY property_id, m, landlord_id ORDER BY property_id, m")
    assert stack.sql(f"SELECT property_id, month, landlord_id, collected, payments "
                     f"FROM {db}.property_month_totals ORDER BY property_id, month") == by_property
    assert one(stack, f"SELECT COUNT(*) FROM {db}.leases l WHERE l.total_paid <> "
                      f"(SELECT COALESCE(SUM(p.amount), 0) FROM {db}.payments p WHERE p.lease_id = l.id)") == "0"


def test_pending_requests_for_the_callback_workload(stack, bench_db):
    db = "nyumba_bench_a"
    rows = stack.sql(f"SELECT checkout_request_id, amount, status FROM {db}.payment_requests ORDER BY id")
    lines = [line.split("\t") for line in rows.splitlines()]
    assert len(lines) == PENDING
    for n, (checkout, amount, status) in enumerate(lines, start=1):
        # bench/workloads/callback.sh sends these amounts.
        assert (checkout, int(amount), status) == (f"ws_CO_BENCH_{n}", 1000 + 500 * (n % 9), "pending")
    assert one(stack, f"SELECT COUNT(*) FROM {db}.payment_requests WHERE next_query_at < '2090-01-01'") == "0"


def test_summary_is_printed_and_a_seeded_database_is_refused(stack, bench_db):
    env, out = bench_db
    assert re.search(r"payments: \d+ \(STK \d+, manual \d+\)", out)
    assert "password: bench-test-pw" in out
    assert "landlord1…landlord1@bench.nyumba.test" in out
    again = stack.nyumba("seed", "--bench", "small", "--seed", "7", env=env, timeout=60)
    assert again.returncode != 0
    assert "has users already" in again.stderr


def test_charges_on_a_share_of_leases(stack, bench_db):
    """Deposits, water and late fees on a share of the 100 leases, never after today; the leases'
    running totals equal their charges."""
    db = "nyumba_bench_a"
    kinds = dict(line.split("\t") for line in stack.sql(
        f"SELECT kind, COUNT(DISTINCT lease_id) FROM {db}.charges GROUP BY kind").splitlines())
    assert 8 <= int(kinds["deposit"]) <= 35, kinds
    assert 15 <= int(kinds["utility"]) <= 45, kinds
    assert 2 <= int(kinds["late_fee"]) <= 20, kinds
    assert one(stack, f"SELECT COUNT(*) FROM {db}.charges WHERE due_on > '{TODAY}'") == "0"
    assert one(stack, f"SELECT COUNT(*) FROM {db}.leases l WHERE l.total_charged <> "
                      f"(SELECT COALESCE(SUM(c.amount), 0) FROM {db}.charges c WHERE c.lease_id = l.id)") == "0"
    assert one(stack, f"SELECT COUNT(*) FROM {db}.leases l WHERE l.deposit <> (SELECT COALESCE(SUM(c.amount), 0) "
                      f"FROM {db}.charges c WHERE c.lease_id = l.id AND c.kind = 'deposit')") == "0"
    assert one(stack, f"SELECT COUNT(*) FROM {db}.charges WHERE kind = 'deposit' AND amount <> "
                      f"(SELECT 2 * monthly_rent FROM {db}.leases l WHERE l.id = lease_id)") == "0"



def test_seeded_deposits_are_paid_by_each_leases_first_payments(stack, bench_db):
    """The deposit is the oldest item: what of each lease's payments went to it (deposit_collected) is
    its deposit as far as paid, month by month in order; the property rows add up the leases'."""
    db = "nyumba_bench_a"
    assert one(stack, f"SELECT COUNT(*) FROM {db}.leases l WHERE LEAST(l.deposit, l.total_paid) <> "
                      f"(SELECT COALESCE(SUM(m.deposit_collected), 0) FROM {db}.lease_month_totals m "
                      f"WHERE m.lease_id = l.id)") == "0"
    assert int(one(stack, f"SELECT SUM(deposit_collected) FROM {db}.lease_month_totals")) > 0
    # Month by month: nothing goes to rent while some of the deposit is unpaid.
    rows = stack.sql(f"SELECT m.lease_id, m.collected, m.deposit_collected, l.deposit FROM {db}.lease_month_totals m "
                     f"JOIN {db}.leases l ON l.id = m.lease_id WHERE l.deposit > 0 ORDER BY m.lease_id, m.month")
    paid: dict[str, int] = {}
    for line in rows.splitlines():
        lease, collected, part, deposit = line.split("\t")
        before = paid.get(lease, 0)
        assert int(part) == min(int(collected), max(0, int(deposit) - before)), line
        paid[lease] = before + int(collected)
    assert stack.sql(f"SELECT property_id, month, SUM(deposit_collected) FROM {db}.lease_month_totals "
                     f"GROUP BY property_id, month ORDER BY property_id, month") == stack.sql(
        f"SELECT property_id, month, deposit_collected FROM {db}.property_month_totals ORDER BY property_id, month")
