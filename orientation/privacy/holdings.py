"""Where a trainee's data sits beyond the rows that carry their id: the values that name
them, import files that list them, and the jobs that hold them. Export and erasure read
the same answers."""

import csv
import io
import re

import phonenumbers
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import defer

from orientation.accounts import rules
from orientation.extensions import db
from orientation.models import Certificate, CohortMember, ImportBatch, Job, JobKind, JobState

# Shorter values (a one-letter name) are only replaced where a whole text equals them, never
# inside other words.
MIN_INSIDE = 3


def personal_values(user):
    """The texts that name this person: name, Latin name, phone, login code (stored and as
    printed), and the names printed on their certificates (a corrected name's old form too)."""
    values = {user.display_name, user.latin_name, user.phone, user.login_code,
              rules.format_code(user.login_code)}
    for snapshot in db.session.scalars(select(Certificate.snapshot).where(
            Certificate.user_id == user.id)):
        values.update((snapshot or {}).get(key) for key in ("name", "latin_name"))
    return {value for value in values if isinstance(value, str) and value.strip()}


def cohort_ids_of(user):
    """Every cohort the trainee was ever a member of."""
    return set(db.session.scalars(select(CohortMember.cohort_id).where(
        CohortMember.user_id == user.id)))


def _national_digits(phone):
    """The digits of a phone number without its country code, as a file may write it."""
    return str(phonenumbers.parse(phone).national_number) if phone else None


def _is_phone(cell, national):
    digits = re.sub(r"\D", "", rules.to_ascii_digits(cell))
    return bool(national) and len(national) >= 6 and digits.endswith(national)


def _names_them(cells, user):
    """Does this row of an import file name the trainee (a cell equal to their name, Latin
    name, code or phone, written any usual way)? Whole cells only: another person whose
    name contains theirs is not them."""
    names = {value.casefold() for value in (user.display_name, user.latin_name) if value}
    national = _national_digits(user.phone)
    return any(cell.strip().casefold() in names or _is_phone(cell, national)
               or rules.normalise_login(cell) == user.login_code for cell in cells if cell)


def _rows(content):
    text = (content or b"").decode("utf-8-sig", errors="replace")
    return list(csv.reader(io.StringIO(text, newline=None)))


def lines_about(batch, user):
    """The rows of an import file that name the trainee (the header is not one of them)."""
    return [row for row in _rows(batch.content)[1:] if _names_them(row, user)]


def without_lines_about(batch, user):
    """The file with the trainee's rows taken out, as CSV bytes; None when no row is left."""
    header, *rows = _rows(batch.content) or [[]]
    kept = [row for row in rows if not _names_them(row, user)]
    if not kept:
        return None
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *kept])
    return out.getvalue().encode()


def import_batches_of(user, cohort_ids):
    """Import batches that created the trainee, or whose file (kept until it is saved)
    names them: those of their cohorts and of their centre."""
    where = [ImportBatch.cohort_id.in_(cohort_ids)]
    if user.centre_id is not None:
        where.append(ImportBatch.centre_id == user.centre_id)
    batches = db.session.scalars(select(ImportBatch).where(or_(*where))
                                 .order_by(ImportBatch.id))
    return [batch for batch in batches
            if user.id in (batch.created_user_ids or []) or lines_about(batch, user)]


def jobs_of(batch_ids, cohort_ids):
    """Jobs that hold the trainee: the imports that saved them, and their cohorts' finished
    print jobs (the PDF kept with the job has their certificate)."""
    printed = and_(Job.kind == JobKind.certificates, Job.cohort_id.in_(cohort_ids),
                   Job.state == JobState.done, Job.result.is_not(None))
    return list(db.session.scalars(select(Job).options(defer(Job.result)).where(
        or_(Job.import_batch_id.in_(batch_ids), printed)).order_by(Job.id)))
