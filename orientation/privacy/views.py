"""A trainee's "Data and erasure" page: export everything, or erase them, on their request.

Admins and trainers of the trainee's centre only (another centre's trainer gets 404, as on
every trainee page); each action needs the trainee's login code typed again."""

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from orientation.access import get_trainee_for_staff_or_404, role_required
from orientation.certificates.services import NotAllowed
from orientation.forms import redisplays_form
from orientation.learn.services import get_active_cohort_id
from orientation.models import Role
from orientation.privacy import bp, services
from orientation.privacy.forms import EraseForm, ExportForm

STAFF = (Role.trainer, Role.admin)


def _page(trainee, export_form=None, erase_form=None):
    return render_template(
        "privacy/page.html", trainee=trainee, cohort_id=get_active_cohort_id(trainee.id),
        export_form=export_form or ExportForm(trainee, prefix="export", formdata=None),
        erase_form=erase_form or EraseForm(trainee, prefix="erase", formdata=None))


def _back_if_erased(trainee):
    """None, or the page again with a message when the trainee was erased already."""
    if not trainee.erased:
        return None
    flash(_("This trainee's data was erased already."), "error")
    return redirect(url_for("privacy.page", user_id=trainee.id), code=303)


@bp.route("/trainees/<int:user_id>/data")
@role_required(*STAFF)
def page(user_id):
    return _page(get_trainee_for_staff_or_404(current_user, user_id))


@bp.route("/trainees/<int:user_id>/data/export", methods=["POST"])
@role_required(*STAFF)
@redisplays_form
def export(user_id):
    """The zip of everything stored about the trainee (audited)."""
    trainee = get_trainee_for_staff_or_404(current_user, user_id)
    form = ExportForm(trainee, prefix="export")
    if refused := _back_if_erased(trainee):
        return refused
    if not form.validate_on_submit():
        return _page(trainee, export_form=form)
    archive = services.export(trainee, current_user)
    return Response(archive, mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="trainee-{trainee.id}-data.zip"'})


@bp.route("/trainees/<int:user_id>/data/erase", methods=["POST"])
@role_required(*STAFF)
@redisplays_form
def erase(user_id):
    """Erase the trainee's personal data (audited); their certificates only if ticked."""
    trainee = get_trainee_for_staff_or_404(current_user, user_id)
    form = EraseForm(trainee, prefix="erase")
    if refused := _back_if_erased(trainee):
        return refused
    if not form.validate_on_submit():
        return _page(trainee, erase_form=form)
    try:
        pseudonym = services.erase(trainee, current_user, revoke=form.revoke.data,
                                   reason=_("Withdrawn: the holder asked for their data "
                                            "to be erased."))
    except services.ImportBeingSaved:
        flash(_("A file that names this trainee is being imported. Erase when the import "
                "has finished."), "error")
        return _page(trainee, erase_form=form)
    except NotAllowed:
        flash(_("Another centre issued some of their certificates: only an admin can revoke "
                "them. Nothing was erased."), "error")
        return _page(trainee, erase_form=form)
    flash(_("Erased. The account is now called %(name)s.", name=pseudonym), "info")
    return redirect(url_for("privacy.page", user_id=trainee.id), code=303)
