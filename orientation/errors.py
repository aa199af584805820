"""Error pages, in the visitor's language; a missing language prefix is added, not refused."""

import time

from flask import current_app, g, redirect, render_template, request
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import RequestRedirect

from orientation import i18n, security
from orientation.extensions import limiter

MESSAGES = {
    400: (_l("Something in this request was wrong"),
          _l("Go back, check what you typed and try again.")),
    403: (_l("This page is not for your account"),
          _l("Your account cannot open this page. If you think it should, ask your trainer.")),
    404: (_l("Page not found"),
          _l("This page does not exist. Check the address or start again from the home page.")),
    405: (_l("Something in this request was wrong"),
          _l("Go back, check what you typed and try again.")),
    413: (_l("This is too big to send"),
          _l("What you sent is bigger than this site accepts. Send a smaller file or less text.")),
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


def wait_message(seconds):
    """Please wait N minutes: the real time left, rounded up to whole minutes."""
    minutes = max(1, -(-int(seconds) // 60))
    return ngettext("For your safety, please wait %(num)s minute and try again.",
                    "For your safety, please wait %(num)s minutes and try again.", minutes)


def handle_http_error(error):
    if isinstance(error, RequestRedirect):
        return error
    if isinstance(error, NotFound) and (target := prefixed_path()):
        return redirect(target)
    if isinstance(error, RateLimitExceeded) and (limit := limiter.current_limit) is not None:
        return render_error(429, wait_message(limit.reset_at - time.time()))
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
    if not security.is_clean_path(request.path):
        return None  # a CR or LF must never reach a Location header
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
