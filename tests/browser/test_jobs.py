"""Long work off the request, in a browser on a 320 px phone in Khmer, with a real consumer:
an import shows its progress and reloads itself until the result; a cohort's certificates
are printed as a job whose page ends with the download."""

import re
import time
from datetime import date, timedelta

import pypdf
from playwright.sync_api import expect
from sqlalchemy import select

from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import Programme
from orientation.trainer import import_batches, imports
from tests.conftest import PASSWORD

PHONE = {"width": 320, "height": 640}
CSV = ("name,latin_name,phone,language\n"
       "ສົມສັກ ພົມມະວົງ,SOMSACK PHOMMAVONG,,lo\n"
       "សុខ ចាន់ថា,SOK CHANTHA,,km\n"
       "Nguyễn Thị Hoa,NGUYEN THI HOA,,vi\n")


def _fits(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_import_shows_progress_then_the_result_and_certificates_download(
        live_server, page, courses, trainer, t, shoot, tmp_path, consumer, monkeypatch,
        make_trainee, complete):
    lang = "km"
    monkeypatch.setattr(import_batches, "ROWS_PER_CHUNK", 1)
    real_add_rows = imports.add_rows

    def slow_add_rows(*args, **kwargs):  # one second a chunk: the progress can be seen
        time.sleep(1)
        return real_add_rows(*args, **kwargs)

    monkeypatch.setattr(imports, "add_rows", slow_add_rows)
    cohort = learning.create_cohort(trainer.centre, db.session.scalar(select(Programme)),
                                    "Batch 30", date.today(), date.today() + timedelta(days=30))
    finished = make_trainee(name="ចាន់ សុភា", centre=trainer.centre)
    learning.join_cohort(finished, cohort)
    complete(finished, locale="km")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/{lang}/login")
    page.get_by_label(t(lang, "Trainee code or phone number")).fill(trainer.login_code)
    page.get_by_label(t(lang, "PIN or password")).fill(PASSWORD)
    page.locator("form.card").get_by_role("button", name=t(lang, "Log in")).click()
    page.goto(f"{live_server}/{lang}/trainer/cohorts/{cohort.id}/import")
    upload = tmp_path / "trainees.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name=t(lang, "Check the file")).click()
    page.get_by_role("button", name=t(lang, "Save all")).click()

    expect(page.get_by_role("heading", name=t(lang, "Saving trainees"))).to_be_visible()
    expect(page.locator("progress#job-progress")).to_be_visible()
    expect(page.locator('meta[http-equiv="refresh"]')).to_have_count(1)
    shoot("1-importing-km")
    assert _fits(page)
    # The next reloads count the saved chunks ("Importing 1 of 3").
    expect(page.locator("progress#job-progress")).to_have_attribute(
        "value", re.compile("^[12]$"), timeout=20_000)
    shoot("1b-importing-km")
    # No script: the page reloads itself until the job is done.
    expect(page.get_by_role("heading", name=t(lang, "Trainees saved"))).to_be_visible(
        timeout=30_000)
    expect(page.locator('meta[http-equiv="refresh"]')).to_have_count(0)
    expect(page.locator("div.card li").first).to_contain_text("3")  # 3 new trainees created
    shoot("2-imported-km")
    assert _fits(page)

    page.goto(f"{live_server}/{lang}/trainer/cohorts/{cohort.id}")
    page.get_by_role("button", name=t(lang, "Print all certificates")).click()
    expect(page.get_by_role("heading", name=t(lang, "Certificates of %(cohort)s",
                                              cohort="Batch 30"))).to_be_visible()
    download_link = page.get_by_role("link", name=t(lang, "Download the certificates (PDF)"))
    expect(download_link).to_be_visible(timeout=60_000)
    shoot("3-certificates-ready-km")
    assert _fits(page)
    with page.expect_download() as printed:
        download_link.click()
    assert printed.value.suggested_filename == f"certificates-{cohort.id}.pdf"
    assert len(pypdf.PdfReader(printed.value.path()).pages) == 1
