"""The "Data and erasure" page: linked from the trainee's page, both actions need the
trainee's login code typed; a wrong one does nothing; the page shows an erased trainee."""

import html
import io
import zipfile

import pytest
from sqlalchemy import func, select

from orientation.accounts.rules import format_code
from orientation.extensions import db
from orientation.models import AuditEvent, Certificate, CertificateState, Role
from tests.conftest import PASSWORD, log_in
from tests.trainer.test_scope import snapshot


@pytest.fixture
def staff(app, world):
    client = app.test_client()
    assert log_in(client, world.trainer.login_code, PASSWORD).status_code == 302
    return client


def url(world, tail=""):
    return f"/en/trainer/trainees/{world.trainee.id}/data{tail}"


def text(response):
    return html.unescape(response.get_data(as_text=True))


def exported(client, world, typed):
    return client.post(url(world, "/export"), data={"export-confirm": typed})


def test_the_trainees_page_links_to_it(staff, world):
    page = staff.get(f"/en/trainer/cohorts/{world.cohort.id}/trainees/{world.trainee.id}")
    assert f'href="{url(world)}"' in page.get_data(as_text=True)


def test_the_page_warns_plainly(staff, world):
    page = staff.get(url(world)).get_data(as_text=True)
    assert "This cannot be undone" in page and "Also revoke their certificates" in page
    assert 'id="export-confirm"' in page and 'id="erase-confirm"' in page


def test_export_with_the_code_typed_as_printed(staff, world):
    response = exported(staff, world, format_code(world.trainee.login_code))
    assert response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "data.json" in zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert db.session.scalar(select(func.count()).where(
        AuditEvent.action == "user.exported")) == 1


@pytest.mark.parametrize("typed", ["", "1234 5678", "SOK CHANTHA"])
def test_a_wrong_code_downloads_nothing(staff, world, typed):
    response = exported(staff, world, typed)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "That is not this trainee's login code. Nothing was done." in text(response)
    assert db.session.scalar(select(func.count()).where(
        AuditEvent.action == "user.exported")) == 0


@pytest.mark.parametrize("typed", ["", "1234 5678", "other"])
def test_a_wrong_code_erases_nothing(staff, world, typed):
    code = world.trainee.login_code
    before = snapshot()
    response = staff.post(url(world, "/erase"), data={"erase-confirm": typed.replace(
        "other", world.other.login_code), "erase-revoke": "y"})
    assert response.status_code == 200
    assert "Nothing was done." in text(response)
    assert snapshot() == before and world.trainee.login_code == code


def test_erase_then_the_page_shows_them_erased(staff, world):
    response = staff.post(url(world, "/erase"),
                          data={"erase-confirm": world.trainee.login_code})
    assert response.status_code == 303 and response.headers["Location"] == url(world)
    page = text(staff.get(url(world)))
    db.session.refresh(world.trainee)
    assert "This trainee's data was erased on" in page and world.trainee.display_name in page
    assert "erase-confirm" not in page and "SOK CHANTHA" not in page
    trainee_page = staff.get(f"/en/trainer/cohorts/{world.cohort.id}/trainees/"
                             f"{world.trainee.id}").get_data(as_text=True)
    assert "<strong>Erased</strong>" in trainee_page
    assert world.certificate(world.trainee).state == CertificateState.valid


def test_erase_with_revoke(staff, world):
    staff.post(url(world, "/erase"), data={"erase-confirm": world.trainee.login_code,
                                           "erase-revoke": "y"})
    certificate = world.certificate(world.trainee)
    db.session.refresh(certificate)
    assert certificate.state == CertificateState.revoked and certificate.revoked_reason


def test_erasing_twice_is_refused(staff, world):
    code = world.trainee.login_code
    staff.post(url(world, "/erase"), data={"erase-confirm": code})
    before = snapshot()
    again = staff.post(url(world, "/erase"), data={"erase-confirm": code},
                       follow_redirects=True)
    assert "This trainee's data was erased already." in text(again)
    assert snapshot() == before
    assert exported(staff, world, code).mimetype == "text/html"


def test_a_trainer_may_not_revoke_another_centres_certificate(staff, world, make_centre):
    certificate = world.certificate(world.trainee)
    certificate.centre_id = make_centre().id  # issued elsewhere before the trainee moved
    db.session.commit()
    response = staff.post(url(world, "/erase"), data={"erase-confirm": world.trainee.login_code,
                                                      "erase-revoke": "y"})
    assert "only an admin can revoke" in response.get_data(as_text=True)
    assert not world.trainee.erased


@pytest.mark.parametrize("who", ["trainee", "stranger", "admin"])
def test_who_may_open_it(app, world, make_user, make_centre, who):
    client = app.test_client()
    if who == "trainee":
        user = make_user(Role.trainee, name="Someone", centre=world.trainer.centre)
        log_in(client, user.login_code, "246810")
        expected = 403
    else:
        role = Role.admin if who == "admin" else Role.trainer
        centre = None if who == "admin" else make_centre()
        user = make_user(role, name=who, centre=centre)
        log_in(client, user.login_code, PASSWORD)
        expected = 200 if who == "admin" else 404
    assert client.get(url(world)).status_code == expected
    assert db.session.scalar(select(func.count()).select_from(Certificate)) == 2


def test_no_corrected_certificate_for_an_erased_trainee(staff, world):
    number = world.certificate(world.trainee).number
    staff.post(url(world, "/erase"), data={"erase-confirm": world.trainee.login_code})
    assert staff.post(f"/en/certificates/{number}/reissue").status_code == 403
    assert db.session.scalar(select(func.count()).select_from(Certificate)) == 2


def test_no_login_card_for_an_erased_trainee(staff, world):
    staff.post(url(world, "/erase"), data={"erase-confirm": world.trainee.login_code})
    response = staff.post(f"/en/trainer/trainees/{world.trainee.id}/card")
    assert response.status_code == 404
    assert response.mimetype != "application/pdf"
