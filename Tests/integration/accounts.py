"""Browser-like helpers for the account flows: forms with their CSRF token, sign-up, log-in."""

import re
import secrets

import requests

PASSWORD = "correct horse battery"


def csrf_of(html: str) -> str:
    match = re.search(r'name="_csrf" value="([^"]+)"', html)
    assert match, "page has no CSRF field"
    return match.group(1)


def key_of(html: str) -> str:
    """The one-time key of the page's form: what a browser sends back with it."""
    match = re.search(r'name="key" value="([^"]+)"', html)
    assert match, "page has no one-time key"
    return match.group(1)


def form_token(browser: requests.Session, url: str) -> str:
    """GETs a page and returns the CSRF token of its forms."""
    page = browser.get(url)
    assert page.status_code == 200, page.status_code
    return csrf_of(page.text)


def unique_email(prefix: str = "landlord") -> str:
    return f"{prefix}-{secrets.token_hex(5)}@example.com"


def sign_up_landlord(stack, email: str | None = None, password: str = PASSWORD,
                     name: str = "Wanjiru Kamau", phone: str = "0712345678") -> tuple[requests.Session, str]:
    """A new landlord, signed in; returns the browser and the email."""
    email = email or unique_email()
    browser = requests.Session()
    token = form_token(browser, stack.url("/signup"))
    response = browser.post(stack.url("/signup"), data={
        "_csrf": token, "name": name, "email": email, "phone": phone, "password": password,
    }, allow_redirects=False)
    assert response.status_code == 303, (response.status_code, response.text[:500])
    return browser, email


def log_in(stack, email: str, password: str = PASSWORD) -> tuple[requests.Session, requests.Response]:
    """A new browser that posted the login form; returns it and the response."""
    browser = requests.Session()
    token = form_token(browser, stack.url("/login"))
    response = browser.post(stack.url("/login"), data={"_csrf": token, "email": email, "password": password},
                            allow_redirects=False)
    return browser, response


def is_signed_in(stack, browser: requests.Session) -> bool:
    """True when a page that needs a login is served instead of a redirect to /login."""
    response = browser.get(stack.url("/account/password"), allow_redirects=False)
    return response.status_code == 200
