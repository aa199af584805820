"""Learning: the catalogue, programmes, courses, lessons, progress and "my learning"."""

from flask import Blueprint

bp = Blueprint("learn", __name__)
# Pictures and recordings of lessons: no language prefix, the same file for every language.
media_bp = Blueprint("media", __name__)

from orientation.learn import views  # noqa: E402,F401  (views attach routes to bp)
from orientation.learn.names import names  # noqa: E402

bp.context_processor(names)
