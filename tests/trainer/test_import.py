"""Importing trainees from CSV: a preview of every row, then all or nothing; login cards."""

import base64
import io
from datetime import date, timedelta

import pypdf
import pytest
from sqlalchemy import func, select

from orientation.accounts import services as accounts
from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import AuditEvent, CohortMember, Programme, Role, User
from orientation.trainer import imports
from tests.conftest import PASSWORD, log_in

GOOD = ("\ufeffname,latin_name,phone,language\r\n"
        "សុខ ចាន់ថា,Sok Chantha,012 345 678,km\r\n"
        "ສົມສັກ ພົມມະວົງ,SOMSACK PHOMMAVONG,+856 20 5555 1234,lo\r\n"
        "Nguyễn Thị Hoa,,,vi\r\n")


@pytest.fixture
def cohort(courses, trainer):
    return learning.create_cohort(trainer.centre, db.session.scalar(select(Programme)),
                                  "Batch 9", date.today(), date.today() + timedelta(days=60))


def trainees():
    return db.session.scalar(select(func.count()).select_from(User).where(
        User.role == Role.trainee))


def upload(client, cohort, text, lang="km"):
    data = {"file": (io.BytesIO(text.encode("utf-8")), "trainees.csv")}
    return client.post(f"/{lang}/trainer/cohorts/{cohort.id}/import", data=data,
                       content_type="multipart/form-data")


def test_preview_then_save_prints_login_cards(app, cohort, trainer_client):
    page = upload(trainer_client, cohort, GOOD).get_data(as_text=True)
    assert "សុខ ចាន់ថា" in page and "ສົມສັກ ພົມມະວົງ" in page and "SOK CHANTHA" in page
    assert trainees() == 0  # a preview saves nothing
    payload = page.split('name="payload" value="')[1].split('"')[0]
    response = trainer_client.post(f"/km/trainer/cohorts/{cohort.id}/import/save",
                                   data={"payload": payload})
    assert response.mimetype == "application/pdf"
    pdf = pypdf.PdfReader(io.BytesIO(response.data))
    text = pdf.pages[0].extract_text()
    created = db.session.scalars(select(User).where(User.role == Role.trainee)).all()
    assert len(created) == 3 and all(u.centre_id == cohort.centre_id for u in created)
    assert {u.preferred_locale for u in created} == {"km", "lo", "vi"}
    lao = next(u for u in created if u.latin_name == "SOMSACK PHOMMAVONG")
    assert lao.phone == "+8562055551234"
    assert db.session.scalar(select(func.count()).select_from(CohortMember)) == 3
    assert lao.login_code[:4] in text.replace(" ", "")
    assert db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "cohort.imported")).details["created"] == 3


@pytest.mark.parametrize(("csv_text", "message"), [
    ("name,phone\r\n,012 345 678\r\n", "Please enter a name."),
    ("name,phone\r\nLan,12\r\n", "not a phone number"),
    ("name,latin_name\r\nLan,ឡាន\r\n", "Latin letters"),
    ("name,language\r\nLan,fr\r\n", "Unknown language"),
    ("name\r\n" + "x" * 200 + "\r\n", "at most 120"),
    ("name,trainee_code\r\nLan,99999999\r\n", "No trainee of your centre"),
])
def test_each_bad_row_is_shown_and_nothing_can_be_saved(app, cohort, trainer_client, csv_text,
                                                        message):
    page = upload(trainer_client, cohort, csv_text, "en").get_data(as_text=True)
    assert message in page
    assert "Save all and print login cards" not in page
    forged = base64.b64encode(csv_text.encode()).decode()
    response = trainer_client.post(f"/en/trainer/cohorts/{cohort.id}/import/save",
                                   data={"payload": forged})
    assert response.status_code == 302 and trainees() == 0


@pytest.mark.parametrize(("content", "message"), [
    (b"name,colour\r\nLan,blue\r\n", "Unknown columns: colour"),
    (b"phone\r\n012\r\n", "at least: name"),
    ("name\r\nLan\r\n".encode("utf-16"), "CSV UTF-8"),
    (b"name\r\n", "no trainee"),
    (b"name\r\nLan,extra\r\n", "more cells"),
])
def test_unreadable_files_are_refused_with_a_reason(app, cohort, trainer_client, content,
                                                    message):
    response = trainer_client.post(
        f"/en/trainer/cohorts/{cohort.id}/import",
        data={"file": (io.BytesIO(content), "t.csv")}, content_type="multipart/form-data")
    assert message in response.get_data(as_text=True)


def test_existing_trainee_is_enrolled_not_created_and_other_centres_refused(
        app, cohort, trainer_client, make_trainee, make_centre):
    mine = make_trainee(name="Noy", centre=cohort.centre)
    theirs = make_trainee(name="Elsewhere", centre=make_centre())
    page = upload(trainer_client, cohort,
                  f"name,trainee_code\r\nNoy,{mine.login_code}\r\nX,{theirs.login_code}\r\n",
                  "en").get_data(as_text=True)
    assert "No trainee of your centre" in page
    page = upload(trainer_client, cohort, f"name,trainee_code\r\nNoy,{mine.login_code}\r\n",
                  "en").get_data(as_text=True)
    payload = page.split('name="payload" value="')[1].split('"')[0]
    response = trainer_client.post(f"/en/trainer/cohorts/{cohort.id}/import/save",
                                   data={"payload": payload})
    assert response.status_code == 302  # no new trainee, no cards
    assert trainees() == 2
    assert learning.get_active_cohort_id(mine.id) == cohort.id


def test_shared_phone_is_a_warning_not_an_error(app, cohort, trainer_client, make_trainee):
    make_trainee(name="Sister", phone="+85512345678", centre=cohort.centre)
    page = upload(trainer_client, cohort, "name,phone\r\nBrother,012 345 678\r\n",
                  "en").get_data(as_text=True)
    assert "siblings may share one" in page and "Save all and print login cards" in page


def test_save_is_all_or_nothing(app, cohort, trainer, monkeypatch):
    rows = imports.check_rows(imports.read_csv(GOOD.encode()), cohort.centre_id, "KH")
    calls = []
    real = learning.join_cohort

    def fail_on_third(user, cohort_, actor=None, commit=True):
        calls.append(user)
        if len(calls) == 3:
            raise RuntimeError("the database went away")
        return real(user, cohort_, actor=actor, commit=commit)

    monkeypatch.setattr(learning, "join_cohort", fail_on_third)
    with pytest.raises(RuntimeError):
        imports.save(rows, cohort, trainer)
    assert trainees() == 0


def test_reprinting_a_card_resets_the_pin(app, cohort, trainer_client, make_trainee, client,
                                          make_user, make_centre):
    trainee = make_trainee(name="Dara", centre=cohort.centre)
    response = trainer_client.post(f"/en/trainer/trainees/{trainee.id}/card")
    assert response.mimetype == "application/pdf"
    text = pypdf.PdfReader(io.BytesIO(response.data)).pages[0].extract_text()
    pin = next(w for w in text.split() if w.isdigit() and len(w) == 6)
    assert accounts.verify_secret(trainee, pin)
    assert not accounts.verify_secret(trainee, "246810")  # the old PIN no longer works
    other = make_user(Role.trainer, name="Other", centre=make_centre())
    log_in(client, other.login_code, PASSWORD)
    assert client.post(f"/en/trainer/trainees/{trainee.id}/card").status_code == 404
    assert db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "user.pin_reset")).subject_id == trainee.id


def test_template_download(trainer_client):
    response = trainer_client.get("/en/trainer/import-template.csv")
    assert response.data.startswith("\ufeff".encode()) and b"latin_name" in response.data
