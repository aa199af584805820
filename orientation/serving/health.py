"""/healthz: what a load balancer or a monitor asks before sending people here."""

from flask import make_response

from orientation.access import public
from orientation.extensions import limiter
from orientation.serving import bp, readiness


@bp.route("/healthz")
@public
@limiter.exempt
def healthz():
    """200 "ok", or 503 with one reason a line (never a secret: no URL, no message text)."""
    problems = readiness.health_problems()
    response = make_response("\n".join(problems or ["ok"]) + "\n", 503 if problems else 200)
    response.mimetype = "text/plain"
    response.headers["Cache-Control"] = "no-store"
    return response
