"""Two responder processes behind ONE nginx `upstream` (scripts/nginx.sh with
NYUMBA_FCGI_UPSTREAM), sharing MariaDB and Redis, each running its mailer and reconciler:
no email sent twice, no payment reconciled twice, no stale dashboard, and one node stopped
gracefully while the other carries the load with no failed request."""

import subprocess
import threading
import time

import pytest
import requests

from accounts import sign_up_landlord
from nodes import Node, RedisServer
from stack import REPO, free_port, wait_for
from test_dashboard import Landlord, _figures, _today, _months_ago
from test_faults import _tenants_with_leases, report
from test_payments import _pushed, _wait_settled


class FullNode(Node):
    """A responder running everything (mailer, reconciler, scheduler), behind its own nginx too
    so a test can reach this very node."""

    serve_args = ()


class Upstream:
    """One nginx balancing over the nodes' sockets."""

    def __init__(self, stack, nodes):
        self.root = stack.root / "upstream-nginx"
        self.sql = stack.sql  # the helpers read ids back from the shared database
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(stack.env, NYUMBA_HTTP_PORT=str(self.port),
                        NYUMBA_FCGI_UPSTREAM=" ".join(f"unix:{node.socket}" for node in nodes),
                        NYUMBA_DARAJA_FCGI_UPSTREAM=" ".join(f"unix:{node.daraja_socket}" for node in nodes))

    def start(self):
        subprocess.run(["bash", str(REPO / "scripts/nginx.sh"), "start", str(self.root)], env=self.env, check=True,
                       capture_output=True)
        return self

    def stop(self):
        subprocess.run(["bash", str(REPO / "scripts/nginx.sh"), "stop", str(self.root)], env=self.env,
                       capture_output=True)

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture()
def cluster(stack):
    """Nodes A and B (+ Redis) behind one upstream; the stack's own responder meanwhile runs
    no background work, so only the two nodes mail and reconcile."""
    stack.stop_responder()
    stack.start_responder("--no-mailer", "--no-reconciler", "--no-scheduler")
    redis = RedisServer(stack.root / "redis-cluster")
    redis.start()
    nodes = [FullNode(stack, f"cluster-{name}", NYUMBA_REDIS_URL=redis.url).start() for name in ("a", "b")]
    upstream = Upstream(stack, nodes).start()
    wait_for(lambda: requests.get(upstream.url("/healthz"), timeout=2).status_code == 200, what="upstream")
    try:
        yield upstream, nodes, redis
    finally:
        upstream.stop()
        for node in nodes:
            node.stop()
        redis.stop()
        stack.stop_responder()
        stack.start_responder()
        wait_for(stack.healthy, what="stack responder back")


def test_nginx_config_has_one_upstream_over_both_nodes(cluster):
    upstream, nodes, _ = cluster
    conf = (upstream.root / "nginx.conf").read_text()
    assert "upstream nyumba_responders {" in conf
    for node in nodes:
        assert f"server unix:{node.socket};" in conf
    assert "fastcgi_pass nyumba_responders;" in conf
    # Daraja's callbacks: to each node's socket for them, balanced the same way.
    assert "upstream nyumba_daraja_responders {" in conf
    for node in nodes:
        assert f"server unix:{node.daraja_socket};" in conf
    assert "fastcgi_pass nyumba_daraja_responders;" in conf
    # fastcgi_next_upstream is left at its default ("error timeout"): retried on a connect error.
    assert "fastcgi_next_upstream" not in conf


def test_two_nodes_no_email_twice_no_payment_twice_no_stale_dashboard_graceful_stop(stack, cluster, capsys):
    upstream, (a, b), redis = cluster
    lines = []

    # Both answer through the one upstream.
    served = [requests.get(upstream.url("/healthz"), timeout=5).status_code for _ in range(20)]
    assert served == [200] * 20

    # A burst of sign-ups: each welcome email exactly once, whichever node's mailer sent it.
    emails, lock = [], threading.Lock()

    def sign_up():
        _, address = sign_up_landlord(upstream)
        with lock:
            emails.append(address)

    threads = [threading.Thread(target=sign_up) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for address in emails:
        stack.wait_for_email(to=address, subject_contains="Welcome", timeout=40)
    time.sleep(2.5)
    copies = [sum(1 for m in stack.emails() if m.to.lower() == address.lower() and "Welcome" in m.subject)
              for address in emails]
    lines.append(f"emails: {len(emails)} sign-ups through the upstream, copies per address {sorted(set(copies))}")
    assert copies == [1] * len(emails)

    # Pushes Daraja never calls back for (…9998): each settled once by one of the reconcilers.
    landlord, _ = sign_up_landlord(upstream)
    tenants = _tenants_with_leases(upstream, landlord, 4)
    ids = [_pushed(upstream, tenant, "5000", "9998") for tenant in tenants]
    for request in ids:
        assert _wait_settled(stack, request, timeout=30) == "succeeded"
    id_list = ",".join(map(str, ids))
    per_request = [int(n) for n in stack.sql(
        f"SELECT COUNT(p.id) FROM payment_requests r LEFT JOIN payments p ON p.payment_request_id = r.id "
        f"WHERE r.id IN ({id_list}) GROUP BY r.id").split()]
    time.sleep(2)  # another reconciler pass on both nodes
    per_request_later = [int(n) for n in stack.sql(
        f"SELECT COUNT(p.id) FROM payment_requests r LEFT JOIN payments p ON p.payment_request_id = r.id "
        f"WHERE r.id IN ({id_list}) GROUP BY r.id").split()]
    lines.append(f"payments: {len(ids)} unanswered pushes reconciled, payments per request {per_request_later}")
    assert per_request == per_request_later == [1] * len(ids)

    # Dashboard: read on B (cached), pay on A, read on B again at once.
    owner = Landlord(stack, "Cluster Landlord")
    court = owner.property("Cluster Court", units=2, rent=10000, prefix="C")
    lease = owner.lease(court, "C1", _months_ago(1, 1), due_day=1, rent=10000)
    lease.pay(3000, _today(), url=a.url)
    assert _figures(owner.get("/landlord/dashboard", base=b.url).text)["Collected"] == "KES 3,000"
    lease.pay(1234, _today(), url=a.url)
    shown = _figures(owner.get("/landlord/dashboard", base=b.url).text)["Collected"]
    lines.append(f"dashboard: after a payment on node A, node B shows {shown} (expected KES 4,234)")
    assert shown == "KES 4,234"

    # Node A stopped gracefully while a load runs through the upstream.
    browser, _ = sign_up_landlord(upstream)
    statuses, stop = [], threading.Event()

    def load(path):
        session = requests.Session()
        session.cookies.update(browser.cookies)
        while not stop.is_set():
            try:
                status = session.get(upstream.url(path), timeout=15, allow_redirects=False).status_code
            except requests.RequestException as error:
                status = type(error).__name__
            with lock:
                statuses.append(status)

    threads = [threading.Thread(target=load, args=(path,)) for path in ("/landlord", "/healthz", "/landlord",
                                                                         "/landlord/dashboard")]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    started = time.monotonic()
    a.process.terminate()
    code = a.process.wait(timeout=20)
    stopped_in = time.monotonic() - started
    time.sleep(2.0)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    failed = [s for s in statuses if s != 200]
    error_log = (upstream.root / "error.log").read_text()
    retried = error_log.count(f"connect() to unix:{a.socket} failed")
    lines.append(f"graceful stop: node A exited {code} after {stopped_in:.2f} s; {len(statuses)} requests through "
                 f"the upstream, {len(failed)} failed {sorted(set(map(str, failed)))}; "
                 f"connects to A refused and retried on B: {retried}")
    report(capsys, "two nodes behind one nginx upstream, sharing MariaDB and Redis", *lines, tag="nodes")
    assert code == 0
    assert not failed, failed[:10]
