"""Quizzes: attempts in the trainee's language, graded on the server, reviewed afterwards."""

from flask import Blueprint

bp = Blueprint("quizzes", __name__)

from orientation.quizzes import views  # noqa: E402,F401  (views attach routes to bp)
