"""Admins' pages: centres, staff accounts and the audit trail."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

# The views attach their routes to bp.
from orientation.admin import centre_views, people_views, views  # noqa: E402,F401
