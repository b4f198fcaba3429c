"""Accounts end to end through nginx: sign-up and its welcome email, log in/out, password
reset by emailed link, password change, JWT sessions, CSRF and the login lock-out."""

import base64
import hashlib
import hmac
import json
import re
import time

import pytest
import requests

from accounts import (PASSWORD, csrf_of, form_token, is_signed_in, log_in, sign_up_landlord,
                      unique_email)
from api_client import approved_tenant, new_landlord, new_property, pending_tenant
from browser import property_row
from stack import wait_for

NEW_PASSWORD = "a brand new secret"


@pytest.fixture(autouse=True)
def clean_throttle(stack):
    """Every request here comes from 127.0.0.1: start and end with no failures counted for it."""
    stack.sql("DELETE FROM login_failures WHERE scope LIKE 'addr:%'")
    yield
    stack.sql("DELETE FROM login_failures WHERE scope LIKE 'addr:%'")


def cookie(browser: requests.Session, name: str) -> str:
    return next(c.value for c in browser.cookies if c.name == name)


def drop_cookie(browser: requests.Session, name: str):
    for c in list(browser.cookies):
        if c.name == name:
            browser.cookies.clear(c.domain, c.path, c.name)


def only_cookie(name: str, value: str) -> requests.Session:
    """A browser holding nothing but this one cookie."""
    browser = requests.Session()
    browser.cookies.set(name, value, path="/")
    return browser


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_json(segment: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


def jwt(header: dict, claims: dict, key: bytes | None) -> str:
    signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
    signature = b64url(hmac.new(key, signing_input.encode(), hashlib.sha256).digest()) if key else ""
    return signing_input + "." + signature


def link_in(body: str) -> str:
    return re.search(r"(http://\S+/password/reset/\S+)", body).group(1)


def form_token_page(browser: requests.Session, stack) -> str:
    """Any page with a form, so that the browser gets a CSRF cookie and token."""
    return browser.get(stack.url("/password/forgot")).text


def post_form(browser: requests.Session, stack, page: str, action: str, fields: dict) -> requests.Response:
    token = form_token(browser, stack.url(page))
    return browser.post(stack.url(action), data={"_csrf": token, **fields}, allow_redirects=False)


# Sign-up, log in, log out

def test_landlord_sign_up_sends_a_welcome_email(stack):
    browser, email = sign_up_landlord(stack)
    assert is_signed_in(stack, browser)
    user = stack.sql(f"SELECT id FROM users WHERE email = '{email}'").strip()
    assert cookie(browser, "device").startswith(user + "."), "the browser is a known device of the account"
    welcome = stack.wait_for_email(to=email, subject_contains="Welcome")
    assert "Wanjiru Kamau" in welcome.body
    assert stack.url("/login") in welcome.body
    assert welcome.sender == "no-reply@nyumba.test"


def test_log_in_and_log_out_revokes_the_refresh_token(stack):
    _, email = sign_up_landlord(stack)
    browser, response = log_in(stack, email)
    assert response.status_code == 303
    assert is_signed_in(stack, browser)
    old_refresh = cookie(browser, "refresh")

    token = csrf_of(browser.get(stack.url("/account/password")).text)
    response = browser.post(stack.url("/logout"), data={"_csrf": token}, allow_redirects=False)
    assert response.status_code == 303 and response.headers["Location"] == "/login"
    assert not is_signed_in(stack, browser)
    assert not is_signed_in(stack, only_cookie("refresh", old_refresh))


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(stack):
    _, email = sign_up_landlord(stack)
    _, wrong_password = log_in(stack, email, "not the password")
    _, unknown_email = log_in(stack, unique_email(), "not the password")
    assert wrong_password.status_code == unknown_email.status_code == 401
    assert "do not match an account" in wrong_password.text
    assert "do not match an account" in unknown_email.text


# Password reset

def _forgot(stack, email: str) -> tuple[requests.Response, float]:
    browser = requests.Session()
    started = time.monotonic()
    response = post_form(browser, stack, "/password/forgot", "/password/forgot", {"email": email})
    return response, time.monotonic() - started


def _without_tokens(html: str) -> str:
    return re.sub(r'name="_csrf" value="[^"]+"', "", html)


def test_forgot_password_answers_the_same_for_unknown_emails(stack):
    _, email = sign_up_landlord(stack)
    unknown = unique_email("nobody")
    known_response, known_time = _forgot(stack, email)
    unknown_response, unknown_time = _forgot(stack, unknown)
    assert known_response.status_code == unknown_response.status_code == 200
    assert _without_tokens(known_response.text) == _without_tokens(unknown_response.text)
    assert "If an account exists for that email, we sent a link" in known_response.text
    assert abs(known_time - unknown_time) < 0.5
    stack.wait_for_email(to=email, subject_contains="new Nyumba password")
    assert stack.sql(f"SELECT COUNT(*) FROM outbox WHERE recipient = '{unknown}'").strip() == "0"


def test_password_reset_link_works_once_and_signs_out_every_session(stack):
    _, email = sign_up_landlord(stack)
    other_device, response = log_in(stack, email)
    assert response.status_code == 303 and is_signed_in(stack, other_device)

    _forgot(stack, email)
    link = link_in(stack.wait_for_email(to=email, subject_contains="new Nyumba password").body)
    assert link.startswith(stack.url("/password/reset/"))

    browser = requests.Session()
    page = browser.get(link)
    assert page.status_code == 200 and "Choose a new password" in page.text
    mismatch = browser.post(link, data={"_csrf": csrf_of(page.text), "password": NEW_PASSWORD,
                                        "confirm": "something else"}, allow_redirects=False)
    assert mismatch.status_code == 400 and "not the same" in mismatch.text
    short = browser.post(link, data={"_csrf": csrf_of(page.text), "password": "short", "confirm": "short"},
                         allow_redirects=False)
    assert short.status_code == 400 and "at least 8 characters" in short.text

    done = browser.post(link, data={"_csrf": csrf_of(page.text), "password": NEW_PASSWORD,
                                    "confirm": NEW_PASSWORD}, allow_redirects=False)
    assert done.status_code == 303 and done.headers["Location"].startswith("/login")
    login_page = browser.get(stack.url(done.headers["Location"]))
    assert "Your password was changed" in login_page.text

    # Single use.
    again = requests.Session()
    used = again.get(link)
    assert used.status_code == 410 and "expired or was already used" in used.text
    token = csrf_of(form_token_page(again, stack))
    reused = again.post(link, data={"_csrf": token, "password": "another password", "confirm": "another password"},
                        allow_redirects=False)
    assert reused.status_code == 410
    assert stack.sql("SELECT COUNT(*) FROM password_resets WHERE used_at IS NULL AND user_id = "
                     f"(SELECT id FROM users WHERE email = '{email}')").strip() == "0"

    # Old password refused, new one accepted, the session from before is signed out.
    assert log_in(stack, email, PASSWORD)[1].status_code == 401
    assert log_in(stack, email, NEW_PASSWORD)[1].status_code == 303
    assert not is_signed_in(stack, other_device)

    changed = stack.wait_for_email(to=email, subject_contains="password was changed")
    assert "every other session" in changed.body
    assert stack.url("/password/forgot") in changed.body


def test_an_expired_reset_link_is_refused(stack):
    _, email = sign_up_landlord(stack)
    _forgot(stack, email)
    link = link_in(stack.wait_for_email(to=email, subject_contains="new Nyumba password").body)
    stack.sql("UPDATE password_resets SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND "
              f"WHERE user_id = (SELECT id FROM users WHERE email = '{email}')")
    browser = requests.Session()
    assert browser.get(link).status_code == 410
    token = csrf_of(form_token_page(browser, stack))
    refused = browser.post(link, data={"_csrf": token, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                           allow_redirects=False)
    assert refused.status_code == 410
    assert log_in(stack, email, PASSWORD)[1].status_code == 303


def test_a_made_up_reset_link_is_refused(stack):
    for token in ["nonsense", b64url(b"\0" * 32)]:
        response = requests.get(stack.url(f"/password/reset/{token}"))
        assert response.status_code == 410


# Password change while signed in

def test_changing_the_password_signs_out_other_sessions_but_not_this_one(stack):
    browser, email = sign_up_landlord(stack)
    other_device, _ = log_in(stack, email)
    assert is_signed_in(stack, other_device)

    wrong = post_form(browser, stack, "/account/password", "/account/password",
                      {"current": "not my password", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert wrong.status_code == 400 and "not your current password" in wrong.text

    done = post_form(browser, stack, "/account/password", "/account/password",
                     {"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 303
    assert "Every other session was signed out" in browser.get(stack.url(done.headers["Location"])).text
    assert is_signed_in(stack, browser)
    assert not is_signed_in(stack, other_device)
    # This browser's new session survives the access token's expiry too (its refresh token is new).
    drop_cookie(browser, "access")
    assert is_signed_in(stack, browser)

    assert log_in(stack, email, PASSWORD)[1].status_code == 401
    assert log_in(stack, email, NEW_PASSWORD)[1].status_code == 303
    stack.wait_for_email(to=email, subject_contains="password was changed")


# JWT sessions

def test_forged_or_expired_access_tokens_count_as_logged_out(stack):
    browser, _ = sign_up_landlord(stack)
    access = cookie(browser, "access")
    header, payload, _ = access.split(".")
    claims = b64url_json(payload)
    key = stack.env["NYUMBA_SECRET_KEY"].encode()
    hs256 = {"alg": "HS256", "typ": "JWT"}

    # Sanity: a token crafted here with the right key is accepted, so the refusals below
    # are about what was changed and nothing else.
    assert is_signed_in(stack, only_cookie("access", jwt(hs256, claims, key)))

    tampered = header + "." + b64url(json.dumps({**claims, "sub": claims["sub"] + 1}).encode()) + "." + \
        access.split(".")[2]
    other_key = jwt(hs256, claims, b"another key that is long enough to sign with!!")
    alg_none = jwt({"alg": "none", "typ": "JWT"}, claims, None)
    now = int(time.time())
    expired = jwt(hs256, {**claims, "iat": now - 3600, "exp": now - 120}, key)
    for token in [tampered, other_key, alg_none, expired, "garbage"]:
        response = only_cookie("access", token).get(stack.url("/account/password"), allow_redirects=False)
        assert response.status_code == 303, token
        assert response.headers["Location"].startswith("/login")


def test_reusing_a_rotated_refresh_token_revokes_the_whole_family(stack):
    browser, _ = sign_up_landlord(stack)
    first = cookie(browser, "refresh")
    drop_cookie(browser, "access")
    assert is_signed_in(stack, browser)  # refreshed with the first refresh token
    second = cookie(browser, "refresh")
    assert second != first

    # Past the grace period for requests racing with the same token.
    jti = b64url_json(first.split(".")[1])["jti"]
    stack.sql(f"UPDATE refresh_tokens SET rotated_at = rotated_at - INTERVAL 60 SECOND WHERE id = '{jti}'")
    assert not is_signed_in(stack, only_cookie("refresh", first))
    assert not is_signed_in(stack, only_cookie("refresh", second))


def _family_of(token: str) -> str:
    return b64url_json(token.split(".")[1])["fam"]


def _revoked_in_family(stack, family: str) -> int:
    return int(stack.sql(f"SELECT COUNT(*) FROM refresh_tokens WHERE family_id = '{family}' "
                         "AND revoked_at IS NOT NULL").strip())


def test_tokens_refreshed_during_a_failing_request_still_reach_the_browser(stack):
    browser, _ = sign_up_landlord(stack)
    family = _family_of(cookie(browser, "refresh"))
    token = csrf_of(browser.get(stack.url("/account/password")).text)
    failing = [("GET", "/landlord/properties/999999999", {}, 404),            # not theirs / not there
               ("POST", "/account/password", {"_csrf": "wrong"}, 403),         # CSRF refused
               ("POST", "/account/password", {"_csrf": token, "x": "%zz"}, 400)]  # not a well-formed form
    for method, path, data, status in failing:
        old_refresh = cookie(browser, "refresh")
        drop_cookie(browser, "access")  # the access token expired: this request refreshes it
        body = "&".join(f"{k}={v}" for k, v in data.items()) if data else None
        response = browser.request(method, stack.url(path), data=body, allow_redirects=False,
                                   headers={"Content-Type": "application/x-www-form-urlencoded"} if body else {})
        assert response.status_code == status, (path, response.status_code)
        set_cookies = response.raw.headers.getlist("Set-Cookie")
        assert any(c.startswith("access=") for c in set_cookies), (path, set_cookies)
        assert any(c.startswith("refresh=") for c in set_cookies), (path, set_cookies)
        assert cookie(browser, "refresh") != old_refresh
        # The next request is signed in, and nothing was taken for a stolen token.
        drop_cookie(browser, "access")
        assert is_signed_in(stack, browser), path
        assert _revoked_in_family(stack, family) == 0, path


def test_a_refresh_token_sent_again_within_the_grace_gets_the_same_new_token(stack):
    browser, _ = sign_up_landlord(stack)
    first = cookie(browser, "refresh")
    family = _family_of(first)
    drop_cookie(browser, "access")
    assert is_signed_in(stack, browser)
    second = cookie(browser, "refresh")
    # The response that carried `second` was lost: the browser presents `first` again.
    response = only_cookie("refresh", first).get(stack.url("/account/password"), allow_redirects=False)
    assert response.status_code == 200
    again = response.cookies["refresh"]
    assert b64url_json(again.split(".")[1])["jti"] == b64url_json(second.split(".")[1])["jti"]
    # That token keeps working once the grace is over; the family was never revoked.
    jti = b64url_json(first.split(".")[1])["jti"]
    stack.sql(f"UPDATE refresh_tokens SET rotated_at = rotated_at - INTERVAL 60 SECOND WHERE id = '{jti}'")
    assert is_signed_in(stack, only_cookie("refresh", again))
    assert _revoked_in_family(stack, family) == 0


# CSRF

def test_posts_without_a_valid_csrf_token_are_refused_and_change_nothing(stack):
    browser, email = sign_up_landlord(stack)
    stranger = requests.Session()
    stranger.get(stack.url("/login"))
    new_email = unique_email()
    attempts = [
        (stranger, "/login", {"email": email, "password": PASSWORD}),
        (stranger, "/signup", {"name": "Mallory", "email": new_email, "phone": "0712345678",
                               "password": PASSWORD}),
        (browser, "/logout", {}),
        (browser, "/account/password", {"current": PASSWORD, "password": NEW_PASSWORD,
                                         "confirm": NEW_PASSWORD}),
    ]
    for client, path, fields in attempts:
        for token in [None, "wrong-token", csrf_of(requests.get(stack.url("/login")).text)]:
            data = dict(fields, **({"_csrf": token} if token else {}))
            response = client.post(stack.url(path), data=data, allow_redirects=False)
            assert response.status_code == 403, (path, token)
            assert "access" not in [c.name for c in stranger.cookies]
    assert stack.sql(f"SELECT COUNT(*) FROM users WHERE email = '{new_email}'").strip() == "0"
    assert is_signed_in(stack, browser)
    assert log_in(stack, email, PASSWORD)[1].status_code == 303


# Lock-out

def _account_scope(stack, email: str) -> str:
    return "account:" + stack.sql(f"SELECT id FROM users WHERE email = '{email}'").strip()


def _age_failures(stack, scope: str, seconds: int = 70):
    """Moves a scope's failures back past the growing wait between attempts (at most 64 s),
    while keeping them inside the hour they are counted in."""
    stack.sql(f"UPDATE login_failures SET failed_at = failed_at - INTERVAL {seconds} SECOND WHERE scope = '{scope}'")


def _just_failed(stack, scope: str):
    """Makes the scope's latest failure a moment ago (its lock then still holds)."""
    stack.sql(f"UPDATE login_failures SET failed_at = UTC_TIMESTAMP(6) WHERE scope = '{scope}' "
              "ORDER BY failed_at DESC LIMIT 1")


def _failures(stack, scope: str) -> int:
    return int(stack.sql(f"SELECT COUNT(*) FROM login_failures WHERE scope = '{scope}'").strip())


def test_repeated_failures_slow_then_lock_the_account_until_the_interval_passes(stack):
    _, email = sign_up_landlord(stack)
    scope = _account_scope(stack, email)
    for attempt in range(1, 11):
        _, response = log_in(stack, email, f"wrong {attempt}")
        assert response.status_code == 401, (attempt, response.text[:300])
        if attempt == 3:
            # From the third failure on, the next attempt must wait.
            _, slowed = log_in(stack, email, PASSWORD)
            assert slowed.status_code == 429 and "Wait 1 s before" in slowed.text
        if attempt == 7:
            _, slowed = log_in(stack, email, PASSWORD)
            assert slowed.status_code == 429 and "Wait 16 s before" in slowed.text
        if attempt < 10:
            _age_failures(stack, scope)
    assert _failures(stack, scope) == 10

    _, locked = log_in(stack, email, PASSWORD)
    assert locked.status_code == 429
    assert "locked" in locked.text

    # NYUMBA_LOGIN_LOCKOUT_SECONDS is 3 in the test stack.
    time.sleep(3.5)
    browser, response = log_in(stack, email, PASSWORD)
    assert response.status_code == 303
    assert is_signed_in(stack, browser)


class _FromAddress(requests.adapters.HTTPAdapter):
    """Connects from a chosen loopback address (127.0.0.0/8), so nginx sees another client."""

    def __init__(self, source: str):
        self.source = source
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def _browser_from(address: str, device: str | None = None) -> requests.Session:
    browser = requests.Session()
    browser.mount("http://", _FromAddress(address))
    if device:
        browser.cookies.set("device", device, path="/")
    return browser


def _log_in_with(stack, browser: requests.Session, email: str, password: str) -> requests.Response:
    token = form_token(browser, stack.url("/login"))
    return browser.post(stack.url("/login"), data={"_csrf": token, "email": email, "password": password},
                        allow_redirects=False)


def _api_token(stack, email: str, password: str, source: str = "127.0.0.1", device: str | None = None):
    http = requests.Session()
    http.mount("http://", _FromAddress(source))
    return http.post(stack.url("/api/v1/auth/token"), json={"email": email, "password": password},
                     headers={"X-Device-Key": device} if device else {})


def test_many_failures_from_one_address_do_not_stop_another_person_there(stack):
    # A carrier's NAT: forty failed attempts on twenty accounts from one address …
    others = [sign_up_landlord(stack)[1] for _ in range(4)] + [unique_email("typo") for _ in range(16)]
    shared = "127.0.0.77"
    for email in others:
        for attempt in range(2):
            assert _log_in_with(stack, _browser_from(shared), email, f"wrong {attempt}").status_code == 401
    assert _failures(stack, f"addr:{shared}") == 40
    # … then someone else, on a browser that never signed in here, with the right password.
    _, email = sign_up_landlord(stack)
    browser = _browser_from(shared)
    assert _log_in_with(stack, browser, email, PASSWORD).status_code == 303
    assert is_signed_in(stack, browser)
    token = _api_token(stack, email, PASSWORD, source=shared)
    assert token.status_code == 200, token.text
    stack.sql(f"DELETE FROM login_failures WHERE scope = 'addr:{shared}'")


def test_forty_failures_from_rotating_addresses_lock_strangers_but_not_the_owner_device(stack):
    _, email = sign_up_landlord(stack)
    scope = _account_scope(stack, email)
    owner = _browser_from("127.0.0.1")
    assert _log_in_with(stack, owner, email, PASSWORD).status_code == 303
    device = cookie(owner, "device")
    api_device = _api_token(stack, email, PASSWORD).json()["device_key"]

    answers = []
    for attempt in range(40):
        if attempt >= 10:
            _just_failed(stack, scope)  # the 40 attempts come within the lockout (3 s in the test stack)
        attacker = _browser_from(f"127.0.1.{attempt + 1}")
        answers.append(_log_in_with(stack, attacker, email, f"guess {attempt}").status_code)
        if attempt < 9:
            _age_failures(stack, scope)
    assert answers.count(401) == 10 and set(answers[10:]) == {429}, answers
    assert _failures(stack, scope) == 10
    assert int(stack.sql("SELECT COUNT(DISTINCT scope) FROM login_failures WHERE scope LIKE 'addr:127.0.1.%'")) == 10

    # A stranger with the right password, page or API: still locked.
    _just_failed(stack, scope)
    stranger = _log_in_with(stack, _browser_from("127.0.2.1"), email, PASSWORD)
    assert stranger.status_code == 429 and "locked" in stranger.text
    _just_failed(stack, scope)
    assert _api_token(stack, email, PASSWORD, source="127.0.2.1").status_code == 429
    # A device key of another account, or a forged one, does not help.
    _, other = sign_up_landlord(stack)
    other_browser = _browser_from("127.0.0.1")
    assert _log_in_with(stack, other_browser, other, PASSWORD).status_code == 303
    for wrong in (cookie(other_browser, "device"), device[:-2] + "xx"):
        _just_failed(stack, scope)
        assert _log_in_with(stack, _browser_from("127.0.2.2", wrong), email, PASSWORD).status_code == 429
    # The owner, on the app or browser that signed in before: signed in at once, and the
    # lock strangers caused stays.
    _just_failed(stack, scope)
    assert _api_token(stack, email, PASSWORD, source="127.0.2.3", device=api_device).status_code == 200
    returning = _browser_from("127.0.2.3", device)
    assert _log_in_with(stack, returning, email, PASSWORD).status_code == 303
    assert is_signed_in(stack, returning)
    assert _failures(stack, scope) == 10
    stack.sql("DELETE FROM login_failures WHERE scope LIKE 'addr:127.0.%'")


def test_spellings_of_one_email_share_one_counter(stack):
    _, email = sign_up_landlord(stack, email=unique_email("alice"))
    scope = _account_scope(stack, email)
    local, domain = email.split("@")
    spellings = [local.capitalize() + "@" + domain, "\u00e1" + local[1:] + "@" + domain,
                 local[:2] + "\u200b" + local[2:] + "\u2060@" + domain]
    for spelling in spellings:
        assert log_in(stack, spelling, "wrong")[1].status_code == 401, spelling
        _age_failures(stack, scope)
    assert _failures(stack, scope) == 3
    # An email with no account ("bob-…"): its spellings share one counter too.
    unknown = unique_email("bob")
    rest = unknown[3:]
    for spelling in ["Bob" + rest, "b\u00f3b" + rest, "bo\u0301b" + rest, "\ufeffbob" + rest]:
        assert log_in(stack, spelling, "wrong")[1].status_code == 401, spelling
        _age_failures(stack, f"email:{unknown}")
    assert _failures(stack, f"email:{unknown}") == 4


# Secrets in logs

def test_logs_hold_no_reset_token_callback_token_or_token_query(stack):
    _, email = sign_up_landlord(stack)
    _forgot(stack, email)
    link = link_in(stack.wait_for_email(to=email, subject_contains="new Nyumba password").body)
    reset_token = link.rsplit("/", 1)[1]
    browser = requests.Session()
    page = browser.get(link)
    assert page.status_code == 200
    done = browser.post(link, data={"_csrf": csrf_of(page.text), "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                        allow_redirects=False)
    assert done.status_code == 303
    # A callback (malformed or not, its line is logged) and secrets in a query string.
    requests.post(stack.url(f"/daraja/stk/{stack.callback_token}"), json={"Body": {}}, timeout=30)
    requests.post(stack.url(f"/daraja/c2b/{stack.callback_token}/confirmation"), json={}, timeout=30)
    requests.get(stack.url("/login?token=query-secret-1&x=1&code=query-secret-2"))
    browser.get(stack.url("/password/reset/path-secret-3?token=query-secret-4"))
    time.sleep(1.5)  # the responder flushes request lines within 250 ms, nginx's buffer within 1 s
    responder = stack.responder_log.read_text()
    access = (stack.root / "nginx" / "access.log").read_text()
    for secret in (reset_token, stack.callback_token, "query-secret-1", "query-secret-2", "path-secret-3",
                   "query-secret-4"):
        assert secret not in responder, secret
        assert secret not in access, secret
        assert secret not in stack.nginx_error_log, secret
    # The lines are still there, with the secret replaced.
    assert "/password/reset/[redacted]" in responder and "/daraja/stk/[redacted]" in responder
    assert "/password/reset/[redacted]" in access and "/daraja/stk/[redacted]" in access
    assert "/daraja/c2b/[redacted]/confirmation" in access
    assert "token=[redacted]&x=1&code=[redacted]" in access


# Signed-in people and the public pages

def test_public_pages_take_a_signed_in_person_home(stack):
    landlord_api, landlord_email = new_landlord(stack)
    prop = new_property(landlord_api)
    _, tenant_email, _ = approved_tenant(stack, landlord_api, prop)
    _, pending_email, _ = pending_tenant(stack, prop)
    _, invite = property_row(stack, prop["id"])
    people = {"landlord": (landlord_email, "/landlord"), "tenant": (tenant_email, "/tenant"),
              "pending tenant": (pending_email, "/tenant")}
    public = ["/", "/login", "/login?next=/landlord", "/signup", "/signup/tenant", f"/join/{invite}"]
    for who, (email, home) in people.items():
        browser, response = log_in(stack, email)
        assert response.status_code == 303, who
        for path in public:
            page = browser.get(stack.url(path), allow_redirects=False)
            assert (page.status_code, page.headers.get("Location")) == (303, home), (who, path)
        landed = browser.get(stack.url("/"))
        assert landed.status_code == 200 and landed.url == stack.url(home), who
        if who == "pending tenant":
            assert "Waiting for approval" in landed.text
        else:
            assert "Waiting for approval" not in landed.text and "Sign up" not in landed.text, who
    # Signed out, the same pages are served.
    for path in public:
        assert requests.get(stack.url(path), allow_redirects=False).status_code == 200, path


def test_the_properties_collection_url_lists_them(stack):
    landlord_api, email = new_landlord(stack)
    prop = new_property(landlord_api)
    browser, _ = log_in(stack, email)
    page = browser.get(stack.url("/landlord/properties"))
    assert page.status_code == 200 and prop["name"] in page.text
    units = browser.get(stack.url(f"/landlord/properties/{prop['id']}/units"))
    assert units.status_code == 200 and all(unit["label"] in units.text for unit in prop["units"])
    # Another landlord's: not found, as on the property's own page.
    other_api, other_email = new_landlord(stack)
    other, _ = log_in(stack, other_email)
    assert other.get(stack.url(f"/landlord/properties/{prop['id']}/units")).status_code == 404
