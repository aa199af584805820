"""Erasure: nothing that names the trainee is left in any table (the certificate as printed
aside), counts stay right, the certificate keeps verifying unless revoked, they cannot log
in, and erasing twice is refused."""

import json
from datetime import date

import pytest
from sqlalchemy import JSON, LargeBinary, String, func, select

from orientation.accounts.services import set_secret
from orientation.certificates.issuance import issue
from orientation.certificates.services import NotAllowed, get_verification, reissue
from orientation.extensions import db
from orientation.models import (
    Answer,
    Attempt,
    AttemptGrant,
    Attendance,
    AuditEvent,
    Base,
    CertificateState,
    CohortMember,
    CourseCompletion,
    Departure,
    Enrolment,
    ImportBatch,
    LessonProgress,
    ProgrammeEnrolment,
)
from orientation.privacy import erasure
from orientation.privacy.services import AlreadyErased, ImportBeingSaved, erase
from tests.conftest import PIN, log_in

# What is printed on a certificate stays, so that the paper keeps verifying.
ALLOWED = {("certificate", "snapshot"), ("certificate", "payload"), ("certificate", "pdf")}


def texts_holding(values):
    """[(table, column)] of every text, JSON or binary column holding one of the values."""
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if (table.name, column.name) in ALLOWED or not isinstance(
                    column.type, String | JSON | LargeBinary):
                continue
            for value in db.session.scalars(select(column)):
                if isinstance(value, bytes):
                    value = value.decode("utf-8", errors="ignore")
                elif not isinstance(value, str):
                    value = json.dumps(value, ensure_ascii=False, default=str)
                if any(v in value for v in values):
                    found.append((table.name, column.name))
    return found


def counts(user_id):
    return {model.__tablename__: db.session.scalar(select(func.count()).select_from(model)
                                                   .where(model.user_id == user_id))
            for model in (CohortMember, Enrolment, ProgrammeEnrolment, CourseCompletion,
                          Attendance, LessonProgress, AttemptGrant, Departure)}


def test_no_table_holds_their_name_phone_or_code_afterwards(world):
    values = world.values(world.trainee)
    assert len(texts_holding(values)) > 3  # the audit log, the pending file, the account...
    erase(world.trainee, world.trainer)
    assert texts_holding(values) == []
    assert texts_holding(world.values(world.other))  # the other trainee is untouched


def test_the_account_becomes_a_tombstone(world):
    trainee = world.trainee
    assert trainee.birth_date == date(2001, 3, 31)  # from the import
    pseudonym = erase(trainee, world.trainer)
    assert pseudonym.startswith("Erased trainee ") and len(pseudonym) == 19
    assert trainee.display_name == pseudonym and trainee.erased and not trainee.active
    assert (trainee.latin_name, trainee.phone, trainee.signup_token) == (None, None, None)
    assert trainee.birth_date is None
    assert trainee.login_code.startswith("ERASED-")


def test_pseudonyms_are_random(app):
    assert len({erasure.new_pseudonym() for _ in range(20)}) > 15


def test_counts_stay_and_details_go(world):
    trainee = world.trainee
    before = counts(trainee.id)
    erase(trainee, world.trainer)
    after = counts(trainee.id)
    kept = ("cohort_member", "enrolment", "programme_enrolment", "course_completion",
            "attendance", "departure")
    assert {k: after[k] for k in kept} == {k: before[k] for k in kept} and before[
        "course_completion"] == 1
    assert after["lesson_progress"] == after["attempt_grant"] == 0 < before["lesson_progress"]
    attempts = db.session.scalars(select(Attempt).where(Attempt.user_id == trainee.id)).all()
    assert [(a.passed, a.order) for a in attempts] == [(True, [])]  # the one that completed
    assert not db.session.scalars(select(Answer).where(Answer.attempt_id == attempts[0].id)
                                  ).all()
    assert counts(world.other.id)["lesson_progress"] > 0


def test_the_pending_file_keeps_the_other_rows(world):
    erase(world.trainee, world.trainer)
    pending = db.session.scalar(select(ImportBatch).where(ImportBatch.saved_at.is_(None)))
    text = pending.content.decode()
    assert world.other.login_code in text and "Chan Dara" in text
    assert text.count("\r\n") == 3  # the header and two rows
    assert "012 345 678" not in text and "Sok Chantha" not in text


def test_audit_entries_stay_with_the_pseudonym(world):
    trainee = world.trainee
    events = db.session.scalar(select(func.count()).select_from(AuditEvent))
    pseudonym = erase(trainee, world.trainer)
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == events + 1
    created = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "user.created", AuditEvent.subject_id == trainee.id))
    assert created.details["login_code"] == pseudonym
    note = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.note"))
    assert note.details["note"] == f"Called {pseudonym} on {pseudonym}"
    erased = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.erased"))
    assert erased.details["pseudonym"] == pseudonym and erased.actor_id == world.trainer.id


def test_the_certificate_still_verifies_with_its_printed_fields(world, client):
    certificate = world.certificate(world.trainee)
    erase(world.trainee, world.trainer)
    assert get_verification(certificate.number).status == "valid"
    page = client.get(f"/v/{certificate.number}").get_data(as_text=True)
    assert "Genuine certificate" in page and "សុខ ចាន់ថា" in page and "SOK CHANTHA" in page


def test_with_revoke_it_no_longer_verifies_as_valid(world, client):
    certificate = world.certificate(world.trainee)
    erase(world.trainee, world.trainer, revoke=True, reason="Withdrawn on request")
    assert get_verification(certificate.number).status == "revoked"
    assert "This certificate was revoked" in client.get(f"/v/{certificate.number}").get_data(
        as_text=True)
    assert get_verification(world.certificate(world.other).number).status == "valid"


def test_they_cannot_log_in_and_their_sessions_end(app, world):
    code = world.trainee.login_code
    set_secret(world.trainee, PIN)  # imported trainees get their PIN on a card
    db.session.commit()
    client = app.test_client()
    assert log_in(client, code, PIN).status_code == 302
    erase(world.trainee, world.trainer)
    assert client.get("/en/my-learning").status_code == 302  # to the login page
    assert log_in(app.test_client(), code, PIN).status_code != 302


def test_erasing_twice_is_refused(world):
    erase(world.trainee, world.trainer)
    with pytest.raises(AlreadyErased):
        erase(world.trainee, world.trainer)


def test_refused_while_a_file_naming_them_is_being_saved(world):
    pending = db.session.scalar(select(ImportBatch).where(ImportBatch.saved_at.is_(None)))
    pending.state = pending.state.__class__.saving
    db.session.commit()
    with pytest.raises(ImportBeingSaved):
        erase(world.trainee, world.trainer)
    assert not world.trainee.erased



def test_a_tombstone_gets_no_new_certificate(world, courses):
    """It stays in its cohort (counts): a later register or a name correction must not
    certify the pseudonym."""
    certificate = world.certificate(world.trainee)
    erase(world.trainee, world.trainer)
    with pytest.raises(NotAllowed):
        reissue(certificate, world.trainer)
    certificate.state = CertificateState.revoked
    db.session.commit()
    assert issue(world.trainee.id, course=courses["first-steps"], locale="en") is None
