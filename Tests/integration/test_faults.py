"""Faults while the stack is busy: MariaDB restarted under load, the responder killed with
SIGKILL during a flood of STK callbacks, the SMTP server away during sign-ups, and Daraja
hanging while a tenant pays. Each test prints its figures (shown in `make test` output)."""

import json
import secrets
import signal
import socket
import statistics
import threading
import time

import requests

from accounts import PASSWORD, sign_up_landlord
from browser import add_property, count, post_form, property_row, request_id, sign_up_tenant, unit_id
from nodes import Node
from stack import wait_for, nairobi_today
from test_payments import _checkout, _pushed, _success_body, _tenant_with_lease


def report(capsys, title: str, *lines: str, tag: str = "faults"):
    """Prints figures to the terminal even when pytest captures output."""
    with capsys.disabled():
        print(f"\n[{tag}] {title}")
        for line in lines:
            print(f"[{tag}]   {line}")


def tally(statuses: list) -> dict:
    counts = {"200": 0, "503": 0, "other": 0}
    for status in statuses:
        key = str(status) if status in (200, 503) else "other"
        counts[key] += 1
    return counts


# MariaDB restarted during a load


def test_mariadb_restart_under_load_the_responder_recovers(stack, capsys):
    landlord, _ = sign_up_landlord(stack)
    add_property(stack, landlord, name="Restart Court", units=3)
    pid = stack.responder.pid
    url_before = stack.env["NYUMBA_DATABASE_URL"]
    statuses, others, stop = [], [], threading.Event()
    lock = threading.Lock()

    def load(path):
        session = requests.Session()
        session.cookies.update(landlord.cookies)
        while not stop.is_set():
            try:
                status = session.get(stack.url(path), timeout=15, allow_redirects=False).status_code
            except requests.RequestException as error:
                status = type(error).__name__
            with lock:
                statuses.append(status)
                if status not in (200, 503):
                    others.append(status)

    threads = [threading.Thread(target=load, args=(path,))
               for path in ("/landlord", "/landlord/dashboard", "/healthz", "/landlord")]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    time.sleep(1.0)
    stack.stop_database()
    down = time.monotonic()
    time.sleep(1.5)
    stack.start_database()
    restarted = time.monotonic()
    time.sleep(max(0.0, 5.0 - (time.monotonic() - started)))
    # Keep the load on until the responder answers from the database again.
    wait_for(lambda: requests.get(stack.url("/healthz"), timeout=5).status_code == 200, timeout=30,
             what="/healthz back to 200")
    recovered = time.monotonic()
    stop.set()
    for thread in threads:
        thread.join(timeout=30)

    assert stack.env["NYUMBA_DATABASE_URL"] == url_before
    assert stack.responder.poll() is None and stack.responder.pid == pid, "the responder must not crash"
    assert landlord.get(stack.url("/landlord"), allow_redirects=False).status_code == 200
    assert landlord.get(stack.url("/landlord/dashboard"), allow_redirects=False).status_code == 200
    figures = tally(statuses)
    report(capsys, "MariaDB stopped and started during a 4-thread load",
           f"requests: {len(statuses)} — 200: {figures['200']}, 503: {figures['503']}, other: {figures['other']}"
           + (f" {sorted(set(map(str, others)))}" if others else ""),
           f"database down for {restarted - down:.1f} s; pages 200 again {recovered - restarted:.1f} s after restart",
           f"responder PID {pid} unchanged")
    # While the database is away the responder answers 503 (Retry-After), never a crash or 502.
    assert figures["other"] == 0, others[:10]


# The responder killed with SIGKILL during a flood of STK callbacks


def _tenants_with_leases(stack, landlord, how_many: int):
    """`how_many` approved tenants in units A1… of one new property."""
    property_id = add_property(stack, landlord, name=f"Flood Court {secrets.token_hex(2)}", units=how_many, rent=5000)
    _, token = property_row(stack, property_id)
    tenants = []
    for number in range(1, how_many + 1):
        tenant, email, response = sign_up_tenant(stack, invite=token, name=f"Flood Tenant {number}")
        assert response.status_code == 303, response.text[:300]
        approved = post_form(stack, landlord, "/landlord/notifications",
                             f"/landlord/requests/{request_id(stack, email)}/approve",
                             {"unit": str(unit_id(stack, property_id, f"A{number}")), "rent": "5000",
                              "start": nairobi_today("%Y-%m-01"), "dueDay": "1"})
        assert approved.status_code == 303, approved.text[:300]
        tenants.append(tenant)
    return tenants


def test_sigkill_during_callback_flood_every_payment_recorded_exactly_once(stack, capsys):
    landlord, _ = sign_up_landlord(stack)
    tenants = _tenants_with_leases(stack, landlord, 8)
    # No reconciler while the flood runs: callbacks alone race the kill.
    stack.stop_responder()
    stack.start_responder("--no-reconciler")
    wait_for(stack.healthy, what="responder without reconciler")
    try:
        # Real pushes whose phone ends in 9998: the simulator never calls back but answers queries.
        ids = [_pushed(stack, tenant, "5000", "9998") for tenant in tenants]
        checkouts = {request: _checkout(stack, request) for request in ids}
        bodies = [json.dumps(_success_body(checkout, 5000, "K" + secrets.token_hex(5).upper()[:9]))
                  for checkout in checkouts.values()]
        # Half the requests get callbacks before the kill, the rest only after (or never).
        flood = [body for body in bodies[: len(bodies) // 2 + 1] for _ in range(15)]
        flood += [body for body in bodies[len(bodies) // 2 + 1:] for _ in range(15)]
        answers, lock = [], threading.Lock()
        next_index = iter(range(len(flood)))
        url = stack.url(f"/daraja/stk/{stack.callback_token}")

        def send():
            session = requests.Session()
            for index in next_index:
                try:
                    status = session.post(url, data=flood[index], timeout=10,
                                          headers={"Content-Type": "application/json"}).status_code
                except requests.RequestException as error:
                    status = type(error).__name__
                with lock:
                    answers.append(status)

        threads = [threading.Thread(target=send) for _ in range(8)]
        for thread in threads:
            thread.start()
        wait_for(lambda: len(answers) >= len(flood) // 3, timeout=30, what="a third of the flood")
        killed_after = len(answers)
        stack.stop_responder(signal.SIGKILL)
        for thread in threads:
            thread.join(timeout=60)
    finally:
        stack.restart_responder()

    once = stack.nyumba("reconcile", "--once", env=dict(stack.env, NYUMBA_RECONCILE_SECONDS="1"))
    assert once.returncode == 0, once.stderr
    id_list = ",".join(map(str, ids))
    wait_for(lambda: count(stack, f"SELECT COUNT(*) FROM payment_requests WHERE id IN ({id_list}) "
                                  "AND status = 'pending'") == 0, timeout=60, what="every request settled")

    per_request = {int(r): int(n) for r, n in (line.split("\t") for line in stack.sql(
        f"SELECT r.id, COUNT(p.id) FROM payment_requests r LEFT JOIN payments p ON p.payment_request_id = r.id "
        f"WHERE r.id IN ({id_list}) GROUP BY r.id").splitlines())}
    statuses = dict(line.split("\t") for line in stack.sql(
        f"SELECT id, status FROM payment_requests WHERE id IN ({id_list})").splitlines())
    by_receipt = count(stack, f"SELECT COUNT(*) FROM payments WHERE payment_request_id IN ({id_list}) "
                              "AND receipt LIKE 'K%'")
    twice = count(stack, "SELECT COUNT(*) FROM (SELECT payment_request_id FROM payments WHERE payment_request_id "
                         "IS NOT NULL GROUP BY payment_request_id HAVING COUNT(*) > 1) AS t")
    answered = tally([a for a in answers])
    report(capsys, f"SIGKILL during a flood of {len(flood)} STK callbacks for {len(ids)} pending requests",
           f"callbacks answered before the kill: {killed_after}; all answers — 200: {answered['200']}, "
           f"other (refused/502 after the kill): {answered['other'] + answered['503']}",
           f"requests settled: {len(statuses)} ({sorted(set(statuses.values()))}); "
           f"payments recorded by callback: {by_receipt}, by the reconciler: {sum(per_request.values()) - by_receipt}",
           f"requests with two payments: {twice}")
    assert all(status == "succeeded" for status in statuses.values()), statuses
    assert per_request == {request: 1 for request in ids}, per_request
    assert twice == 0


# SMTP down during sign-ups


def test_smtp_down_during_signups_every_email_delivered_exactly_once(stack, capsys):
    stack.stop_smtp()
    try:
        emails = [sign_up_landlord(stack)[1] for _ in range(6)]
        time.sleep(3)  # the mailer tries, fails and backs off while the server is away
        failed_attempts = count(stack, "SELECT COALESCE(SUM(attempts), 0) FROM outbox WHERE recipient IN ("
                                       + ",".join(f"'{e}'" for e in emails) + ")")
    finally:
        stack.start_smtp()
    started = time.monotonic()
    for address in emails:
        stack.wait_for_email(to=address, subject_contains="Welcome", timeout=60)
    delivered_after = time.monotonic() - started
    time.sleep(2.5)  # a second delivery would show up by now (retry every second in tests)
    per_address = {address: sum(1 for m in stack.emails() if m.to.lower() == address.lower()
                                and "Welcome" in m.subject) for address in emails}
    report(capsys, "SMTP server stopped during 6 sign-ups, started 3 s later",
           f"delivery attempts that failed while it was down: {failed_attempts}",
           f"all delivered {delivered_after:.1f} s after it came back; copies per address: "
           f"{sorted(set(per_address.values()))}")
    assert per_address == {address: 1 for address in emails}


# Daraja hanging


class HangingServer:
    """Accepts TCP connections on 127.0.0.1 and never answers."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.connections = []
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.closed:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        self.closed = True
        self.listener.close()
        for connection in self.connections:
            connection.close()


def _timings(session, url, n=50) -> tuple[list[float], list[int]]:
    seconds, statuses = [], []
    for _ in range(n):
        started = time.monotonic()
        statuses.append(session.get(url, timeout=30, allow_redirects=False).status_code)
        seconds.append(time.monotonic() - started)
    return seconds, statuses


def test_daraja_hanging_other_pages_keep_answering(stack, capsys):
    hanging = HangingServer()
    node = Node(stack, "daraja-hangs", NYUMBA_DARAJA_BASE_URL=f"http://127.0.0.1:{hanging.port}")
    try:
        node.start()
        tenant, _, landlord, _, _ = _tenant_with_lease(stack, rent=5000)
        before = {path: _timings(landlord if path != "/healthz" else requests.Session(), node.url(path))
                  for path in ("/healthz", "/landlord")}

        paid = {}

        def pay():
            started = time.monotonic()
            paid["response"] = post_form(node, tenant, "/tenant/pay", "/tenant/pay",
                                         {"amount": "5000", "phone": "0712340000", "password": PASSWORD})
            paid["seconds"] = time.monotonic() - started

        payer = threading.Thread(target=pay)
        payer.start()
        wait_for(lambda: hanging.connections, timeout=10, what="the responder to reach the hanging Daraja")
        during = {path: _timings(landlord if path != "/healthz" else requests.Session(), node.url(path))
                  for path in ("/healthz", "/landlord")}
        still_hanging = payer.is_alive()
        payer.join(timeout=60)
    finally:
        node.stop()
        hanging.close()

    lines = []
    for path in ("/healthz", "/landlord"):
        (b, _), (d, statuses) = before[path], during[path]
        lines.append(f"{path}: before p50 {statistics.median(b) * 1000:.1f} ms max {max(b) * 1000:.1f} ms; "
                     f"during the hang p50 {statistics.median(d) * 1000:.1f} ms max {max(d) * 1000:.1f} ms "
                     f"({statuses.count(200)}/50 answered 200)")
    lines.append(f"the pay request hung {paid.get('seconds', 0):.1f} s and got "
                 f"{paid['response'].status_code if 'response' in paid else 'nothing'}")
    report(capsys, "Daraja accepts connections and never answers, while a tenant pays", *lines)
    assert still_hanging, "the measurements must be taken while the pay request hangs"
    assert "response" in paid and paid["response"].status_code < 600
    assert paid["response"].status_code != 200 or "Paid" not in paid["response"].text
    for path in ("/healthz", "/landlord"):
        (b, _), (d, statuses) = before[path], during[path]
        assert statuses == [200] * 50
        assert statistics.median(d) <= max(5 * statistics.median(b), 0.05), path
        assert max(d) < 1.0, path
