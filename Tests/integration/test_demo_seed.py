"""`nyumba seed --demo`, which `make run` calls: demo data on an empty database only."""

import os
import re
import stat

# A printed login: role, email, password.
LOGIN = re.compile(r"(landlord|tenant): (\S+)  password: (\S+)")


def empty_database(stack, name):
    """The stack's environment pointed at a new, migrated database `name`."""
    stack.sql(f"CREATE DATABASE IF NOT EXISTS {name}")
    stack.sql(f"GRANT ALL ON {name}.* TO 'nyumba'@'localhost'")
    env = dict(stack.env)
    env["NYUMBA_DATABASE_URL"] = env["NYUMBA_DATABASE_URL"].replace("/nyumba?", f"/{name}?")
    assert stack.nyumba("migrate", env=env).returncode == 0
    return env


def test_demo_seed_fills_an_empty_database_once(stack, tmp_path):
    env = empty_database(stack, "nyumba_demo")
    logins_file = tmp_path / "demo-logins.txt"

    first = stack.nyumba("seed", "--demo", "--logins-file", str(logins_file), env=env, timeout=60)
    assert first.returncode == 0, first.stderr
    logins = LOGIN.findall(first.stdout)
    assert [role for role, _, _ in logins] == ["landlord", "tenant"]
    assert all(len(password) >= 12 for _, _, password in logins)
    # The copy for later runs holds the same logins, readable by the owner only.
    assert LOGIN.findall(logins_file.read_text()) == logins
    assert stat.S_IMODE(os.stat(logins_file).st_mode) == 0o600

    rows = stack.sql(
        "SELECT u.email, u.status, un.label, p.name FROM nyumba_demo.leases l "
        "JOIN nyumba_demo.users u ON u.id = l.tenant_id JOIN nyumba_demo.units un ON un.id = l.unit_id "
        "JOIN nyumba_demo.properties p ON p.id = l.property_id WHERE l.end_date IS NULL")
    assert rows.strip().split("\t") == ["tenant@demo.nyumba.test", "active", "A1", "Baraka Court"]

    second = stack.nyumba("seed", "--demo", env=env, timeout=60)
    assert second.returncode == 0
    assert "no demo data added" in second.stderr
    assert stack.sql("SELECT COUNT(*) FROM nyumba_demo.users").strip() == "2"


def test_demo_seed_says_so_when_it_cannot_write_the_logins_file(stack, tmp_path):
    env = empty_database(stack, "nyumba_demo_unwritable")
    missing = tmp_path / "no-such-folder" / "demo-logins.txt"

    seeded = stack.nyumba("seed", "--demo", "--logins-file", str(missing), env=env, timeout=60)
    assert seeded.returncode != 0
    assert f"could not write the logins to {missing}" in seeded.stderr
    # The logins were printed all the same, and nothing was written anywhere.
    assert len(LOGIN.findall(seeded.stdout)) == 2
    assert not missing.parent.exists()
