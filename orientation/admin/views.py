"""The admin's home: every centre with its people, and the latest audit events."""

from flask import render_template

from orientation.access import role_required
from orientation.admin import bp, services
from orientation.models import Role


@bp.route("/")
@role_required(Role.admin)
def home():
    return render_template(
        "admin/home.html", centres=services.get_centres(), events=services.get_recent_events()
    )
