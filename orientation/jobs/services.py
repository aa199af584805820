"""A job's life: created queued, run by the consumer in chunks, done or failed, tried again.

Work functions (kind -> function(job)) commit each chunk with `advance`; `run` wraps them.
The queue is reached through the app (queue.init_app), so feature code that starts jobs does
not import the consumer's task list."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import abort, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from orientation.extensions import db
from orientation.models import Job, JobKind, JobState
from orientation.models.base import utcnow

# A queued or running job whose progress has not moved for this long has stopped (its
# consumer was killed or is not running): the page offers to try again.
STALLED_AFTER = timedelta(minutes=15)
# A finished job's result (the certificates PDF) is kept this long, or until a newer job of
# the same cohort replaces it (jobs.certificates.forget_old cleans both).
RESULT_KEPT = timedelta(days=7)

ERRORS = {
    "file_errors": _l("The file has errors now: nothing more was saved. Check it again."),
    "failed": _l("Something went wrong. What was saved is kept: try again."),
    "stalled": _l("This work has stopped. What was saved is kept: try again."),
    "no_certificates": _l("No certificate in this cohort yet."),
}


class JobFailed(Exception):
    """Work that cannot go on; `key` (of ERRORS) names what the page says."""

    def __init__(self, key):
        super().__init__(key)
        self.key = key


class Superseded(Exception):
    """Another run of the same job saved this chunk first: this run stops, saving nothing."""


def chunks(start, total, size):
    """The (first, stop) index pairs that cover start..total, `size` items at most each."""
    return [(first, min(first + size, total)) for first in range(start, total, size)]


def is_stalled(job, now):
    """Queued or running, but without progress for STALLED_AFTER."""
    return job.state in (JobState.queued, JobState.running) and \
        now - job.updated_at > STALLED_AFTER


def shown_state(job, now):
    """What the page shows: queued, running, done or failed (a stalled job has failed)."""
    return JobState.failed if is_stalled(job, now) else job.state


def error_message(job, now):
    """The translated reason a failed (or stalled) job gives, or None."""
    if is_stalled(job, now):
        return ERRORS["stalled"]
    return ERRORS.get(job.error or "failed") if job.state == JobState.failed else None


@dataclass
class Progress:
    """What a job's page shows: the job, its state as shown, and why it failed."""

    job: Job
    state: JobState
    message: str | None

    @property
    def refresh(self):
        """The page reloads itself while the job is queued or running."""
        return self.state in (JobState.queued, JobState.running)


def get_progress(job, now=None):
    now = now or utcnow()
    return Progress(job, shown_state(job, now), error_message(job, now))


def active_key(kind, cohort_id, batch_id=None):
    """One queued or running job per cohort and kind (per batch for imports)."""
    return f"{kind.value}:{batch_id}" if kind == JobKind.imports else f"{kind.value}:{cohort_id}"


def new_job(kind, cohort, actor, total, batch=None, params=None):
    """A queued job, added to the session (the caller commits, then enqueues)."""
    job = Job(token=secrets.token_urlsafe(24), kind=kind, centre_id=cohort.centre_id,
              cohort_id=cohort.id, requested_by=actor.id,
              import_batch_id=batch.id if batch else None, state=JobState.queued,
              active_key=active_key(kind, cohort.id, batch.id if batch else None),
              done=0, total=total, params=params or {})
    db.session.add(job)
    return job


def get_active(kind, cohort_id, batch_id=None):
    return db.session.scalar(select(Job).where(
        Job.active_key == active_key(kind, cohort_id, batch_id)))


def get_job_or_404(cohort, token):
    """The job with this token, only under the cohort it was made for (which is in scope)."""
    job = db.session.scalar(select(Job).where(Job.token == token))
    if job is None or job.cohort_id != cohort.id or job.centre_id != cohort.centre_id:
        abort(404)
    return job


def get_batch_job(batch_id):
    """The latest job that saved (or tries to save) an import batch."""
    return db.session.scalar(select(Job).where(Job.import_batch_id == batch_id)
                             .order_by(Job.id.desc()).limit(1))


def enqueue(job):
    """Hand a committed job to the queue (in immediate mode it runs now)."""
    current_app.extensions["orientation.jobs"].enqueue(job)


def retry(job):
    """Queue a failed or stalled job again; it continues from its last saved chunk.

    Returns the job to show: this one, or the cohort's other job queued meanwhile."""
    if job.state != JobState.failed and not is_stalled(job, utcnow()):
        return job
    if job.kind == JobKind.imports and job.error == "file_errors" and job.done == 0:
        return job  # its batch is a preview again: it is saved from there, or not at all
    job.state, job.error, job.updated_at = JobState.queued, None, utcnow()
    job.active_key = active_key(job.kind, job.cohort_id, job.import_batch_id)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return get_active(job.kind, job.cohort_id, job.import_batch_id) or job
    enqueue(job)
    return job


def run(job_id, work):
    """Run a job's work: running, then done or failed. A finished job is left alone."""
    job = db.session.get(Job, job_id)
    if job is None or job.state in (JobState.done, JobState.failed):
        return
    job.state, job.updated_at = JobState.running, utcnow()
    db.session.commit()
    try:
        work(job)
    except Superseded:
        db.session.rollback()
    except JobFailed as failed:
        _fail(job_id, failed.key)
    except Exception:
        current_app.logger.exception("job %s failed", job_id)
        _fail(job_id, "failed")


def _fail(job_id, key):
    db.session.rollback()
    job = db.session.get(Job, job_id)
    job.state, job.error, job.active_key = JobState.failed, key, None
    job.finished_at = job.updated_at = utcnow()
    db.session.commit()


def advance(job, done):
    """Record progress in the chunk's transaction; raise Superseded when another run of the
    same job recorded it first (the conditional UPDATE makes a chunk count once)."""
    moved = db.session.execute(
        update(Job).where(Job.id == job.id, Job.done == job.done,
                          Job.state == JobState.running)
        .values(done=done, updated_at=utcnow())
        .execution_options(synchronize_session=False)).rowcount == 1
    if not moved:
        raise Superseded
    set_committed_value(job, "done", done)  # as stored: no second UPDATE at flush


def finish(job, result=None, filename=None):
    """Done, in the last chunk's transaction; the result (a PDF) is kept with the job."""
    job.state, job.active_key, job.result, job.filename = JobState.done, None, result, filename
    job.finished_at = job.updated_at = utcnow()
