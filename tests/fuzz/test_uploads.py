"""The trainee import (trainer) and the agency import (admin) with malformed files, and their
second step (the save) tampered, truncated, replayed and from someone else: never a 5xx, a
refused file or save changes nothing, and formulas in saved data are neutralised in exports."""

import csv
import html
import io
import re
from datetime import date
from pprint import pformat

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import stream_encode_multipart

from orientation.agencies import imports as agency_imports
from orientation.extensions import db
from orientation.models import Agency, Cohort, Role, User
from orientation.models.departure import Departure
from orientation.trainer import cohorts, imports
from orientation.trainer.exports import FORMULA_STARTS
from tests.fuzz.conftest import client_for
from tests.fuzz.watch import Watch

TRAINEES = (b"name,phone", b"Sok Dara,012345678")
AGENCIES = (b"country,name,licence_number,destinations", b"KH,Agency Two,L-2,TH")
FORMULA = "=cmd|' /C calc'!A0"


def malformed(header, line, max_bytes):
    """Files that no import may take: {what: bytes}."""
    repeat = (max_bytes // (len(line) + 2)) + 1
    return {
        "empty": b"",
        "spaces only": b" \r\n\t\r\n",
        "binary junk": bytes(range(256)) * 16,
        "binary junk without NUL": bytes(range(1, 256)) * 16,
        "PNG header": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
        "UTF-16 with BOM": (header + b"\r\n" + line + b"\r\n").decode().encode("utf-16"),
        "UTF-16 without BOM": (header + b"\r\n" + line + b"\r\n").decode().encode("utf-16-le"),
        "Latin-1": header + b"\r\nCaf\xe9,012345678\r\n",
        "a field over csv's limit": header + b"\r\n" + b"x" * 140_000 + b"\r\n",
        "10,000 columns": b",".join(b"c%d" % i for i in range(10_000)) + b"\r\n" + line,
        "10,000 cells on a line": header + b"\r\n" + line + b"," * 10_000 + b"\r\n",
        "header only": header + b"\r\n",
        "header repeated": header + b"\r\n" + header + b"\r\n",
        "a column twice": header + b"," + header.split(b",")[0] + b"\r\n" + line + b",x\r\n",
        "required column missing": b"phone,address\r\n012345678,x\r\n",
        "no header": line + b"\r\n",
        "NUL in a row": header + b"\r\n" + line.replace(b" ", b"\x00") + b"\r\n",
        "unclosed quote": header + b'\r\n"' + line + b"\r\n",
        "over the file limit": header + b"\r\n" + (line + b"\r\n") * repeat,
        "over the request limit": header + b"\r\n" + (line + b"\r\n") * (
            2 * 1024 * 1024 // len(line) + 1),
        "lone surrogate": header + b"\r\n" + "\ud800".encode("utf-8", "surrogatepass") + b"\r\n",
    }


def upload(client, url, data, name="file.csv"):
    # Encoded here so that a big body's temporary file is closed after the request.
    stream, length, boundary = stream_encode_multipart(
        {"file": FileStorage(io.BytesIO(data), name)})
    with stream:
        return client.post(url, input_stream=stream, content_length=length,
                           content_type=f'multipart/form-data; boundary="{boundary}"')


@pytest.fixture
def fuzzing(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a 500 is collected, not raised
    return Watch()


@pytest.mark.parametrize("kind", ["trainees", "agencies"])
def test_malformed_files_are_refused_and_change_nothing(app, world, fuzzing, kind):
    values, secrets, _ = world
    if kind == "trainees":
        client = client_for(app, Role.trainer, secrets)
        url, files = f"/en/trainer/cohorts/{values['cohort_id']}/import", malformed(
            *TRAINEES, imports.MAX_BYTES)
    else:
        client = client_for(app, Role.admin, secrets)
        url, files = "/en/admin/agencies/import", malformed(*AGENCIES, agency_imports.MAX_BYTES)
    fuzzing.look()
    for what, data in files.items():
        response = upload(client, url, data)
        fuzzing.check((kind, what), response, writes=False)
        if response.status_code == 200:  # the page says what is wrong, and offers no save
            page = response.get_data(as_text=True)
            assert 'class="error"' in page, what
            assert 'name="batch"' not in page, what
        elif response.status_code not in (400, 413):
            fuzzing.failures.append((kind, what, response.status_code, "not refused"))
    assert fuzzing.failures == [], pformat(fuzzing.failures)


def trainee_batch(client, cohort_id, data):
    """The token of the batch that an uploaded trainee file became."""
    response = upload(client, f"/en/trainer/cohorts/{cohort_id}/import", data)
    assert response.status_code == 303, response.get_data(as_text=True)
    return response.headers["Location"].rsplit("/", 1)[1]


def agency_batch(client, data):
    """The signed batch of an agency file's preview."""
    response = upload(client, "/en/admin/agencies/import", data)
    found = re.search(r'name="batch" value="([^"]+)"', response.get_data(as_text=True))
    assert found, response.get_data(as_text=True)
    return html.unescape(found.group(1))


def test_a_trainee_save_tampered_truncated_replayed_or_by_another_centre(app, world, fuzzing):
    values, secrets, other = world
    trainer = client_for(app, Role.trainer, secrets)
    stranger = client_for(app, "elsewhere", secrets)
    cohort = values["cohort_id"]
    token = trainee_batch(trainer, cohort, TRAINEES[0] + b"\r\n" + TRAINEES[1] + b"\r\n")
    wrong = {"tampered": (trainer, cohort, token[:-1] + ("A" if token[-1] != "A" else "B")),
             "truncated": (trainer, cohort, token[:-4]),
             "under another cohort": (trainer, other.id, token),
             "by another centre's trainer": (stranger, cohort, token)}
    save = f"/en/trainer/cohorts/{cohort}/import/{token}/save"
    for phase in ("before the save", "after the save"):
        fuzzing.look()
        for what, (client, cohort_id, sent) in wrong.items():
            for url in (f"/en/trainer/cohorts/{cohort_id}/import/{sent}/save",
                        f"/en/trainer/cohorts/{cohort_id}/import/{sent}/cards-1.pdf"):
                response = client.post(url)
                assert response.status_code == 404, (phase, what, url)
                fuzzing.check((phase, what, url), response, writes=False)
            page = client.get(f"/en/trainer/cohorts/{cohort_id}/import/{sent}")
            assert page.status_code == 404, (phase, what)
        if phase == "before the save":  # line numbers that are not ("²" was a 500)
            saved = trainer.post(save, data={"create_anyway": ["²", "-1", "2"]})
            fuzzing.check(("saved",), saved)
            assert saved.status_code == 303 and db.session.scalar(
                select(User).where(User.display_name == "Sok Dara")) is not None
    fuzzing.look()
    replayed = trainer.post(save, data={"create_anyway": "2"})
    assert replayed.status_code == 303
    fuzzing.check(("replayed",), replayed, writes=False)  # a second save adds nobody
    assert fuzzing.failures == [], pformat(fuzzing.failures)


def test_an_agency_save_tampered_truncated_replayed_or_by_someone_else(
        app, world, fuzzing, make_user):
    _, secrets, _ = world
    admin = client_for(app, Role.admin, secrets)
    another = make_user(Role.admin, name="Another Admin")
    secrets = {**secrets, "another": (another, secrets[Role.admin][1])}
    batch = agency_batch(admin, AGENCIES[0] + b"\r\n" + AGENCIES[1] + b"\r\n")
    middle = len(batch) // 2
    wrong = {"tampered": (admin, batch[:middle] + ("A" if batch[middle] != "A" else "B")
                          + batch[middle + 1:], 400),
             "truncated": (admin, batch[:-4], 400),
             "another admin's": (client_for(app, "another", secrets), batch, 400),
             "a trainer's": (client_for(app, Role.trainer, secrets), batch, 403),
             "missing": (admin, None, 400)}
    fuzzing.look()
    for what, (client, sent, status) in wrong.items():
        response = client.post("/en/admin/agencies/import/save",
                               data={} if sent is None else {"batch": sent})
        assert response.status_code == status, what
        fuzzing.check((what,), response, writes=False)
    saved = admin.post("/en/admin/agencies/import/save", data={"batch": batch})
    fuzzing.check(("saved",), saved)
    assert saved.status_code == 303 and db.session.scalar(
        select(Agency).where(Agency.licence_number == "L-2")) is not None
    replayed = admin.post("/en/admin/agencies/import/save", data={"batch": batch})
    assert replayed.status_code == 303
    fuzzing.check(("replayed",), replayed, writes=False)  # nothing added or changed again
    assert fuzzing.failures == [], pformat(fuzzing.failures)


def csv_cells(response):
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    return [cell for row in rows for cell in row]


def test_formulas_imported_come_out_of_every_export_neutralised(app, world):
    """A trainee and an agency named like formulas, imported by file, and a session topic:
    every CSV export shows them as text, and no cell of any export starts a formula."""
    values, secrets, _ = world
    trainer, admin = client_for(app, Role.trainer, secrets), client_for(app, Role.admin, secrets)
    cohort = values["cohort_id"]
    token = trainee_batch(trainer, cohort, f"name\r\n{FORMULA}\r\n".encode())
    assert trainer.post(f"/en/trainer/cohorts/{cohort}/import/{token}/save").status_code == 303
    agency_name = '=HYPERLINK("http://evil.example","Open")'
    line = b'KH,"=HYPERLINK(""http://evil.example"",""Open"")",+1-2,TH\r\n'
    batch = agency_batch(admin, AGENCIES[0] + b"\r\n" + line)
    assert admin.post("/en/admin/agencies/import/save", data={"batch": batch}).status_code == 303
    agency = db.session.scalar(select(Agency).where(Agency.name == agency_name))
    learner = db.session.get(User, values["user_id"])
    db.session.scalar(select(Departure).where(Departure.user_id == learner.id)).agency_id = \
        agency.id
    cohorts.add_session(db.session.get(Cohort, cohort), date.today(), 1.0, "@SUM(A1)",
                        secrets[Role.trainer][0])
    exports = {f"/en/trainer/cohorts/{cohort}/{name}.csv": trainer
               for name in ("matrix", "attendance", "certificates", "results", "readiness")}
    exports |= {"/en/trainer/agencies.csv": trainer, "/en/admin/audit.csv": admin}
    cells = {url: csv_cells(client.get(url)) for url, client in exports.items()}
    assert "'" + FORMULA in cells[f"/en/trainer/cohorts/{cohort}/matrix.csv"]
    assert "'@SUM(A1)" in cells[f"/en/trainer/cohorts/{cohort}/attendance.csv"]
    assert "'" + agency_name in cells["/en/trainer/agencies.csv"]
    assert "'+1-2" in cells["/en/trainer/agencies.csv"]
    starts = {url: [c for c in found if c.startswith(FORMULA_STARTS)]
              for url, found in cells.items()}
    assert starts == {url: [] for url in cells}


@pytest.mark.parametrize("ends", [b"\r", b"\n", b"\r\n"])
def test_any_line_end_and_a_bom_read_every_line(app, world, ends):
    """Old spreadsheets end lines with a bare CR: both imports read two lines, not one."""
    values, secrets, _ = world
    trainer, admin = client_for(app, Role.trainer, secrets), client_for(app, Role.admin, secrets)
    token = trainee_batch(trainer, values["cohort_id"], b"\xef\xbb\xbf" + ends.join(
        [b"name", b"Lan Srey", b"Sok Dara", b""]))
    page = trainer.get(f"/en/trainer/cohorts/{values['cohort_id']}/import/{token}")
    assert "Lan Srey" in page.get_data(as_text=True) and "Sok Dara" in page.get_data(
        as_text=True)
    response = upload(admin, "/en/admin/agencies/import", b"\xef\xbb\xbf" + ends.join(
        [AGENCIES[0], b"KH,Agency Two,L-2,TH", b"KH,Agency Three,L-3,TH", b""]))
    assert 'name="batch"' in response.get_data(as_text=True)
    assert response.get_data(as_text=True).count("L-") == 2
