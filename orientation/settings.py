"""Site settings that admins change in the browser: one row per key (models.SiteSetting),
with defaults here so that a key nobody has set needs no row. A new setting adds its key
and default to DEFAULTS."""

from sqlalchemy import select

from orientation import audit
from orientation.extensions import db
from orientation.models import SiteSetting

DEFAULTS = {
    # A second factor is required of every admin / every trainer (orientation.second_factor).
    "second_factor.admins": False,
    "second_factor.trainers": False,
    # Certificates for people who registered themselves, marked "identity not checked:
    # self-study" (orientation.certificates.issuance); off, only centres' trainees get one.
    "certificates.self_study": True,
}


class Settings:
    """The site's settings as the subject of an audit event: there is one set, so no id."""

    id = None


def get_settings():
    """Every setting's value: {key: value}, the default where no row is saved."""
    saved = dict(db.session.execute(select(SiteSetting.key, SiteSetting.value)).all())
    return {key: saved.get(key, default) for key, default in DEFAULTS.items()}


def get_setting(key):
    """One setting's value, the default where no row is saved."""
    saved = db.session.scalar(select(SiteSetting.value).where(SiteSetting.key == key))
    return DEFAULTS[key] if saved is None else saved


def change_settings(values, *, actor):
    """Save the settings that differ from their current values, audited with before and after
    ("settings.changed"); the keys changed (commit follows here)."""
    unknown = set(values) - set(DEFAULTS)
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    current = get_settings()
    changed = {key: value for key, value in values.items() if current[key] != value}
    for key, value in changed.items():
        row = db.session.get(SiteSetting, key)
        if row is None:
            db.session.add(SiteSetting(key=key, value=value))
        else:
            row.value = value
    if changed:
        audit.record("settings.changed", Settings(), actor=actor,
                     before={key: current[key] for key in changed}, after=changed)
        db.session.commit()
    return sorted(changed)
