"""What the privacy pages and commands call: export and erase a trainee, and the typed
confirmation both need. The work is in export.py and erasure.py."""

from orientation.accounts.rules import normalise_login
from orientation.privacy.erasure import AlreadyErased, ImportBeingSaved, erase
from orientation.privacy.export import collect, export, export_zip

__all__ = ["AlreadyErased", "ImportBeingSaved", "collect", "confirms", "erase", "export",
           "export_zip"]


def confirms(user, typed):
    """Did the staff member type this trainee's login code (spaces, dashes, case aside)?"""
    return bool(typed) and not user.erased and normalise_login(typed) == user.login_code
