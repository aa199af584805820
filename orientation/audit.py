"""One function that records every change of consequence, inside the caller's transaction."""

from flask_babel import lazy_gettext as _l

from orientation.extensions import db
from orientation.models import AuditEvent

# What each action is called on the admin's pages; a new action adds its name here.
ACTION_LABELS = {
    "user.created": _l("Account created"),
    "user.role_changed": _l("Role changed"),
    "user.pin_reset": _l("New login card (PIN reset)"),
    "user.pin_changed": _l("PIN changed by the trainee"),
    "user.password_changed": _l("Password changed by its owner"),
    "user.password_reset": _l("New password given by an administrator"),
    "user.updated": _l("Staff account changed"),
    "user.disabled": _l("Account disabled"),
    "user.enabled": _l("Account enabled again"),
    "user.origin_changed": _l("Where the trainee comes from changed"),
    "user.second_factor_on": _l("Second factor turned on"),
    "user.second_factor_off": _l("Second factor turned off"),
    "user.second_factor_reset": _l("Second factor reset by an admin"),
    "user.recovery_codes_new": _l("New recovery codes made"),
    "user.recovery_code_used": _l("Logged in with a recovery code"),
    "settings.changed": _l("Site settings changed"),
    "user.exported": _l("Trainee's data exported"),
    "user.erased": _l("Trainee's data erased"),
    "centre.created": _l("Centre created"),
    "centre.updated": _l("Centre changed"),
    "centre.fee_cap_changed": _l("Service fee cap changed"),
    "agency.created": _l("Agency added"),
    "agency.updated": _l("Agency changed"),
    "agency.imported": _l("Agency added or changed from a file"),
    "cohort.created": _l("Cohort created"),
    "cohort.joined": _l("Trainee joined a cohort"),
    "cohort.imported": _l("Trainees added from a file"),
    "cohort.exported": _l("Cohort data exported"),
    "cohort.certificates_downloaded": _l("Cohort's certificates downloaded"),
    "session.created": _l("Classroom session added"),
    "attendance.recorded": _l("Attendance saved"),
    "enrolment.created": _l("Enrolled in a course"),
    "enrolment.programme": _l("Enrolled in a programme"),
    "attempt.granted": _l("One more quiz attempt given"),
    "certificate.issued": _l("Certificate issued"),
    "certificate.revoked": _l("Certificate revoked"),
    "certificate.replaced": _l("Certificate replaced by a corrected one"),
    "contact.set": _l("Contact saved"),
    "contact.removed": _l("Contact removed"),
    "audit.exported": _l("Audit log exported"),
    "departure.updated": _l("Departure checklist changed"),
    "departure.payment_added": _l("Payment written down"),
    "departure.payment_removed": _l("Payment removed"),
    "departure.contract_reviewed": _l("Contract read with the trainee"),
}


def record(action, subject, *, actor=None, centre_id=None, **details):
    """Add an audit event to the current transaction; the caller commits it with the change."""
    db.session.flush()  # the subject needs its id
    event = AuditEvent(
        action=action,
        subject_type=type(subject).__name__.lower(),
        subject_id=subject.id,
        actor_id=actor.id if actor is not None else None,
        centre_id=centre_id,
        details=details,
    )
    db.session.add(event)
    return event


def action_label(action):
    """The translated name of an audit action (tests/test_audit.py checks that every
    action has one), or its code for an unknown one."""
    return ACTION_LABELS.get(action, action)
