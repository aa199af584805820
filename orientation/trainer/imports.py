"""Importing trainees into a cohort from a spreadsheet's CSV: read and check every row.

A row is new, already here (a trainee of the centre with the same name, and the same phone or
birth date), named by its trainee code, or wrong. Saving (once, in import_batches) creates the
new ones and enrols the others; nobody gets a PIN before their login card is printed.
"""

import csv
import io
import secrets
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from orientation import audit
from orientation.accounts import rules
from orientation.accounts import services as accounts
from orientation.content.channels import ORIGINS
from orientation.extensions import db
from orientation.i18n import CODES
from orientation.learn import channels
from orientation.learn import services as learning
from orientation.models import Role, User
from orientation.models.base import utcnow
from orientation.trainer.import_rules import Person, read_birth_date, same_person

COLUMNS = ("name", "latin_name", "phone", "language", "trainee_code", "birth_date")
MAX_BYTES = 1_000_000
MAX_ROWS = 2000
TEMPLATE = ("name,latin_name,phone,language,trainee_code,birth_date\r\n"
            "សុខ ចាន់ថា,SOK CHANTHA,012 345 678,km,,31/03/2001\r\n")


class ImportRefused(ValueError):
    """The file cannot be read at all (encoding, size, header)."""


@dataclass
class Line:
    """A line of an imported file: its number, its cells by column, what is wrong with it."""

    line: int
    values: dict
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


@dataclass
class Row(Line):
    warnings: list = field(default_factory=list)
    existing: User | None = None  # named by its trainee code: enrolled, not created
    already_here: User | None = None  # the same person in the centre: not created again

    @property
    def status(self):
        """What saving will do with this row: error, code, already_here or new."""
        if self.errors:
            return "error"
        if self.existing is not None:
            return "code"
        return "already_here" if self.already_here is not None else "new"


@dataclass(frozen=True)
class Table:
    """What an imported file must hold, and the words that name its rows in messages.

    The trainee import and the agency import (orientation/agencies) read files alike:
    UTF-8 with or without BOM, comma, semicolon or tab, the same size and line checks."""

    columns: tuple
    required: tuple
    max_rows: int
    missing: object  # a required column is missing
    too_many: object  # more than max_rows lines
    nothing: object  # no line has a value
    max_bytes: int | None = None  # None: MAX_BYTES, read when a file comes
    too_large: object = _l("The file is too large (at most 1 MB).")


TRAINEES = Table(COLUMNS, ("name",), MAX_ROWS,
                 _l("The first line must name the columns, with at least: name."),
                 _l("At most %(max)s trainees at once.", max=MAX_ROWS),
                 _l("The file has no trainee."))


def read_csv(data):
    """The rows of an uploaded trainee file, as Rows."""
    return read_table(data, TRAINEES)


def read_table(data, table, row=Row):
    """The rows of an uploaded CSV file (UTF-8, with or without BOM) as `row`(line, values);
    raises ImportRefused when the file cannot be read as `table`."""
    text = _decode(data, table)
    # newline=None reads CR, LF and CRLF line ends alike (old Mac spreadsheets write CR).
    # strict: a quote left open is an error, not the rest of the file read as one cell.
    reader = csv.DictReader(io.StringIO(text, newline=None), delimiter=_delimiter(text),
                            strict=True)
    try:
        rows = _read_rows(reader, table, row)
    except csv.Error as error:
        line = reader.reader.line_num  # DictReader's own count stops at the last good row
        if "field larger than field limit" in str(error):
            raise ImportRefused(_l("Line %(line)s has a cell that is too long.",
                                   line=line)) from None
        raise ImportRefused(_l("Line %(line)s cannot be read. Save the file as CSV UTF-8 "
                               "and try again.", line=line)) from None
    if not rows:
        raise ImportRefused(table.nothing)
    return rows


def _delimiter(text):
    """Comma, or the semicolon or tab that spreadsheets set to some languages write."""
    header = text.splitlines()[0] if text.strip() else ""
    counts = {mark: header.count(mark) for mark in ",;\t"}
    best = max(counts, key=counts.get)  # a tie keeps the comma
    return best if counts[best] else ","


def _decode(data, table):
    if not data.strip():
        raise ImportRefused(_l("The file is empty."))
    if len(data) > (table.max_bytes or MAX_BYTES):
        raise ImportRefused(table.too_large)
    if b"\0" in data:  # spreadsheets (.xlsx), pictures and other binary files
        raise ImportRefused(_l("This is not a CSV file. In your spreadsheet, choose "
                               "Save as, then CSV UTF-8."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(_l("Save the file as CSV UTF-8 and try again.")) from None


def _read_rows(reader, table, row):
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    if any(name not in header for name in table.required):
        raise ImportRefused(table.missing)
    twice = sorted({name for name in header if header.count(name) > 1})
    if twice:  # the last cell of the column would win, and the other be lost unseen
        raise ImportRefused(_l("The first line names a column twice: %(columns)s.",
                               columns=", ".join(twice)))
    unknown = [name for name in header if name not in table.columns]
    if unknown:
        raise ImportRefused(_l("Unknown columns: %(columns)s. Use: %(known)s.",
                               columns=", ".join(unknown), known=", ".join(table.columns)))
    reader.fieldnames = header
    rows = []
    for number, raw in enumerate(reader, start=2):
        if None in raw:
            raise ImportRefused(_l("Line %(line)s has more cells than there are columns.",
                                   line=number))
        values = {key: (value or "").strip() for key, value in raw.items()}
        if any(values.values()):
            rows.append(row(number, values))
        if len(rows) > table.max_rows:
            raise ImportRefused(table.too_many)
    return rows


def check_rows(rows, centre_id, region, country=None, destination=None, today=None):
    """Fill each row's errors, warnings and matches; cleaned values replace the typed ones.

    A phone without +country code is read in the centre's `country`, then in the country of
    the row's language; `region` (the page's) only when the centre has no country. A row
    whose trainee comes from where `destination` (the cohort's) has no legal channel is an
    error: new trainees come from the centre's country. A birth date is checked against
    `today` (default: today in UTC)."""
    today = today or utcnow().date()
    codes = {rules.normalise_login(r.values.get("trainee_code", "")) for r in rows} - {""}
    known = {u.login_code: u for u in db.session.scalars(
        select(User).where(User.login_code.in_(codes)))} if codes else {}
    seen_codes = set()
    for row in rows:
        _check_row(row, known, seen_codes, _phone_regions(row, region, country), centre_id,
                   today)
    _refuse_same_person_twice([r for r in rows if r.ok and r.existing is None])
    _find_already_here([r for r in rows if r.ok and r.existing is None], centre_id)
    _check_channels([r for r in rows if r.ok], country, destination)
    _warn_shared_phones(rows, centre_id)
    return rows


def _check_channels(rows, country, destination):
    for row in rows:
        user = row.existing or row.already_here
        origin = channels.trainee_origin(user) if user else (
            country if country in ORIGINS else None)
        try:
            channels.check_channel(origin, destination)
        except channels.NoChannel as refused:
            row.errors.append(refused.message(row.values["name"]))


def _phone_regions(row, region, country):
    hint = current_app.config["PHONE_REGIONS"].get(row.values.get("language", "").lower())
    return [r for r in dict.fromkeys((country, hint, None if country else region)) if r]


def _check_row(row, known, seen_codes, regions, centre_id, today):
    values = row.values
    for key, rule, args in (("name", rules.clean_name, ()),
                            ("latin_name", rules.clean_latin_name, ()),
                            ("phone", rules.clean_phone, (regions,)),
                            ("birth_date", read_birth_date, (today,))):
        try:
            values[key] = rule(values.get(key, ""), *args)
        except ValueError as error:
            row.errors.append(error.args[0])
    language = values.get("language", "").lower()
    if language and language not in CODES:
        row.errors.append(_l("Unknown language %(code)s: use km, lo, vi, zh or en.",
                             code=language))
    values["language"] = language or None
    code = rules.normalise_login(values.get("trainee_code", ""))
    if code:
        user = known.get(code)
        if user is None or user.role != Role.trainee or user.centre_id != centre_id:
            row.errors.append(_l("No trainee of your centre has the code %(code)s.",
                                 code=rules.format_code(code)))
        elif code in seen_codes:
            row.errors.append(_l("This trainee code is on two lines."))
        else:
            row.existing = user
        seen_codes.add(code)


def _person(row):
    values = row.values
    return Person(values["name"], values.get("phone"), values.get("birth_date"))


def _same_as(person, known):
    """What `known` ({name: [(Person, what)]}) holds for the first same person, or None."""
    return next((what for other, what in known.get(person.name, ())
                 if same_person(person, other)), None)


def _refuse_same_person_twice(rows):
    """A line that is the same person as an earlier line of the file (import_rules.same_person)
    is an error, as a trainee code on two lines is: the trainer says which line is right."""
    earlier = {}
    for row in rows:
        person = _person(row)
        first = _same_as(person, earlier)
        if first is None:
            earlier.setdefault(person.name, []).append((person, row.line))
        else:
            row.errors.append(_l("Same person as line %(line)s (same name, and same phone or "
                                 "birth date).", line=first))


def _find_already_here(rows, centre_id):
    """A row is already here when a trainee of the centre is the same person (same name, and
    the same phone or birth date): re-sending a file creates nobody twice. The oldest such
    trainee is the one named."""
    names = {row.values["name"] for row in rows}
    if not names:
        return
    found = {}
    for user in db.session.scalars(select(User).where(
            User.centre_id == centre_id, User.role == Role.trainee,
            User.display_name.in_(names)).order_by(User.id)):
        found.setdefault(user.display_name, []).append(
            (Person(user.display_name, user.phone, user.birth_date), user))
    for row in rows:
        row.already_here = _same_as(_person(row), found)


def _warn_shared_phones(rows, centre_id):
    """A phone that another trainee of the same centre has, or that two lines share."""
    phones = [r.values["phone"] for r in rows if r.ok and r.values.get("phone")]
    taken = set(db.session.scalars(select(User.phone).where(
        User.phone.in_(phones), User.centre_id == centre_id,
        User.role == Role.trainee))) if phones else set()
    repeated = {p for p in phones if phones.count(p) > 1}
    for row in rows:
        phone = row.values.get("phone")
        if row.status == "new" and phone and (phone in taken or phone in repeated):
            row.warnings.append(_l("This phone is already used by another trainee "
                                   "(siblings may share one)."))


def add_rows(rows, cohort, actor, create_anyway=frozenset()):
    """Create the new rows' trainees and enrol every row in the cohort, without committing.

    Rows already here are enrolled, unless their line is in `create_anyway`. Returns
    (created users, {"created": n, "already_here": n, "by_code": n})."""
    if any(not row.ok for row in rows):
        raise ImportRefused(_l("Some lines have errors: nothing was saved."))
    created, summary = [], {"created": 0, "already_here": 0, "by_code": 0}
    # New trainees get their PIN from a login card, after the save. Until then they share
    # the hash of a random secret that nobody keeps: no PIN matches it, none is stored
    # readable, and a login tried on them takes as long as on anyone else.
    no_pin_yet = accounts.hash_secret(secrets.token_urlsafe(32))
    for row in rows:
        user = row.existing or (None if row.line in create_anyway else row.already_here)
        if user is None:
            user = accounts.create_user(
                Role.trainee, row.values["name"], None, latin_name=row.values["latin_name"],
                phone=row.values["phone"], centre=cohort.centre,
                preferred_locale=row.values["language"], actor=actor, commit=False,
                secret_hash=no_pin_yet, birth_date=row.values.get("birth_date"))
            created.append(user)
            summary["created"] += 1
        else:
            summary["by_code" if row.existing else "already_here"] += 1
        try:
            learning.join_cohort(user, cohort, actor=actor, commit=False)
        except channels.NoChannel as refused:  # checked before; a line made anyway: refuse
            raise ImportRefused(refused.message(row.values["name"])) from None
    return created, summary


def new_pin():
    return f"{secrets.randbelow(1_000_000):06d}"


def reset_pin(user, actor):
    """A new first PIN for a trainee (a reprinted login card), audited."""
    pin = new_pin()
    accounts.set_secret(user, pin)  # the old card's sessions end too
    audit.record("user.pin_reset", user, actor=actor, centre_id=user.centre_id)
    db.session.commit()
    return pin


def centre_trainee_count(centre_id):
    return db.session.scalar(select(func.count()).select_from(User).where(
        User.centre_id == centre_id, User.role == Role.trainee))
