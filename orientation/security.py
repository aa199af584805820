"""Security headers on every response, no caching of what is personal, and bounds on input."""

from flask import abort, request
from flask_login import current_user
from werkzeug.routing import IntegerConverter

# No inline script or style anywhere: the policy is the whole defence against injected markup.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Ids are INTEGER columns: PostgreSQL's is 32-bit, and anything larger can name nothing.
MAX_ID = 2**31 - 1
# Public files that any visitor may cache: they hold nothing about a person.
PUBLIC_ENDPOINTS = {"static", "media.media"}
PUBLIC_BLUEPRINTS = {"verify"}


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` in a URL: a number above MAX_ID is an ordinary 404, not an overflow."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def bounded_int(text):
    """An id or page number typed in a form or query: 0 to MAX_ID, else ValueError.

    Works as the `type` of request.args.get(...), which then gives its default instead.
    """
    text = str(text).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 10 or int(text) > MAX_ID:
        raise ValueError(text)
    return int(text)


def is_clean_path(path):
    """True when a path has no control characters (a CR or LF would split a header)."""
    return not any(ord(char) < 0x20 or ord(char) == 0x7F for char in path)


def safe_local_path(target):
    """`target` when it is a path on this site that a redirect may use; otherwise None."""
    if not target or not target.startswith("/") or not is_clean_path(target):
        return None
    # Browsers read a backslash as a slash: "/\\evil.example" would leave the site.
    if target.startswith("//") or "\\" in target:
        return None
    return target


def set_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    if _is_personal():
        # Centres share computers: the next person must not find this page in the cache.
        response.headers["Cache-Control"] = "no-store"
    return response


def _is_personal():
    """Every answer to a logged-in person, except public files and verification pages."""
    if request.endpoint in PUBLIC_ENDPOINTS or request.blueprint in PUBLIC_BLUEPRINTS:
        return False
    return current_user.is_authenticated


def refuse_nul():
    """No text a person types holds a NUL character, and PostgreSQL refuses one in any text
    column (a 500 there, where SQLite stores it): such a request is a bad request."""
    for values in (request.args, request.form):
        if any("\x00" in value for _, value in values.items(multi=True)):
            abort(400)


def init_app(app):
    app.before_request(refuse_nul)
    app.after_request(set_headers)
    if app.config["ENV"] == "production":
        app.after_request(_strict_transport)


def _strict_transport(response):
    response.headers["Strict-Transport-Security"] = "max-age=31536000"
    return response
