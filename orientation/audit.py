"""One function that records every change of consequence, inside the caller's transaction."""

from orientation.extensions import db
from orientation.models import AuditEvent


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
