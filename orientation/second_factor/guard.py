"""Staff whom the settings require to have a second factor, and who have none, set it up
before any other page.

A before_request guard rather than a step of the login: the requirement may be turned on
while staff are already logged in, and their open sessions must meet it too; and one check
on every request cannot be forgotten by a new page. Trainees are never asked.
"""

from flask import redirect, request, url_for
from flask_login import current_user

from orientation.models import Role
from orientation.second_factor import services

# What such a person may still open: the set-up page itself, logging out, the language
# switch and what a page needs to show (files, icons, the offline worker).
ALLOWED = {"second_factor.setup", "auth.logout", "main.switch_language", "static",
           "main.favicon", "offline.manifest", "worker.worker", "health.healthz"}


def require_set_up():
    if request.endpoint is None or request.endpoint in ALLOWED:
        return None
    if not current_user.is_authenticated or current_user.role == Role.trainee \
            or current_user.has_second_factor:
        return None
    if not services.is_required_for(current_user):
        return None
    return redirect(url_for("second_factor.setup"))
