"""The trainer's journey: import a CSV, record attendance, read the matrix, print."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import Programme, Role, User
from tests.conftest import PASSWORD

CSV = ("name,latin_name,phone,language\n"
       "ສົມສັກ ພົມມະວົງ,SOMSACK PHOMMAVONG,,lo\n"
       "សុខ ចាន់ថា,SOK CHANTHA,,km\n"
       "Nguyễn Thị Hoa,NGUYEN THI HOA,,vi\n")


@pytest.mark.parametrize("lang", ["lo", "vi"])
def test_import_attendance_matrix_and_print(live_server, page, courses, trainer, t, shoot,
                                            tmp_path, lang, complete, make_trainee):
    cohort = learning.create_cohort(trainer.centre, db.session.scalar(select(Programme)),
                                    "Batch 12", date.today(), date.today() + timedelta(days=10))
    finished = make_trainee(name="ចាន់ សុភា", centre=trainer.centre)
    learning.join_cohort(finished, cohort)
    complete(finished, locale="km")
    page.set_viewport_size({"width": 1280, "height": 800})  # a centre's laptop
    page.goto(f"{live_server}/{lang}/login")
    page.get_by_label(t(lang, "Trainee code or phone number")).fill(trainer.login_code)
    page.get_by_label(t(lang, "PIN or password")).fill(PASSWORD)
    page.locator("form.card").get_by_role("button", name=t(lang, "Log in")).click()
    page.goto(f"{live_server}/{lang}/trainer/")
    page.get_by_role("link", name="Batch 12").click()

    page.get_by_role("link", name=t(lang, "Add trainees from a file")).click()
    upload = tmp_path / "trainees.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name=t(lang, "Check the file")).click()
    expect(page.get_by_text("ສົມສັກ ພົມມະວົງ")).to_be_visible()
    shoot(f"1-import-preview-{lang}")
    page.get_by_role("button", name=t(lang, "Save all")).click()
    with page.expect_download() as download:
        page.get_by_role("button", name=t(lang, "Download login cards %(first)d to %(last)d "
                                            "(PDF)", first=1, last=3)).click()
    assert download.value.suggested_filename.endswith(".pdf")

    page.goto(f"{live_server}/{lang}/trainer/cohorts/{cohort.id}/sessions/new")
    page.get_by_label(t(lang, "Hours")).fill("3")
    page.get_by_role("button", name=t(lang, "Create the session")).click()
    page.get_by_label("ສົມສັກ ພົມມະວົງ").check()
    page.get_by_label("ចាន់ សុភា").check()
    shoot(f"2-register-{lang}")
    page.get_by_role("button", name=t(lang, "Save attendance")).click()
    expect(page.get_by_text(t(lang, "Attendance saved."))).to_be_visible()

    page.goto(f"{live_server}/{lang}/trainer/cohorts/{cohort.id}")
    expect(page.locator("table tbody tr")).to_have_count(4)
    expect(page.locator("tr.at-risk")).to_have_count(4)  # departs in 10 days, little done
    expect(page.locator("td.cell.complete")).to_have_count(1)
    shoot(f"3-matrix-{lang}")
    page.get_by_role("button", name=t(lang, "Print all certificates")).click()
    with page.expect_download() as printed:
        page.get_by_role("link", name=t(lang, "Download the certificates (PDF)")).click()
    assert printed.value.suggested_filename == f"certificates-{cohort.id}.pdf"


def _log_in_as_trainer(page, live_server, t, trainer, lang):
    page.goto(f"{live_server}/{lang}/login")
    page.get_by_label(t(lang, "Trainee code or phone number")).fill(trainer.login_code)
    page.get_by_label(t(lang, "PIN or password")).fill(PASSWORD)
    page.locator("form.card").get_by_role("button", name=t(lang, "Log in")).click()


def test_import_saved_twice_creates_one_set(live_server, page, courses, trainer, t, shoot,
                                            tmp_path):
    lang = "km"
    cohort = learning.create_cohort(trainer.centre, db.session.scalar(select(Programme)),
                                    "Batch 13", date.today(), date.today() + timedelta(days=30))

    def trainees():
        return db.session.scalar(select(func.count()).select_from(User).where(
            User.role == Role.trainee))

    page.set_viewport_size({"width": 1280, "height": 800})  # a centre's laptop
    _log_in_as_trainer(page, live_server, t, trainer, lang)
    page.goto(f"{live_server}/{lang}/trainer/cohorts/{cohort.id}/import")
    upload = tmp_path / "trainees.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name=t(lang, "Check the file")).click()
    save = t(lang, "Save all")
    stale = page.context.new_page()  # the same preview in a second tab
    stale.goto(page.url)
    expect(stale.get_by_role("button", name=save)).to_be_visible()

    page.get_by_role("button", name=save).click()
    expect(page.get_by_role("heading", name=t(lang, "Trainees saved"))).to_be_visible()
    expect(page.get_by_role("button", name=save)).to_have_count(0)
    shoot("1-saved")
    assert trainees() == 3
    page.go_back()  # the preview again: either the browser's copy or the saved result
    if page.get_by_role("button", name=save).count():
        page.get_by_role("button", name=save).click()
    expect(page.get_by_role("button", name=save)).to_have_count(0)
    page.reload()
    expect(page.get_by_role("button", name=save)).to_have_count(0)
    stale.get_by_role("button", name=save).click()  # Save on the old page, certainly
    expect(stale.get_by_text(t(lang, "This file was already saved: nothing was added "
                                     "again."))).to_be_visible()
    expect(stale.get_by_role("button", name=save)).to_have_count(0)
    shoot("2-reloaded")
    assert trainees() == 3
    with stale.expect_download() as download:
        stale.get_by_role("button", name=t(lang, "Download login cards %(first)d to %(last)d "
                                             "(PDF)", first=1, last=3)).click()
    assert download.value.suggested_filename == f"login-cards-{cohort.id}-1.pdf"
    page.goto(f"{live_server}/{lang}/trainer/cohorts/{cohort.id}/import")  # the same file again
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name=t(lang, "Check the file")).click()
    expect(page.get_by_role("checkbox", name=t(lang, "Create a new trainee anyway"))) \
        .to_have_count(3)
    shoot("3-already-here")
    page.get_by_role("button", name=save).click()
    expect(page.get_by_role("heading", name=t(lang, "Trainees saved"))).to_be_visible()
    assert trainees() == 3
