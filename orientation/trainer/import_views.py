"""Trainer pages for importing trainees, login cards and PIN resets."""

import base64
import binascii

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from orientation.access import get_trainee_for_staff_or_404, role_required
from orientation.auth.forms import phone_region
from orientation.i18n import current_language
from orientation.models import Role
from orientation.trainer import bp, cohorts, imports
from orientation.trainer.cards import cards_pdf

STAFF = (Role.trainer, Role.admin)


def _checked(cohort, data):
    rows = imports.read_csv(data)
    return imports.check_rows(rows, cohort.centre_id, phone_region())


@bp.route("/import-template.csv")
@role_required(*STAFF)
def import_template():
    return Response("\ufeff" + imports.TEMPLATE, mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="trainees.csv"'})


@bp.route("/cohorts/<int:cohort_id>/import", methods=["GET", "POST"])
@role_required(*STAFF)
def import_trainees(cohort_id):
    """Upload, then a preview of every row; nothing is saved here."""
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    rows, problem, data = None, None, b""
    if request.method == "POST":
        upload = request.files.get("file")
        data = upload.read(imports.MAX_BYTES + 1) if upload else b""
        try:
            rows = _checked(cohort, data)
        except imports.ImportRefused as refused:
            problem = str(refused.args[0])
    return render_template("trainer/import.html", cohort=cohort, rows=rows, problem=problem,
                           payload=base64.b64encode(data).decode() if rows else "",
                           template_url=url_for("trainer.import_template"))


@bp.route("/cohorts/<int:cohort_id>/import/save", methods=["POST"])
@role_required(*STAFF)
def save_import(cohort_id):
    """Save every previewed row, or nothing; the answer is the login cards to print."""
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    try:
        data = base64.b64decode(request.form.get("payload", ""), validate=True)
        rows = _checked(cohort, data)
        cards = imports.save(rows, cohort, current_user)
    except (imports.ImportRefused, binascii.Error):
        flash(_("The file changed or has errors: nothing was saved. Upload it again."),
              "error")
        return redirect(url_for("trainer.import_trainees", cohort_id=cohort.id))
    new_cards = [(user, pin) for user, pin in cards if pin]
    if not new_cards:
        flash(_("Saved: every trainee was already known and is now in this cohort."), "info")
        return redirect(url_for("trainer.cohort", cohort_id=cohort.id))
    return Response(cards_pdf(new_cards, current_language().code), mimetype="application/pdf",
                    headers={"Content-Disposition":
                             f'attachment; filename="login-cards-{cohort.id}.pdf"'})


@bp.route("/trainees/<int:user_id>/card", methods=["POST"])
@role_required(*STAFF)
def reprint_card(user_id):
    """A new login card: a new first PIN (the old one stops working), audited."""
    user = get_trainee_for_staff_or_404(current_user, user_id)
    pin = imports.reset_pin(user, current_user)
    return Response(cards_pdf([(user, pin)], current_language().code),
                    mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="card-{user.id}.pdf"'})
