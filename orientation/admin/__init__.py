"""Admins' pages: centres, the contacts lessons show, the courses loaded and the audit log."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

# Views attach routes to bp.
from orientation.admin import audit_views, contact_views, course_views, views  # noqa: E402,F401
