"""The trainer's home: the trainees of their centre, a page at a time."""

from flask import current_app, render_template, request
from flask_login import current_user

from orientation.access import role_required
from orientation.models import Role
from orientation.trainer import bp, services


@bp.route("/")
@role_required(Role.trainer, Role.admin)
def home():
    page = request.args.get("page", 1, type=int)
    trainees = services.get_centre_trainees(
        current_user.centre_id, max(page, 1), current_app.config["PAGE_SIZE"]
    )
    return render_template("trainer/home.html", centre=current_user.centre, trainees=trainees)
