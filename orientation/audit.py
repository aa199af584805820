"""One function that records every change of consequence, inside the caller's transaction."""

from flask_babel import lazy_gettext as _l

from orientation.extensions import db
from orientation.models import AuditEvent

# What each action is called on the admin's pages; a new action adds its name here.
ACTION_LABELS = {
    "user.created": _l("Account created"),
    "user.role_changed": _l("Role changed"),
    "centre.created": _l("Centre created"),
    "centre.updated": _l("Centre changed"),
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
    """The translated name of an audit action, or its code when it has none yet."""
    return ACTION_LABELS.get(action, action)
