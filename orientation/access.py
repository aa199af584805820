"""Who may open a view. Every view declares it with one of these decorators."""

from functools import wraps

from flask import abort
from flask_login import current_user

from orientation.extensions import login_manager
from orientation.models import Role


def public(view):
    """Anyone, logged in or not."""
    view.access = "public"
    return view


def role_required(*roles):
    """Logged-in users with one of these roles; visitors go to the login page, others get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        wrapped.access = roles
        return wrapped

    return decorator


def login_required(view):
    """Any logged-in user, whatever the role."""
    return role_required(*Role)(view)
