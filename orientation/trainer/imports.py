"""Importing trainees into a cohort from a spreadsheet's CSV: check every row, then save all
or nothing. New trainees get a code and a first PIN, printed on login cards."""

import csv
import io
import secrets
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from orientation import audit
from orientation.accounts import rules
from orientation.accounts import services as accounts
from orientation.extensions import db
from orientation.i18n import CODES
from orientation.learn import services as learning
from orientation.models import Role, User

COLUMNS = ("name", "latin_name", "phone", "language", "trainee_code")
MAX_BYTES = 1_000_000
MAX_ROWS = 2000
TEMPLATE = "name,latin_name,phone,language,trainee_code\r\nសុខ ចាន់ថា,SOK CHANTHA,012 345 678,km,\r\n"


class ImportRefused(ValueError):
    """The file cannot be read at all (encoding, size, header)."""


@dataclass
class Row:
    line: int
    values: dict
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    existing: User | None = None  # a trainee of the centre, to enrol rather than create

    @property
    def ok(self):
        return not self.errors


def read_csv(data):
    """The rows of an uploaded CSV file (UTF-8, with or without BOM), as dicts."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(_l("The file is too large (at most 1 MB)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(_l("Save the file as CSV UTF-8 and try again.")) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    if "name" not in header:
        raise ImportRefused(_l("The first line must name the columns, with at least: name."))
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise ImportRefused(_l("Unknown columns: %(columns)s. Use: %(known)s.",
                               columns=", ".join(unknown), known=", ".join(COLUMNS)))
    reader.fieldnames = header
    rows = []
    for number, raw in enumerate(reader, start=2):
        if None in raw:
            raise ImportRefused(_l("Line %(line)s has more cells than there are columns.",
                                   line=number))
        values = {key: (value or "").strip() for key, value in raw.items()}
        if any(values.values()):
            rows.append(Row(number, values))
        if len(rows) > MAX_ROWS:
            raise ImportRefused(_l("At most %(max)s trainees at once.", max=MAX_ROWS))
    if not rows:
        raise ImportRefused(_l("The file has no trainee."))
    return rows


def check_rows(rows, centre_id, region):
    """Fill each row's errors and warnings; cleaned values replace the typed ones."""
    codes = {rules.normalise_login(r.values.get("trainee_code", "")) for r in rows} - {""}
    known = {u.login_code: u for u in db.session.scalars(
        select(User).where(User.login_code.in_(codes)))} if codes else {}
    seen_codes = set()
    for row in rows:
        _check_row(row, known, seen_codes, region, centre_id)
    phones = [r.values["phone"] for r in rows if r.ok and r.values.get("phone")]
    taken = set(db.session.scalars(select(User.phone).where(User.phone.in_(phones)))) \
        if phones else set()
    repeated = {p for p in phones if phones.count(p) > 1}
    for row in rows:
        phone = row.values.get("phone")
        if row.ok and phone and (phone in taken or phone in repeated) and row.existing is None:
            row.warnings.append(_l("This phone is already used by another trainee "
                                   "(siblings may share one)."))
    return rows


def _check_row(row, known, seen_codes, region, centre_id):
    values = row.values
    for key, rule, args in (("name", rules.clean_name, ()),
                            ("latin_name", rules.clean_latin_name, ()),
                            ("phone", rules.clean_phone, (region,))):
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


def new_pin():
    return f"{secrets.randbelow(1_000_000):06d}"


def save(rows, cohort, actor):
    """Create or enrol every row in one transaction; returns [(user, pin or None)]."""
    if any(not row.ok for row in rows):
        raise ImportRefused(_l("Some lines have errors: nothing was saved."))
    cards = []
    pins = [new_pin() if row.existing is None else None for row in rows]
    hashes = iter(accounts.hash_secrets([pin for pin in pins if pin]))
    try:
        for row, pin in zip(rows, pins, strict=True):
            if row.existing is not None:
                user = row.existing
            else:
                user = accounts.create_user(
                    Role.trainee, row.values["name"], pin, latin_name=row.values["latin_name"],
                    phone=row.values["phone"], centre=cohort.centre,
                    preferred_locale=row.values["language"], actor=actor, commit=False,
                    secret_hash=next(hashes))
            learning.join_cohort(user, cohort, actor=actor, commit=False)
            cards.append((user, pin))
        audit.record("cohort.imported", cohort, actor=actor, centre_id=cohort.centre_id,
                     rows=len(rows), created=sum(1 for _, pin in cards if pin))
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return cards


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
