"""Admins' pages: centres and the audit trail."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from orientation.admin import views  # noqa: E402,F401  (views attach routes to bp)
