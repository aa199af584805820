"""Rules of the language switcher."""

from urllib.parse import urlsplit

from orientation import i18n, security
from orientation.extensions import db


def remember_language(user, code):
    """Save a logged-in user's choice of language."""
    if user.is_authenticated and user.preferred_locale != code:
        user.preferred_locale = code
        db.session.commit()


def same_page_in(code, path):
    """The local path `path` with its language prefix set to `code`; home when unusable."""
    path = security.safe_local_path(path)
    parts = urlsplit(path or "")
    if path is None or parts.scheme or parts.netloc:
        return f"/{code}/"
    query = f"?{parts.query}" if parts.query else ""
    if i18n.prefix_of(parts.path):
        rest = parts.path.lstrip("/").partition("/")[2]
        return f"/{code}/{rest}{query}"
    if parts.path == "/" or parts.path.startswith("/language/"):
        return f"/{code}/"
    return parts.path + query  # a page without a prefix follows the cookie just set
