"""Error pages, in the visitor's language; a missing language prefix is added, not refused."""

from flask import current_app, g, redirect, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import RequestRedirect

from orientation import i18n

MESSAGES = {
    400: (_l("Something in this request was wrong"),
          _l("Go back, check what you typed and try again.")),
    403: (_l("This page is not for your account"),
          _l("Your account cannot open this page. If you think it should, ask your trainer.")),
    404: (_l("Page not found"),
          _l("This page does not exist. Check the address or start again from the home page.")),
    405: (_l("Something in this request was wrong"),
          _l("Go back, check what you typed and try again.")),
    429: (_l("Too many attempts"),
          _l("For your safety, please wait 15 minutes and try again.")),
    500: (_l("Something went wrong on our side"),
          _l("Nothing you did caused this. Please try again in a few minutes.")),
}
CSRF_MESSAGE = _l("This form was open for too long or came from another site. "
                  "Please check what you typed and send it again.")


def render_error(status, message=None):
    title, default = MESSAGES.get(status, MESSAGES[500])
    page = render_template("errors/error.html", status=status, title=title,
                           message=message or default)
    return page, status


def handle_http_error(error):
    if isinstance(error, RequestRedirect):
        return error
    if isinstance(error, NotFound) and (target := prefixed_path()):
        return redirect(target)
    return render_error(error.code or 500)


def handle_csrf_error(error):
    """Show the form again with what was typed, when the view can; otherwise explain."""
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "redisplays_form", False):
        g.csrf_refused = True  # the view shows its form again and must not act on it
        page = view(**(request.view_args or {}))
        return page, 400
    return render_error(400, CSRF_MESSAGE)


def prefixed_path():
    """For a path without a language prefix, the same path with one, if such a page exists."""
    if i18n.prefix_of(request.path) or request.method != "GET":
        return None
    target = f"/{i18n.negotiate()}{request.path}"
    adapter = current_app.url_map.bind("localhost")
    try:
        adapter.match(target, method="GET")
    except RequestRedirect:
        pass
    except HTTPException:
        return None
    query = request.query_string.decode("latin-1")
    return f"{target}?{query}" if query else target


def init_app(app):
    app.jinja_env.globals["csrf_message"] = CSRF_MESSAGE
    app.register_error_handler(CSRFError, handle_csrf_error)
    # Unhandled exceptions reach this handler as InternalServerError (500).
    app.register_error_handler(HTTPException, handle_http_error)
