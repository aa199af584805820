"""Importing trainees from CSV: a preview of every row, a save that happens once, then login
cards in bounded parts for the new trainees who have not logged in yet."""

import hashlib
import io
import re
from datetime import date, timedelta

import pypdf
import pytest
from sqlalchemy import func, select

from orientation.accounts import services as accounts
from orientation.extensions import db
from orientation.jobs import services as jobs
from orientation.learn import services as learning
from orientation.models import (
    AuditEvent,
    CohortMember,
    ImportBatch,
    ImportState,
    Job,
    JobState,
    Programme,
    Role,
    User,
)
from orientation.trainer import import_batches, imports
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
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    return client.post(f"/{lang}/trainer/cohorts/{cohort.id}/import",
                       data={"file": (io.BytesIO(data), "trainees.csv")},
                       content_type="multipart/form-data")


def preview(client, cohort, text, lang="en"):
    """Upload a file without errors: (its batch's token, the preview page)."""
    response = upload(client, cohort, text, lang)
    assert response.status_code == 303, response.get_data(as_text=True)
    token = response.location.rsplit("/", 1)[1]
    return token, client.get(response.location).get_data(as_text=True)


def save(client, cohort, token, lang="en", **form):
    return client.post(f"/{lang}/trainer/cohorts/{cohort.id}/import/{token}/save", data=form)


def batch_page(client, cohort, token, lang="en"):
    return client.get(f"/{lang}/trainer/cohorts/{cohort.id}/import/{token}")


def pins_in(pdf_bytes):
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages)
    return re.findall(r"\b\d{6}\b", text)


def test_preview_save_then_cards(app, cohort, trainer_client):
    token, page = preview(trainer_client, cohort, GOOD, "km")
    assert "សុខ ចាន់ថា" in page and "ສົມສັກ ພົມມະວົງ" in page and "SOK CHANTHA" in page
    assert trainees() == 0  # a preview saves nothing
    response = save(trainer_client, cohort, token, "km")
    assert response.status_code == 303 and response.location.endswith(token)
    created = db.session.scalars(select(User).where(User.role == Role.trainee)).all()
    assert len(created) == 3 and all(u.centre_id == cohort.centre_id for u in created)
    assert {u.preferred_locale for u in created} == {"km", "lo", "vi"}
    lao = next(u for u in created if u.latin_name == "SOMSACK PHOMMAVONG")
    assert lao.phone == "+8562055551234"
    assert db.session.scalar(select(func.count()).select_from(CohortMember)) == 3
    # Saved before any card: nobody has a PIN yet, and none is stored to be read back.
    assert len({u.password_hash for u in created}) == 1
    assert not any(accounts.verify_secret(lao, pin) for pin in ("123456", "000000", "246810"))
    batch = db.session.scalar(select(ImportBatch))
    assert batch.state == ImportState.saved and batch.content == b""
    assert db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "cohort.imported")).details["created"] == 3

    page = batch_page(trainer_client, cohort, token).get_data(as_text=True)
    assert "3 new trainees created." in page and "Save all" not in page
    assert "already here" not in page
    assert "create_anyway" not in page and "SOK CHANTHA" not in page  # no preview left
    assert "Download login cards 1 to 3 (PDF)" in page
    cards = trainer_client.post(f"/en/trainer/cohorts/{cohort.id}/import/{token}/cards-1.pdf")
    assert cards.mimetype == "application/pdf" and cards.headers["Cache-Control"] == "no-store"
    pins = pins_in(cards.data)
    assert len(pins) == 3
    by_order = [db.session.get(User, i) for i in batch.created_user_ids]
    assert all(accounts.verify_secret(u, pin) for u, pin in zip(by_order, pins, strict=True))
    assert lao.login_code[:4] in pypdf.PdfReader(io.BytesIO(cards.data)).pages[0] \
        .extract_text().replace(" ", "")
    resets = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "user.pin_reset")).all()
    assert sorted(e.subject_id for e in resets) == sorted(u.id for u in created)
    assert {e.details["batch"] for e in resets} == {batch.id}


def test_saving_twice_or_reloading_creates_nobody_twice(app, cohort, trainer_client):
    token, _ = preview(trainer_client, cohort, GOOD)
    save(trainer_client, cohort, token)
    codes = set(db.session.scalars(select(User.login_code).where(User.role == Role.trainee)))
    again = save(trainer_client, cohort, token, follow_redirects=None)  # a second click
    assert again.status_code == 303
    page = trainer_client.get(again.location).get_data(as_text=True)
    assert "already saved" in page and "Save all" not in page
    assert batch_page(trainer_client, cohort, token).status_code == 200  # a reload
    assert set(db.session.scalars(select(User.login_code).where(
        User.role == Role.trainee))) == codes
    assert db.session.scalar(select(func.count()).select_from(CohortMember)) == 3
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "cohort.imported")) == 1


def test_same_file_again_finds_everyone_already_here(app, cohort, trainer_client):
    first, _ = preview(trainer_client, cohort, GOOD)
    save(trainer_client, cohort, first)
    codes = set(db.session.scalars(select(User.login_code)))
    token, page = preview(trainer_client, cohort, GOOD)
    assert "This same file was already saved on" in page
    assert "3 trainees are already here" in page and page.count('name="create_anyway"') == 3
    save(trainer_client, cohort, token)
    assert set(db.session.scalars(select(User.login_code))) == codes
    page = batch_page(trainer_client, cohort, token).get_data(as_text=True)
    assert "0 new trainees created." in page and "3 trainees were already here" in page
    assert "Download login cards" not in page  # no new trainee, no PIN reset


def test_already_here_can_be_created_anyway_per_row(app, cohort, trainer_client):
    first, _ = preview(trainer_client, cohort, GOOD)
    save(trainer_client, cohort, first)
    token, _ = preview(trainer_client, cohort, GOOD)
    save(trainer_client, cohort, token, create_anyway=["3"])  # line 3: the Lao trainee
    lao = db.session.scalars(select(User).where(User.display_name == "ສົມສັກ ພົມມະວົງ")).all()
    assert trainees() == 4 and len(lao) == 2


def test_existing_trainee_elsewhere_in_the_centre_joins_without_new_pin(
        app, cohort, trainer_client, make_trainee):
    other = learning.create_cohort(cohort.centre, cohort.programme, "Batch 8", date.today(),
                                   date.today() + timedelta(days=30))
    sister = make_trainee(name="Noy", phone="+85512345678", centre=cohort.centre)
    learning.join_cohort(sister, other)
    old_hash = sister.password_hash
    token, page = preview(trainer_client, cohort, "name,phone\r\nNoy,012 345 678\r\n")
    assert "Already here" in page
    save(trainer_client, cohort, token)
    assert trainees() == 1 and learning.get_active_cohort_id(sister.id) == cohort.id
    assert sister.password_hash == old_hash


def test_two_previews_of_one_file_saved_one_after_the_other(app, cohort, trainer_client):
    first, _ = preview(trainer_client, cohort, GOOD)
    second, _ = preview(trainer_client, cohort, GOOD)  # another tab, before the first save
    save(trainer_client, cohort, first)
    save(trainer_client, cohort, second)  # checked again at save: all already here
    assert trainees() == 3


def _saver(app, batch_id, trainer_id, results):
    def job():
        batch, actor = db.session.get(ImportBatch, batch_id), db.session.get(User, trainer_id)
        results.append(import_batches.save(batch, actor, "KH"))
    return job


def test_racing_saves_of_one_preview_create_once(app, cohort, trainer, race):
    batch, _ = import_batches.check_file(cohort, trainer, GOOD.encode(), "KH")
    results = []
    errors = race(*(_saver(app, batch.id, trainer.id, results) for _ in range(2)))
    assert errors == [] and sorted(results) == [False, True]
    assert trainees() == 3


def test_racing_saves_of_two_previews_of_one_file_create_once(app, cohort, trainer, race):
    ids = [import_batches.check_file(cohort, trainer, GOOD.encode(), "KH")[0].id
           for _ in range(2)]
    results = []
    errors = race(*(_saver(app, batch_id, trainer.id, results) for batch_id in ids))
    assert errors == [] and results == [True, True]
    assert trainees() == 3


def test_cards_skip_trainees_who_logged_in_and_can_be_drawn_again(app, cohort, trainer_client,
                                                                   client):
    token, _ = preview(trainer_client, cohort, GOOD)
    save(trainer_client, cohort, token)
    url = f"/en/trainer/cohorts/{cohort.id}/import/{token}/cards-1.pdf"
    batch = db.session.scalar(select(ImportBatch))
    first = db.session.get(User, batch.created_user_ids[0])
    pins = pins_in(trainer_client.post(url).data)
    assert log_in(client, first.login_code, pins[0]).status_code == 302
    assert first.last_login_at is not None
    kept = first.password_hash
    again = pins_in(trainer_client.post(url).data)  # the download was lost
    assert len(again) == 2 and first.password_hash == kept
    second = db.session.get(User, batch.created_user_ids[1])
    assert accounts.verify_secret(second, again[0])
    assert not accounts.verify_secret(second, pins[1])  # the lost card stops working
    page = batch_page(trainer_client, cohort, token).get_data(as_text=True)
    assert "Already logged in, not printed" in page and first.display_name in page


def test_no_card_when_everyone_has_logged_in(app, cohort, trainer_client, client):
    token, _ = preview(trainer_client, cohort, "name\r\nLan\r\n")
    save(trainer_client, cohort, token)
    url = f"/en/trainer/cohorts/{cohort.id}/import/{token}/cards-1.pdf"
    lan = db.session.scalar(select(User).where(User.role == Role.trainee))
    log_in(client, lan.login_code, pins_in(trainer_client.post(url).data)[0])
    response = trainer_client.post(url)
    assert response.status_code == 303
    page = trainer_client.get(response.location).get_data(as_text=True)
    assert "Everyone on these cards has logged in already" in page


def test_cards_come_in_bounded_parts(app, cohort, trainer_client, monkeypatch):
    monkeypatch.setattr(import_batches, "CARDS_PER_PDF", 2)
    token, _ = preview(trainer_client, cohort, GOOD)
    save(trainer_client, cohort, token)
    page = batch_page(trainer_client, cohort, token).get_data(as_text=True)
    assert "Download login cards 1 to 2 (PDF)" in page and "login cards 3 to 3" in page
    base = f"/en/trainer/cohorts/{cohort.id}/import/{token}"
    assert len(pins_in(trainer_client.post(f"{base}/cards-2.pdf").data)) == 1
    assert trainer_client.post(f"{base}/cards-3.pdf").status_code == 404
    assert trainer_client.post(f"{base}/cards-0.pdf").status_code == 404


def test_other_centres_and_wrong_tokens_get_404_and_change_nothing(
        app, cohort, trainer_client, client, make_user, make_centre, courses):
    token, _ = preview(trainer_client, cohort, GOOD)
    base = f"/en/trainer/cohorts/{cohort.id}/import/{token}"
    assert trainer_client.post(f"{base}/cards-1.pdf").status_code == 404  # not saved yet
    assert save(trainer_client, cohort, "not-a-token").status_code == 404
    mine_too = learning.create_cohort(cohort.centre, cohort.programme, "Batch 10", date.today(),
                                      date.today() + timedelta(days=30))
    assert save(trainer_client, mine_too, token).status_code == 404  # another cohort's token
    other = make_user(Role.trainer, name="Other", centre=make_centre())
    log_in(client, other.login_code, PASSWORD)
    theirs = learning.create_cohort(other.centre, cohort.programme, "Theirs", date.today(),
                                    date.today() + timedelta(days=30))
    for url in (base, f"/en/trainer/cohorts/{theirs.id}/import/{token}"):
        assert client.get(url).status_code == 404
        assert client.post(f"{url}/save").status_code == 404
    assert trainees() == 0
    save(trainer_client, cohort, token)
    assert client.post(f"{base}/cards-1.pdf").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "user.pin_reset")) == 0


def test_trainees_may_not_import(app, cohort, trainee_client):
    assert upload(trainee_client, cohort, GOOD, "en").status_code == 403


@pytest.mark.parametrize(("csv_text", "message"), [
    ("name,phone\r\n,012 345 678\r\n", "Please enter a name."),
    ("name,phone\r\nLan,12\r\n", "Example: +855 91 234 567"),
    ("name,latin_name\r\nLan,ឡាន\r\n", "Latin letters"),
    ("name,language\r\nLan,fr\r\n", "Unknown language"),
    ("name\r\n" + "x" * 200 + "\r\n", "at most 120"),
    ("name,trainee_code\r\nLan,99999999\r\n", "No trainee of your centre"),
])
def test_each_bad_row_is_shown_and_nothing_can_be_saved(app, cohort, trainer_client, csv_text,
                                                        message):
    response = upload(trainer_client, cohort, csv_text, "en")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert "Save all" not in page
    assert db.session.scalar(select(func.count()).select_from(ImportBatch)) == 0


@pytest.mark.parametrize(("country", "csv_text", "stored"), [
    ("LA", "name,phone\r\nSomsack,020 5555 1234\r\n", "+8562055551234"),  # local, Lao centre
    ("KH", "name,phone\r\nSomsack,+856 20 5555 1234\r\n", "+8562055551234"),  # international
    ("KH", "name,phone\r\nSok,012 345 678\r\n", "+85512345678"),
    ("KH", "name,phone,language\r\nHoa,0912 345 678,vi\r\n", "+84912345678"),  # row's language
    (None, "name,phone\r\nSok,012 345 678\r\n", "+85512345678"),  # no country: page's language
])
def test_phones_are_read_in_the_centres_country(app, courses, trainer_client, trainer, country,
                                                csv_text, stored):
    trainer.centre.country = country
    db.session.commit()
    cohort = learning.create_cohort(trainer.centre, db.session.scalar(select(Programme)),
                                    "Phones", date.today(), date.today() + timedelta(days=30))
    token, _ = preview(trainer_client, cohort, csv_text)
    save(trainer_client, cohort, token)
    assert db.session.scalar(select(User.phone).where(User.role == Role.trainee)) == stored


def test_a_refused_phone_shows_an_example_of_the_centres_country(app, cohort, trainer_client):
    cohort.centre.country = "LA"
    db.session.commit()
    page = upload(trainer_client, cohort, "name,phone\r\nLan,12\r\n", "en").get_data(
        as_text=True)
    assert "Example: +856 20 23 123 456" in page


def test_shared_phone_warns_only_within_the_centre(app, cohort, trainer_client, make_trainee,
                                                   make_centre):
    make_trainee(name="Elsewhere", phone="+85512345678", centre=make_centre())
    _, page = preview(trainer_client, cohort, "name,phone\r\nBrother,012 345 678\r\n")
    assert "siblings may share one" not in page
    make_trainee(name="Sister", phone="+85512345678", centre=cohort.centre)
    _, page = preview(trainer_client, cohort, "name,phone\r\nBrother,012 345 678\r\n")
    assert "siblings may share one" in page and "Save all" in page


HUGE = b"name,latin_name\r\nLan," + b"A" * 131_073 + b"\r\n"


@pytest.mark.parametrize(("content", "message"), [
    (b"name,colour\r\nLan,blue\r\n", "Unknown columns: colour"),
    (b"phone\r\n012\r\n", "at least: name"),
    ("name\r\nLan\r\n".encode("utf-16"), "not a CSV file"),
    ("name\r\nJosé\r\n".encode("latin-1"), "CSV UTF-8"),
    (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "not a CSV file"),
    (b"", "The file is empty."),
    (b"name\r\n", "no trainee"),
    (b"name\r\nLan,extra\r\n", "more cells"),
    (HUGE, "Line 2 has a cell that is too long."),
])
def test_unreadable_files_are_refused_with_a_reason(app, cohort, trainer_client, content,
                                                    message):
    response = upload(trainer_client, cohort, content, "en")
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_too_large_file_is_refused(app, cohort, trainer_client, monkeypatch):
    # A smaller limit: the test client spools bodies over 500 kB to a file it leaves open.
    monkeypatch.setattr(imports, "MAX_BYTES", 10_000)
    response = upload(trainer_client, cohort, b"name\r\n" + b"Lan\r\n" * 2_000, "en")
    assert "The file is too large" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_bare_cr_line_ends_are_read(app, cohort, trainer_client):
    token, page = preview(trainer_client, cohort, "name,phone\rLan,012 345 678\rNoy,\r")
    assert "Lan" in page and "Noy" in page
    save(trainer_client, cohort, token)
    assert trainees() == 2


def test_a_stored_file_that_cannot_be_read_is_refused_at_save(app, cohort, trainer,
                                                              trainer_client):
    batch = ImportBatch(token="x" * 32, cohort=cohort, centre_id=cohort.centre_id,
                        trainer_id=trainer.id, state=ImportState.previewed, content=HUGE,
                        sha256=hashlib.sha256(HUGE).hexdigest())
    db.session.add(batch)
    db.session.commit()
    assert "has a cell that is too long" in batch_page(
        trainer_client, cohort, batch.token).get_data(as_text=True)
    response = save(trainer_client, cohort, batch.token)
    assert response.status_code == 303 and trainees() == 0
    assert batch.state == ImportState.previewed


def test_existing_trainee_by_code_is_enrolled_not_created_and_other_centres_refused(
        app, cohort, trainer_client, make_trainee, make_centre):
    mine = make_trainee(name="Noy", centre=cohort.centre)
    theirs = make_trainee(name="Elsewhere", centre=make_centre())
    page = upload(trainer_client, cohort,
                  f"name,trainee_code\r\nNoy,{mine.login_code}\r\nX,{theirs.login_code}\r\n",
                  "en").get_data(as_text=True)
    assert "No trainee of your centre" in page
    token, _ = preview(trainer_client, cohort, f"name,trainee_code\r\nNoy,{mine.login_code}\r\n")
    save(trainer_client, cohort, token)
    assert trainees() == 2
    assert learning.get_active_cohort_id(mine.id) == cohort.id
    assert "1 trainee listed by trainee code" in batch_page(
        trainer_client, cohort, token).get_data(as_text=True)


def test_a_failed_chunk_keeps_the_saved_ones_and_the_retry_continues(
        app, cohort, trainer, trainer_client, monkeypatch):
    """One row per chunk; the third row fails: two trainees stay, the page says so and offers
    to try again; the retry creates the third only, and the import is audited once."""
    monkeypatch.setattr(import_batches, "ROWS_PER_CHUNK", 1)
    batch, _ = import_batches.check_file(cohort, trainer, GOOD.encode(), "KH")
    calls = []
    real = learning.join_cohort

    def fail_on_third(user, cohort_, actor=None, commit=True):
        calls.append(user)
        if len(calls) == 3:
            raise RuntimeError("the database went away")
        return real(user, cohort_, actor=actor, commit=commit)

    monkeypatch.setattr(learning, "join_cohort", fail_on_third)
    assert import_batches.save(batch, trainer, "KH")
    job = db.session.scalar(select(Job))
    assert (job.state, job.done, job.total, trainees()) == (JobState.failed, 2, 3, 2)
    assert batch.state == ImportState.saving and len(batch.created_user_ids) == 2
    page = batch_page(trainer_client, cohort, batch.token).get_data(as_text=True)
    assert "What was saved is kept: try again." in page and "Saved so far: 2 of 3." in page
    monkeypatch.setattr(learning, "join_cohort", real)
    response = trainer_client.post(f"/en/trainer/cohorts/{cohort.id}/jobs/{job.token}/retry")
    assert response.status_code == 303
    assert response.location.endswith(f"/import/{batch.token}")
    assert (job.state, job.done, trainees()) == (JobState.done, 3, 3)
    assert batch.state == ImportState.saved and batch.content == b""
    assert len(set(batch.created_user_ids)) == 3
    assert batch.summary == {"created": 3, "already_here": 0, "by_code": 0}
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "cohort.imported")) == 1
    assert "3 new trainees created." in batch_page(trainer_client, cohort,
                                                   batch.token).get_data(as_text=True)


def test_a_row_wrong_at_save_time_saves_nothing_and_shows_the_preview(
        app, cohort, trainer, trainer_client, make_trainee):
    token, _ = preview(trainer_client, cohort, "name,trainee_code\r\nNoy,\r\n")
    batch = db.session.scalar(select(ImportBatch).where(ImportBatch.token == token))
    batch.content = b"name,trainee_code\r\nNoy,ZZZZ-ZZZZ\r\n"  # no such trainee any more
    db.session.commit()
    assert save(trainer_client, cohort, token).status_code == 303
    assert trainees() == 0 and batch.state == ImportState.previewed
    page = batch_page(trainer_client, cohort, token).get_data(as_text=True)
    assert "The file has errors now: nothing more was saved." in page
    assert "No trainee of your centre has the code" in page
    job = db.session.scalar(select(Job))
    assert trainer_client.post(f"/en/trainer/cohorts/{cohort.id}/jobs/{job.token}/retry") \
        .location.endswith(f"/import/{token}")  # nothing to try again: the preview says why
    assert job.state == JobState.failed
    batch.created_at -= timedelta(days=2)  # a day later the preview is forgotten, job and all
    db.session.commit()
    import_batches.check_file(cohort, trainer, GOOD.encode(), "KH")
    assert db.session.scalar(select(func.count()).select_from(Job)) == 0
    assert db.session.scalar(select(ImportBatch.token).where(ImportBatch.token == token)) is None


def test_saving_page_shows_progress_and_refreshes_itself(app, cohort, trainer, trainer_client,
                                                         monkeypatch):
    """A job not run yet (a consumer elsewhere): the page counts and reloads, no script."""
    token, _ = preview(trainer_client, cohort, GOOD)
    monkeypatch.setattr(jobs, "enqueue", lambda job: None)
    save(trainer_client, cohort, token)
    job = db.session.scalar(select(Job))
    job.state, job.done = JobState.running, 2
    db.session.commit()
    page = batch_page(trainer_client, cohort, token).get_data(as_text=True)
    assert "Importing 2 of 3" in page and '<progress id="job-progress" max="3" value="2">' in page
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "<script" not in page.split("<body")[1]  # the offline script is the only one
    assert save(trainer_client, cohort, token).status_code == 303  # a second click: no job
    assert db.session.scalar(select(func.count()).select_from(Job)) == 1


def test_reprinting_a_card_resets_the_pin(app, cohort, trainer_client, make_trainee, client,
                                          make_user, make_centre):
    trainee = make_trainee(name="Dara", centre=cohort.centre)
    response = trainer_client.post(f"/en/trainer/trainees/{trainee.id}/card")
    assert response.mimetype == "application/pdf"
    pin = pins_in(response.data)[0]
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
