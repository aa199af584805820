"""A centre's agencies, for its trainers and (choosing the centre) for admins; the CSV for
the ministry holds numbers only."""

from flask import abort, render_template, request
from flask_login import current_user

from orientation.access import refuse_trainer_without_centre, role_required
from orientation.agencies import bp, reads, services
from orientation.content.packages import DESTINATIONS
from orientation.models import Role
from orientation.security import bounded_int
from orientation.timezones import local_today
from orientation.trainer.exports import csv_response


def chosen_centre():
    """The centre whose agencies are shown: a trainer's own (another centre's id is 404),
    the one an admin chose (None until they choose)."""
    refuse_trainer_without_centre()
    wanted = request.args.get("centre", type=bounded_int)
    if current_user.role == Role.trainer:
        if wanted is not None and wanted != current_user.centre_id:
            abort(404)
        return current_user.centre
    return services.get_centre_or_404(wanted) if wanted is not None else None


@bp.route("/trainer/agencies")
@role_required(Role.trainer, Role.admin)
def centre_agencies():
    centre = chosen_centre()
    lines = reads.get_centre_agencies(centre, local_today(centre)) if centre else []
    return render_template(
        "agencies/centre.html", centre=centre, lines=lines, destinations=DESTINATIONS,
        centres=services.get_centres() if current_user.role == Role.admin else [])


@bp.route("/trainer/agencies.csv")
@role_required(Role.trainer, Role.admin)
def centre_export():
    centre = chosen_centre()
    if centre is None:
        abort(404)
    today = local_today(centre)
    header, rows = reads.export_table(reads.get_centre_agencies(centre, today))
    return csv_response(f"agencies-{centre.id}-{today.isoformat()}", header, rows)
