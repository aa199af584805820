"""Importing agencies from CSV: the trainee import's file checks, a preview of every line,
a save of every line or none, once; a line for a listed licence updates it."""

import io
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from orientation.agencies import imports
from orientation.extensions import db
from orientation.models import Agency, AuditEvent, Role
from tests.conftest import PASSWORD, log_in

HEADER = "country,name,licence_number,destinations,expires,address,phone\r\n"
GOOD = ("\ufeff" + HEADER +
        "KH,ក្រុមហ៊ុន ជ័យ,123/MOLVT,TH MY,2030-06-30,Phnom Penh,091 234 567\r\n"
        "LA,ບໍລິສັດ ສົມສັກ,LA-0042,TH,,,\r\n"
        "VN,Công ty Hòa Bình,45/LĐTBXH-GP,KR TH,2029-01-31,,\r\n")


def upload(client, text, lang="en"):
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    return client.post(f"/{lang}/admin/agencies/import",
                       data={"file": (io.BytesIO(data), "agencies.csv")},
                       content_type="multipart/form-data")


def batch_of(page):
    found = re.search(r'name="batch" value="([^"]+)"', page)
    return found.group(1) if found else None


def preview(client, text, lang="en"):
    response = upload(client, text, lang)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and batch_of(page), page
    return batch_of(page), page


def save(client, batch, lang="en"):
    return client.post(f"/{lang}/admin/agencies/import/save", data={"batch": batch})


def count():
    return db.session.scalar(select(func.count()).select_from(Agency))


def imported_events():
    return db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "agency.imported").order_by(AuditEvent.id)).all()


def test_preview_then_save_once(admin_client, admin):
    batch, page = preview(admin_client, GOOD, "km")
    assert "ក្រុមហ៊ុន ជ័យ" in page and "ບໍລິສັດ ສົມສັກ" in page
    assert count() == 0  # a preview saves nothing
    response = save(admin_client, batch, "km")
    assert response.status_code == 303
    assert count() == 3
    kh = db.session.scalar(select(Agency).where(Agency.country == "KH"))
    assert (kh.licence_number, kh.destinations, kh.licence_expires_on, kh.phone) == (
        "123/MOLVT", ["TH", "MY"], date(2030, 6, 30), "+85591234567")
    lao = db.session.scalar(select(Agency).where(Agency.country == "LA"))
    assert lao.licence_expires_on is None and lao.address == "" and lao.phone == ""
    events = imported_events()
    assert len(events) == 3 and {e.actor_id for e in events} == {admin.id}
    assert events[0].details["before"] is None and events[0].details["line"] == 2
    # Saving the same preview again (a second click, a reload) changes nothing.
    again = save(admin_client, batch)
    assert again.status_code == 303
    page = admin_client.get(again.location).get_data(as_text=True)
    assert "This file was already saved: nothing was changed again." in page
    assert count() == 3 and len(imported_events()) == 3


def test_a_line_for_a_listed_licence_updates_it(admin_client, make_agency):
    listed = make_agency(country="KH", licence_number="123/MOLVT", name="Old name",
                         destinations=["TH"], address="Old address")
    same = make_agency(country="LA", licence_number="LA-0042", name="ບໍລິສັດ ສົມສັກ",
                       destinations=["TH"], licence_expires_on=None)
    batch, page = preview(admin_client, GOOD)
    assert "On the list: will update" in page and "On the list: nothing to change" in page
    assert "New: will be added" in page
    save(admin_client, batch)
    db.session.expire_all()
    assert count() == 3
    assert (listed.name, listed.destinations, listed.address) == (
        "ក្រុមហ៊ុន ជ័យ", ["TH", "MY"], "Phnom Penh")
    update = [e for e in imported_events() if e.subject_id == listed.id]
    assert update[0].details["before"]["name"] == "Old name"
    assert update[0].details["after"]["name"] == "ក្រុមហ៊ុន ជ័យ"
    assert not [e for e in imported_events() if e.subject_id == same.id]


def test_a_missing_column_keeps_what_the_list_has(admin_client, make_agency):
    listed = make_agency(country="KH", licence_number="K-1", address="Street 1",
                         phone="+85591234567")
    batch, _page = preview(admin_client, "country,name,licence_number,destinations\r\n"
                                         "KH,Renamed,K-1,TH\r\n")
    save(admin_client, batch)
    db.session.expire_all()
    assert (listed.name, listed.address, listed.phone) == ("Renamed", "Street 1",
                                                           "+85591234567")


def test_semicolons_and_a_bom_are_read(admin_client):
    batch, _page = preview(admin_client, "\ufeffcountry;name;licence_number;destinations\r\n"
                                         "KH;Semi Colon Co;S-1;TH\r\n")
    save(admin_client, batch)
    assert count() == 1


LINE_ERRORS = [
    ("XX,Name,L-1,TH,,,", "Unknown country XX"),
    ("KH,Name,L-1,TH JP,,,", "Unknown destination JP"),
    ("KH,Name,L-1,,,,", "Choose at least one destination."),
    ("KH,Name,L-1,TH,31/12/2030,,", "is not a date"),
    ("KH,Name,L-1,TH,2030-02-30,,", "is not a date"),
    ("KH,," + "L-1,TH,,,", "Please give the agency"),
    ("KH," + "x" * 201 + ",L-1,TH,,,", "at most 200 characters"),
    ("KH,Name," + "9" * 65 + ",TH,,,", "At most 64 characters."),
    ("KH,Name,L-1,TH,,," + "12", "This is not a phone number we can use."),
    ("KH,Name,L-1,TH,,\"" + "x" * 501 + "\",", "At most 500 characters."),
]


@pytest.mark.parametrize(("line", "message"), LINE_ERRORS)
def test_a_wrong_line_is_shown_with_its_number_and_nothing_can_be_saved(admin_client, line,
                                                                        message):
    text = HEADER + "KH,Good One,G-1,TH,,,\r\n" + line + "\r\n"
    page = upload(admin_client, text).get_data(as_text=True)
    assert message in page
    row = page[page.index("<td>3</td>"):].split("</tr>")[0]
    assert message in row and 'class="error"' in row
    assert batch_of(page) is None
    assert count() == 0


def test_duplicate_lines_in_the_file(admin_client):
    page = upload(admin_client, HEADER + "KH,One,L-1,TH,,,\r\nKH,Two,l-1,MY,,,\r\n"
                                         "LA,Three,L-1,TH,,,\r\n").get_data(as_text=True)
    assert "This licence is on line 2 too." in page
    assert page.count("This licence is on line") == 1  # LA's L-1 is another licence
    assert batch_of(page) is None


@pytest.mark.parametrize(("data", "message"), [
    (b"", "The file is empty."),
    (b"   \r\n", "The file is empty."),
    (b"PK\x03\x04\x00\x00binary", "This is not a CSV file."),
    (b"country,name\r\nKH,x\r\n", "The first line must name the columns"),
    ((HEADER.rstrip() + ",fax\r\nKH,x,1,TH,,,,1\r\n").encode(), "Unknown columns: fax."),
    (HEADER.encode(), "The file has no agency."),
    ((HEADER + "KH,x,1,TH,,,,extra\r\n").encode(), "Line 2 has more cells"),
    ("country,name,licence_number,destinations\r\nKH,Hà,1,TH\r\n".encode("cp1258"),
     "Save the file as CSV UTF-8"),
    ((HEADER + "KH,x,1,TH,,,\r\n" * (imports.MAX_ROWS + 1)).encode(), "At most 2000 agencies"),
])
def test_files_that_cannot_be_read(admin_client, data, message):
    page = upload(admin_client, data).get_data(as_text=True)
    assert message in page
    assert batch_of(page) is None


def test_an_oversized_file_is_refused(admin_client):
    line = "KH,Name,L-{n},TH,,Street,\r\n"
    text = HEADER + "".join(line.format(n=n) for n in range(12_000))
    assert len(text) > imports.MAX_BYTES
    page = upload(admin_client, text).get_data(as_text=True)
    assert "The file is too large (at most 250 kB)." in page


def test_a_cell_too_long_for_the_reader(admin_client):
    page = upload(admin_client, HEADER + 'KH,"' + "x" * 140_000 + '",1,TH,,,\r\n')
    assert "Line 2 has a cell that is too long." in page.get_data(as_text=True)


def test_errors_are_in_the_admins_language(admin_client, t):
    page = upload(admin_client, HEADER + "KH,Name,L-1,TH JP,,,\r\n", "lo").get_data(
        as_text=True)
    assert t("lo", "Unknown destination %(code)s: use TH, MY, HK or KR.", code="JP") in page


def test_all_or_nothing_when_a_line_became_wrong_before_the_save(admin_client, monkeypatch):
    batch, _page = preview(admin_client, HEADER + "KH,One,L-1,TH,,,\r\nKH,Two,L-2,TH,,,\r\n")
    # Every line is checked again at the save: one found wrong then (a rule changed
    # meanwhile) saves no line at all, and the preview shows why.
    original = imports.read_rows

    def second_line_wrong(data):
        rows = original(data)
        rows[1].errors.append(("name", "changed meanwhile"))
        return rows

    monkeypatch.setattr(imports, "read_rows", second_line_wrong)
    response = save(admin_client, batch)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Some lines have errors: nothing was saved." in page and "changed meanwhile" in page
    assert count() == 0 and not imported_events()


def test_a_changed_or_foreign_batch_is_refused(admin_client, app, make_user):
    batch, _page = preview(admin_client, GOOD)
    assert save(admin_client, batch[:-2] + "xx").status_code == 400
    assert save(admin_client, "").status_code == 400
    other = make_user(Role.admin, name="Admin Two")
    client = app.test_client()
    log_in(client, other.login_code, PASSWORD)
    assert save(client, batch).status_code == 400  # made for another admin
    assert count() == 0


def test_the_template_has_the_columns(admin_client):
    response = admin_client.get("/en/admin/agencies/import-template.csv")
    assert response.get_data(as_text=True) == "\ufeff" + HEADER


def test_two_saves_of_one_preview_at_once_save_once(admin_client, admin, race):
    batch, _page = preview(admin_client, GOOD)
    results = []

    def save_it():
        results.append(imports.save(batch, db.session.get(type(admin), admin.id)))

    assert race(save_it, save_it) == []
    assert sorted(results, key=str) == [None, {"created": 3, "updated": 0}]
    assert count() == 3 and len(imported_events()) == 3
