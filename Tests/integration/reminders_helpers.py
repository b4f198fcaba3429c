"""Helpers for the reminder and message tests: a landlord with several approved tenants,
payments written straight into the ledger, previews read back from the page."""

import html
import re
import secrets
from datetime import date, datetime, timedelta, timezone

from accounts import sign_up_landlord
from browser import add_property, post_form, property_row, request_id, sign_up_tenant, unit_id, user_id

NAIROBI = timezone(timedelta(hours=3))


def today() -> date:
    return datetime.now(NAIROBI).date()


def month_start(months_from_now: int, day: int = 1) -> date:
    """Day `day` of the month `months_from_now` months from this one (negative: ago)."""
    now = today()
    index = now.year * 12 + now.month - 1 + months_from_now
    return date(index // 12, index % 12 + 1, day)


def rent_due(start: date, due_day: int, rent: int, on: date) -> int:
    """Each month's due day from the start (inclusive) to `on` (inclusive)."""
    first = start.year * 12 + start.month - 1 + (1 if start.day > due_day else 0)
    last = on.year * 12 + on.month - 1 - (1 if on.day < due_day else 0)
    return max(0, last - first + 1) * rent


def kes(amount: int) -> str:
    return f"KES {amount:,}"


def day_text(day: date) -> str:
    return f"{day.day} {day.strftime('%b')} {day.year}"


class Lease:
    """One approved tenant of a `Landlord`."""

    def __init__(self, landlord, browser, email, name, lease_id, tenant_id, unit, start, due_day, rent):
        self.landlord, self.browser, self.email, self.name = landlord, browser, email, name
        self.id, self.tenant_id, self.unit = lease_id, tenant_id, unit
        self.start, self.due_day, self.rent = start, due_day, rent

    def pay(self, amount: int):
        """An STK payment written straight into the ledger (as the callback would)."""
        receipt = "R" + secrets.token_hex(5).upper()
        self.landlord.stack.sql(
            "INSERT INTO payments (lease_id, tenant_id, landlord_id, property_id, unit_id, amount, channel, receipt,"
            " phone, checkout_request_id, paid_at, recorded_at) SELECT l.id, l.tenant_id, l.landlord_id,"
            f" l.property_id, l.unit_id, {amount}, 'stk', '{receipt}', '254722000111', 'ws_CO_{receipt}',"
            f" UTC_TIMESTAMP(6) - INTERVAL 1 DAY, UTC_TIMESTAMP(6) FROM leases l WHERE l.id = {self.id}")
        self.landlord.stack.sql(f"UPDATE leases SET total_paid = total_paid + {amount} WHERE id = {self.id}")

    def owed(self, on: date) -> int:
        paid = int(self.landlord.stack.sql(
            f"SELECT COALESCE(SUM(amount), 0) FROM payments WHERE lease_id = {self.id}"))
        return rent_due(self.start, self.due_day, self.rent, on) - paid


class Landlord:
    """A landlord with one property of `units` units; tenants added with `add_tenant`."""

    def __init__(self, stack, name: str | None = None, property_name: str | None = None, units: int = 4,
                 rent: int = 10000, phone: str = "0712345678"):
        self.stack = stack
        self.name = name or f"Landlord {secrets.token_hex(3)}"
        self.browser, self.email = sign_up_landlord(stack, name=self.name, phone=phone)
        self.id = user_id(stack, self.email)
        self.property_name = property_name or f"Court {secrets.token_hex(3)}"
        self.property_id = add_property(stack, self.browser, name=self.property_name, units=units, rent=rent)
        _, self.invite = property_row(stack, self.property_id)
        self.next_unit = 1

    def add_tenant(self, start: date, due_day: int = 5, rent: int = 10000, phone: str = "0722 000 111",
                   language: str | None = None) -> Lease:
        name = f"Tenant {secrets.token_hex(3)}"
        browser, email, response = sign_up_tenant(self.stack, invite=self.invite, name=name, phone=phone,
                                                  language=language)
        assert response.status_code == 303
        unit = f"A{self.next_unit}"
        self.next_unit += 1
        approve = post_form(self.stack, self.browser, "/landlord/notifications",
                            f"/landlord/requests/{request_id(self.stack, email)}/approve",
                            {"unit": str(unit_id(self.stack, self.property_id, unit)), "rent": str(rent),
                             "start": start.isoformat(), "dueDay": str(due_day)})
        assert approve.status_code == 303, approve.text[:500]
        tenant_id = user_id(self.stack, email)
        lease_id = int(self.stack.sql(f"SELECT id FROM leases WHERE tenant_id = {tenant_id}"))
        return Lease(self, browser, email, name, lease_id, tenant_id, unit, start, due_day, rent)


def preview_emails(page: str) -> list[tuple[str, str, str]]:
    """(recipient, subject, text) of each email a preview page shows."""
    found = re.findall(
        r'<summary>To [^<]*&lt;([^&]+)&gt;</summary>\s*<p><strong>Subject:</strong> <span class="subject">(.*?)</span>'
        r'</p>\s*<pre class="email-text"[^>]*>(.*?)</pre>', page, re.S)
    return [(html.unescape(to), html.unescape(subject), html.unescape(text)) for to, subject, text in found]


def normalized(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))


def emails_to(stack, address: str, subject_contains: str = "") -> list:
    return [m for m in stack.emails() if m.to.lower() == address.lower() and subject_contains in m.subject]
