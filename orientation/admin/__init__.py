"""Admins' pages: centres, staff accounts, the contacts lessons show, the courses loaded and
the audit log."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

# The views attach their routes to bp.
from orientation.admin import (  # noqa: E402,F401
    audit_views,
    centre_views,
    contact_views,
    course_views,
    people_views,
    settings_views,
    views,
)
