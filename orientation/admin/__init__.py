<<<<<<< HEAD
"""Admins' pages: centres, staff accounts and the audit trail."""
=======
"""Admins' pages: centres, the contacts lessons show, the courses loaded and the audit log."""
>>>>>>> records

from flask import Blueprint

bp = Blueprint("admin", __name__)

<<<<<<< HEAD
# The views attach their routes to bp.
from orientation.admin import centre_views, people_views, views  # noqa: E402,F401
=======
# Views attach routes to bp.
from orientation.admin import audit_views, contact_views, course_views, views  # noqa: E402,F401
>>>>>>> records
