"""Properties: a landlord adds one with its units, shares its code and invite link,
edits units; nobody else sees or changes any of it."""

import re
import secrets

import requests

from accounts import key_of, sign_up_landlord
from api_client import log_in
from browser import add_property, count, form_token, post_form, property_row, unit_id
from stack import at_once

CODE_ALPHABET = set("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")


def test_landlord_adds_a_property_with_twelve_units_a_code_and_an_invite_link(stack):
    landlord, _ = sign_up_landlord(stack)
    home = landlord.get(stack.url("/landlord"))
    assert home.status_code == 200 and "You have no properties yet" in home.text

    property_id = add_property(stack, landlord, name="Sunrise Court", units=12, rent=12500)

    labels = stack.sql(f"SELECT label FROM units WHERE property_id = {property_id} ORDER BY id").split()
    assert labels == [f"A{n}" for n in range(1, 13)]
    assert stack.sql(f"SELECT DISTINCT monthly_rent FROM units WHERE property_id = {property_id}").split() == ["12500"]
    code, token = property_row(stack, property_id)
    assert len(code) == 6 and set(code) <= CODE_ALPHABET
    assert len(token) == 22

    page = landlord.get(stack.url(f"/landlord/properties/{property_id}?done=created"))
    assert page.status_code == 200
    assert "Property added" in page.text
    assert code in page.text
    assert stack.url(f"/join/{token}") in page.text
    assert "KES 12,500" in page.text
    assert page.text.count("vacant") >= 12
    assert "A12" in page.text

    home = landlord.get(stack.url("/landlord"))
    assert "Sunrise Court" in home.text and "12 units" in home.text and "0 occupied" in home.text


def test_new_property_form_shows_errors_next_to_fields_and_keeps_what_was_typed(stack):
    landlord, _ = sign_up_landlord(stack)
    before = count(stack, "SELECT COUNT(*) FROM properties")
    response = post_form(stack, landlord, "/landlord/properties/new", "/landlord/properties", {
        "name": "Baraka <Flats>", "location": "", "units": "501", "rent": "0", "prefix": "A",
    })
    assert response.status_code == 400
    assert 'value="Baraka &lt;Flats&gt;"' in response.text
    assert "Required." in response.text
    assert "Enter a whole number from 1 to 500." in response.text
    assert "Enter a whole number from 1 to 1000000." in response.text
    assert count(stack, "SELECT COUNT(*) FROM properties") == before


def test_a_new_property_form_sent_twice_creates_one_property(stack):
    """A double click or a retried post of the new-property form (its one-time key), or a retried API request
    with its Idempotency-Key, creates one property with its units, and the second answer leads to it."""
    landlord, email = sign_up_landlord(stack)

    def key():
        return key_of(landlord.get(stack.url("/landlord/properties/new")).text)

    def mine(name):
        """How many properties of the name there are, and how many units they have."""
        return count(stack, f"SELECT COUNT(*) FROM properties WHERE name = '{name}'"), count(
            stack, f"SELECT COUNT(*) FROM units u JOIN properties p ON p.id = u.property_id WHERE p.name = '{name}'")

    form = {"name": "Amani Court", "location": "Ngong Road", "units": "6", "rent": "9000", "prefix": "B"}
    once = key()
    answers = [post_form(stack, landlord, "/landlord/properties/new", "/landlord/properties", {**form, "key": once})
               for _ in range(2)]
    assert [a.status_code for a in answers] == [303, 303]
    assert answers[0].headers["Location"] == answers[1].headers["Location"]
    assert re.fullmatch(r"/landlord/properties/\d+\?done=created", answers[0].headers["Location"])
    assert mine("Amani Court") == (1, 6)

    both = {**form, "name": "Baraka Court", "_csrf": form_token(landlord, stack.url("/landlord/properties/new")),
            "key": key()}
    answers = at_once(lambda: requests.post(stack.url("/landlord/properties"), data=both, cookies=landlord.cookies,
                                            allow_redirects=False) for _ in range(2))
    assert [a.status_code for a in answers] == [303, 303]
    assert answers[0].headers["Location"] == answers[1].headers["Location"]
    assert mine("Baraka Court") == (1, 6)

    # Refused with an error, then corrected on the page that says so and sent twice: one property.
    refused = post_form(stack, landlord, "/landlord/properties/new", "/landlord/properties",
                        {**form, "name": "", "key": key()})
    assert refused.status_code == 400
    corrected = {**form, "name": "Dhahabu Court", "key": key_of(refused.text)}
    assert [post_form(stack, landlord, "/landlord/properties/new", "/landlord/properties", corrected).status_code
            for _ in range(2)] == [303, 303]
    assert mine("Dhahabu Court") == (1, 6)

    api = log_in(stack, email)
    headers = {"Idempotency-Key": "retry-" + secrets.token_hex(8)}
    body = {"name": "Cedar Court", "location": "Thika Road", "unit_count": 3, "default_rent": 8000}
    first = api.call("POST", "/api/v1/landlord/properties", 201, json_body=body, headers=headers)
    second = api.call("POST", "/api/v1/landlord/properties", 201, json_body=body, headers=headers)
    assert first.json() == second.json() and mine("Cedar Court") == (1, 3)


def test_landlord_edits_a_unit_label_and_rent_and_a_taken_label_is_a_field_error(stack):
    landlord, _ = sign_up_landlord(stack)
    property_id = add_property(stack, landlord, units=3, rent=9000)
    first = unit_id(stack, property_id, "A1")
    page = f"/landlord/properties/{property_id}/units/{first}"
    assert landlord.get(stack.url(page)).status_code == 200

    saved = post_form(stack, landlord, page, page, {"label": "G1", "rent": "15,000"})
    assert saved.status_code == 303
    assert stack.sql(f"SELECT label, monthly_rent FROM units WHERE id = {first}").split() == ["G1", "15000"]
    assert "KES 15,000" in landlord.get(stack.url(f"/landlord/properties/{property_id}")).text

    second = unit_id(stack, property_id, "A2")
    page = f"/landlord/properties/{property_id}/units/{second}"
    taken = post_form(stack, landlord, page, page, {"label": "G1", "rent": "9500"})
    assert taken.status_code == 400
    assert "already has a unit with this label" in taken.text
    assert 'value="9500"' in taken.text
    assert stack.sql(f"SELECT label, monthly_rent FROM units WHERE id = {second}").split() == ["A2", "9000"]


def test_landlord_adds_a_unit(stack):
    landlord, _ = sign_up_landlord(stack)
    property_id = add_property(stack, landlord, units=2, rent=8000)
    page = f"/landlord/properties/{property_id}"
    added = post_form(stack, landlord, page, f"{page}/units", {"label": "Shop 1", "rent": "20000"})
    assert added.status_code == 303
    assert count(stack, f"SELECT COUNT(*) FROM units WHERE property_id = {property_id}") == 3
    duplicate = post_form(stack, landlord, page, f"{page}/units", {"label": "A1", "rent": "20000"})
    assert duplicate.status_code == 400 and "already has a unit with this label" in duplicate.text
    assert count(stack, f"SELECT COUNT(*) FROM units WHERE property_id = {property_id}") == 3


def test_another_landlord_gets_404_for_the_property_its_units_and_their_forms(stack):
    owner, _ = sign_up_landlord(stack)
    property_id = add_property(stack, owner, name="Owner Only Heights", units=2)
    unit = unit_id(stack, property_id, "A1")
    other, _ = sign_up_landlord(stack)

    for path in (f"/landlord/properties/{property_id}", f"/landlord/properties/{property_id}/units/{unit}"):
        response = other.get(stack.url(path))
        assert response.status_code == 404, path
        assert "Owner Only Heights" not in response.text
    edit = post_form(stack, other, "/landlord", f"/landlord/properties/{property_id}/units/{unit}",
                     {"label": "HACKED", "rent": "1"})
    add = post_form(stack, other, "/landlord", f"/landlord/properties/{property_id}/units",
                    {"label": "HACKED", "rent": "1"})
    assert (edit.status_code, add.status_code) == (404, 404)
    assert count(stack, "SELECT COUNT(*) FROM units WHERE label = 'HACKED'") == 0
    assert "Owner Only Heights" not in other.get(stack.url("/landlord")).text


def test_anonymous_visitors_are_sent_to_log_in(stack):
    for path in ("/landlord", "/landlord/properties/new", "/landlord/properties/1", "/landlord/notifications",
                 "/tenant"):
        response = requests.get(stack.url(path), allow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["Location"].startswith("/login"), path


def test_property_posts_without_csrf_token_are_refused_and_change_nothing(stack):
    landlord, _ = sign_up_landlord(stack)
    property_id = add_property(stack, landlord, units=2, rent=7000)
    unit = unit_id(stack, property_id, "A1")
    before = count(stack, "SELECT COUNT(*) FROM properties")

    create = post_form(stack, landlord, "/", "/landlord/properties",
                       {"name": "No Token", "location": "X", "units": "2", "rent": "100", "prefix": "A"}, csrf=False)
    edit = post_form(stack, landlord, "/", f"/landlord/properties/{property_id}/units/{unit}",
                     {"label": "Z9", "rent": "1"}, csrf=False)
    add = post_form(stack, landlord, "/", f"/landlord/properties/{property_id}/units",
                    {"label": "Z9", "rent": "1"}, csrf=False)
    assert [r.status_code for r in (create, edit, add)] == [403, 403, 403]
    assert count(stack, "SELECT COUNT(*) FROM properties") == before
    assert stack.sql(f"SELECT label, monthly_rent FROM units WHERE id = {unit}").split() == ["A1", "7000"]
    assert count(stack, f"SELECT COUNT(*) FROM units WHERE property_id = {property_id}") == 2

    forged = post_form(stack, landlord, "/", f"/landlord/properties/{property_id}/units/{unit}",
                       {"label": "Z9", "rent": "1", "_csrf": "forged-token-value"}, csrf=False)
    assert forged.status_code == 403
    assert stack.sql(f"SELECT label FROM units WHERE id = {unit}").strip() == "A1"
