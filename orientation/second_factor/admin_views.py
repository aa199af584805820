"""The admin's security page: whether a second factor is required for admins and for
trainers, who has one, and resetting it for someone who lost their phone."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from orientation import settings
from orientation.access import role_required
from orientation.forms import redisplays_form
from orientation.models import Role
from orientation.second_factor import admin_bp, rules, services
from orientation.second_factor.forms import ResetForm, SecuritySettingsForm


@admin_bp.route("/security", methods=["GET", "POST"])
@role_required(Role.admin)
@redisplays_form
def security():
    saved = settings.get_settings()
    form = SecuritySettingsForm(data={"admins": saved["second_factor.admins"],
                                      "trainers": saved["second_factor.trainers"]})
    if form.validate_on_submit():
        try:
            services.set_requirements(current_user, admins=form.admins.data,
                                      trainers=form.trainers.data)
        except services.OwnFactorFirst:
            form.admins.errors.append(_("Set up your own second factor first."))
        else:
            flash(_("The settings are saved."), "info")
            return redirect(url_for("security.security"))
    return render_template("second_factor/admin_security.html", form=form,
                           may_require=rules.may_require_for_admins(current_user),
                           staff=services.get_staff())


@admin_bp.route("/security/staff/<int:user_id>/reset", methods=["GET", "POST"])
@role_required(Role.admin)
@redisplays_form
def reset(user_id):
    user = services.get_staff_or_none(user_id)
    if user is None or user.id == current_user.id:
        abort(404)  # one's own second factor is turned off on one's own page
    if not user.has_second_factor:
        return redirect(url_for("security.security"))
    form = ResetForm()
    if form.validate_on_submit():
        if services.reset(user, form.login.data, actor=current_user):
            flash(_("The second factor of %(name)s is reset. They are logged out everywhere "
                    "and log in with their password only.", name=user.display_name), "info")
            return redirect(url_for("security.security"))
        form.login.errors.append(_("This is not their login. Please type it again."))
    return render_template("second_factor/admin_reset.html", form=form, person=user)
