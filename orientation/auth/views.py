"""Login, logout, registration and the welcome page that shows a new trainee's code."""

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user

from orientation import errors
from orientation.access import login_required, public
from orientation.accounts import rules
from orientation.auth import bp, services, throttle
from orientation.auth.forms import LoginForm, RegisterForm, phone_region
from orientation.extensions import limiter
from orientation.forms import redisplays_form


def login_failed(response):
    """Only failed logins count toward the per-address throttle."""
    return g.get("login_failed", False)


def _address_limit():
    return current_app.config["LOGIN_LIMIT_PER_ADDRESS"]


@bp.route("/login", methods=["GET", "POST"])
@public
@redisplays_form
@limiter.limit(_address_limit, methods=["POST"], deduct_when=login_failed)
def login():
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        try:
            user = services.log_in(form.login.data, form.secret.data, phone_region(),
                                  form.remember.data)
        except services.Locked as locked:
            g.login_failed = True
            return errors.render_error(429, errors.wait_message(locked.seconds))
        if user is not None:
            target = services.safe_next(request.args.get("next"))
            if services.awaiting_code():  # a second factor: its code page comes first
                return redirect(url_for("second_factor.login_code", next=target))
            return redirect(target or url_for("main.home"))
        g.login_failed = True
        error = _("The login or the PIN/password is not right. Please try again.")
    return render_template("auth/login.html", form=form, error=error)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    services.log_out(current_user)
    response = redirect(url_for("main.home"))
    # A shared phone: the saved pages and queued answers of this person go with them.
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.route("/register", methods=["GET", "POST"])
@public
@redisplays_form
def register():
    if not current_app.config["SELF_REGISTRATION"]:
        abort(404)
    form = RegisterForm()
    if form.validate_on_submit():
        if (wait := throttle.registration_wait(get_remote_address())) is not None:
            return errors.render_error(429, errors.wait_message(wait))
        user = services.register_trainee(
            form.display_name.data, form.latin_name.data, form.phone.data, form.secret.data,
            form.request_token.data, origin=form.origin.data,
        )
        if user is not None:
            return redirect(url_for("auth.welcome"))
        flash(_("This form was already sent. Please fill it in again."), "error")
    form.request_token.data = services.issue_register_token()
    return render_template("auth/register.html", form=form)


@bp.route("/welcome")
@login_required
def welcome():
    code = rules.format_code(current_user.login_code)
    return render_template("auth/welcome.html", code=code)
