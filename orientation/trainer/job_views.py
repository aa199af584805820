"""Trainer pages for long work: a job's progress, its result (the certificates PDF), retry."""

from flask import Response, abort, redirect, render_template, url_for
from flask_login import current_user

from orientation.access import role_required
from orientation.extensions import db
from orientation.jobs import certificates as print_job
from orientation.jobs import services as jobs
from orientation.models import ImportBatch, JobKind, Role
from orientation.trainer import bp, cohorts

STAFF = (Role.trainer, Role.admin)


def _job_page(job):
    """Where a job shows its progress: an import's batch page, else the job's own page."""
    if job.kind == JobKind.imports:
        batch = db.session.get(ImportBatch, job.import_batch_id)
        return url_for("trainer.import_batch", cohort_id=job.cohort_id, token=batch.token)
    return url_for("trainer.job", cohort_id=job.cohort_id, token=job.token)


@bp.route("/cohorts/<int:cohort_id>/jobs/<token>")
@role_required(*STAFF)
def job(cohort_id, token):
    """Progress (the page reloads itself while the job runs), then the download or retry."""
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    found = jobs.get_job_or_404(cohort, token)
    if found.kind == JobKind.imports:
        return redirect(_job_page(found))
    return render_template("trainer/job.html", cohort=cohort, progress=jobs.get_progress(found),
                           ready=print_job.get_result(found) is not None)


@bp.route("/cohorts/<int:cohort_id>/jobs/<token>/result.pdf")
@role_required(*STAFF)
def job_result(cohort_id, token):
    """The finished job's PDF, while it is kept; each download is audited."""
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    found = jobs.get_job_or_404(cohort, token)
    pdf = print_job.get_result(found)
    if pdf is None:
        abort(404)
    print_job.record_download(cohort, found, current_user)
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{found.filename}"'})


@bp.route("/cohorts/<int:cohort_id>/jobs/<token>/retry", methods=["POST"])
@role_required(*STAFF)
def retry_job(cohort_id, token):
    """Try a failed (or stopped) job again; it goes on from its last saved chunk."""
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    found = jobs.retry(jobs.get_job_or_404(cohort, token))
    return redirect(_job_page(found), code=303)
