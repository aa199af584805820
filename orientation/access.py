"""Who may open a view, and which trainees and cohorts a staff member may act on.

Every view declares who may open it with one of the decorators. Scope (which centre's
trainees and cohorts) is decided by `may_act_on` alone; the loaders below use it.
"""

from functools import wraps

from flask import abort
from flask_login import current_user

from orientation.extensions import db, login_manager
from orientation.models import Cohort, Role, User


def public(view):
    """Anyone, logged in or not."""
    view.access = "public"
    return view


def role_required(*roles):
    """Logged-in users with one of these roles; visitors go to the login page, others get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        wrapped.access = roles
        return wrapped

    return decorator


def login_required(view):
    """Any logged-in user, whatever the role."""
    return role_required(*Role)(view)


def may_act_on(staff, subject):
    """May this staff member act on this trainee or cohort (anything with a centre_id)?

    Admins may act on all. A trainer may act only on what belongs to their own centre: both
    centres must be set and equal, so that a trainer without a centre (old data) and a
    trainee without one (self-registered) never match each other.
    """
    if staff.role == Role.admin:
        return True
    return (staff.role == Role.trainer and staff.centre_id is not None
            and subject.centre_id == staff.centre_id)


def get_trainee_for_staff_or_404(staff, user_id):
    """A trainee the staff member may act on; any other account is 404."""
    user = db.session.get(User, user_id)
    if user is None or user.role != Role.trainee or not may_act_on(staff, user):
        abort(404)
    return user


def get_cohort_for_staff_or_404(staff, cohort_id):
    """A cohort the staff member may act on; any other is 404."""
    cohort = db.session.get(Cohort, cohort_id)
    if cohort is None or not may_act_on(staff, cohort):
        abort(404)
    return cohort


def refuse_trainer_without_centre():
    """403 for a trainer whose account has no centre: a trainer always works for one.

    The CLI and role changes refuse to make such a trainer; this covers old data.
    """
    if (current_user.is_authenticated and current_user.role == Role.trainer
            and current_user.centre_id is None):
        abort(403)
