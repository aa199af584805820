"""Admins edit the contacts that lessons show, per destination and language."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from orientation.access import role_required
from orientation.admin import bp
from orientation.admin.record_forms import ContactsForm
from orientation.content.library import get_library
from orientation.content.packages import DESTINATIONS
from orientation.i18n import BY_CODE, LANGUAGES
from orientation.learn import contacts
from orientation.learn.names import DESTINATION_NAMES
from orientation.models import Role
from orientation.timezones import local_today


@bp.route("/contacts")
@role_required(Role.admin)
def contacts_overview():
    """Which destination and language has how many contacts, and how old the oldest check is."""
    keys = get_library().contacts
    return render_template("admin/contacts.html", destinations=DESTINATIONS,
                           languages=LANGUAGES, coverage=contacts.get_coverage(keys),
                           total=len(keys),
                           today=local_today(current_user.centre),
                           destination_names=DESTINATION_NAMES)


@bp.route("/contacts/<destination>/<locale>", methods=["GET", "POST"])
@role_required(Role.admin)
def edit_contacts(destination, locale):
    """Every contact of one destination and language in one form, saved all or nothing."""
    if destination not in DESTINATIONS or locale not in BY_CODE:
        abort(404)
    keys = list(get_library().contacts)
    rows = contacts.get_contact_rows(destination, locale)
    data = {key: {"value": row.value, "checked_on": row.checked_on} for key, row in rows.items()}
    form = ContactsForm.for_keys(keys)(data=data)
    today = local_today(current_user.centre)
    if form.validate_on_submit():
        entries = form.entries(today)
        if entries is not None:
            changed = contacts.save_contacts(destination, locale, entries, current_user)
            flash(ngettext("%(num)d contact changed.", "%(num)d contacts changed.",
                           len(changed)) if changed else _("Nothing changed."), "success")
            return redirect(url_for("admin.edit_contacts", destination=destination,
                                    locale=locale), code=303)
    return render_template("admin/contacts_edit.html", form=form, destination=destination,
                           language=BY_CODE[locale], rows=rows, today=today,
                           is_stale=contacts.is_stale, destination_names=DESTINATION_NAMES)
