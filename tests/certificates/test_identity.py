"""A certificate says who confirmed its holder's identity, or that nobody did (self-study)."""

import io
import re

import pypdf
from sqlalchemy import select

from orientation import settings
from orientation.accounts import services as accounts
from orientation.certificates.documents import stored_pdf
from orientation.extensions import db
from orientation.models import AuditEvent, Certificate, Role
from tests.conftest import PASSWORD, PIN, log_in


def test_self_registered_certificate_says_identity_not_checked(app, client, complete,
                                                               make_trainee):
    complete(make_trainee(name="Anyone At All"))  # no centre: registered themselves
    certificate = db.session.scalar(select(Certificate))
    assert certificate.snapshot["identity"] is None
    page = client.get(f"/v/{certificate.number}").get_data(as_text=True)
    assert "Not checked: self-study" in page
    body = client.get(f"/v/{certificate.number}.json").get_json()
    assert body["identity"] == {"checked": False, "self_study": True}
    pdf = pypdf.PdfReader(io.BytesIO(stored_pdf(certificate)))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "Not checked: self-study" in text


def test_centre_trainee_certificate_names_the_centre_and_trainer(app, client, complete, centre,
                                                                 make_user):
    trainer = make_user(Role.trainer, name="Kim Sophea", centre=centre)
    trainee = accounts.create_user(Role.trainee, "ស្រី ពេជ្រ", PIN, centre=centre, actor=trainer)
    complete(trainee)
    certificate = db.session.scalar(select(Certificate))
    assert certificate.snapshot["identity"] == {
        "centre": centre.name, "licence": centre.licence_number, "by": "Kim Sophea"}
    body = client.get(f"/v/{certificate.number}.json").get_json()
    assert body["identity"]["checked"] is True and body["identity"]["by"] == "Kim Sophea"
    page = client.get(f"/v/{certificate.number}").get_data(as_text=True)
    assert f"Checked by {centre.name}" in page and "Kim Sophea" in page
    pdf = pypdf.PdfReader(io.BytesIO(stored_pdf(certificate)))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert f"Checked by {centre.name} (Kim Sophea)" in text
    assert "self-study" not in text


def turn_self_study_off(make_user):
    settings.change_settings({"certificates.self_study": False}, actor=make_user(Role.admin))


def test_admins_can_turn_self_study_certificates_off(app, complete, make_trainee, make_user,
                                                     centre):
    turn_self_study_off(make_user)
    complete(make_trainee(name="Self Study"))
    assert db.session.scalar(select(Certificate)) is None
    complete(make_trainee(name="At a centre", centre=centre))
    assert db.session.scalar(select(Certificate)).snapshot["name"] == "At a centre"


def test_the_admin_page_switches_self_study_certificates_and_is_audited(app, client, make_user):
    admin = make_user(Role.admin)
    log_in(client, admin.login_code, PASSWORD)
    page = client.get("/en/admin/certificates").get_data(as_text=True)
    box = re.search(r'<input[^>]*name="self_study"[^>]*>', page).group(0)
    assert "checked" in box
    response = client.post("/en/admin/certificates", data={"submit": "Save"})
    assert response.status_code == 302
    assert settings.get_setting("certificates.self_study") is False
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "settings.changed"))
    assert event.actor_id == admin.id
    assert event.details["before"] == {"certificates.self_study": True}
    client.post("/en/admin/certificates", data={"self_study": "y", "submit": "Save"})
    assert settings.get_setting("certificates.self_study") is True


def test_only_admins_reach_the_certificate_settings(app, client, make_user, centre):
    assert client.get("/en/admin/certificates").status_code == 302  # to the login page
    trainer = make_user(Role.trainer, centre=centre)
    log_in(client, trainer.login_code, PASSWORD)
    assert client.post("/en/admin/certificates", data={}).status_code == 403
    assert settings.get_setting("certificates.self_study") is True


def test_a_self_registered_trainee_is_told_why_there_is_no_certificate(
        app, client, complete, make_trainee, make_user):
    turn_self_study_off(make_user)
    trainee = make_trainee(name="Self Study")
    attempt = complete(trainee)
    log_in(client, trainee.login_code, PIN)
    told = "Certificates are given only to trainees of a training centre"
    result = client.get(f"/en/attempts/{attempt.id}/result").get_data(as_text=True)
    assert "You have completed this course." in result and told in result
    assert "/my-certificates" not in result.split("<main")[1]
    mine = client.get("/en/my-certificates").get_data(as_text=True)
    assert told in mine and "You will receive a certificate" not in mine
