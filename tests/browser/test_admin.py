"""The demo admin, on a 320 px phone in Khmer, creates a centre and a trainer for it."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from orientation import demo
from orientation.config import REPO_ROOT
from orientation.content.library import forget_library
from orientation.content.loader import load_library
from orientation.extensions import db
from orientation.models import Centre, Role, User
from tests.browser.test_phone import PHONE, check_fits

CENTRE_NAME = "មជ្ឈមណ្ឌល បណ្តុះបណ្តាល សៀមរាប"
TRAINER_NAME = "ស្រីពេជ្រ ចាន់ស្រី"


@pytest.fixture
def settings(settings):
    settings["COURSES_FOLDER"] = str(REPO_ROOT / "courses")
    return settings


@pytest.fixture
def demo_admin(app):
    load_library(app.config["COURSES_FOLDER"])
    forget_library(app)
    demo.load(app.config)
    return "admin", "demo-admin-pass"


def test_the_demo_admin_creates_a_centre_and_a_trainer_in_khmer(live_server, page, demo_admin,
                                                                t, shoot):
    lang = "km"
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/{lang}/login")
    page.get_by_label(t(lang, "Trainee code or phone number")).fill(demo_admin[0])
    page.get_by_label(t(lang, "PIN or password")).fill(demo_admin[1])
    page.locator("form.card").get_by_role("button", name=t(lang, "Log in")).click()
    page.goto(f"{live_server}/{lang}/admin/")
    check_fits(page, "admin home")
    page.get_by_role("link", name=t(lang, "Add a centre")).click()
    page.get_by_label(t(lang, "Name of the centre")).fill(CENTRE_NAME)
    page.get_by_label(t(lang, "Licence number")).fill("KH-SR-0007")
    page.get_by_label(t(lang, "Country")).select_option("KH")
    page.get_by_label(t(lang, "Issuer printed on certificates (optional)")).fill(
        "ក្រសួងការងារ និងបណ្តុះបណ្តាលវិជ្ជាជីវៈ")
    check_fits(page, "new centre")
    shoot("1-new-centre")
    page.get_by_role("button", name=t(lang, "Save the centre")).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/admin/#centres$"))
    expect(page.get_by_role("link", name=CENTRE_NAME)).to_be_visible()
    check_fits(page, "centres")
    shoot("1b-centres")

    page.get_by_role("link", name=t(lang, "Staff accounts")).first.click()
    page.get_by_role("link", name=t(lang, "Add a trainer or an administrator")).click()
    page.get_by_label(t(lang, "Name"), exact=True).fill(TRAINER_NAME)
    page.get_by_label(t(lang, "Login")).fill("sreypech")
    page.get_by_label(t(lang, "Role")).select_option("trainer")
    page.get_by_label(t(lang, "Centre")).select_option(label=CENTRE_NAME)
    page.get_by_label(t(lang, "First password")).fill("a long first password")
    check_fits(page, "new staff")
    shoot("2-new-trainer")
    page.get_by_role("button", name=t(lang, "Create the account")).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/admin/staff$"))
    expect(page.get_by_role("heading", name=TRAINER_NAME)).to_be_visible()
    check_fits(page, "staff")
    shoot("3-staff")
    page.get_by_role("button", name=t(lang, "New password for %(name)s", name=TRAINER_NAME)).click()
    password = page.locator("#new-password").inner_text()
    assert len(password) == 14
    check_fits(page, "new password")
    shoot("4-new-password")

    centre = db.session.scalar(select(Centre).where(Centre.licence_number == "KH-SR-0007"))
    trainer = db.session.scalar(select(User).where(User.login_code == "sreypech"))
    assert (trainer.role, trainer.centre_id) == (Role.trainer, centre.id)
