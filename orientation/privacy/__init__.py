"""A trainee's data on their request: everything stored exported as one zip, or erased.

The pages sit beside the trainer's pages of a trainee (/<lang>/trainer/trainees/<id>/data)
and are open to admins and the trainee's own centre's trainers (orientation.access)."""

from flask import Blueprint

bp = Blueprint("privacy", __name__)

from orientation.privacy import views  # noqa: E402,F401  (views attach routes to bp)
