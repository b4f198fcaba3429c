"""Whole journeys in a real browser (headless Chromium through Selenium), as a landlord
and a tenant would make them, through nginx and the Daraja simulator. Screenshots at
360 px and 1280 px wide are kept in test-artifacts/screenshots/."""

import os
import re
import secrets
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from stack import REPO

SHOTS = Path(os.environ.get("NYUMBA_ARTIFACTS_DIR", REPO / "test-artifacts")) / "screenshots"


def browser(profile: Path) -> webdriver.Chrome:
    os.environ.setdefault("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--user-data-dir={profile}", "--window-size=360,800"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(2)
    return driver


@pytest.fixture()
def people(stack):
    SHOTS.mkdir(parents=True, exist_ok=True)
    # A fresh profile for each test: no cookies from the one before.
    run = secrets.token_hex(3)
    drivers = {who: browser(stack.root / f"chrome-{who}-{run}") for who in ("landlord", "tenant")}
    yield drivers
    for driver in drivers.values():
        driver.quit()


def shot(driver, name: str):
    """A screenshot at phone width and one at laptop width."""
    for width, height in ((360, 800), (1280, 900)):
        driver.set_window_size(width, height)
        driver.save_screenshot(str(SHOTS / f"{name}-{width}.png"))
    driver.set_window_size(360, 800)


def fill(driver, **fields):
    for name, value in fields.items():
        field = driver.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)


def _replaced(page):
    """True once `page` (the old <html> element) has left the document. Like staleness_of, but
    chromedriver sometimes reports a node caught mid-navigation as "Node with given id does not
    belong to the document" instead of a stale element: that is gone too."""
    def check(_driver) -> bool:
        try:
            page.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise
    return check


def press(driver, label: str):
    """Clicks a form's button and waits for the next page."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.XPATH, f"//button[contains(normalize-space(.), '{label}')]").click()
    WebDriverWait(driver, 15).until(_replaced(page))


def text(driver) -> str:
    return driver.find_element(By.TAG_NAME, "main").text


# What the tenant's pages say, in the language the tenant reads them in (the landlord reads English).
TENANT_WORDS = {
    "en": {"switch": None, "send_request": "Send my request", "waiting": "Waiting for approval",
           "pay": "Pay with M-Pesa", "check_phone": "Check your phone", "receipt": r"M-Pesa receipt ([A-Z0-9]{10})",
           "receipt_link": "receipt", "send_link": "Send me a link", "reset_subject": "new Nyumba password",
           "save_password": "Save the new password", "log_in": "Log in", "money": "KES 12,000"},
    "sw": {"switch": "Kiswahili", "send_request": "Tuma ombi langu", "waiting": "Inasubiri kuidhinishwa",
           "pay": "Lipa kwa M-Pesa", "check_phone": "Angalia simu yako",
           "receipt": r"Risiti ya M-Pesa ([A-Z0-9]{10})", "receipt_link": "risiti", "send_link": "Nitumie kiungo",
           "reset_subject": "nenosiri jipya la Nyumba", "save_password": "Hifadhi nenosiri jipya", "log_in": "Ingia",
           "money": "Ksh\u00a012,000"},
}


@pytest.mark.parametrize("language", ["en", "sw"])
def test_landlord_and_tenant_from_sign_up_to_paid_rent_and_a_reset_password(stack, people, language):
    landlord, tenant = people["landlord"], people["tenant"]
    words = TENANT_WORDS[language]
    tag = secrets.token_hex(3)
    landlord_email, tenant_email = f"achieng-{tag}@example.com", f"kamau-{tag}@example.com"

    # The landlord signs up and adds a property.
    landlord.get(stack.url("/signup"))
    fill(landlord, name="Achieng Odhiambo", email=landlord_email, phone="0712 345 678", password="landlord pass 1")
    press(landlord, "Create my account")
    landlord.get(stack.url("/landlord/properties/new"))
    fill(landlord, name="Jamhuri Flats", location="Kisumu", units="4", rent="12000", prefix="B")
    press(landlord, "Add the property")
    assert "Jamhuri Flats" in text(landlord)
    invite = re.search(r"https?://\S+/join/\S+", text(landlord)).group(0)
    shot(landlord, f"01-landlord-property-{language}")

    # The tenant follows the invite link, picks their language on the page, signs up and waits.
    tenant.get(invite)
    if words["switch"]:
        press(tenant, words["switch"])
        assert tenant.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
    assert "Jamhuri Flats" in text(tenant)
    fill(tenant, name="Kamau Njoroge", email=tenant_email, phone="0722 000 111", password="tenant pass 12",
         unit="B2")
    press(tenant, words["send_request"])
    assert words["waiting"] in text(tenant)
    shot(tenant, f"02-tenant-waiting-{language}")

    # The landlord approves from the notifications tab.
    landlord.get(stack.url("/landlord/notifications"))
    assert "Kamau Njoroge" in text(landlord)
    shot(landlord, f"03-landlord-notifications-{language}")
    fill(landlord, dueDay="5")
    press(landlord, "Approve")
    stack.wait_for_email(to=tenant_email, subject_contains="Umeidhinishwa" if language == "sw" else "approved")

    # The tenant pays with M-Pesa (the simulator answers) and sees the receipt.
    tenant.get(stack.url("/tenant"))
    assert words["money"].replace("\u00a0", " ") in text(tenant).replace("\u00a0", " ")
    shot(tenant, f"04-tenant-home-{language}")
    tenant.get(stack.url("/tenant/pay"))
    fill(tenant, amount="12000", phone="0722000111")
    press(tenant, words["pay"])
    WebDriverWait(tenant, 30).until(lambda d: words["check_phone"] not in text(d))
    page = text(tenant)
    assert words["money"].replace("\u00a0", " ") in page.replace("\u00a0", " ")
    receipt = re.search(words["receipt"], page).group(1)
    shot(tenant, f"05-tenant-paid-{language}")
    tenant.get(tenant.find_element(By.PARTIAL_LINK_TEXT, words["receipt_link"]).get_attribute("href"))
    assert receipt in text(tenant)
    shot(tenant, f"06-tenant-receipt-{language}")

    # The landlord sees the payment on the dashboard and sends a reminder.
    landlord.get(stack.url("/landlord/dashboard"))
    assert receipt in text(landlord)
    assert "KES 12,000" in text(landlord)
    shot(landlord, f"07-landlord-dashboard-{language}")
    lease = stack.sql(
        f"SELECT l.id FROM leases l JOIN users u ON u.id = l.tenant_id WHERE u.email = '{tenant_email}'").strip()
    landlord.get(stack.url(f"/landlord/reminders/new?lease={lease}"))
    shot(landlord, f"08-landlord-reminder-preview-{language}")
    press(landlord, "Send")
    assert stack.wait_for_email(to=tenant_email, subject_contains="Kikumbusho" if language == "sw" else "Rent reminder")

    # The tenant forgets the password and resets it by following the email.
    tenant.delete_all_cookies()
    tenant.get(stack.url("/password/forgot"))
    if words["switch"]:
        press(tenant, words["switch"])
    fill(tenant, email=tenant_email)
    press(tenant, words["send_link"])
    link = re.search(r"https?://\S+/password/reset/\S+", stack.wait_for_email(
        to=tenant_email, subject_contains=words["reset_subject"]).body).group(0)
    tenant.get(link)
    fill(tenant, password="a new tenant pass", confirm="a new tenant pass")
    press(tenant, words["save_password"])
    tenant.get(stack.url("/login"))
    fill(tenant, email=tenant_email, password="a new tenant pass")
    press(tenant, words["log_in"])
    assert "Jamhuri Flats" in text(tenant)
    assert tenant.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
    shot(tenant, f"09-tenant-home-after-reset-{language}")
