"""Demo data: a centre, an admin, a trainer and trainees writing in each language.

Loaded by upsert on natural keys (licence number, login code): loading twice changes nothing,
and what a later version adds appears on the next load. Never in production.
"""

from sqlalchemy import select

from orientation.accounts import services as accounts
from orientation.admin import services as centres
from orientation.extensions import db
from orientation.models import Role, User

CENTRE = {
    "name": "Demo Pre-departure Training Centre",
    "licence_number": "DEMO-0001",
    "address": "Demo address: a centre fills in its own",
    "signatory_name": "Demo Director",
    "signatory_title": "Director",
}

# (login, secret, role, display name, Latin name, preferred locale)
PEOPLE = [
    ("admin", "demo-admin-pass", Role.admin, "Demo Admin", None, "en"),
    ("trainer", "demo-trainer-pass", Role.trainer, "Demo Trainer", None, "en"),
    ("10000001", "123456", Role.trainee, "សុខ ចាន់ថា", "SOK CHANTHA", "km"),
    ("10000002", "123456", Role.trainee, "ສົມສັກ ພົມມະວົງ", "SOMSACK PHOMMAVONG", "lo"),
    ("10000003", "123456", Role.trainee, "Nguyễn Thị Hoa", "NGUYEN THI HOA", "vi"),
    ("10000004", "123456", Role.trainee, "李明", "LI MING", "zh"),
]


class DemoRefused(RuntimeError):
    """Demo data would put known passwords on a production system."""


def load(config):
    """Upsert the demo data; returns the number of rows created or changed."""
    if config["ENV"] == "production":
        raise DemoRefused("Demo data is never loaded in production.")
    changes = 0
    centre = centres.get_centre(CENTRE["licence_number"])
    if centre is None:
        centre = centres.create_centre(**CENTRE)
        changes += 1
    for login, secret, role, name, latin, locale in PEOPLE:
        user = db.session.scalar(select(User).where(User.login_code == login))
        if user is None:
            accounts.create_user(role, name, secret, login_code=login, latin_name=latin,
                                 centre=None if role == Role.admin else centre,
                                 preferred_locale=locale)
            changes += 1
        elif _refresh(user, role, name, latin, secret):
            changes += 1
    db.session.commit()
    return changes


def _refresh(user, role, name, latin, secret):
    """Put a demo account back as the demo data describes it; True when something changed."""
    changed = False
    if user.role != role:
        accounts.change_role(user, role)
        changed = True
    for field, value in (("display_name", name), ("latin_name", latin), ("active", True)):
        if getattr(user, field) != value:
            setattr(user, field, value)
            changed = True
    if not accounts.verify_secret(user, secret):
        user.password_hash = accounts.hash_secret(secret)
        changed = True
    return changed
