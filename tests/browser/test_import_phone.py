"""Defect 7 in a real browser: a trainer of a Lao centre, with the interface in English,
imports a Lao number written locally; it is read in the centre's country (not in the
Cambodia that English once meant), and a wrong one shows a Lao example."""

from datetime import date, timedelta

from playwright.sync_api import expect
from sqlalchemy import select

from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import Programme, Role, User
from tests.browser.test_trainer import _log_in_as_trainer

GOOD = "name,phone,language,birth_date\nສົມສັກ ພົມມະວົງ,020 5555 1234,lo,15/08/1998\n"
WRONG = "name,phone,language\nບຸນມີ,12,lo\n"


def _check(page, tmp_path, t, text):
    upload = tmp_path / "trainees.csv"
    upload.write_text(text, encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name=t("en", "Check the file")).click()


def test_a_lao_centre_imports_a_local_lao_number_in_english(live_server, page, courses,
                                                            trainer, t, shoot, tmp_path):
    trainer.centre.country = "LA"
    db.session.commit()
    cohort = learning.create_cohort(trainer.centre, db.session.scalar(select(Programme)),
                                    "Vientiane 1", date.today(),
                                    date.today() + timedelta(days=30))
    page.set_viewport_size({"width": 1280, "height": 800})  # a centre's laptop
    _log_in_as_trainer(page, live_server, t, trainer, "en")
    page.goto(f"{live_server}/en/trainer/cohorts/{cohort.id}/import")
    _check(page, tmp_path, t, GOOD)
    row = page.locator("tbody tr").filter(has_text="ສົມສັກ ພົມມະວົງ")
    expect(row).to_contain_text("+8562055551234")  # international form
    expect(row).to_contain_text("Aug 15, 1998")
    expect(page.locator("tbody .error")).to_have_count(0)
    shoot("1-preview")
    page.get_by_role("button", name=t("en", "Save all")).click()
    expect(page.get_by_role("heading", name=t("en", "Trainees saved"))).to_be_visible()
    saved = db.session.scalar(select(User).where(User.role == Role.trainee))
    assert (saved.display_name, saved.phone) == ("ສົມສັກ ພົມມະວົງ", "+8562055551234")
    assert saved.preferred_locale == "lo" and saved.birth_date == date(1998, 8, 15)

    page.goto(f"{live_server}/en/trainer/cohorts/{cohort.id}/import")
    _check(page, tmp_path, t, WRONG)
    error = page.locator("tbody tr").filter(has_text="ບຸນມີ").locator(".error")
    expect(error).to_contain_text("Example: +856 20 23 123 456")  # a Lao example
    expect(error).not_to_contain_text("+855")  # not a Cambodian one
    expect(page.get_by_role("button", name=t("en", "Save all"))).to_have_count(0)
    shoot("2-wrong-lao-number")
