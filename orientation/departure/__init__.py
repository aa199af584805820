"""Departure readiness (issue 17): a trainee's checklist (agency, payments, contract,
passport, insurance, contacts), the fee rules, and readiness computed in one function.

`views` attaches the trainee's routes to bp; `trainer_views` attaches the trainer's to the
trainer blueprint (its prefix, its refusal of a trainer without a centre), both before the
app registers the blueprints.
"""

from flask import Blueprint

bp = Blueprint("departure", __name__)

from orientation.departure import trainer_views, views  # noqa: E402,F401
