"""The attack suite: cross-account access over every route with an id, CSRF on every unsafe
page route, SQL-injection and XSS payloads through the main forms and query parameters,
cookie flags, security headers, open redirects, oversized and malformed requests. Each
test prints how many requests of its kind it tried and that none got through."""

import re
import secrets
import socket
import time

import pytest
import requests

from accounts import csrf_of, form_token, log_in, sign_up_landlord
from browser import add_property, count, post_form, sign_up_tenant, user_id
from nodes import Node
from test_faults import report
from test_payments import _pushed, _tenant_with_lease, _wait_settled
from stack import nairobi_today

# An error code (ER_PARSE_ERROR…) only in capitals, as MariaDB writes it: "eR_" turns up in
# random tokens on a page now and then.
SQL_ERRORS = re.compile(
    r"SQL syntax|MariaDB|mysql|SQLSTATE|You have an error|Unknown column|(?-i:\bER_[A-Z_]{3,})", re.I)


def tell(capsys, title, *lines):
    report(capsys, title, *lines, tag="attacks")


class Account:
    """A landlord with a property, a tenant on a lease, one STK payment and one message."""

    def __init__(self, stack, tag):
        self.tenant, self.tenant_email, self.landlord, self.landlord_email, self.property_id = _tenant_with_lease(
            stack, rent=5000, name=f"Tenant {tag}")
        self.landlord_id = user_id(stack, self.landlord_email)
        self.property_name = stack.sql(f"SELECT name FROM properties WHERE id = {self.property_id}").strip()
        self.request_id = _pushed(stack, self.tenant, "5000")
        assert _wait_settled(stack, self.request_id) == "succeeded"
        self.payment_id = int(stack.sql(f"SELECT id FROM payments WHERE payment_request_id = {self.request_id}"))
        self.lease_id = int(stack.sql(f"SELECT lease_id FROM payments WHERE id = {self.payment_id}"))
        self.unit_id = int(stack.sql(f"SELECT unit_id FROM leases WHERE id = {self.lease_id}"))
        self.tenancy_request_id = int(stack.sql(
            f"SELECT id FROM tenancy_requests WHERE tenant_id = {user_id(stack, self.tenant_email)}"))


@pytest.fixture(scope="module")
def accounts(stack):
    return Account(stack, "One"), Account(stack, "Two")


def landlord_get_routes(b):
    p, u, l, pay = b.property_id, b.unit_id, b.lease_id, b.payment_id
    return [f"/landlord/properties/{p}", f"/landlord/properties/{p}/units/{u}",
            f"/landlord/properties/{p}/units/{u}/lease", f"/landlord/leases/{l}", f"/landlord/leases/{l}/message",
            f"/landlord/leases/{l}/payments/new", f"/landlord/payments/{pay}/receipt",
            f"/landlord/dashboard/properties/{p}", f"/landlord/dashboard/leases/{l}",
            f"/landlord/dashboard/properties/{p}/payments.csv", f"/landlord/dashboard/properties/{p}/arrears.csv",
            f"/landlord/dashboard/leases/{l}/payments.csv"]


def landlord_post_routes(b):
    p, u, l, r = b.property_id, b.unit_id, b.lease_id, b.tenancy_request_id
    return [(f"/landlord/properties/{p}/units", {"label": "Z9", "rent": "1"}),
            (f"/landlord/properties/{p}/units/{u}", {"label": "Z9", "rent": "1"}),
            (f"/landlord/requests/{r}/approve", {"unit": str(u), "rent": "1", "start": "2025-01-01", "dueDay": "1"}),
            (f"/landlord/requests/{r}/reject", {}),
            (f"/landlord/leases/{l}/end", {"end": nairobi_today("%Y-%m-%d")}),
            (f"/landlord/leases/{l}/message", {"subject": "hi", "text": "stolen"}),
            (f"/landlord/leases/{l}/payments/new", {"amount": "1", "method": "cash",
                                                   "date": nairobi_today("%Y-%m-%d")})]


def snapshot(stack) -> str:
    return stack.sql("SELECT (SELECT COUNT(*) FROM properties), (SELECT COUNT(*) FROM units), "
                     "(SELECT COUNT(*) FROM leases WHERE end_date IS NULL), (SELECT COUNT(*) FROM payments), "
                     "(SELECT COUNT(*) FROM outbox), (SELECT COUNT(*) FROM users), "
                     "(SELECT COUNT(*) FROM tenancy_requests WHERE status = 'pending')")


def test_cross_account_access_matrix(stack, accounts, capsys):
    a, b = accounts
    tried = {"landlord x landlord": 0, "tenant x tenant": 0, "tenant x landlord pages": 0, "anonymous": 0}
    before = snapshot(stack)
    for path in landlord_get_routes(b):
        response = a.landlord.get(stack.url(path), allow_redirects=False)
        tried["landlord x landlord"] += 1
        assert response.status_code == 404, (path, response.status_code)
        assert b.property_name not in response.text and "Tenant Two" not in response.text, path
        # B sees their own (the ids are real).
        assert b.landlord.get(stack.url(path), allow_redirects=False).status_code in (200, 303), path
    for path, data in landlord_post_routes(b):
        response = post_form(stack, a.landlord, "/landlord", path, data)
        tried["landlord x landlord"] += 1
        assert response.status_code == 404, (path, response.status_code, response.text[:200])
    for path in (f"/tenant/payments/requests/{b.request_id}", f"/tenant/payments/{b.payment_id}/receipt"):
        response = a.tenant.get(stack.url(path), allow_redirects=False)
        tried["tenant x tenant"] += 1
        assert response.status_code == 404, (path, response.status_code)
        assert b.tenant.get(stack.url(path), allow_redirects=False).status_code == 200, path
    for path in ["/landlord", "/landlord/dashboard", "/landlord/payments", "/landlord/notifications",
                 "/landlord/reminders", "/landlord/mpesa", "/landlord/dashboard/payments.csv",
                 *landlord_get_routes(a)]:
        response = a.tenant.get(stack.url(path), allow_redirects=False)
        tried["tenant x landlord pages"] += 1
        assert response.status_code in (403, 404) or (
            response.status_code in (302, 303) and not response.headers["Location"].startswith("/landlord")), \
            (path, response.status_code)
        assert a.property_name not in response.text, path
    anonymous = requests.Session()
    for path in [*landlord_get_routes(a), f"/tenant/payments/requests/{a.request_id}",
                 f"/tenant/payments/{a.payment_id}/receipt", "/tenant/pay", "/landlord/dashboard"]:
        response = anonymous.get(stack.url(path), allow_redirects=False)
        tried["anonymous"] += 1
        assert response.status_code in (302, 303) and response.headers["Location"].startswith("/login"), path
    assert snapshot(stack) == before, "nothing changed"
    tell(capsys, "cross-account access", *(f"{kind}: {n} requests tried, 0 got through" for kind, n in tried.items()))


# Every unsafe page route (grep 'router.page("POST"' Sources): the id routes use A's own ids.
def unsafe_routes(a):
    return ["/signup", "/signup/tenant", "/login", "/logout", "/password/forgot", "/password/reset/x" * 1,
            "/account/password", "/landlord/properties", f"/landlord/properties/{a.property_id}/units",
            f"/landlord/properties/{a.property_id}/units/{a.unit_id}", f"/landlord/requests/{a.tenancy_request_id}/approve",
            f"/landlord/requests/{a.tenancy_request_id}/reject", f"/landlord/leases/{a.lease_id}/end",
            f"/landlord/leases/{a.lease_id}/message", f"/landlord/leases/{a.lease_id}/payments/new",
            "/landlord/mpesa", "/landlord/mpesa/remove", "/landlord/reminders", "/landlord/reminders/settings",
            "/tenant/messages", "/tenant/pay"]


def test_csrf_on_every_unsafe_page_route(stack, accounts, capsys):
    a, _ = accounts
    before = snapshot(stack)
    tried = 0
    for path in unsafe_routes(a):
        browser = a.tenant if path.startswith("/tenant") else a.landlord
        for token in (None, "wrong-" + secrets.token_hex(16), csrf_of(a.tenant.get(stack.url("/tenant/pay")).text)
                      if not path.startswith("/tenant") else None):
            data = {"name": "x", "email": "x@example.com", "password": "p" * 12, "amount": "1", "phone": "0712340000",
                    "subject": "s", "text": "t", "label": "Z", "rent": "1"}
            if token:
                data["_csrf"] = token
            response = browser.post(stack.url(path), data=data, allow_redirects=False)
            tried += 1
            assert response.status_code == 403, (path, token, response.status_code, response.text[:200])
    assert snapshot(stack) == before
    assert a.landlord.get(stack.url("/landlord"), allow_redirects=False).status_code == 200, "still signed in"
    tell(capsys, "CSRF", f"{len(unsafe_routes(a))} unsafe routes x (no token, wrong token, another user's token): "
                         f"{tried} requests tried, 0 got through (all 403, nothing changed)")


SQLI = ["' OR '1'='1", "1; DROP TABLE users--", "' UNION SELECT password_hash FROM users--", "\" OR \"\"=\"",
        "1' AND SLEEP(5)--", "admin'--", "%' OR 1=1 #", "') OR ('x'='x", "1 OR 1=1", "\\'; SELECT 1; --",
        "' OR EXISTS(SELECT * FROM users) AND ''='", "0x27204f522031"]
XSS = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'><svg onload=alert(1)>",
       "javascript:alert(1)", "<iframe src=javascript:alert(1)>", "</title><script>alert(1)</script>",
       "{{7*7}}", "<body onload=alert(1)>", "\" autofocus onfocus=alert(1) x=\"", "<a href=\"javascript:alert(1)\">x</a>",
       "<scr<script>ipt>alert(1)</scr</script>ipt>", "&lt;script&gt;raw"]


def _no_error(response, where):
    assert response.status_code < 500, (where, response.status_code)
    assert not SQL_ERRORS.search(response.text), (where, SQL_ERRORS.search(response.text).group(0))


def test_injection_and_xss_payloads_through_forms_and_query_parameters(stack, accounts, capsys):
    a, _ = accounts
    tried = {"SQL injection": 0, "XSS": 0}
    users_before = count(stack, "SELECT COUNT(*) FROM users")
    for kind, payloads in (("SQL injection", SQLI), ("XSS", XSS)):
        for payload in payloads:
            # Stored: a property name and location, shown on the property page.
            response = post_form(stack, a.landlord, "/landlord/properties/new", "/landlord/properties",
                                 {"name": payload[:80] or "x", "location": payload, "units": "1", "rent": "1000",
                                  "prefix": "A"})
            tried[kind] += 1
            _no_error(response, ("property", payload))
            if response.status_code == 303:
                page = a.landlord.get(stack.url(response.headers["Location"]))
                _no_error(page, ("property page", payload))
                if "<" in payload:
                    assert payload[:80] not in page.text, ("raw on the property page", payload)
                    assert "&lt;" in page.text
                landlord_home = a.landlord.get(stack.url("/landlord"))
                assert "<script>alert(1)</script>" not in landlord_home.text
            else:
                assert payload not in response.text or "<" not in payload
            # Stored: a message from the tenant (subject and text).
            response = post_form(stack, a.tenant, "/tenant/messages", "/tenant/messages",
                                 {"subject": payload[:100], "text": payload})
            tried[kind] += 1
            _no_error(response, ("message", payload))
            # Reflected: log-in and sign-up fields, query parameters.
            browser = requests.Session()
            token = form_token(browser, stack.url("/login"))
            response = browser.post(stack.url("/login"), data={"_csrf": token, "email": payload, "password": payload},
                                    allow_redirects=False)
            tried[kind] += 1
            _no_error(response, ("login", payload))
            if "<" in payload:
                assert payload not in response.text
            response = sign_up_tenant(stack, code=payload, unit=payload, name=payload)[2]
            tried[kind] += 1
            _no_error(response, ("tenant sign-up", payload))
            if "<" in payload:
                assert payload not in response.text
            for path in ("/landlord/dashboard", "/landlord/payments", f"/landlord/dashboard/properties/{a.property_id}",
                         "/landlord/reminders"):
                response = a.landlord.get(stack.url(path), params={"month": payload, "period": payload,
                                                                   "property": payload, "page": payload,
                                                                   "q": payload})
                tried[kind] += 1
                _no_error(response, (path, payload))
                if "<" in payload:
                    assert payload not in response.text, (path, payload)
            response = requests.get(stack.url("/login"), params={"next": payload})
            tried[kind] += 1
            _no_error(response, ("login next", payload))
            if "<" in payload:
                assert payload not in response.text
    assert count(stack, "SELECT COUNT(*) FROM users") >= users_before, "users table intact"
    # Stored names of tenants are escaped where landlords read them.
    tenant, email, response = sign_up_tenant(stack, invite=stack.sql(
        f"SELECT invite_token FROM properties WHERE id = {a.property_id}").strip(), name="<script>alert(1)</script>")
    assert response.status_code == 303
    notifications = a.landlord.get(stack.url("/landlord/notifications")).text
    assert "<script>alert(1)</script>" not in notifications and "&lt;script&gt;alert(1)&lt;/script&gt;" in notifications
    tell(capsys, "injection", *(f"{kind}: {n} requests tried ({len(SQLI)} payloads through property, message, login, "
                                f"sign-up forms and 5 query parameters on 5 pages), 0 got through (no 500, no SQL error "
                                f"text, stored values shown escaped)" for kind, n in tried.items()))


def _retrying(send):
    """The login throttle locks 127.0.0.1 out for a few seconds after the payload log-ins: wait it out."""
    for _ in range(20):
        response = send()
        if response.status_code != 429:
            return response
        time.sleep(0.5)
    return response


def _cookies(response) -> dict[str, str]:
    found = {}
    for header in response.raw.headers.getlist("Set-Cookie"):
        found[header.split("=", 1)[0]] = header
    return found


def test_cookie_flags_on_http_and_https(stack, accounts, capsys):
    a, _ = accounts
    checked = 0
    holder = {}

    def first_login():
        holder["browser"], answer = log_in(stack, a.landlord_email)
        return answer

    response = _retrying(first_login)
    assert response.status_code == 303
    cookies = _cookies(response)
    assert len(cookies) >= 2, cookies
    for name, header in cookies.items():
        attributes = [part.strip().lower() for part in header.split(";")[1:]]
        assert "httponly" in attributes and "samesite=lax" in attributes and "path=/" in attributes, header
        assert "secure" not in attributes, header
        checked += 1
    node = Node(stack, "https-public", NYUMBA_PUBLIC_URL="https://rent.example.test").start()
    try:
        browser = requests.Session()
        page = browser.get(node.url("/login"))
        token, secure = csrf_of(page.text), _cookies(page)
        # The test speaks http to nginx: hand the Secure cookies back as a TLS proxy's client would.
        for cookie in list(browser.cookies):
            cookie.secure = False
        response = _retrying(lambda: browser.post(node.url("/login"), data={
            "_csrf": token, "email": a.landlord_email, "password": "correct horse battery"}, allow_redirects=False))
        secure.update(_cookies(response))
        assert len(secure) >= 2, (response.status_code, response.text[:300], secure)
        for header in secure.values():
            attributes = [part.strip().lower() for part in header.split(";")[1:]]
            assert "secure" in attributes and "httponly" in attributes and "samesite=lax" in attributes, header
            checked += 1
    finally:
        node.stop()
    tell(capsys, "cookie flags", f"{checked} Set-Cookie headers checked ({', '.join(sorted(cookies))}): HttpOnly, "
                                 "SameSite=Lax, Path=/; Secure only with an https public URL")


HEADERS = {"Content-Security-Policy": "default-src 'self'", "X-Content-Type-Options": "nosniff",
           "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"}


def test_security_headers_on_pages_errors_and_static_files(stack, accounts, capsys):
    a, _ = accounts
    static = next(p for p in (stack.url("/static/app.css"), stack.url("/static/style.css"))
                  if requests.get(p).status_code == 200) if any(
        requests.get(p).status_code == 200 for p in (stack.url("/static/app.css"), stack.url("/static/style.css"))) \
        else None
    targets = [("page", requests.get(stack.url("/login"))), ("signed-in page", a.landlord.get(stack.url("/landlord"))),
               ("404", requests.get(stack.url("/no/such/page"))),
               ("404 of another's", a.landlord.get(stack.url("/landlord/properties/999999999"))),
               ("403", requests.post(stack.url("/login"), data={"email": "x"})),
               ("static 404", requests.get(stack.url("/static/nope.css")))]
    if static:
        targets.append(("static", requests.get(static)))
    for what, response in targets:
        for name, value in HEADERS.items():
            assert value in response.headers.get(name, ""), (what, response.status_code, name)
    tell(capsys, "security headers", f"{len(targets)} responses ({', '.join(w for w, _ in targets)}) x "
                                     f"{len(HEADERS)} headers: all present")


def test_open_redirects_never_leave_the_site(stack, accounts, capsys):
    a, _ = accounts
    # Every test logs in from 127.0.0.1: start from a clean failed-login count for it.
    stack.sql("DELETE FROM login_failures")
    targets = ["//evil.example", "https://evil.example", "/\\evil.example", "%2F%2Fevil.example", "\\\\evil.example",
               "http:evil.example", "/%2F/evil.example", "///evil.example", "javascript:alert(1)", " //evil.example",
               "/\t/evil.example", "https:/evil.example", "/\n/evil.example", "/%09/evil.example",
               "/%2F%2Fevil.example", "/%252F%252Fevil.example", "/%5Cevil.example", "javascript://%0aalert(1)",
               "https://evil.example/landlord", "http://127.0.0.1@evil.example/"]
    tried = 0
    for target in targets:
        browser = requests.Session()
        page = browser.get(stack.url("/login"), params={"next": target})
        _no_error(page, target)
        token = csrf_of(page.text)
        response = _retrying(lambda: browser.post(
            stack.url("/login"), params={"next": target}, allow_redirects=False,
            data={"_csrf": token, "email": a.landlord_email, "password": "correct horse battery", "next": target}))
        tried += 1
        location = response.headers.get("Location", "")
        assert response.status_code == 303, (target, response.status_code)
        # Anything but a plain same-site path sends the person home, never to the target.
        assert location == "/home", (target, location)
    # A plain same-site path (with a query) is kept.
    browser = requests.Session()
    token = csrf_of(browser.get(stack.url("/login")).text)
    kept = "/landlord/payments?month=2026-11&page=1"
    response = _retrying(lambda: browser.post(
        stack.url("/login"), allow_redirects=False,
        data={"_csrf": token, "email": a.landlord_email, "password": "correct horse battery", "next": kept}))
    assert (response.status_code, response.headers.get("Location")) == (303, kept)
    tell(capsys, "open redirects", f"{tried} log-ins with a hostile next=: every Location stayed on the site")


def _raw(stack, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", stack.port), timeout=10) as connection:
        connection.sendall(data)
        chunks = []
        while True:
            chunk = connection.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def test_oversized_and_malformed_requests(stack, accounts, capsys):
    a, _ = accounts
    results = {}
    big = requests.post(stack.url("/login"), data=b"x" * (2 * 1024 * 1024),
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    results["2 MB body"] = big.status_code
    assert big.status_code == 413
    header = requests.get(stack.url("/login"), headers={"X-Big": "a" * 40_000})
    results["40 KB header"] = header.status_code
    assert header.status_code in (400, 431, 494)
    token = form_token(a.landlord, stack.url("/landlord/properties/new"))
    bad_percent = a.landlord.post(stack.url("/landlord/properties"),
                                  data=f"_csrf={token}&name=%zz%&location=x&units=1&rent=1&prefix=A",
                                  headers={"Content-Type": "application/x-www-form-urlencoded"},
                                  allow_redirects=False)
    results["bad percent-encoding in a form"] = bad_percent.status_code
    # 403, not 400: the CSRF check reads a malformed form as having no token. Refused either way.
    assert bad_percent.status_code in (400, 403)
    bad_query = requests.get(stack.url("/login?next=%zz"))
    results["bad percent-encoding in a query"] = bad_query.status_code
    assert bad_query.status_code in (200, 400)
    wrong_type = a.landlord.post(stack.url("/landlord/properties"), data=f'{{"_csrf": "{token}", "name": "x"}}',
                                 headers={"Content-Type": "application/json"}, allow_redirects=False)
    results["JSON posted to a form"] = wrong_type.status_code
    assert wrong_type.status_code in (400, 403, 415)
    assert count(stack, f"SELECT COUNT(*) FROM properties WHERE name IN ('x', '%zz%')") == 0
    for body in (b"{not json", b"[]", b"", b'{"Body": 1}'):
        callback = requests.post(stack.url(f"/daraja/stk/{stack.callback_token}"), data=body,
                                 headers={"Content-Type": "application/json"})
        results[f"callback {body[:10]!r}"] = callback.status_code
        # Not JSON at all is 400; JSON of the wrong shape may be acknowledged (Daraja must not retry) but records nothing.
        assert callback.status_code == 400 if body in (b"{not json", b"") else callback.status_code in (200, 400), \
            (body, callback.status_code)
    raw = _raw(stack, b"GET /login HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n")
    results["negative Content-Length"] = int(re.match(rb"HTTP/1\.[01] (\d{3})", raw).group(1))
    assert results["negative Content-Length"] == 400
    raw = _raw(stack, b"BREW /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    results["unknown method"] = int(re.match(rb"HTTP/1\.[01] (\d{3})", raw).group(1))
    assert results["unknown method"] in (400, 404, 405, 501)
    assert stack.responder.poll() is None
    tell(capsys, "oversized and malformed", f"{len(results)} requests tried, none got through: " +
         ", ".join(f"{what} → {status}" for what, status in results.items()))
