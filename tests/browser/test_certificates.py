"""Certificate journeys: download in Khmer, verify by QR link on a phone in Lao and Chinese."""

import re

from playwright.sync_api import expect
from sqlalchemy import select

from orientation.extensions import db
from orientation.models import Certificate
from tests.browser.conftest import SCREENS
from tests.browser.test_learning import log_in


def test_trainee_downloads_certificate_in_khmer(live_server, page, complete, trainee, t, shoot):
    complete(trainee, locale="km")
    log_in(page, live_server, t, trainee, "km")
    page.get_by_role("link", name=t("km", "My certificates")).first.click()
    expect(page.get_by_role("heading", level=3)).to_have_text("ជំហានដំបូង")
    shoot("1-my-certificates-km")
    with page.expect_response(re.compile(r"\.pdf$")) as response:
        page.get_by_role("link", name=t("km", "Download (PDF)")).click()
    assert response.value.headers["content-type"] == "application/pdf"


def test_verifier_scans_the_qr_link_in_lao_and_chinese(live_server, browser, complete, trainee,
                                                      t):
    complete(trainee, locale="km")
    certificate = db.session.scalar(select(Certificate))
    link = f"{live_server}/v/{certificate.number}#{certificate.payload}"
    for lang, accept in (("lo", "lo-LA,lo"), ("zh", "zh-CN,zh")):
        context = browser.new_context(locale=accept.split(",")[0],
                                      viewport={"width": 360, "height": 740},
                                      extra_http_headers={"Accept-Language": accept})
        phone = context.new_page()
        phone.goto(link)
        expect(phone.locator("html")).to_have_attribute("lang", "zh-Hans" if lang == "zh" else lang)
        verdict = phone.locator("#verdict")
        expect(verdict).to_contain_text(t(lang, "Genuine certificate"))
        expect(verdict).to_have_class(re.compile(r"\bok\b"))
        # Chromium checks Ed25519 itself: the in-browser check must say genuine, not "cannot".
        expect(verdict.locator(".signature")).to_have_text(t(
            lang, "The code on the paper is signed by the issuer: name, course and date are as "
                  "issued."))
        expect(phone.get_by_text(trainee.display_name)).to_be_visible()
        SCREENS.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=SCREENS / f"verify-{lang}.png", full_page=True)
        context.close()


def test_a_tampered_qr_code_gets_one_red_verdict(live_server, page, complete, trainee, t):
    """Defect: a green "Genuine certificate" on top and "NOT genuine" lower down."""
    complete(trainee, locale="km")
    certificate = db.session.scalar(select(Certificate))
    link = f"{live_server}/v/{certificate.number}#{certificate.payload}"
    forged = link[:-6] + ("A" if link[-6] != "A" else "B") + link[-5:]
    for address in (forged, link + "%E0%A4%A", link.split("#")[0] + "#%zz"):
        page.goto("about:blank")
        page.goto(address)
        verdict = page.locator("#verdict")
        expect(verdict).to_have_class(re.compile(r"\bbad\b"))
        expect(verdict).to_contain_text(t("en", "NOT genuine"))
        expect(verdict).to_have_attribute("role", "alert")
        expect(page.get_by_text(t("en", "Genuine certificate"))).to_have_count(0)
        assert page.locator(".verdict").count() == 1
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / "verify-tampered-en.png", full_page=True)


def test_mistyped_number_is_told_apart(live_server, page, complete, trainee, t):
    complete(trainee)
    number = db.session.scalar(select(Certificate)).number
    page.goto(f"{live_server}/v/")
    typo = number[:5] + ("X" if number[5] != "X" else "Y") + number[6:]
    page.get_by_label(t("en", "Certificate number")).fill(typo.lower())
    page.get_by_role("button", name=t("en", "Check")).click()
    expect(page.get_by_text(t("en", "This number has a typing mistake"))).to_be_visible()
