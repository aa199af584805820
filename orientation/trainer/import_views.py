"""Trainer pages for importing trainees (check, save once, print cards) and PIN resets."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from orientation.access import get_trainee_for_staff_or_404, role_required
from orientation.auth.forms import phone_region
from orientation.i18n import current_language
from orientation.jobs import services as jobs
from orientation.models import ImportState, Role
from orientation.security import bounded_int
from orientation.trainer import bp, cohorts, import_batches, imports
from orientation.trainer.cards import cards_pdf
from orientation.trainer.exports import csv_text_response

STAFF = (Role.trainer, Role.admin)


@bp.route("/import-template.csv")
@role_required(*STAFF)
def import_template():
    return csv_text_response("trainees", imports.TEMPLATE)


@bp.route("/cohorts/<int:cohort_id>/import", methods=["GET", "POST"])
@role_required(*STAFF)
def import_trainees(cohort_id):
    """Upload; a file without errors becomes a batch whose page is its preview."""
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    rows, problem = None, None
    if request.method == "POST":
        upload = request.files.get("file")
        data = upload.read(imports.MAX_BYTES + 1) if upload else b""
        try:
            batch, rows = import_batches.check_file(cohort, current_user, data, phone_region())
        except imports.ImportRefused as refused:
            batch, problem = None, str(refused.args[0])
        if batch is not None:
            return redirect(url_for("trainer.import_batch", cohort_id=cohort.id,
                                    token=batch.token), code=303)
    return render_template("trainer/import.html", cohort=cohort, rows=rows, problem=problem,
                           batch=None, template_url=url_for("trainer.import_template"))


@bp.route("/cohorts/<int:cohort_id>/import/<token>")
@role_required(*STAFF)
def import_batch(cohort_id, token):
    """A batch's page: its preview until it is saved, then what the save did and its cards."""
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    batch = import_batches.get_batch_or_404(cohort, token)
    if batch.state == ImportState.saved:
        return render_template("trainer/import_saved.html", cohort=cohort, batch=batch,
                               saved=import_batches.get_saved(batch))
    job = jobs.get_batch_job(batch.id)
    if batch.state == ImportState.saving:
        return render_template("trainer/import_saving.html", cohort=cohort, batch=batch,
                               progress=jobs.get_progress(job))
    try:
        rows, problem = import_batches.get_preview(batch, phone_region()), None
    except imports.ImportRefused as refused:
        rows, problem = None, str(refused.args[0])
    return render_template("trainer/import.html", cohort=cohort, rows=rows, problem=problem,
                           batch=batch, saved_before=import_batches.get_saved_before(batch),
                           failed=jobs.get_progress(job) if job else None,
                           template_url=url_for("trainer.import_template"))


@bp.route("/cohorts/<int:cohort_id>/import/<token>/save", methods=["POST"])
@role_required(*STAFF)
def save_import(cohort_id, token):
    """Start saving a previewed batch once (a job); its page shows the progress, then what the
    save did. A second save queues nothing."""
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    batch = import_batches.get_batch_or_404(cohort, token)
    # Line numbers; anything else (such as "²", which str.isdigit() accepts) is left out.
    anyway = set(request.form.getlist("create_anyway", type=bounded_int))
    if not import_batches.save(batch, current_user, phone_region(), anyway):
        flash(_("This file was already saved: nothing was added again."), "info")
    return redirect(url_for("trainer.import_batch", cohort_id=cohort.id, token=token), code=303)


@bp.route("/cohorts/<int:cohort_id>/import/<token>/cards-<int:number>.pdf", methods=["POST"])
@role_required(*STAFF)
def import_cards(cohort_id, token, number):
    """One part of a saved batch's login cards; new PINs for those not logged in yet."""
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    batch = import_batches.get_batch_or_404(cohort, token)
    cards = import_batches.draw_cards(batch, number, current_user)
    if not cards:
        flash(_("Everyone on these cards has logged in already: no card to print."), "info")
        return redirect(url_for("trainer.import_batch", cohort_id=cohort.id, token=token),
                        code=303)
    return Response(cards_pdf(cards, current_language().code), mimetype="application/pdf",
                    headers={"Content-Disposition":
                             f'attachment; filename="login-cards-{cohort.id}-{number}.pdf"',
                             "Cache-Control": "no-store"})  # first PINs: a shared computer


@bp.route("/trainees/<int:user_id>/card", methods=["POST"])
@role_required(*STAFF)
def reprint_card(user_id):
    """A new login card: a new first PIN (the old one stops working), audited."""
    user = get_trainee_for_staff_or_404(current_user, user_id)
    if user.erased:  # a tombstone is no one: a card would give it a PIN
        abort(404)
    pin = imports.reset_pin(user, current_user)
    return Response(cards_pdf([(user, pin)], current_language().code),
                    mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="card-{user.id}.pdf"'})
