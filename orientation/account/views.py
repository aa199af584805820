"""A trainee's PIN and data, a staff member's password: pages for one's own account."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from orientation import errors
from orientation.access import role_required
from orientation.account import bp, reads, services
from orientation.account.forms import ChangePasswordForm, ChangePinForm
from orientation.auth.services import Locked
from orientation.certificates import numbers
from orientation.forms import redisplays_form
from orientation.i18n import current_language
from orientation.models import Role


def _change_secret(form, endpoint, done, wrong):
    """The form's page, or the change made (other sessions end) and back to it."""
    if form.validate_on_submit():
        try:
            changed = services.change_secret(current_user, form.old.data, form.new.data)
        except Locked as locked:
            return errors.render_error(429, errors.wait_message(locked.seconds))
        if changed:
            services.keep_this_session(current_user._get_current_object())
            flash(done, "info")
            return redirect(url_for(endpoint))
        form.old.errors.append(wrong)
    return render_template("account/secret.html", form=form)


@bp.route("/account/pin", methods=["GET", "POST"])
@role_required(Role.trainee)
@redisplays_form
def change_pin():
    return _change_secret(
        ChangePinForm(), "account.change_pin",
        _("Your PIN is changed. Other phones and computers are logged out."),
        _("This is not your PIN or password now. Please try again."))


@bp.route("/account/password", methods=["GET", "POST"])
@role_required(Role.trainer, Role.admin)
@redisplays_form
def change_password():
    return _change_secret(
        ChangePasswordForm(), "account.change_password",
        _("Your password is changed. Other browsers are logged out."),
        _("This is not your password now. Please try again."))


@bp.route("/account/my-data")
@role_required(Role.trainee)
def my_data():
    data = reads.get_my_data(current_user, current_language().code)
    return render_template("account/my_data.html", data=data, display=numbers.display)
