"""Staff set where a trainee comes from: it decides which cohorts they may join."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from orientation.access import get_trainee_for_staff_or_404, role_required
from orientation.learn import channels
from orientation.learn import services as learning
from orientation.learn.forms import TraineeOriginForm, chose_nothing
from orientation.learn.names import ORIGIN_NAMES
from orientation.models import Role
from orientation.trainer import bp


@bp.route("/trainees/<int:user_id>/origin", methods=["GET", "POST"])
@role_required(Role.trainer, Role.admin)
def trainee_origin(user_id):
    """A trainee's origin, for a trainer of their centre or an admin (audited)."""
    trainee = get_trainee_for_staff_or_404(current_user, user_id)
    if request.method == "GET":
        form = TraineeOriginForm(origin=channels.origin_of(trainee))
    else:  # no default: a post without an origin is "Choose one" left selected
        form = TraineeOriginForm(formdata=request.form)
        if form.validate():
            try:
                if learning.set_origin(trainee, form.origin.data, actor=current_user):
                    flash(_("Saved: %(name)s comes from %(origin)s.", name=trainee.display_name,
                            origin=ORIGIN_NAMES[form.origin.data]), "info")
                return redirect(url_for("trainer.trainee_origin", user_id=trainee.id), code=303)
            except channels.NoChannel as refused:
                flash(refused.origin_message(), "error")
        elif not chose_nothing(form):
            abort(400)  # a code nobody offered: tampered
    return render_template("trainer/origin.html", trainee=trainee, form=form,
                           cohort_id=learning.get_active_cohort_id(trainee.id))
