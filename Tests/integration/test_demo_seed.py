"""`nyumba seed --demo`, which `make run` calls: demo data on an empty database only."""

import re


def test_demo_seed_fills_an_empty_database_once(stack):
    stack.sql("CREATE DATABASE IF NOT EXISTS nyumba_demo")
    stack.sql("GRANT ALL ON nyumba_demo.* TO 'nyumba'@'localhost'")
    env = dict(stack.env)
    env["NYUMBA_DATABASE_URL"] = env["NYUMBA_DATABASE_URL"].replace("/nyumba?", "/nyumba_demo?")
    assert stack.nyumba("migrate", env=env).returncode == 0

    first = stack.nyumba("seed", "--demo", env=env, timeout=60)
    assert first.returncode == 0, first.stderr
    logins = re.findall(r"(landlord|tenant): (\S+)  password: (\S+)", first.stdout)
    assert [role for role, _, _ in logins] == ["landlord", "tenant"]
    assert all(len(password) >= 12 for _, _, password in logins)

    rows = stack.sql(
        "SELECT u.email, u.status, un.label, p.name FROM nyumba_demo.leases l "
        "JOIN nyumba_demo.users u ON u.id = l.tenant_id JOIN nyumba_demo.units un ON un.id = l.unit_id "
        "JOIN nyumba_demo.properties p ON p.id = l.property_id WHERE l.end_date IS NULL")
    assert rows.strip().split("\t") == ["tenant@demo.nyumba.test", "active", "A1", "Baraka Court"]

    second = stack.nyumba("seed", "--demo", env=env, timeout=60)
    assert second.returncode == 0
    assert "no demo data added" in second.stderr
    assert stack.sql("SELECT COUNT(*) FROM nyumba_demo.users").strip() == "2"
