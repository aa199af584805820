"""Trainers' pages: their centre's trainees (cohorts come with the trainers issue)."""

from flask import Blueprint

bp = Blueprint("trainer", __name__)

from orientation.trainer import (  # noqa: E402,F401  (they attach routes to bp)
    import_views,
    job_views,
    manage_views,
    origin_views,
    views,
)
