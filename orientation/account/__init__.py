"""A person's own account: changing their PIN or password, and (trainees) seeing their data."""

from flask import Blueprint

bp = Blueprint("account", __name__)

from orientation.account import views  # noqa: E402,F401  (views attach routes to bp)
