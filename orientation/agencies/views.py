"""Admin pages: the agency list per licensing country, an agency's form, the fee caps."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from orientation.access import role_required
from orientation.agencies import bp, services
from orientation.agencies.forms import AgencyForm, FeeCapForm
from orientation.forms import redisplays_form
from orientation.models import Role


@bp.route("/admin/agencies/")
@role_required(Role.admin)
def agency_list():
    return render_template("agencies/list.html",
                           countries=services.get_agencies_by_country())


@bp.route("/admin/agencies/new", methods=["GET", "POST"])
@role_required(Role.admin)
@redisplays_form
def new_agency():
    form = AgencyForm()
    if form.validate_on_submit():
        try:
            agency = services.create_agency(form.values(), current_user)
        except services.LicenceTaken:
            form.licence_number.errors.append(_licence_taken())
        else:
            flash(_("Saved: %(name)s.", name=agency.name), "info")
            return redirect(url_for("agencies.agency_list"), code=303)
    return render_template("agencies/edit.html", form=form, agency=None)


@bp.route("/admin/agencies/<int:agency_id>", methods=["GET", "POST"])
@role_required(Role.admin)
@redisplays_form
def edit_agency(agency_id):
    agency = services.get_agency_or_404(agency_id)
    form = AgencyForm(obj=agency)
    if form.validate_on_submit():
        try:
            changed = services.update_agency(agency, form.values(), current_user)
        except services.LicenceTaken:
            form.licence_number.errors.append(_licence_taken())
        else:
            flash(_("Saved: %(name)s.", name=agency.name) if changed
                  else _("Nothing was changed."), "info")
            return redirect(url_for("agencies.agency_list"), code=303)
    return render_template("agencies/edit.html", form=form, agency=agency)


def _licence_taken():
    return _("An agency of this country already has this licence number.")


@bp.route("/admin/fee-caps")
@role_required(Role.admin)
def fee_caps():
    return render_template("agencies/fee_caps.html", centres=services.get_centres())


@bp.route("/admin/fee-caps/<int:centre_id>", methods=["GET", "POST"])
@role_required(Role.admin)
@redisplays_form
def fee_cap(centre_id):
    centre = services.get_centre_or_404(centre_id)
    form = FeeCapForm(data={"amount": centre.service_fee_cap,
                            "currency": centre.service_fee_cap_currency or "VND"})
    if form.validate_on_submit():
        services.set_fee_cap(centre, form.amount.data, form.currency.data, current_user)
        flash(_("Saved: %(name)s.", name=centre.name), "info")
        return redirect(url_for("agencies.fee_caps"), code=303)
    return render_template("agencies/fee_cap.html", form=form, centre=centre)
