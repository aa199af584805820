"""Staff accounts (trainers and admins): list, create, disable or enable, reset a password.

The rules an admin's page and a script share; orientation.accounts.services does the writes
that every kind of account has (creating, disabling, new secrets).
"""

import secrets

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from orientation import audit
from orientation.accounts import services as accounts
from orientation.extensions import db
from orientation.models import Role, User

STAFF_ROLES = (Role.trainer, Role.admin)
# A new password is read from the screen and typed on another: no 0/O, 1/l/I, 5/S, 2/Z.
PASSWORD_LETTERS = "abcdefghjkmnpqrstuvwxy346789"
PASSWORD_GROUPS, PASSWORD_GROUP = 3, 4


class LoginTaken(ValueError):
    """Another account has this login."""


class Refused(ValueError):
    """The change would lock admins out: disabling oneself or the last active admin."""


def get_staff():
    """Every trainer and admin with their centre: admins first, then by name."""
    return db.session.scalars(
        select(User).options(joinedload(User.centre)).where(User.role.in_(STAFF_ROLES))
        .order_by(User.role, User.display_name, User.id)
    ).all()


def get_staff_member(user_id):
    """The trainer or admin with this id, or None (a trainee is not staff)."""
    user = db.session.get(User, user_id)
    return user if user is not None and user.role in STAFF_ROLES else None


def create_staff(role, display_name, login_code, password, *, centre=None, actor=None):
    """A trainer (with a centre) or an admin, from values the rules have cleaned, audited."""
    if role not in STAFF_ROLES:
        raise ValueError(f"{role} is not a staff role")
    if accounts.login_taken(login_code):
        raise LoginTaken(login_code)
    try:
        return accounts.create_user(role, display_name, password, login_code=login_code,
                                    centre=centre, actor=actor)
    except IntegrityError:  # the same login, created by a request racing this one
        db.session.rollback()
        raise LoginTaken(login_code) from None


def active_admins():
    """How many admins may log in now."""
    return db.session.scalar(select(func.count()).select_from(User)
                             .where(User.role == Role.admin, User.active))


def set_staff_active(user, active, *, actor):
    """Disable or enable a staff account (audited; disabling ends its sessions). Refused:
    an admin disabling themself, or the last active admin."""
    if not active and user.active:
        if user.id == actor.id:
            raise Refused("yourself")
        if user.role == Role.admin and active_admins() <= 1:
            raise Refused("last admin")
    return accounts.set_active(user, active, actor=actor)


def update_staff(user, *, display_name, role, centre, actor):
    """Change a staff member's name, role or centre, audited as [before, after]. A new role
    or centre changes what they may see: their sessions end. Refused: changing one's own
    role, or taking the admin role from the last active admin."""
    if role not in STAFF_ROLES:
        raise ValueError(f"{role} is not a staff role")
    if role != user.role:
        if user.id == actor.id:
            raise Refused("yourself")
        if user.role == Role.admin and user.active and active_admins() <= 1:
            raise Refused("last admin")
    accounts.check_role_centre(role, centre)
    after = {"display_name": display_name, "role": role.value,
             "centre_id": centre.id if centre is not None else None}
    before = {"display_name": user.display_name, "role": user.role.value,
              "centre_id": user.centre_id}
    changed = {name: [before[name], value] for name, value in after.items()
               if before[name] != value}
    if not changed:
        return user
    user.display_name, user.role, user.centre_id = display_name, role, after["centre_id"]
    if "role" in changed or "centre_id" in changed:
        accounts.end_sessions(user)
    audit.record("user.updated", user, actor=actor, centre_id=user.centre_id, changed=changed)
    db.session.commit()
    return user


def new_password():
    """A random password of 12 easy-to-read characters in groups of four (about 58 bits)."""
    groups = ("".join(secrets.choice(PASSWORD_LETTERS) for _ in range(PASSWORD_GROUP))
              for _ in range(PASSWORD_GROUPS))
    return "-".join(groups)


def reset_password(user, *, actor):
    """Give a staff member a new random password, returned once and stored only hashed;
    their sessions end. Audited without the password. Refused for one's own account (the
    password page asks for the old one)."""
    if user.id == actor.id:
        raise Refused("yourself")
    password = new_password()
    accounts.set_secret(user, password)
    audit.record("user.password_reset", user, actor=actor, centre_id=user.centre_id)
    db.session.commit()
    return password
