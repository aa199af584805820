"""The admin's certificate settings: whether self-registered people get certificates."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from orientation import settings
from orientation.access import role_required
from orientation.admin import bp
from orientation.admin.forms import CertificateSettingsForm
from orientation.forms import redisplays_form
from orientation.models import Role


@bp.route("/certificates", methods=["GET", "POST"])
@role_required(Role.admin)
@redisplays_form
def certificate_settings():
    form = CertificateSettingsForm(
        data={"self_study": settings.get_setting("certificates.self_study")})
    if form.validate_on_submit():
        settings.change_settings({"certificates.self_study": form.self_study.data},
                                 actor=current_user)
        flash(_("The settings are saved."), "info")
        return redirect(url_for("admin.certificate_settings"))
    return render_template("admin/certificate_settings.html", form=form)
