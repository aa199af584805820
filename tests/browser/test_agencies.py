"""An admin keeps the agency list from a CSV file in Khmer, on a 320 px phone."""

from playwright.sync_api import expect
from sqlalchemy import func, select

from orientation.extensions import db
from orientation.models import Agency, Departure, Payment
from tests.browser.test_account import log_in
from tests.browser.test_phone import PHONE, check_fits
from tests.conftest import PASSWORD

CSV = ("country,name,licence_number,destinations,expires,address,phone\n"
       "KH,ក្រុមហ៊ុន ជ័យ ម៉ានផៅវើ,១២៣/ក.ប,TH MY,2030-06-30,ភ្នំពេញ,\n"
       "LA,ບໍລິສັດ ສົມສັກ ຈັດຫາງານ,LA-0042,TH KR,,,\n")


def test_an_admin_imports_agencies_in_khmer_on_a_phone(live_server, page, admin, t, shoot,
                                                      tmp_path):
    lang = "km"
    page.set_viewport_size({**PHONE, "width": 320})
    log_in(page, live_server, t, admin, lang, secret=PASSWORD)
    page.goto(f"{live_server}/{lang}/admin/")
    page.get_by_role("link", name=t(lang, "Recruitment agencies")).click()
    page.get_by_role("link", name=t(lang, "Add or update agencies from a file")).click()
    upload = tmp_path / "agencies.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name=t(lang, "Check the file")).click()
    expect(page.get_by_text("ក្រុមហ៊ុន ជ័យ ម៉ានផៅវើ")).to_be_visible()
    expect(page.get_by_text(t(lang, "New: will be added"))).to_have_count(2)
    check_fits(page, "agency import preview")
    shoot("1-preview-km-320")
    assert db.session.scalar(select(func.count()).select_from(Agency)) == 0
    batch = page.locator("input[name=batch]").input_value()
    page.get_by_role("button", name=t(lang, "Save all")).click()
    expect(page.get_by_text(t(lang, "Saved. New agencies: %(created)s. Changed: %(updated)s.",
                              created=2, updated=0))).to_be_visible()
    expect(page.get_by_role("link", name="ບໍລິສັດ ສົມສັກ ຈັດຫາງານ")).to_be_visible()
    expect(page.get_by_text("123/ក.ប")).to_be_visible()  # Khmer digits read as 0-9
    check_fits(page, "agency list")
    shoot("2-list-km-320")
    # The same preview sent again (a second click on a slow line): nothing is added.
    again = page.request.post(f"{live_server}/{lang}/admin/agencies/import/save",
                              form={"batch": batch})
    assert t(lang, "This file was already saved: nothing was changed again.") in again.text()
    assert db.session.scalar(select(func.count()).select_from(Agency)) == 2


def test_the_centre_view_fits_a_phone(live_server, page, admin, make_centre, make_trainee, t,
                                      shoot):
    lang = "zh"
    centre = make_centre(name="云南省昆明市第一外出务工人员职业技能培训中心（西山区分部）")
    for n, typed in enumerate(("金星国际劳务派遣有限公司", "金星国际劳务派遣有限公司 ")):
        trainee = make_trainee(name=f"学员{n}", centre=centre)
        departure = Departure(user_id=trainee.id, agency_name=typed, destination="MY")
        departure.payments.append(Payment(paid_to="x", category="medical", amount=12_000_000,
                                          currency="LAK", receipt=False))
        db.session.add(departure)
    db.session.commit()
    page.set_viewport_size({**PHONE, "width": 320})
    log_in(page, live_server, t, admin, lang, secret=PASSWORD)
    page.goto(f"{live_server}/{lang}/trainer/agencies")
    check_fits(page, "centre selector")
    page.get_by_label(t(lang, "Centre")).select_option(str(centre.id))
    page.get_by_role("button", name=t(lang, "Show")).click()
    expect(page.get_by_text("金星国际劳务派遣有限公司")).to_be_visible()  # one line for both
    expect(page.get_by_text(t(lang, "Not on the list"))).to_be_visible()
    check_fits(page, "centre view")
    shoot("centre-view-zh-320")
