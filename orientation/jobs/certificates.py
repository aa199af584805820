"""A cohort's certificates in one PDF, printed as a job: WeasyPrint renders them in chunks
(progress after each), pypdf joins the chunks.

pypdf (py-pdf, pure Python, BSD, pinned already for the tests) joins finished PDFs page by
page without rendering again; WeasyPrint's own Document.copy would need every chunk's laid-out
pages in memory until the end. Each chunk embeds its own font subsets: the file is somewhat
larger than one render's, and no chunk holds more than CERTIFICATES_PER_CHUNK pages' layout."""

import io

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from orientation import audit
from orientation.certificates.render import pdf_of
from orientation.certificates.services import cohort_certificates
from orientation.extensions import db
from orientation.jobs import services as jobs
from orientation.models import Certificate, CertificateState, CohortMember, Job, JobKind, JobState
from orientation.models.base import utcnow

CERTIFICATES_PER_CHUNK = 20


def count(cohort_id):
    """How many certificates print_all would print now."""
    return db.session.scalar(
        select(func.count()).select_from(Certificate)
        .join(CohortMember, CohortMember.user_id == Certificate.user_id)
        .where(CohortMember.cohort_id == cohort_id, CohortMember.left_at.is_(None),
               Certificate.state == CertificateState.valid))


def start(cohort, actor):
    """The cohort's print job: the queued or running one, else a new one, queued.

    None when the cohort has no certificate yet. The unique active key makes a second POST
    (or a race of two) lead to the same job."""
    active = jobs.get_active(JobKind.certificates, cohort.id)
    if active is not None:
        return active
    total = count(cohort.id)
    if not total:
        return None
    forget_old()
    job = jobs.new_job(JobKind.certificates, cohort, actor, total)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return jobs.get_active(JobKind.certificates, cohort.id)
    jobs.enqueue(job)
    return job


def forget_old(cohort_id=None, keep_id=None):
    """Delete finished print jobs (and their PDFs) older than RESULT_KEPT; with a cohort, also
    every earlier finished one of that cohort but `keep_id` (a newer result replaces them)."""
    ended = Job.state.in_((JobState.done, JobState.failed))
    query = delete(Job).where(Job.kind == JobKind.certificates, ended)
    if cohort_id is None:
        db.session.execute(query.where(Job.finished_at < utcnow() - jobs.RESULT_KEPT))
    else:
        db.session.execute(query.where(Job.cohort_id == cohort_id, Job.id != keep_id))


def print_all(job):
    """Render the cohort's valid certificates in chunks; the joined PDF becomes the result."""
    certificates = cohort_certificates(job.cohort_id)
    if not certificates:  # revoked or moved away since the job was asked for
        raise jobs.JobFailed("no_certificates")
    if job.done or job.total != len(certificates):  # a retry starts again: nothing was kept
        job.done, job.total = 0, len(certificates)
        db.session.commit()
    parts = []
    for first, stop in jobs.chunks(0, len(certificates), CERTIFICATES_PER_CHUNK):
        parts.append(pdf_of(certificates[first:stop]))
        jobs.advance(job, stop)
        db.session.commit()
    forget_old(job.cohort_id, keep_id=job.id)
    jobs.finish(job, join(parts), f"certificates-{job.cohort_id}.pdf")
    db.session.commit()


def join(parts):
    """One PDF of the parts' pages, in order."""
    from pypdf import PdfWriter  # here: only the consumer joins PDFs (140 ms to import)

    writer = PdfWriter()
    for part in parts:
        writer.append(io.BytesIO(part))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def get_latest(cohort_id):
    """The cohort's latest print job (running, done or failed), or None."""
    return db.session.scalar(select(Job).where(
        Job.kind == JobKind.certificates, Job.cohort_id == cohort_id)
        .order_by(Job.id.desc()).limit(1))


def get_result(job):
    """The PDF of a finished print job still kept, or None."""
    if job.kind != JobKind.certificates or job.state != JobState.done or job.result is None:
        return None
    if job.finished_at < utcnow() - jobs.RESULT_KEPT:
        return None
    return job.result


def record_download(cohort, job, actor):
    """Audit that the cohort's certificates left the system as one PDF."""
    audit.record("cohort.certificates_downloaded", cohort, actor=actor,
                 centre_id=cohort.centre_id, job=job.id, certificates=job.total)
    db.session.commit()
