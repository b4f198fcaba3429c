"""Kiswahili and English through nginx: the browser's Accept-Language, the switch on every page,
the choice made at sign-up (kept on the account, so a new browser reads the same language),
error pages, and who may not change what. Assertions read `<html lang>`, data- hooks, cookies and
rows, plus one catalogue word per page so a wrong catalogue shows."""

import re

import requests

from accounts import PASSWORD, csrf_of, log_in, sign_up_landlord, unique_email
from stack import nairobi_today
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


def test_a_kiswahili_tenant_reads_every_page_email_and_sms_in_kiswahili_and_the_landlord_english(stack):
    """Sign-up, approval, an STK payment, a paybill payment and a reminder: the tenant who chose
    Kiswahili gets each page, email and SMS in Kiswahili; the landlord, who did not, in English."""
    from reminders_helpers import Landlord, month_start
    from test_c2b import _lease
    from test_payments import _pushed
    from test_reminders import _send
    from test_sms import _phone
    from stack import wait_for

    landlord_phone, landlord_number = _phone()
    tenant_phone, tenant_number = _phone()
    landlord = Landlord(stack, phone=landlord_phone, rent=12500)
    lease = landlord.add_tenant(month_start(-1, 1), due_day=5, rent=12500, phone=tenant_phone, language="sw")
    assert stack.sql(f"SELECT language FROM users WHERE id = {lease.tenant_id}").strip() == "sw"

    # Sign-up and approval: the tenant's email and SMS in Kiswahili, the landlord's in English.
    assert "Habari" in stack.wait_for_email(lease.email, "Tumepokea usajili wako").body
    assert "Nyumba:" in stack.wait_for_email(lease.email, "Umeidhinishwa").body
    assert "A tenant signed up" in stack.wait_for_email(landlord.email, "New tenant waiting").body
    wait_for(lambda: len(stack.sms_messages(to=tenant_number)) >= 1, what="approval SMS")
    [approved] = stack.sms_messages(to=tenant_number)
    assert "umeidhinishwa" in approved["message"] and "Ksh 12,500" in approved["message"]
    [signed_up] = stack.sms_messages(to=landlord_number)
    assert "signed up for" in signed_up["message"]

    # The tenant's pages, in a fresh browser: the choice is on the account.
    home = lease.browser.get(stack.url("/tenant"))
    assert lang_of(home.text) == "sw" and "data-balance" in home.text and "Salio" in home.text
    assert "Kodi hulipwa tarehe 5 ya kila mwezi." in home.text

    # An STK payment: status page, receipt email and SMS in Kiswahili.
    request = _pushed(stack, lease.browser, amount="5000")
    wait_for(lambda: stack.sql(f"SELECT status FROM payment_requests WHERE id = {request}").strip() == "succeeded",
             what="STK payment settled")
    status = lease.browser.get(stack.url(f"/tenant/payments/requests/{request}"))
    assert lang_of(status.text) == "sw" and 'data-status="paid"' in status.text and "Imelipwa" in status.text
    receipt = stack.wait_for_email(lease.email, "Malipo yamepokelewa")
    # Kiswahili money is written as CLDR writes it: "Ksh", a no-break space, the amount.
    assert "Ksh\u00a05,000" in receipt.body and "Salio:" in receipt.body
    wait_for(lambda: any("Risiti ya Nyumba" in m["message"] for m in stack.sms_messages(to=tenant_number)),
             what="receipt SMS in Kiswahili")

    # A paybill payment to the unit's account number: the same receipt words.
    _, account, _ = _lease(stack, lease.email)
    assert stack.nyumba("c2b-register").returncode == 0
    paid = requests.post(stack.sim_url + "/sim/c2b/pay", timeout=30, json={
        "shortcode": "174379", "account": account, "amount": 2500, "phone": "254712000126"}).json()
    assert paid["confirmation"] == 200
    assert paid["transID"] in stack.wait_for_email(lease.email, "Malipo yamepokelewa", count=2).body

    # A reminder from the landlord: the preview and the email in the tenant's language.
    sent = _send(stack, landlord, {"lease": lease.id})
    assert sent.status_code == 303, sent.text[:300]
    reminder = stack.wait_for_email(lease.email, "Kikumbusho cha kodi")
    assert "Jinsi ya kulipa:" in reminder.body and "Paybill 174379, Nambari ya akaunti" in reminder.body
    wait_for(lambda: any(m["message"].startswith("Nyumba: kodi ya") for m in stack.sms_messages(to=tenant_number)),
             what="reminder SMS in Kiswahili")

    # The tenant's statement (page and PDF words) in Kiswahili too.
    statement = lease.browser.get(stack.url(f"/tenant/leases/{lease.id}/statement"))
    assert statement.status_code == 200 and lang_of(statement.text) == "sw"
    assert "Taarifa ya akaunti" in statement.text and "Kodi ya nyumba" in statement.text
    assert "Malipo (M-Pesa" in statement.text and "data-closing" in statement.text

    # The landlord reads the same events in English.
    notifications = landlord.browser.get(stack.url("/landlord/notifications")).text
    assert lang_of(notifications) == "en" and 'data-notification="payment_received"' in notifications
    assert "KES 5,000 received from" in notifications

    # A charge the landlord types, then takes off: the credit Nyumba writes reads in each reader's words.
    charges = f"/landlord/leases/{lease.id}/charges"
    added = post_form(stack, landlord.browser, charges, charges, {
        "kind": "one_off", "amount": "700", "date": nairobi_today(), "description": "Kufuli mpya", "reason": ""})
    assert added.status_code == 303, added.text[:300]
    charge = stack.sql(f"SELECT id FROM charges WHERE lease_id = {lease.id} AND kind = 'one_off'").strip()
    reversed_ = post_form(stack, landlord.browser, charges, f"{charges}/{charge}/reverse", {"reason": "Kosa"})
    assert reversed_.status_code == 303, reversed_.text[:300]
    assert "Reversed: Kufuli mpya" in landlord.browser.get(stack.url(charges)).text
    statement = lease.browser.get(stack.url(f"/tenant/leases/{lease.id}/statement")).text
    assert "Imeondolewa: Kufuli mpya" in statement

    # What Nyumba stored for all of this holds no English sentence (issue 15): its own words are keys
    # and figures, and what it rendered for the Kiswahili tenant is Kiswahili.
    assert english_stored_for(stack, lease.tenant_id, lease.id, lease.email, tenant_number) == []
    assert stack.sql(f"SELECT COUNT(*) FROM charges WHERE lease_id = {lease.id} AND words IS NOT NULL "
                     "AND description <> ''").strip() == "0"
    assert stack.sql(f"SELECT COUNT(*) FROM charges WHERE lease_id = {lease.id} AND words IS NOT NULL").strip() == "1"
    # The reminder sent by hand (the scheduler may have claimed an automatic one too).
    assert int(stack.sql(f"SELECT COUNT(*) FROM reminders WHERE lease_id = {lease.id} AND kind = 'manual'")) == 1
    assert stack.sql(f"SELECT COUNT(*) FROM reminders WHERE lease_id = {lease.id} AND subject IS NOT NULL").strip() == "0"


# Words that only English sentences have: two in one stored text make it an English sentence
# (names, codes, amounts, links and Kiswahili have none of them; the test names people "Tenant …"
# and "Landlord …", so those two are left out).
ENGLISH_WORDS = {"the", "your", "you", "is", "was", "has", "have", "for", "to", "of", "and", "with", "this",
                 "that", "please", "are", "will", "be", "not", "it", "from", "by", "at", "been", "we", "our",
                 "were", "can", "if", "no", "an", "on", "as", "or", "in", "per", "due", "paid", "received",
                 "rent", "reminder", "payment", "balance", "deposit", "charge", "credit", "message", "password",
                 "unit", "account", "water", "enter", "choose", "send", "save", "owe", "owes"}


def english_sentence(text: str | None) -> bool:
    if not text:
        return False
    # Tags, links, catalogue keys (`pay.status.timed_out`) and JSON names are not sentences.
    text = re.sub(r"<[^>]+>|https?://\S+|\b[a-z_]+(?:\.[a-z0-9_]+)+\b|\"\w+\":", " ", text)
    words = [word.lower() for word in re.findall(r"\b[A-Za-z']+\b", text)]
    return sum(word in ENGLISH_WORDS for word in words) >= 2


def english_stored_for(stack, tenant_id: int, lease_id: int, email: str, number: str) -> list:
    """Every app-written text column of the rows about this lease and its tenant that holds an
    English sentence, as (table.column, id, text). Daraja's ResultDesc (M-Pesa's words, kept as
    received, stored with its ResultCode) and what the landlord typed are not Nyumba's sentences."""
    queries = {
        "reminders.subject": f"SELECT id, subject FROM reminders WHERE lease_id = {lease_id}",
        "charges.description": f"SELECT id, description FROM charges WHERE lease_id = {lease_id} AND words IS NOT NULL",
        "charges.words": f"SELECT id, words FROM charges WHERE lease_id = {lease_id}",
        "payment_requests.result_desc": f"SELECT id, result_desc FROM payment_requests WHERE tenant_id = {tenant_id} "
                                        "AND result_code IS NULL",
        "payments.note": f"SELECT id, note FROM payments WHERE lease_id = {lease_id}",
        "notifications.message": "SELECT id, message FROM notifications WHERE landlord_id = "
                                 f"(SELECT landlord_id FROM leases WHERE id = {lease_id})",
        "notifications.parameters": "SELECT id, parameters FROM notifications WHERE landlord_id = "
                                    f"(SELECT landlord_id FROM leases WHERE id = {lease_id})",
        "outbox.subject": f"SELECT id, subject FROM outbox WHERE recipient IN ('{email}', '{number}')",
        "outbox.text_body": f"SELECT id, REPLACE(REPLACE(text_body, '\\n', ' '), '\\t', ' ') FROM outbox "
                            f"WHERE recipient IN ('{email}', '{number}')",
        "outbox.html_body": f"SELECT id, REPLACE(REPLACE(html_body, '\\n', ' '), '\\t', ' ') FROM outbox "
                            f"WHERE recipient IN ('{email}', '{number}')",
        "outbox.last_error": f"SELECT id, last_error FROM outbox WHERE recipient IN ('{email}', '{number}')",
    }
    found = []
    rows = 0
    for column, query in queries.items():
        for line in stack.sql(query).splitlines():
            row_id, _, text = line.partition("\t")
            rows += 1
            if text != "NULL" and english_sentence(text):
                found.append((column, row_id, text[:200]))
    assert rows >= 10, "the journey wrote the rows scanned"
    return found


# Words the landlord's pages showed in English before they were translated; none may be left on
# them in Kiswahili (matched as whole words in the visible text and the attributes people read).
LANDLORD_ENGLISH = [
    "Dashboard", "Properties", "Payments", "Save", "Reminders", "Notifications", "Messages", "Your properties",
    "Add a property", "Invite your tenants", "Units", "Edit", "vacant", "occupied", "Waiting for approval",
    "Approve", "Reject", "Send", "Subject", "Earlier messages", "Change your password", "Text messages",
    "M-Pesa settings", "Unmatched M-Pesa payments", "Payment receipt", "Balance", "Record a payment",
    "Collected", "Expected", "Monthly statement", "Month", "Automatic reminders", "Preview", "due",
    "in credit", "Amount", "Date", "Receipt", "Rent", "Lease", "Show", "Newer", "Older", "Page", "Unit",
    "signed up", "waits for your approval",
]


def visible_words(html: str) -> str:
    """The page's text and its aria-label and title attributes, tags removed."""
    labels = " ".join(re.findall(r'(?:aria-label|title|placeholder)="([^"]*)"', html))
    return re.sub(r"<[^>]+>", " ", html) + " " + labels


def test_every_landlord_page_reads_in_kiswahili_when_the_browser_asks_for_it(stack):
    """A landlord with a property, an approved tenant who paid, a waiting tenant and a message: every
    page of theirs, asked for with Accept-Language: sw and no language cookie, is in Kiswahili."""
    from reminders_helpers import Landlord, month_start
    from browser import sign_up_tenant, unit_id

    landlord = Landlord(stack, name="Wanjiru Kamau", property_name="Jua Court", rent=12500)
    lease = landlord.add_tenant(month_start(-1, 1), due_day=5, rent=12500, language="sw")
    lease.pay(5000)
    payment = int(stack.sql(f"SELECT id FROM payments WHERE lease_id = {lease.id}"))
    sign_up_tenant(stack, invite=landlord.invite, name="Baraka Mwangi", phone="0722 000 222")
    sent = post_form(stack, landlord.browser, f"/landlord/leases/{lease.id}/message",
                     f"/landlord/leases/{lease.id}/message", {"subject": "Maji", "text": "Habari, maji yamerudi."})
    assert sent.status_code == 303, sent.text[:300]

    # The landlord's session, without the cookie of the language chosen at sign-up.
    browser = requests.Session()
    for cookie in landlord.browser.cookies:
        if cookie.name != "lang":
            browser.cookies.set_cookie(cookie)
    unit = unit_id(stack, landlord.property_id, "A2")
    pid, lid = landlord.property_id, lease.id
    pages = [
        "/landlord", "/landlord/properties/new", f"/landlord/properties/{pid}",
        f"/landlord/properties/{pid}/units/{unit}",
        "/landlord/notifications", "/landlord/reminders", "/landlord/reminders/new",
        f"/landlord/reminders/new?lease={lid}", "/landlord/reminders/settings", f"/landlord/leases/{lid}",
        f"/landlord/leases/{lid}/message", f"/landlord/leases/{lid}/payments/new", "/landlord/payments",
        f"/landlord/payments/{payment}/receipt", "/landlord/payments/unmatched", "/landlord/mpesa",
        "/account/password", "/account/sms", "/landlord/dashboard", f"/landlord/dashboard/properties/{pid}",
        f"/landlord/dashboard/leases/{lid}", f"/landlord/leases/{lid}/charges", f"/landlord/properties/{pid}/charges",
        f"/landlord/properties/{pid}/water", f"/landlord/leases/{lid}/statement",
    ]
    for path in pages:
        page = browser.get(stack.url(path), headers={"Accept-Language": "sw"})
        assert page.status_code == 200, (path, page.status_code)
        assert lang_of(page.text) == "sw", path
        text = visible_words(page.text)
        left = [word for word in LANDLORD_ENGLISH if re.search(rf"\b{re.escape(word)}\b", text)]
        assert left == [], (path, left)
    # One catalogue word per kind of page, so a page in the wrong catalogue shows.
    assert "Majengo yako" in browser.get(stack.url("/landlord"), headers={"Accept-Language": "sw"}).text
    # The notifications tab puts each stored notice into the reader's words when shown.
    notifications = browser.get(stack.url("/landlord/notifications"), headers={"Accept-Language": "sw"}).text
    assert "Baraka Mwangi amejisajili kwa Jua Court na anasubiri uidhinishe." in notifications
    dashboard = browser.get(stack.url("/landlord/dashboard"), headers={"Accept-Language": "sw"}).text
    assert "Iliyokusanywa" in dashboard and "Ksh" in dashboard
    receipt = browser.get(stack.url(f"/landlord/payments/{payment}/receipt"), headers={"Accept-Language": "sw"})
    assert "Risiti ya malipo" in receipt.text and "Ksh\u00a05,000" in receipt.text
    # The same session without Accept-Language still reads English, as the integration tests expect.
    english = browser.get(stack.url(f"/landlord/leases/{lid}")).text
    assert lang_of(english) == "en" and "Record a cash or bank payment" in english and "KES 5,000" in english

    # The tenant's messages page, asked for in Kiswahili, shows the landlord's message in Kiswahili words.
    tenant = requests.Session()
    for cookie in lease.browser.cookies:
        if cookie.name != "lang":
            tenant.cookies.set_cookie(cookie)
    messages = tenant.get(stack.url("/tenant/messages"), headers={"Accept-Language": "sw"})
    assert messages.status_code == 200 and lang_of(messages.text) == "sw"
    assert "Jumbe za awali" in messages.text and "Mwenye nyumba wako" in messages.text
    left = [word for word in LANDLORD_ENGLISH if re.search(rf"\b{re.escape(word)}\b", visible_words(messages.text))]
    assert left == [], left


def test_the_english_check_tells_the_catalogues_apart():
    """The check above flags English sentences and no Kiswahili one: every Kiswahili entry passes,
    and most English sentences of the catalogue are caught."""
    from catalogue import catalogue

    def filled(text: str) -> str:
        return re.sub(r"\{\w+\}", "1", text)

    assert [key for key, text in catalogue("sw").items() if english_sentence(filled(text))] == []
    sentences = [text for text in catalogue("en").values() if len(text.split()) >= 6]
    caught = [text for text in sentences if english_sentence(filled(text))]
    assert len(caught) >= 0.95 * len(sentences), [text for text in sentences if text not in caught][:20]
