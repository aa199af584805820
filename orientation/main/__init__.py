"""The home page, the language switcher and the redirect from / to a language."""

from flask import Blueprint

bp = Blueprint("main", __name__)

from orientation.main import views  # noqa: E402,F401  (views attach routes to bp)
