"""An admin manages staff accounts: creates trainers and admins, disables or enables them,
and gives them a new password."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from orientation.access import role_required
from orientation.accounts import rules
from orientation.admin import bp, services, staff
from orientation.admin.forms import ROLE_NAMES, ActionForm, StaffEditForm, StaffForm
from orientation.forms import redisplays_form
from orientation.models import Role

REFUSED = {
    "yourself": lambda: _("You cannot do this to your own account here."),
    "last admin": lambda: _("This is the last active administrator: enable or create "
                            "another one first."),
}


@bp.route("/staff")
@role_required(Role.admin)
def staff_list():
    return render_template("admin/staff.html", people=staff.get_staff(), role_names=ROLE_NAMES)


@bp.route("/staff/new", methods=["GET", "POST"])
@role_required(Role.admin)
@redisplays_form
def new_staff():
    form = _with_centres(StaffForm())
    if form.is_submitted() and form.tampered():
        abort(400)
    if form.validate_on_submit():
        try:
            user = staff.create_staff(
                Role(form.role.data), form.display_name.data, form.login_code.data,
                form.password.data, centre=_centre(form.centre.data), actor=current_user)
        except staff.LoginTaken:
            form.login_code.errors.append(_("Another account has this login. Choose another."))
        else:
            flash(_("Account created: %(name)s, login %(login)s.", name=user.display_name,
                    login=user.login_code), "info")
            return redirect(url_for("admin.staff_list"), code=303)
    return render_template("admin/staff_new.html", form=form)


@bp.route("/staff/<int:user_id>", methods=["GET", "POST"])
@role_required(Role.admin)
@redisplays_form
def edit_staff(user_id):
    user = staff.get_staff_member(user_id) or abort(404)
    form = _with_centres(StaffEditForm(data={"display_name": user.display_name,
                                             "role": user.role.value, "centre": user.centre_id}))
    if form.is_submitted() and form.tampered():
        abort(400)
    if form.validate_on_submit():
        try:
            staff.update_staff(user, display_name=form.display_name.data,
                               role=Role(form.role.data), centre=_centre(form.centre.data),
                               actor=current_user)
        except staff.Refused as refused:
            flash(REFUSED[refused.args[0]](), "error")
        else:
            flash(_("Saved: %(name)s.", name=user.display_name), "info")
            return redirect(url_for("admin.staff_list"), code=303)
    return render_template("admin/staff_edit.html", form=form, user=user)


@bp.route("/staff/<int:user_id>/disable", methods=["POST"])
@role_required(Role.admin)
def disable_staff(user_id):
    return _set_active(user_id, False)


@bp.route("/staff/<int:user_id>/enable", methods=["POST"])
@role_required(Role.admin)
def enable_staff(user_id):
    return _set_active(user_id, True)


def _set_active(user_id, active):
    user = staff.get_staff_member(user_id) or abort(404)
    if ActionForm().validate_on_submit():
        try:
            staff.set_staff_active(user, active, actor=current_user)
        except staff.Refused as refused:
            flash(REFUSED[refused.args[0]](), "error")
        else:
            flash(_("%(name)s can log in again.", name=user.display_name) if active else
                  _("%(name)s cannot log in any more.", name=user.display_name), "info")
    return redirect(url_for("admin.staff_list"), code=303)


@bp.route("/staff/<int:user_id>/password", methods=["POST"])
@role_required(Role.admin)
def reset_password(user_id):
    """A new password, shown on this answer only (never stored in clear, never redirected to:
    a reload asks before posting again)."""
    user = staff.get_staff_member(user_id) or abort(404)
    if not ActionForm().validate_on_submit():
        return redirect(url_for("admin.staff_list"), code=303)
    try:
        password = staff.reset_password(user, actor=current_user)
    except staff.Refused as refused:
        flash(REFUSED[refused.args[0]](), "error")
        return redirect(url_for("admin.staff_list"), code=303)
    return render_template("admin/new_password.html", user=user, password=password,
                           login=rules.format_code(user.login_code))


def _with_centres(form):
    """The form with every centre to choose from, and "No centre" (an admin may have none)."""
    form.centre.choices = [SelectChoice("", _("No centre"))] + [
        SelectChoice(str(centre.id), centre.name) for centre, _t, _n in services.get_centres()]
    return form


def _centre(centre_id):
    return None if centre_id is None else services.get_centre_by_id(centre_id)
