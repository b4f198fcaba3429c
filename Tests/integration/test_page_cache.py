"""Rendered pages kept by the responder (Core/PageCache.swift): a page read again is served from
the cache, yet never after a change that shows on it, and never to anyone else."""

import re

from accounts import sign_up_landlord
from browser import add_property, post_form, property_row, request_id, sign_up_tenant


def _badge(html: str) -> str | None:
    """The count of waiting tenants in the navigation, or None without a badge."""
    match = re.search(r'class="badge"[^>]*>(\d+)</span>', html)
    return match.group(1) if match else None


def _dashboard(stack, landlord, path: str = "/landlord/dashboard") -> str:
    page = landlord.get(stack.url(path))
    assert page.status_code == 200, (path, page.status_code)
    return page.text


def test_the_badge_on_a_cached_dashboard_follows_sign_ups_and_decisions(stack):
    landlord, _ = sign_up_landlord(stack, name="Badge Landlord")
    property_id = add_property(stack, landlord, name="Badge Court", units=2)
    first = _dashboard(stack, landlord)
    assert _dashboard(stack, landlord) == first, "read twice without a change: the same page"
    assert _badge(first) is None

    _, token = property_row(stack, property_id)
    _, email, response = sign_up_tenant(stack, invite=token, name="Waiting Wekesa")
    assert response.status_code == 303
    assert _badge(_dashboard(stack, landlord)) == "1", "a sign-up shows on the very next dashboard"

    rejected = post_form(stack, landlord, "/landlord/notifications",
                         f"/landlord/requests/{request_id(stack, email)}/reject", {"reason": "Full."})
    assert rejected.status_code == 303
    assert _badge(_dashboard(stack, landlord)) is None, "a decision shows on the very next dashboard"


def test_a_cached_page_is_never_served_to_another_landlord(stack):
    a, _ = sign_up_landlord(stack, name="Cache Landlord A")
    b, _ = sign_up_landlord(stack, name="Cache Landlord B")
    a_property = add_property(stack, a, name="Alpha Heights", units=3)
    add_property(stack, b, name="Beta Gardens", units=3)
    for path in ("/landlord/dashboard", "/landlord/dashboard?month=2026-01", f"/landlord/dashboard/properties/{a_property}"):
        for _ in range(2):  # the second read comes from A's cache
            assert "Alpha Heights" in _dashboard(stack, a, path)
    for path in ("/landlord/dashboard", "/landlord/dashboard?month=2026-01"):
        page = _dashboard(stack, b, path)
        assert "Beta Gardens" in page and "Alpha Heights" not in page
    other = b.get(stack.url(f"/landlord/dashboard/properties/{a_property}"))
    assert other.status_code == 404 and "Alpha Heights" not in other.text
