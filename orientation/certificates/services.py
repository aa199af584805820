"""Reading, verifying, revoking and re-issuing certificates."""

from dataclasses import dataclass

from sqlalchemy import select

from orientation import audit
from orientation.access import may_act_on
from orientation.certificates import numbers
from orientation.certificates.issuance import corrected_fields, issue
from orientation.extensions import db
from orientation.models import Certificate, CertificateState, CohortMember
from orientation.models.base import utcnow

REASON_MAX = 500


class NotAllowed(Exception):
    """This person may not change this certificate."""


@dataclass(frozen=True)
class Verification:
    """What the public verification says about a typed or scanned number."""

    status: str  # valid | revoked | replaced | mistyped | unknown
    number: str  # as typed, normalised
    certificate: Certificate | None = None

    @property
    def replaced_by(self):
        certificate = self.certificate
        return certificate.replaced_by.number if certificate and certificate.replaced_by else None


def get_verification(text):
    """Look a number up; a number with a wrong check character is a typing mistake."""
    number = numbers.normalise(text)[:40]
    if not numbers.is_well_formed(number):
        return Verification("mistyped" if len(number) == 12 else "unknown", number)
    certificate = db.session.scalar(select(Certificate).where(Certificate.number == number))
    if certificate is None:
        return Verification("unknown", number)
    return Verification(certificate.state.value, number, certificate)


def get_certificate(number):
    return db.session.scalar(select(Certificate).where(
        Certificate.number == numbers.normalise(number)))


def get_user_certificates(user_id):
    return db.session.scalars(select(Certificate).where(Certificate.user_id == user_id)
                              .order_by(Certificate.issued_at.desc(), Certificate.id)).all()


def cohort_certificates(cohort_id):
    """The valid certificates of a cohort's current members, to print together."""
    return db.session.scalars(
        select(Certificate).join(CohortMember, CohortMember.user_id == Certificate.user_id)
        .where(CohortMember.cohort_id == cohort_id, CohortMember.left_at.is_(None),
               Certificate.state == CertificateState.valid)
        .order_by(Certificate.user_id, Certificate.issued_at)).all()


def may_manage(user, certificate):
    """Admins, and trainers of the centre that issued it, may revoke or re-issue."""
    return may_act_on(user, certificate)


def revoke(certificate, reason, actor):
    """Revoke a valid certificate with a reason (audited); its number still verifies."""
    if not may_manage(actor, certificate):
        raise NotAllowed()
    reason = " ".join((reason or "").split())
    if not reason or len(reason) > REASON_MAX:
        raise ValueError(reason)
    if certificate.state != CertificateState.valid:
        return certificate
    certificate.state = CertificateState.revoked
    certificate.revoked_at, certificate.revoked_by_id = utcnow(), actor.id
    certificate.revoked_reason = reason
    certificate.pdf = None  # printed again, marked revoked
    audit.record("certificate.revoked", certificate, actor=actor,
                 centre_id=certificate.centre_id, number=certificate.number, reason=reason)
    db.session.commit()
    return certificate


def reissue(certificate, actor):
    """Issue a corrected certificate (after a name correction); the old number verifies as
    replaced and points to the new one."""
    if not may_manage(actor, certificate) or certificate.user.erased:
        raise NotAllowed()  # an erased holder's name cannot be corrected: it is gone
    if certificate.state != CertificateState.valid:
        return certificate.replaced_by or certificate
    new = issue(certificate.user_id, course=certificate.course,
                programme=certificate.programme, locale=certificate.locale, actor=actor,
                replacing=certificate)
    certificate.pdf = None
    audit.record("certificate.replaced", certificate, actor=actor,
                 centre_id=certificate.centre_id, number=certificate.number,
                 replaced_by=new.number,
                 corrected=corrected_fields(certificate.snapshot, new.snapshot))
    db.session.commit()
    return new
