"""An import's life: a checked file becomes a batch with a token; saving it happens once, as
a job, in chunks; login cards are drawn afterwards, in bounded parts, for trainees who have
not logged in (on the trainer's POST, with new PINs: a card PDF is never stored, since it
holds first PINs in clear)."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import abort
from sqlalchemy import delete, select, update

from orientation import audit
from orientation.accounts import services as accounts
from orientation.extensions import db
from orientation.jobs import services as jobs
from orientation.models import Centre, ImportBatch, ImportState, Job, JobKind, Role, User
from orientation.models.base import utcnow
from orientation.trainer import imports

# At most this many cards (25 A4 pages) per PDF, so that one download takes seconds and
# little memory whatever the cohort's size.
CARDS_PER_PDF = 200
# Rows saved per transaction: SQLite holds its write lock for one chunk, not a whole import.
ROWS_PER_CHUNK = 100
# A preview nobody saved is forgotten after a day (it holds names and phones).
PREVIEW_KEPT = timedelta(days=1)


def check_file(cohort, actor, data, region):
    """Read and check an uploaded file; when every row is right, keep it as a batch to save.

    Returns (batch or None, rows); raises imports.ImportRefused for an unreadable file."""
    rows = _rows(cohort, data, region)
    if any(not row.ok for row in rows):
        return None, rows
    forgotten = select(ImportBatch.id).where(ImportBatch.state == ImportState.previewed,
                                             ImportBatch.created_at < utcnow() - PREVIEW_KEPT)
    # A preview again after a failed save still has that job: it goes with the batch.
    db.session.execute(delete(Job).where(Job.import_batch_id.in_(forgotten)))
    db.session.execute(delete(ImportBatch).where(ImportBatch.id.in_(forgotten)))
    batch = ImportBatch(token=secrets.token_urlsafe(24), cohort=cohort,
                        centre_id=cohort.centre_id, trainer_id=actor.id,
                        state=ImportState.previewed, content=data,
                        sha256=hashlib.sha256(data).hexdigest())
    db.session.add(batch)
    db.session.commit()
    return batch, rows


def _rows(cohort, data, region):
    return imports.check_rows(imports.read_csv(data), cohort.centre_id, region,
                              country=cohort.centre.country,
                              destination=cohort.programme.destination)


def get_batch_or_404(cohort, token):
    """The batch with this token, only for the cohort it was made for (which is in scope)."""
    batch = db.session.scalar(select(ImportBatch).where(ImportBatch.token == token))
    if batch is None or batch.cohort_id != cohort.id or batch.centre_id != cohort.centre_id:
        abort(404)
    return batch


def get_preview(batch, region):
    """The rows of a batch not saved yet, checked again against today's trainees."""
    return _rows(batch.cohort, batch.content, region)


def get_saved_before(batch):
    """An earlier saved batch of the same centre with the very same file, or None."""
    return db.session.scalar(select(ImportBatch).where(
        ImportBatch.centre_id == batch.centre_id, ImportBatch.sha256 == batch.sha256,
        ImportBatch.state == ImportState.saved, ImportBatch.id != batch.id)
        .order_by(ImportBatch.saved_at.desc()).limit(1))


def save(batch, actor, region, create_anyway=frozenset()):
    """Start saving a previewed batch, once: True when this call queued the job that saves
    it, False when it was claimed already (a second click, a reload, a race); then nothing
    changes and nothing is queued.

    The conditional UPDATE (previewed -> saving) claims the batch in the transaction that
    creates the job; the job (save_rows) then saves the rows in chunks."""
    claimed = db.session.execute(
        update(ImportBatch).where(ImportBatch.id == batch.id,
                                  ImportBatch.state == ImportState.previewed)
        .values(state=ImportState.saving)).rowcount == 1
    if not claimed:
        db.session.rollback()
        return False
    db.session.refresh(batch, ["state"])
    try:
        total = len(imports.read_csv(batch.content))
    except imports.ImportRefused:
        total = 0  # the job finds it unreadable and says so
    job = jobs.new_job(JobKind.imports, batch.cohort, actor, total, batch=batch,
                       params={"region": region, "create_anyway": sorted(create_anyway)})
    db.session.commit()
    jobs.enqueue(job)
    return True


def save_rows(job):
    """The import job: ROWS_PER_CHUNK rows per transaction, each committing its trainees with
    the batch's created ids and the job's progress. The first chunk checks every row (nothing
    is saved when one is wrong); a retry continues after the last committed chunk, so nobody
    is created twice."""
    batch = db.session.get(ImportBatch, job.import_batch_id)
    actor = db.session.get(User, job.requested_by)
    for first, stop in jobs.chunks(job.done, job.total, ROWS_PER_CHUNK):
        _save_chunk(job, batch, first, stop, actor)
    if job.total == 0:  # the file could not be read when the save started
        _refuse(job, batch)


def _save_chunk(job, batch, first, stop, actor):
    # PostgreSQL: the centre's row is locked, so two batches of the same file do not both
    # create; SQLite: the progress UPDATE is the first write and takes the database's lock.
    # Either way the rows are matched against the trainees saved now, under that lock.
    db.session.execute(select(Centre.id).where(Centre.id == batch.centre_id).with_for_update())
    jobs.advance(job, stop)
    try:
        rows = _checked(batch, job.params.get("region"), first, stop)
        created, summary = imports.add_rows(rows, batch.cohort, actor,
                                            set(job.params.get("create_anyway", ())))
    except imports.ImportRefused:
        _refuse(job, batch)
    db.session.flush()
    batch.created_user_ids = [*batch.created_user_ids, *(user.id for user in created)]
    batch.summary = {key: (batch.summary or {}).get(key, 0) + value
                     for key, value in summary.items()}
    if stop == job.total:
        batch.state, batch.saved_at = ImportState.saved, utcnow()
        batch.content = b""  # the trainees are in the database now; the file goes
        audit.record("cohort.imported", batch.cohort, actor=actor,
                     centre_id=batch.centre_id, rows=job.total, batch=batch.id,
                     **batch.summary)
        jobs.finish(job)
    db.session.commit()


def _checked(batch, region, first, stop):
    """The rows first..stop, checked and matched now; the first chunk checks the whole file."""
    lines = imports.read_csv(batch.content)
    rows = imports.check_rows(lines if first == 0 else lines[first:stop], batch.centre_id,
                              region, country=batch.cohort.centre.country,
                              destination=batch.cohort.programme.destination)
    if any(not row.ok for row in rows):
        raise imports.ImportRefused("a row is wrong")
    return rows[first:stop] if first == 0 else rows


def _refuse(job, batch):
    """Stop on a wrong row; before any chunk was saved the batch is a preview again."""
    db.session.rollback()
    if job.done == 0:
        batch.state = ImportState.previewed  # the trainer sees the preview and its errors
        db.session.commit()
    raise jobs.JobFailed("file_errors")


@dataclass
class CardPart:
    """One downloadable PDF of login cards: the batch's new trainees first to last."""

    number: int
    first: int
    last: int


@dataclass
class SavedImport:
    """What a saved batch did and which login cards can still be drawn."""

    summary: dict
    parts: list
    logged_in: list  # new trainees who have logged in: no card, their PIN is theirs


def get_saved(batch):
    """The result page's facts for a saved batch."""
    ids = batch.created_user_ids
    parts = [CardPart(n, start + 1, min(start + CARDS_PER_PDF, len(ids)))
             for n, start in enumerate(range(0, len(ids), CARDS_PER_PDF), start=1)]
    logged_in = db.session.scalars(select(User).where(
        User.id.in_(ids), User.last_login_at.is_not(None)).order_by(User.display_name)).all() \
        if ids else []
    return SavedImport(batch.summary, parts, list(logged_in))


def draw_cards(batch, number, actor):
    """New first PINs for one part of a saved batch's new trainees who have not logged in
    yet, audited and committed before any card is drawn: [(user, pin)] in file order.

    Drawing again (a lost download) gives new PINs; the earlier cards stop working."""
    if batch.state != ImportState.saved or number < 1:
        abort(404)
    ids = batch.created_user_ids[(number - 1) * CARDS_PER_PDF:number * CARDS_PER_PDF]
    if not ids:
        abort(404)
    found = {user.id: user for user in db.session.scalars(select(User).where(
        User.id.in_(ids), User.centre_id == batch.centre_id, User.role == Role.trainee,
        User.active, User.last_login_at.is_(None)))}
    users = [found[i] for i in ids if i in found]
    pins = [imports.new_pin() for _ in users]
    for user, secret_hash in zip(users, accounts.hash_secrets(pins), strict=True):
        user.password_hash = secret_hash
        audit.record("user.pin_reset", user, actor=actor, centre_id=user.centre_id,
                     batch=batch.id, reason="login cards")
    db.session.commit()
    return list(zip(users, pins, strict=True))
