"""Browser-like helpers for properties and tenancy: add a property, sign a tenant up,
read ids back from the database."""

import re

import requests

from accounts import PASSWORD, form_token, unique_email


def post_form(stack, browser: requests.Session, page: str, action: str, data: dict,
              csrf: bool = True) -> requests.Response:
    """Posts `data` to `action` with the CSRF token of `page` (or without one); no redirects followed."""
    data = dict(data)
    if csrf:
        data["_csrf"] = form_token(browser, stack.url(page))
    return browser.post(stack.url(action), data=data, allow_redirects=False)


def add_property(stack, browser: requests.Session, name: str = "Sunrise Court", units: int = 12,
                 rent: int = 12500, prefix: str = "A", location: str = "Kilimani, Nairobi") -> int:
    """Adds a property through the form; returns its id."""
    response = post_form(stack, browser, "/landlord/properties/new", "/landlord/properties", {
        "name": name, "location": location, "units": str(units), "rent": str(rent), "prefix": prefix,
    })
    assert response.status_code == 303, (response.status_code, response.text[:500])
    match = re.fullmatch(r"/landlord/properties/(\d+)\?done=created", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def property_row(stack, property_id: int) -> tuple[str, str]:
    """The property's code and invite token."""
    code, token = stack.sql(f"SELECT code, invite_token FROM properties WHERE id = {property_id}").split()
    return code, token


def unit_id(stack, property_id: int, label: str) -> int:
    return int(stack.sql(f"SELECT id FROM units WHERE property_id = {property_id} AND label = '{label}'"))


def sign_up_tenant(stack, invite: str | None = None, code: str | None = None, unit: str = "",
                   name: str = "Otieno Odhiambo", email: str | None = None,
                   csrf: bool = True, phone: str = "0722 000 111",
                   language: str | None = None) -> tuple[requests.Session, str, requests.Response]:
    """Posts the tenant sign-up form (by invite token or by code); returns browser, email, response."""
    email = email or unique_email("tenant")
    browser = requests.Session()
    page = f"/join/{invite}" if invite else "/signup/tenant"
    data = {"name": name, "email": email, "phone": phone, "password": PASSWORD, "unit": unit}
    if invite:
        data["invite"] = invite
    if code is not None:
        data["code"] = code
    if language is not None:
        data["language"] = language
    response = post_form(stack, browser, page, "/signup/tenant", data, csrf=csrf)
    return browser, email, response


def user_id(stack, email: str) -> int:
    return int(stack.sql(f"SELECT id FROM users WHERE email = '{email}'"))


def request_id(stack, email: str) -> int:
    return int(stack.sql(
        f"SELECT r.id FROM tenancy_requests r JOIN users u ON u.id = r.tenant_id WHERE u.email = '{email}'"))


def count(stack, sql: str) -> int:
    return int(stack.sql(sql).strip())
