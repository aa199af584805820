"""A staff member's own second factor, and the login's code page."""

import segno
from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from orientation import errors
from orientation.access import public, role_required
from orientation.auth.services import Locked, safe_next
from orientation.auth.views import _address_limit, login_failed
from orientation.extensions import limiter
from orientation.forms import redisplays_form
from orientation.models import Role
from orientation.second_factor import bp, login, rules, services
from orientation.second_factor.forms import (
    LoginCodeForm,
    RenewCodesForm,
    SetupForm,
    TurnOffForm,
)

STAFF = (Role.trainer, Role.admin)


def _wrong_code():
    return _("This code is not right, or it was already used. Please try again.")


def _too_many(locked):
    return errors.render_error(429, errors.wait_message(locked.seconds))


@bp.route("/account/second-factor")
@role_required(*STAFF)
def status():
    return render_template("second_factor/status.html",
                           required=services.is_required_for(current_user),
                           codes_left=services.get_codes_left(current_user))


def qr_svg(secret):
    """The enrolment QR code as inline SVG: nothing leaves the server, no script needed."""
    uri = rules.provisioning_uri(secret, current_user.login_code)
    return Markup(segno.make(uri, error="m").svg_inline(scale=4, border=2, dark="#000",
                                                        light="#fff"))


@bp.route("/account/second-factor/setup", methods=["GET", "POST"])
@role_required(*STAFF)
@redisplays_form
def setup():
    secret = services.get_setup_secret(current_user)
    if secret is None:
        return redirect(url_for("second_factor.status"))
    form = SetupForm()
    if form.validate_on_submit():
        codes = services.confirm_setup(current_user, form.code.data)
        if codes is not None:
            flash(_("The second factor is on. Each login now asks for a code."), "info")
            return render_template("second_factor/codes.html", codes=codes)
        form.code.errors.append(_wrong_code())
    return render_template("second_factor/setup.html", form=form, qr=qr_svg(secret),
                           secret=rules.grouped(secret),
                           required=services.is_required_for(current_user))


@bp.route("/account/second-factor/recovery-codes", methods=["GET", "POST"])
@role_required(*STAFF)
@redisplays_form
def renew_codes():
    if not current_user.has_second_factor:
        return redirect(url_for("second_factor.status"))
    form = RenewCodesForm()
    if form.validate_on_submit():
        try:
            codes = services.renew_recovery_codes(current_user, form.code.data)
        except Locked as locked:
            return _too_many(locked)
        if codes is not None:
            return render_template("second_factor/codes.html", codes=codes)
        form.code.errors.append(_wrong_code())
    return render_template("second_factor/renew.html", form=form)


@bp.route("/account/second-factor/off", methods=["GET", "POST"])
@role_required(*STAFF)
@redisplays_form
def turn_off():
    if not current_user.has_second_factor:
        return redirect(url_for("second_factor.status"))
    form, required = TurnOffForm(), services.is_required_for(current_user)
    if not required and form.validate_on_submit():
        try:
            done = services.turn_off(current_user, form.password.data, form.code.data)
        except Locked as locked:
            return _too_many(locked)
        if done:
            flash(_("The second factor is off. Logging in asks only for your password."),
                  "info")
            return redirect(url_for("second_factor.status"))
        form.code.errors.append(_("The password or the code is not right. Please try again."))
    return render_template("second_factor/off.html", form=form, required=required), \
        403 if required and request.method == "POST" else 200


@bp.route("/login/code", methods=["GET", "POST"])
@public
@redisplays_form
@limiter.limit(_address_limit, methods=["POST"], deduct_when=login_failed)
def login_code():
    user = login.get_waiting_user()
    if user is None:
        flash(_("Please log in again: the code must be typed within 5 minutes of the "
                "password."), "info")
        return redirect(url_for("auth.login", next=safe_next(request.args.get("next"))))
    form = LoginCodeForm()
    if form.validate_on_submit():
        try:
            done = login.finish(user, form.typed)
        except Locked as locked:
            g.login_failed = True
            return _too_many(locked)
        if done:
            return redirect(safe_next(request.args.get("next")) or url_for("main.home"))
        g.login_failed = True
        form.code.errors.append(_wrong_code())
    return render_template("second_factor/login_code.html", form=form)
