"""A trainer's view of a trainee's checklist: the same items and flags, the contract review
(a trainer's to confirm), and corrections of the trainee's answers.

The routes are the trainer blueprint's (/<lang>/trainer/...): they share its refusal of a
trainer without a centre, and its scope rule through the loaders below.
"""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from orientation.access import get_trainee_for_staff_or_404, role_required
from orientation.departure import services
from orientation.departure.forms import AS_BOOL, ChecklistForm, ContractForm, as_answer
from orientation.departure.pages import (
    checklist_page,
    contract_languages,
    fill_checklist,
    load_answers,
)
from orientation.forms import redisplays_form
from orientation.i18n import current_language
from orientation.learn.services import get_active_cohort_id
from orientation.models import Role
from orientation.timezones import local_today
from orientation.trainer import bp
from orientation.trainer.cohorts import get_cohort_for_trainer_or_404

STAFF = (Role.trainer, Role.admin)
PAGE = "/cohorts/<int:cohort_id>/trainees/<int:user_id>/departure"


def _trainee_or_404(cohort_id, user_id):
    """(cohort, trainee): the staff member's cohort and a trainee now in it; else 404."""
    cohort = get_cohort_for_trainer_or_404(current_user, cohort_id)
    user = get_trainee_for_staff_or_404(current_user, user_id)
    if get_active_cohort_id(user.id) != cohort.id:
        abort(404)
    return cohort, user


def load_review(form, departure, today):
    """The review on record (to correct it), else today's date."""
    reviewed = departure is not None and departure.contract_reviewed_on is not None
    form.reviewed_on.data = departure.contract_reviewed_on if reviewed else today
    if reviewed:
        form.language.data = departure.contract_language
        form.copy_kept.data = as_answer(departure.contract_copy_kept)


def _show(cohort, user, checklist=None, contract=None):
    page = checklist_page(user, current_language().code)
    departure = page["departure"]
    if checklist is None:
        checklist = ChecklistForm(prefix="c", formdata=None)
        fill_checklist(checklist, user)
        load_answers(checklist, departure)
    if contract is None:
        contract = ContractForm(prefix="r", formdata=None, today=local_today(user.centre))
        load_review(contract, departure, local_today(user.centre))
    contract.language.choices = contract_languages(departure.destination if departure
                                                   else None)
    return render_template("departure/trainee.html", cohort=cohort, trainee=user,
                           form=checklist, contract_form=contract, **page)


@bp.route(PAGE, methods=["GET", "POST"])
@role_required(*STAFF)
@redisplays_form
def departure(cohort_id, user_id):
    """The trainee's checklist; a POST corrects the trainee's answers."""
    cohort, user = _trainee_or_404(cohort_id, user_id)
    form = ChecklistForm(prefix="c")
    fill_checklist(form, user)
    if not form.validate_on_submit():
        return _show(cohort, user, checklist=form if form.is_submitted() else None)
    try:
        services.update_checklist(user, form.values(), current_user)
    except services.NotAllowed:
        abort(400)
    flash(_("Saved."), "ok")
    return redirect(url_for("trainer.departure", cohort_id=cohort.id, user_id=user.id), 303)


@bp.route(PAGE + "/contract", methods=["POST"])
@role_required(*STAFF)
@redisplays_form
def review_contract(cohort_id, user_id):
    """The trainer confirms reading the contract with the trainee (today or before)."""
    cohort, user = _trainee_or_404(cohort_id, user_id)
    form = ContractForm(prefix="r", today=local_today(user.centre))
    departure = services.get_departure(user.id)
    form.language.choices = contract_languages(departure.destination if departure else None)
    if not form.validate_on_submit():
        return _show(cohort, user, contract=form)
    services.review_contract(user, form.reviewed_on.data, form.language.data,
                             AS_BOOL[form.copy_kept.data], current_user)
    flash(_("Contract review saved."), "ok")
    return redirect(url_for("trainer.departure", cohort_id=cohort.id, user_id=user.id), 303)


@bp.route(PAGE + "/payments/<int:payment_id>/remove", methods=["POST"])
@role_required(*STAFF)
def remove_payment(cohort_id, user_id, payment_id):
    """A trainer removes a payment written down by mistake (audited, as the trainee's)."""
    cohort, user = _trainee_or_404(cohort_id, user_id)
    if not services.remove_payment(user, payment_id, current_user):
        abort(404)
    flash(_("Payment removed."), "ok")
    return redirect(url_for("trainer.departure", cohort_id=cohort.id, user_id=user.id,
                            _anchor="payments"), 303)
