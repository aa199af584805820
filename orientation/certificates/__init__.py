"""Certificates: issued once by the rules, printed right in every script, verifiable by anyone."""

from flask import Blueprint

bp = Blueprint("certificates", __name__)
# The public verification pages: no language prefix (they follow the verifier's browser).
verify_bp = Blueprint("verify", __name__)

from orientation.certificates import views  # noqa: E402,F401  (views attach routes to bp)
