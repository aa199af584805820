"""An admin on a 320 px phone, in Lao: edits a contact of lessons, then reads the audit log."""

import re

from playwright.sync_api import expect

from orientation.learn import contacts
from orientation.timezones import local_today
from tests.browser.test_account import log_in
from tests.browser.test_phone import PHONE, check_fits
from tests.conftest import PASSWORD


def test_admin_edits_a_contact_in_lao_and_reads_the_audit_log(live_server, page, courses, admin,
                                                              t, shoot):
    lang = "lo"
    page.set_viewport_size(PHONE)
    log_in(page, live_server, t, admin, lang, secret=PASSWORD)
    page.goto(f"{live_server}/{lang}/admin/")
    page.get_by_role("link", name=t(lang, "Contacts that lessons show")).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/admin/contacts$"))
    check_fits(page, "contacts overview")
    shoot("1-overview")
    page.get_by_role("row", name=re.compile(str(t(lang, "Thailand")))).get_by_role(
        "link", name="ລາວ").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/admin/contacts/TH/lo$"))
    embassy = page.locator("fieldset", has_text=t(
        lang, "Phone of the trainee's own embassy or consulate in the destination country"))
    embassy.get_by_label(t(lang, "Contact")).fill("+66 2 000 0000")
    embassy.get_by_label(t(lang, "Checked on")).fill("2999-01-01")
    page.get_by_role("button", name=t(lang, "Save the contacts")).click()
    expect(page.get_by_text(t(lang, "The date it was checked cannot be in the future."))
           ).to_be_visible()
    assert contacts.get_contact("TH", "lo", "embassy_phone") is None
    embassy.get_by_label(t(lang, "Checked on")).fill(local_today(None).isoformat())
    page.get_by_role("button", name=t(lang, "Save the contacts")).click()
    expect(page.locator(".flash")).to_be_visible()
    check_fits(page, "contacts form")
    shoot("2-contact-saved")
    assert contacts.get_contact("TH", "lo", "embassy_phone") == "+66 2 000 0000"

    page.goto(f"{live_server}/{lang}/admin/")
    page.get_by_role("link", name=t(lang, "Audit log")).click()
    page.get_by_label(t(lang, "What")).select_option(str(t(lang, "Contact saved")))
    page.get_by_role("button", name=t(lang, "Show")).click()
    expect(page.locator("ol.audit > li")).to_have_count(1)
    expect(page.locator("ol.audit")).to_contain_text("+66 2 000 0000")
    expect(page.locator("ol.audit h2")).to_have_text(t(lang, "Contact saved"))
    shoot("3-audit-log")
    check_fits(page, "audit log")
