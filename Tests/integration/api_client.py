"""A small JSON API client for the tests: every response is checked against the OpenAPI
document in the repository (the operation's documented status and its schema)."""

import json
import re
import secrets
from pathlib import Path

import requests
from jsonschema import Draft202012Validator

from accounts import PASSWORD, sign_up_landlord
from browser import property_row, request_id, sign_up_tenant
from stack import nairobi_today

REPO = Path(__file__).resolve().parents[2]
SPEC = json.loads((REPO / "api/openapi.json").read_text())


def _resolve(node: dict) -> dict:
    while "$ref" in node:
        section, name = node["$ref"].split("/")[-2:]
        node = SPEC["components"][section][name]
    return node


def validate(response: requests.Response, method: str, template: str) -> None:
    """Fails unless the status is documented for the operation and the body matches its schema."""
    operation = SPEC["paths"][template][method.lower()]
    documented = operation["responses"].get(str(response.status_code))
    assert documented is not None, f"{method} {template}: {response.status_code} not documented: {response.text[:300]}"
    documented = _resolve(documented)
    if "text/csv" in documented.get("content", {}):
        assert response.headers["Content-Type"].startswith("text/csv"), response.headers["Content-Type"]
        return
    assert response.headers["Content-Type"].startswith("application/json"), response.headers["Content-Type"]
    schema = dict(documented["content"]["application/json"]["schema"])
    schema["components"] = SPEC["components"]
    errors = sorted(Draft202012Validator(schema).iter_errors(response.json()), key=str)
    assert not errors, f"{method} {template} {response.status_code}: {errors[0].message} in {response.text[:500]}"


class API:
    """Calls `/api/v1` with a bearer token (or none) and validates every answer."""

    def __init__(self, stack, access: str | None = None, refresh: str | None = None, session=None):
        self.stack = stack
        self.access = access
        self.refresh = refresh
        self.http = session or requests.Session()

    def call(self, method: str, template: str, status: int | None = None, params: dict | None = None,
             json_body=None, headers: dict | None = None, data: bytes | None = None, **path) -> requests.Response:
        url = template.format(**path)
        sent = dict(headers or {})
        if self.access:
            sent.setdefault("Authorization", f"Bearer {self.access}")
        response = self.http.request(method, self.stack.url(url), params=params, json=json_body, data=data,
                                     headers=sent, allow_redirects=False)
        validate(response, method, template)
        if status is not None:
            assert response.status_code == status, (method, url, response.status_code, response.text[:500])
        return response

    def get(self, template, status=200, **kwargs):
        return self.call("GET", template, status, **kwargs)

    def post(self, template, body, status=200, **kwargs):
        return self.call("POST", template, status, json_body=body, **kwargs)

    def error(self, response) -> dict:
        return response.json()["error"]


def log_in(stack, email: str, password: str = PASSWORD) -> API:
    response = requests.post(stack.url("/api/v1/auth/token"), json={"email": email, "password": password})
    validate(response, "POST", "/api/v1/auth/token")
    assert response.status_code == 200, response.text
    tokens = response.json()
    return API(stack, tokens["access"], tokens["refresh"])


def new_landlord(stack) -> tuple[API, str]:
    """A landlord signed up through the page, then holding API tokens."""
    _, email = sign_up_landlord(stack)
    return log_in(stack, email), email


def new_property(api: API, units: int = 4, rent: int = 12500) -> dict:
    return api.post("/api/v1/landlord/properties", {
        "name": f"Api Court {secrets.token_hex(3)}", "location": "Kilimani, Nairobi", "unit_count": units,
        "default_rent": rent, "prefix": "A"}, 201).json()


def pending_tenant(stack, prop: dict) -> tuple[API, str, int]:
    """A tenant signed up for the property (through the page) and holding API tokens; not yet approved."""
    _, token = property_row(stack, prop["id"])
    _, email, response = sign_up_tenant(stack, invite=token)
    assert response.status_code == 303, response.text[:500]
    return log_in(stack, email), email, request_id(stack, email)


def approved_tenant(stack, landlord: API, prop: dict, unit: int = 0, rent: int = 12500) -> tuple[API, str, int]:
    """A tenant approved onto the property's unit (index `unit`) through the API; returns it and its lease id."""
    tenant, email, request = pending_tenant(stack, prop)
    landlord.post("/api/v1/landlord/tenancy-requests/{id}/approve", {
        "unit_id": prop["units"][unit]["id"], "monthly_rent": rent, "start_date": nairobi_today("%Y-%m-01"),
        "due_day": 1}, id=request)
    lease = int(stack.sql(
        f"SELECT l.id FROM leases l JOIN users u ON u.id = l.tenant_id WHERE u.email = '{email}'"))
    return tenant, email, lease


def phone(outcome: str = "0000") -> str:
    """A phone number whose last four digits choose the Daraja simulator's outcome."""
    return f"07{secrets.randbelow(10_000):04d}{outcome}"


def csrf_of(html: str) -> str:
    match = re.search(r'name="_csrf" value="([^"]+)"', html)
    assert match
    return match.group(1)
