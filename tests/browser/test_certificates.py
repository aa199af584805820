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


SIGNED = "The code on the paper is signed by the issuer: name, course and date are as issued."
FORGED = "The code on the paper is NOT genuine: its signature does not match."


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
        expect(phone.get_by_text(t(lang, "Genuine certificate"))).to_be_visible()
        expect(phone.get_by_text(trainee.display_name)).to_be_visible()
        # Chromium checks Ed25519 signatures in WebCrypto: the check must run and say which.
        offline = phone.locator("#offline .result")
        expect(offline).to_have_text(t(lang, SIGNED))
        SCREENS.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=SCREENS / f"verify-{lang}.png", full_page=True)
        forged = link[:-6] + ("A" if link[-6] != "A" else "B") + link[-5:]
        phone.goto("about:blank")
        phone.goto(forged)
        expect(phone.locator("#offline .result")).to_have_text(t(lang, FORGED))
        context.close()


def test_mistyped_number_is_told_apart(live_server, page, complete, trainee, t):
    complete(trainee)
    number = db.session.scalar(select(Certificate)).number
    page.goto(f"{live_server}/v/")
    typo = number[:5] + ("X" if number[5] != "X" else "Y") + number[6:]
    page.get_by_label(t("en", "Certificate number")).fill(typo.lower())
    page.get_by_role("button", name=t("en", "Check")).click()
    expect(page.get_by_text(t("en", "This number has a typing mistake"))).to_be_visible()
