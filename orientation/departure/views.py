"""The trainee's departure checklist: their answers, their payments."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from orientation.access import role_required
from orientation.departure import bp, services
from orientation.departure.forms import ChecklistForm, PaymentForm
from orientation.departure.pages import (
    checklist_page,
    fill_categories,
    fill_checklist,
    load_answers,
)
from orientation.forms import redisplays_form
from orientation.i18n import current_language
from orientation.models import Role
from orientation.timezones import local_today


def checklist_form(posted):
    form = ChecklistForm(prefix="c") if posted else ChecklistForm(prefix="c", formdata=None)
    fill_checklist(form, current_user)
    return form


def payment_form(posted):
    today = local_today(current_user.centre)
    form = PaymentForm(prefix="p", today=today) if posted else \
        PaymentForm(prefix="p", formdata=None, today=today)
    fill_categories(form, current_language().code)
    return form


def _show(checklist=None, payment=None):
    """The page, with the form that was posted (and its errors) kept as it was."""
    page = checklist_page(current_user, current_language().code)
    if checklist is None:
        checklist = checklist_form(False)
        load_answers(checklist, page["departure"])
    payment = payment or payment_form(False)
    if not payment.errors:
        payment.request_token.data = services.new_request_token()
    return render_template("departure/checklist.html", form=checklist, payment_form=payment,
                           **page)


@bp.route("/departure", methods=["GET", "POST"])
@role_required(Role.trainee)
@redisplays_form
def checklist():
    form = checklist_form(True)
    if not form.validate_on_submit():
        return _show(checklist=form if form.is_submitted() else None)
    try:
        services.update_checklist(current_user, form.values(), current_user)
    except services.NotAllowed:
        abort(400)  # the form checks every choice: only a forged request gets here
    flash(_("Saved."), "ok")
    return redirect(url_for("departure.checklist"), code=303)


@bp.route("/departure/payments", methods=["POST"])
@role_required(Role.trainee)
@redisplays_form
def add_payment():
    form = payment_form(True)
    if not form.validate_on_submit():
        return _show(payment=form)
    if services.add_payment(current_user, form.values(), form.request_token.data,
                            current_user) is None:
        abort(400)
    flash(_("Payment saved."), "ok")
    return redirect(url_for("departure.checklist", _anchor="payments"), code=303)


@bp.route("/departure/payments/<int:payment_id>/remove", methods=["POST"])
@role_required(Role.trainee)
def remove_payment(payment_id):
    if not services.remove_payment(current_user, payment_id, current_user):
        abort(404)
    flash(_("Payment removed."), "ok")
    return redirect(url_for("departure.checklist", _anchor="payments"), code=303)
