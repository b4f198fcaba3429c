"""The foundation through the real parts: nginx → FastCGI → responder → MariaDB."""

import http.client
import os
import re
import signal
import threading
import time
from pathlib import Path

import pytest
import requests

from stack import wait_for


def test_home_page_is_rendered_through_nginx_with_security_headers(stack):
    response = requests.get(stack.url("/"))
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Nyumba" in response.text
    assert 'href="/login"' in response.text and 'href="/signup"' in response.text
    assert 'href="/static/app.css"' in response.text
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]
    assert response.headers.get("X-Request-Id")


def test_static_files_come_from_nginx_with_cache_headers(stack):
    response = requests.get(stack.url("/static/app.css"))
    assert response.status_code == 200
    assert "max-age" in response.headers["Cache-Control"]
    assert "--green" in response.text
    # nginx answered alone: the responder logged no request for it.
    assert "/static/app.css" not in stack.responder_log.read_text()


def test_healthz_says_ok(stack):
    response = requests.get(stack.url("/healthz"))
    assert (response.status_code, response.text) == (200, "ok\n")


def test_unknown_page_is_a_rendered_404(stack):
    response = requests.get(stack.url("/no/such/page"))
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "<html" in response.text


def test_wrong_method_is_405(stack):
    response = requests.post(stack.url("/healthz"), data={"a": "1"})
    assert response.status_code == 405


def test_malformed_query_string_is_a_clear_400(stack):
    # Sent byte for byte: requests would re-encode the broken escape.
    connection = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=5)
    connection.request("GET", "/?x=%zz")
    response = connection.getresponse()
    assert response.status == 400
    assert "could not be understood" in response.read().decode()


def test_oversized_body_is_refused_with_413(stack):
    response = requests.post(stack.url("/"), data=b"a" * (2 << 20),
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413


def test_json_paths_answer_errors_as_json(stack):
    response = requests.get(stack.url("/api/v1/nothing-here"))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_each_request_is_logged_with_id_method_path_status_and_duration(stack):
    request_id = requests.get(stack.url("/healthz")).headers["X-Request-Id"]
    wait_for(lambda: request_id in stack.responder_log.read_text(), timeout=5, what="log line")
    line = next(l for l in stack.responder_log.read_text().splitlines() if request_id in l)
    assert " GET /healthz 200 " in line and line.endswith("us")


def _signed_in_landlord(stack) -> requests.Session:
    browser = requests.Session()
    page = browser.get(stack.url("/signup"))
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page.text).group(1)
    email = f"outage-{time.monotonic_ns()}@example.com"
    response = browser.post(stack.url("/signup"), data={
        "_csrf": csrf, "name": "Outage Landlord", "email": email, "phone": "0712345678",
        "password": "long enough"}, allow_redirects=False)
    assert response.status_code == 303
    return browser


def test_database_outage_gives_503_then_recovers_without_restart(stack):
    responder = stack.responder
    landlord = _signed_in_landlord(stack)
    assert landlord.get(stack.url("/")).status_code == 200
    stack.stop_database()
    try:
        health = requests.get(stack.url("/healthz"))
        assert health.status_code == 503
        # A page that must read the database (the home page is served from caches alone).
        page = landlord.get(stack.url("/landlord"))
        assert page.status_code == 503
        assert "Temporarily unavailable" in page.text and "<html" in page.text
        assert page.headers["Retry-After"]
    finally:
        stack.start_database()
    wait_for(stack.healthy, timeout=20, what="recovery")
    assert requests.get(stack.url("/healthz")).status_code == 200
    assert landlord.get(stack.url("/landlord")).status_code == 200
    assert stack.responder is responder and responder.poll() is None, "the responder was not restarted"


def test_sigterm_during_load_finishes_in_flight_requests_and_exits_zero(stack):
    statuses = []
    stop = threading.Event()

    def load():
        session = requests.Session()
        while not stop.is_set():
            try:
                statuses.append(session.get(stack.url("/healthz"), timeout=10).status_code)
            except requests.RequestException as error:
                statuses.append(repr(error))

    # Only what nginx logs from here on counts (other tests kill responders on purpose).
    log_start = len(stack.nginx_error_log)
    threads = [threading.Thread(target=load) for _ in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    served_before = len(statuses)
    exit_code = stack.stop_responder(signal.SIGTERM)
    time.sleep(0.3)
    stop.set()
    for thread in threads:
        thread.join()
    try:
        assert exit_code == 0
        assert served_before > 50, "the load did not run"
        # Requests either completed (200) or, once the socket was closed, were refused
        # by nginx before reaching the responder (502): none was cut off half-way.
        assert set(statuses) <= {200, 502}, set(statuses) - {200, 502}
        new_errors = stack.nginx_error_log[log_start:]
        assert "prematurely closed" not in new_errors
        assert "reset by peer" not in new_errors
        assert "serve: stopped" in stack.responder_log.read_text()
    finally:
        stack.start_responder()
        wait_for(stack.healthy, what="responder back")


def test_missing_setting_stops_start_up_with_one_clear_line(stack):
    env = dict(stack.env)
    del env["NYUMBA_SECRET_KEY"]
    env["NYUMBA_WORKERS"] = "zero"
    result = stack.nyumba("serve", env=env, timeout=10)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert any(l.startswith("nyumba: NYUMBA_SECRET_KEY is not set") for l in lines), lines
    assert any("NYUMBA_WORKERS is malformed" in l for l in lines), lines


FAKETIME_LIB = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")


@pytest.mark.skipif(not FAKETIME_LIB.exists(), reason="libfaketime is not installed")
@pytest.mark.skipif("ASAN_OPTIONS" in os.environ or "TSAN_OPTIONS" in os.environ,
                    reason="make test-sanitize: a sanitizer's start-up and libfaketime hang each other "
                           "(libfaketime: 'Unexpected recursive calls to clock_gettime()')")
def test_commands_get_their_arguments_under_a_preloaded_libfaketime(stack):
    """`make test-calendar` runs every process under libfaketime. Preloaded into a process whose
    parent did not run under it, it leaves Swift's `CommandLine.arguments` empty nearly every time
    (measured: 197 of 200 starts), and `nyumba daraja-sim` then printed its usage and exited 2 (twice
    in `make test-calendar`). The arguments now come from /proc/self/cmdline then."""
    env = {name: value for name, value in stack.env.items() if not name.startswith("FAKETIME")}
    env.update(LD_PRELOAD=str(FAKETIME_LIB), FAKETIME="+0")
    for _ in range(20):
        result = stack.nyumba("help", env=env, timeout=10)
        assert (result.returncode, result.stdout.splitlines()[:1]) == (0, ["usage: nyumba [--env-file FILE] COMMAND"]), \
            result.stderr[:300]
        result = stack.nyumba("--env-file", "/nonexistent/nyumba.env", "help", env=env, timeout=10)
        assert result.returncode == 1 and "cannot read the settings file /nonexistent/nyumba.env" in result.stderr
