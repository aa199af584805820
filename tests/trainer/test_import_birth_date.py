"""The import's birth_date column: read as spreadsheets write it, refused with a reason when
wrong, saved on new trainees, and with the name it finds a trainee already here."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import ImportBatch, Programme, Role, User
from tests.conftest import PASSWORD, log_in
from tests.trainer.test_import import batch_page, preview, save, upload

BORN = date(2001, 3, 31)


@pytest.fixture
def cohort(courses, trainer):
    return learning.create_cohort(trainer.centre, db.session.scalar(select(Programme)),
                                  "Batch 9", date.today(), date.today() + timedelta(days=60))


@pytest.fixture
def sokha(cohort, make_trainee):
    """A trainee of the centre with a birth date and a phone."""
    user = make_trainee(name="សុខ ចាន់ថា", phone="+85512345678", centre=cohort.centre)
    user.birth_date = BORN
    db.session.commit()
    return user


def trainee_count():
    return db.session.scalar(select(func.count()).select_from(User).where(
        User.role == Role.trainee))


def test_birth_dates_are_saved_on_new_trainees_and_shown(app, cohort, trainer_client):
    text = ("name,phone,birth_date\r\nសុខ ចាន់ថា,012 345 678,31/03/2001\r\n"
            "ສົມສັກ,,1990-06-05\r\nHoa,,\r\n")
    token, page = preview(trainer_client, cohort, text)
    assert "Birth date" in page and "Mar 31, 2001" in page and "Jun 5, 1990" in page
    save(trainer_client, cohort, token)
    born = dict(db.session.execute(select(User.display_name, User.birth_date).where(
        User.role == Role.trainee)).all())
    assert born == {"សុខ ចាន់ថា": BORN, "ສົມສັກ": date(1990, 6, 5), "Hoa": None}
    sok = db.session.scalar(select(User).where(User.display_name == "សុខ ចាន់ថា"))
    page = trainer_client.get(f"/en/trainer/cohorts/{cohort.id}/trainees/{sok.id}")
    assert "Birth date: Mar 31, 2001" in page.get_data(as_text=True)
    hoa = db.session.scalar(select(User).where(User.display_name == "Hoa"))
    page = trainer_client.get(f"/en/trainer/cohorts/{cohort.id}/trainees/{hoa.id}")
    assert "Birth date: not known" in page.get_data(as_text=True)


def test_name_and_birth_date_find_a_trainee_with_a_new_phone(app, cohort, trainer_client,
                                                             sokha):
    token, page = preview(trainer_client, cohort,
                          "name,phone,birth_date\r\nសុខ ចាន់ថា,097 777 7777,31.03.2001\r\n")
    assert "1 trainee is already here" in page and "Already here (code" in page
    save(trainer_client, cohort, token)
    assert trainee_count() == 1 and learning.get_active_cohort_id(sokha.id) == cohort.id
    assert sokha.phone == "+85512345678"  # the file's new phone changes nothing


def test_same_name_other_phone_other_birth_date_is_someone_new(app, cohort, trainer_client,
                                                               sokha):
    token, page = preview(trainer_client, cohort,
                          "name,phone,birth_date\r\nសុខ ចាន់ថា,097 777 7777,01/01/1999\r\n")
    assert "already here" not in page.lower()
    save(trainer_client, cohort, token)
    assert trainee_count() == 2


def test_the_same_person_in_another_centre_is_not_matched(app, cohort, trainer_client,
                                                          make_trainee, make_centre):
    elsewhere = make_trainee(name="សុខ ចាន់ថា", phone="+85512345678", centre=make_centre())
    elsewhere.birth_date = BORN
    db.session.commit()
    token, page = preview(trainer_client, cohort,
                          "name,phone,birth_date\r\nសុខ ចាន់ថា,012 345 678,31/03/2001\r\n")
    assert "already here" not in page.lower() and "Already here" not in page
    save(trainer_client, cohort, token)
    assert trainee_count() == 2 and learning.get_active_cohort_id(elsewhere.id) is None


@pytest.mark.parametrize(("cell", "message"), [
    ("31/02/2001", "Birth date 31/02/2001 does not exist"),
    ("31/03/01", "Birth date 31/03/01 cannot be read"),
    ("31/12/2099", "Birth date 31/12/2099 is in the future"),
    (f"01/01/{date.today().year - 10}", "at least 15 years old"),
    ("01/01/1900", "more than 100 years ago"),
])
def test_a_wrong_birth_date_is_shown_and_nothing_is_saved(app, cohort, trainer_client, cell,
                                                          message):
    response = upload(trainer_client, cohort,
                      f"name,birth_date\r\nLan,{cell}\r\nDara,01/01/2000\r\n", "en")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert "1 line has errors" in page and "Save all" not in page
    assert db.session.scalar(select(func.count()).select_from(ImportBatch)) == 0
    assert trainee_count() == 0


@pytest.mark.parametrize(("lines", "same_as"), [
    ("Lan,012 345 678,\r\nLan,012 345 678,\r\n", 2),  # same name and phone
    ("Lan,012 345 678,31/03/2001\r\nLan,097 777 7777,2001-03-31\r\n", 2),  # and birth date
    ("Dara,,\r\nLan,,\r\nLan,,31/03/2001\r\n", 3),  # no phone: the name decides
])
def test_the_same_person_on_two_lines_is_an_error(app, cohort, trainer_client, lines,
                                                  same_as):
    page = upload(trainer_client, cohort, "name,phone,birth_date\r\n" + lines,
                  "en").get_data(as_text=True)
    assert f"Same person as line {same_as}" in page and "Save all" not in page
    assert page.count("Same person as line") == 1  # the first line is right
    assert trainee_count() == 0


def test_two_people_of_one_name_told_apart_by_birth_date_are_both_new(app, cohort,
                                                                      trainer_client):
    token, page = preview(trainer_client, cohort, "name,birth_date\r\nLan,31/03/2001\r\n"
                          "Lan,01/01/1999\r\n")
    assert "Same person" not in page
    save(trainer_client, cohort, token)
    assert trainee_count() == 2


def test_a_trainer_of_another_centre_cannot_see_the_birth_date(app, cohort, sokha, client,
                                                               make_user, make_centre):
    learning.join_cohort(sokha, cohort)
    other = make_user(Role.trainer, name="Other", centre=make_centre())
    log_in(client, other.login_code, PASSWORD)
    response = client.get(f"/en/trainer/cohorts/{cohort.id}/trainees/{sokha.id}")
    assert response.status_code == 404 and "2001" not in response.get_data(as_text=True)


def test_the_template_names_the_birth_date_column(trainer_client):
    text = trainer_client.get("/en/trainer/import-template.csv").data.decode("utf-8-sig")
    assert text.splitlines()[0].endswith(",birth_date") and "31/03/2001" in text


def test_the_saved_page_stays_after_matching_by_birth_date(app, cohort, trainer_client,
                                                           sokha):
    token, _ = preview(trainer_client, cohort,
                       "name,birth_date\r\nសុខ ចាន់ថា,31/03/2001\r\nHoa,01/01/2000\r\n")
    save(trainer_client, cohort, token)
    page = batch_page(trainer_client, cohort, token).get_data(as_text=True)
    assert "1 new trainee created." in page and "1 trainee was already here" in page
