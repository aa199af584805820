"""Importing agencies from a spreadsheet's CSV: read as trainee files are (trainer/imports),
every line checked and shown, then every line saved or none, once.

The previewed file travels in the preview's form, signed (so it cannot be changed between
preview and save) with a one-time token; the audit events of a save carry that token, so a
second save of the same preview finds them and changes nothing. No table is needed for a
list that admins import a few times a year.
"""

import secrets
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select, tuple_, update

from orientation import audit
from orientation.agencies import rules
from orientation.agencies.services import snapshot
from orientation.extensions import db
from orientation.models import AuditEvent, User
from orientation.models.departure import Agency
from orientation.trainer.imports import ImportRefused, Line, Table, read_table

COLUMNS = ("country", "name", "licence_number", "destinations", "expires", "address", "phone")
MAX_ROWS = 2000
# The preview's form carries the file: well under what a form field may hold (500 kB).
MAX_BYTES = 250_000
TABLE = Table(COLUMNS, ("country", "name", "licence_number", "destinations"), MAX_ROWS,
              _l("The first line must name the columns, with at least: country, name, "
                 "licence_number, destinations."),
              _l("At most %(max)s agencies at once.", max=MAX_ROWS),
              _l("The file has no agency."), MAX_BYTES,
              _l("The file is too large (at most 250 kB)."))
TEMPLATE = ",".join(COLUMNS) + "\r\n"
PREVIEW_KEPT_SECONDS = 24 * 3600
# Column of the file -> (field of the model, rule); the phone is read in the row's country.
RULES = {"name": ("name", rules.clean_agency_name),
         "licence_number": ("licence_number", rules.clean_licence_number),
         "destinations": ("destinations", rules.clean_destinations),
         "expires": ("licence_expires_on", rules.clean_expiry),
         "address": ("address", rules.clean_address)}


class BadBatch(ValueError):
    """The preview's token was changed, is too old, or was made for another admin."""


class RowsWrong(ValueError):
    """A line became wrong between preview and save (another admin's change): the rows."""

    def __init__(self, rows):
        super().__init__("a row is wrong")
        self.rows = rows


@dataclass
class AgencyRow(Line):
    """A line of the file; its errors are (column, message)."""

    clean: dict = field(default_factory=dict)  # model field -> value
    existing: Agency | None = None
    changed: list = field(default_factory=list)  # model fields an update changes

    @property
    def status(self):
        """What saving does with this line: error, new, update or same."""
        if self.errors:
            return "error"
        if self.existing is None:
            return "new"
        return "update" if self.changed else "same"


def read_rows(data):
    """Every line of the file, checked against the agencies saved now."""
    rows = read_table(data, TABLE, AgencyRow)
    for row in rows:
        _clean(row)
    _mark_repeats(rows)
    _match_existing([row for row in rows if row.ok])
    return rows


def _clean(row):
    try:
        row.clean["country"] = rules.clean_country(row.values["country"])
    except ValueError as error:
        row.errors.append(("country", error.args[0]))
    for column, (name, rule) in RULES.items():
        if column in row.values:
            try:
                row.clean[name] = rule(row.values[column])
            except ValueError as error:
                row.errors.append((column, error.args[0]))
    if "phone" in row.values:
        try:
            row.clean["phone"] = rules.clean_agency_phone(row.values["phone"],
                                                          row.clean.get("country"))
        except ValueError as error:
            row.errors.append(("phone", error.args[0]))


def _mark_repeats(rows):
    first = {}
    for row in rows:
        key = (row.clean.get("country"), row.clean.get("licence_number"))
        if None in key:
            continue
        if key in first:
            row.errors.append(("licence_number", _l(
                "This licence is on line %(line)s too.", line=first[key])))
        first.setdefault(key, row.line)


def _match_existing(rows):
    keys = {(row.clean["country"], row.clean["licence_number"]) for row in rows}
    if not keys:
        return
    found = {(a.country, a.licence_number): a for a in db.session.scalars(select(Agency).where(
        tuple_(Agency.country, Agency.licence_number).in_(keys)))}
    for row in rows:
        row.existing = found.get((row.clean["country"], row.clean["licence_number"]))
        if row.existing is not None:
            before = snapshot(row.existing)
            after = {**before, **_as_saved(row.clean)}
            row.changed = [name for name in before if before[name] != after[name]]


def _as_saved(values):
    expires = values.get("licence_expires_on")
    if "licence_expires_on" in values:
        values = {**values, "licence_expires_on": expires.isoformat() if expires else None}
    return values


def _serializer():
    return URLSafeTimedSerializer(current_app.secret_key, salt="agency-import")


def preview(data, actor):
    """(rows, signed batch): the batch to save when every line is right, else None."""
    rows = read_rows(data)
    if any(not row.ok for row in rows):
        return rows, None
    text = data.decode("utf-8-sig")
    return rows, _serializer().dumps({"by": actor.id, "token": secrets.token_urlsafe(16),
                                      "file": text})


def open_batch(batch, actor):
    """(file, token) of a signed batch made for this admin; BadBatch otherwise."""
    try:
        payload = _serializer().loads(batch or "", max_age=PREVIEW_KEPT_SECONDS)
    except BadSignature:
        raise BadBatch() from None
    if not isinstance(payload, dict) or payload.get("by") != actor.id:
        raise BadBatch()
    return payload["file"].encode("utf-8"), payload["token"]


def save(batch, actor):
    """Save every line of a previewed batch, or none: {"created": n, "updated": n}, or None
    when this batch was saved already (a second click, a reload)."""
    data, token = open_batch(batch, actor)
    # The first statement writes (a no-op on the admin's own row): SQLite takes its write
    # lock, PostgreSQL locks the row, so two saves of one batch run one after the other and
    # the second sees the first's audit events.
    db.session.execute(update(User).where(User.id == actor.id)
                       .values(session_version=User.session_version))
    if _saved_before(token, actor):
        db.session.rollback()
        return None
    try:
        rows = read_rows(data)
    except ImportRefused:
        db.session.rollback()
        raise
    if any(not row.ok for row in rows):
        db.session.rollback()
        raise RowsWrong(rows)
    summary = {"created": 0, "updated": 0}
    for row in rows:
        _save_row(row, actor, token, summary)
    db.session.commit()
    return summary


def _saved_before(token, actor):
    return db.session.scalar(select(AuditEvent.id).where(
        AuditEvent.action == "agency.imported", AuditEvent.actor_id == actor.id,
        AuditEvent.details["batch"].as_string() == token).limit(1)) is not None


def _save_row(row, actor, token, summary):
    if row.status == "same":
        return
    agency, before = row.existing, None
    if agency is None:
        agency = Agency(**{"address": "", "phone": "", "licence_expires_on": None,
                           **row.clean})
        db.session.add(agency)
        summary["created"] += 1
    else:
        now = snapshot(agency)
        before = {name: now[name] for name in row.changed}
        for name in row.changed:
            setattr(agency, name, row.clean[name])
        summary["updated"] += 1
    after = snapshot(agency)
    audit.record("agency.imported", agency, actor=actor, batch=token, line=row.line,
                 before=before, after=after if before is None else
                 {name: after[name] for name in row.changed})
