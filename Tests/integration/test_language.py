"""Kiswahili and English through nginx: the browser's Accept-Language, the switch on every page,
the choice made at sign-up (kept on the account, so a new browser reads the same language),
error pages, and who may not change what. Assertions read `<html lang>`, data- hooks, cookies and
rows, plus one catalogue word per page so a wrong catalogue shows."""

import re

import requests

from accounts import PASSWORD, csrf_of, log_in, sign_up_landlord, unique_email
from browser import post_form, property_row, user_id
from api_client import new_landlord, new_property


def lang_of(html: str) -> str:
    match = re.search(r'<html lang="([a-z]+)">', html)
    assert match, html[:200]
    return match.group(1)


def switch(stack, browser: requests.Session, to: str, page: str = "/login", csrf: bool = True):
    html = browser.get(stack.url(page)).text
    data = {"language": to}
    if csrf:
        data["_csrf"] = csrf_of(html)
    return browser.post(stack.url("/language"), data=data, allow_redirects=False,
                        headers={"Referer": stack.url(page)})


def test_the_browser_language_decides_until_someone_chooses(stack):
    assert lang_of(requests.get(stack.url("/login")).text) == "en"
    page = requests.get(stack.url("/login"), headers={"Accept-Language": "sw-KE,sw;q=0.9,en;q=0.5"})
    assert page.status_code == 200 and lang_of(page.text) == "sw"
    assert "Ingia" in page.text and "Log in" not in page.text
    assert lang_of(requests.get(stack.url("/"), headers={"Accept-Language": "fr, sw;q=0.3"}).text) == "sw"
    assert lang_of(requests.get(stack.url("/"), headers={"Accept-Language": "fr, de"}).text) == "en"


def test_the_switch_keeps_the_choice_and_returns_to_the_page(stack):
    browser = requests.Session()
    response = switch(stack, browser, "sw", page="/signup")
    assert response.status_code == 303 and response.headers["Location"] == "/signup"
    assert browser.cookies.get("lang") == "sw"
    page = browser.get(stack.url("/signup"), headers={"Accept-Language": "en"})
    assert lang_of(page.text) == "sw" and "data-language-choice" in page.text
    assert switch(stack, browser, "en").status_code == 303
    assert lang_of(browser.get(stack.url("/")).text) == "en"


def test_a_bad_or_forged_switch_changes_nothing(stack):
    browser = requests.Session()
    assert switch(stack, browser, "fr").status_code == 400
    assert switch(stack, browser, "sw", csrf=False).status_code == 403
    assert browser.cookies.get("lang") is None
    # Another site's page is not where the switch sends anyone back to.
    html = browser.get(stack.url("/login")).text
    response = browser.post(stack.url("/language"), data={"_csrf": csrf_of(html), "language": "sw"},
                            headers={"Referer": "https://evil.example/phish"}, allow_redirects=False)
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_error_pages_speak_the_language_of_the_request(stack):
    page = requests.get(stack.url("/no-such-page"), headers={"Accept-Language": "sw"})
    assert page.status_code == 404 and lang_of(page.text) == "sw"
    assert 'data-status="404"' in page.text and "Ukurasa haukupatikana" in page.text


def test_the_language_chosen_at_sign_up_follows_the_person_to_a_new_browser(stack):
    landlord, _ = new_landlord(stack)
    prop = new_property(landlord)
    _, invite = property_row(stack, prop["id"])
    email = unique_email("tenant")
    response = post_form(stack, requests.Session(), f"/join/{invite}", "/signup/tenant", {
        "invite": invite, "name": "Achieng Otieno", "email": email, "phone": "0722 000 111",
        "password": PASSWORD, "unit": "", "language": "sw"})
    assert response.status_code == 303
    assert stack.sql(f"SELECT language FROM users WHERE email = '{email}'").strip() == "sw"
    browser, response = log_in(stack, email)
    assert response.status_code == 303 and browser.cookies.get("lang") == "sw"
    waiting = browser.get(stack.url("/tenant"))
    assert lang_of(waiting.text) == "sw" and 'data-page="waiting"' in waiting.text


def test_a_signed_in_switch_is_kept_on_the_account_and_only_on_ones_own(stack):
    browser, email = sign_up_landlord(stack)
    other, other_email = sign_up_landlord(stack)
    assert stack.sql(f"SELECT IFNULL(language, '-') FROM users WHERE email = '{email}'").strip() == "en"
    assert switch(stack, browser, "sw", page="/landlord").status_code == 303
    assert stack.sql(f"SELECT language FROM users WHERE email = '{email}'").strip() == "sw"
    assert stack.sql(f"SELECT language FROM users WHERE email = '{other_email}'").strip() == "en"
    fresh, _ = log_in(stack, email)
    assert lang_of(fresh.get(stack.url("/landlord")).text) == "sw"
    # Someone else's session token cannot switch this account: the CSRF token is per browser.
    html = other.get(stack.url("/landlord")).text
    forged = browser.post(stack.url("/language"), data={"_csrf": csrf_of(html), "language": "en"},
                          allow_redirects=False)
    assert forged.status_code == 403
    assert stack.sql(f"SELECT language FROM users WHERE email = '{email}'").strip() == "sw"
