"""Home, language switching, / choosing a language, and the site icon."""

from flask import current_app, redirect, render_template, request, send_from_directory, url_for
from flask_login import current_user

from orientation import i18n
from orientation.access import public
from orientation.accounts import rules
from orientation.main import bp, services


@bp.route("/")
@public
def root():
    return redirect(url_for("main.home", lang_code=i18n.negotiate()))


@bp.route("/<lang:lang_code>/")
@public
def home():
    code = rules.format_code(current_user.login_code) if current_user.is_authenticated else None
    return render_template("main/home.html", code=code)


@bp.route("/language/<lang:code>", methods=["GET", "POST"])
@public
def switch_language(code):
    """Remember the chosen language in a cookie and show the page in it.

    Only a POST (the switcher of a logged-in user, with its CSRF token) saves it as the
    account's preference: a link from another site can change no account.
    """
    if request.method == "POST":
        services.remember_language(current_user, code)
    response = redirect(services.same_page_in(code, request.args.get("next", "")))
    response.set_cookie(i18n.LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax",
                        httponly=True, secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


@bp.route("/favicon.ico")
@public
def favicon():
    """Browsers ask for /favicon.ico whatever the page says: answer with the icon, not a 404."""
    return send_from_directory(current_app.static_folder, "favicon.ico",
                               mimetype="image/vnd.microsoft.icon", max_age=7 * 24 * 3600)
