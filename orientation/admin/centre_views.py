"""An admin creates and edits training centres."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from orientation.access import role_required
from orientation.admin import bp, services
from orientation.admin.forms import CentreForm
from orientation.forms import redisplays_form
from orientation.models import Role


@bp.route("/centres/new", methods=["GET", "POST"])
@role_required(Role.admin)
@redisplays_form
def new_centre():
    return _centre_page(CentreForm(), None)


@bp.route("/centres/<int:centre_id>", methods=["GET", "POST"])
@role_required(Role.admin)
@redisplays_form
def edit_centre(centre_id):
    centre = services.get_centre_by_id(centre_id) or abort(404)
    form = CentreForm(obj=centre) if request.method == "GET" else CentreForm()
    return _centre_page(form, centre)


def _centre_page(form, centre):
    """The form, or the centre saved (audited) and back to the list of centres."""
    if form.is_submitted() and form.tampered():
        abort(400)
    if form.validate_on_submit():
        try:
            if centre is None:
                centre = services.create_centre(actor=current_user, **form.values())
            else:
                services.update_centre(centre, actor=current_user, **form.values())
        except services.LicenceTaken:
            form.licence_number.errors.append(
                _("Another centre has this licence number. Please check it."))
        else:
            flash(_("Saved: %(name)s.", name=centre.name), "info")
            return redirect(url_for("admin.home", _anchor="centres"), code=303)
    return render_template("admin/centre.html", form=form, centre=centre)
