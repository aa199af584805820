"""Admin pages for importing agencies from CSV: check and preview, then save once."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from orientation.access import role_required
from orientation.agencies import bp
from orientation.agencies import imports as agency_imports
from orientation.models import Role
from orientation.trainer.exports import csv_text_response
from orientation.trainer.imports import ImportRefused


@bp.route("/admin/agencies/import-template.csv")
@role_required(Role.admin)
def import_template():
    return csv_text_response("agencies", agency_imports.TEMPLATE)


@bp.route("/admin/agencies/import", methods=["GET", "POST"])
@role_required(Role.admin)
def import_agencies():
    """Upload; the answer is the preview, with a save button when every line is right."""
    rows, batch, problem = None, None, None
    if request.method == "POST":
        upload = request.files.get("file")
        data = upload.read(agency_imports.MAX_BYTES + 1) if upload else b""
        try:
            rows, batch = agency_imports.preview(data, current_user)
        except ImportRefused as refused:
            problem = str(refused.args[0])
    return render_template("agencies/import.html", rows=rows, batch=batch, problem=problem)


@bp.route("/admin/agencies/import/save", methods=["POST"])
@role_required(Role.admin)
def save_import():
    """Save every line of the previewed file or none; a second save changes nothing."""
    try:
        summary = agency_imports.save(request.form.get("batch"), current_user)
    except (agency_imports.BadBatch, ImportRefused):  # changed, too old, not this admin's
        abort(400)
    except agency_imports.RowsWrong as wrong:
        return render_template("agencies/import.html", rows=wrong.rows, batch=None,
                               problem=_("Some lines have errors: nothing was saved.")), 409
    if summary is None:
        flash(_("This file was already saved: nothing was changed again."), "info")
    else:
        flash(_("Saved. New agencies: %(created)s. Changed: %(updated)s.", **summary), "info")
    return redirect(url_for("agencies.agency_list"), code=303)
