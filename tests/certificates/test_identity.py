"""A certificate says who confirmed its holder's identity, or that nobody did (self-study)."""

import io

import pypdf
from sqlalchemy import select

from orientation.accounts import services as accounts
from orientation.certificates.documents import stored_pdf
from orientation.extensions import db
from orientation.models import Certificate, Role
from tests.conftest import PIN


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


def test_a_deployment_can_turn_self_study_certificates_off(app, complete, make_trainee, centre):
    app.config["SELF_STUDY_CERTIFICATES"] = False
    complete(make_trainee(name="Self Study"))
    assert db.session.scalar(select(Certificate)) is None
    complete(make_trainee(name="At a centre", centre=centre))
    assert db.session.scalar(select(Certificate)).snapshot["name"] == "At a centre"
