"""The audit log for admins: filtered, a page of 50 at a time, and as CSV."""

from datetime import UTC
from zoneinfo import ZoneInfo

from flask import abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from orientation import audit
from orientation.access import role_required
from orientation.admin import audit_log, audit_rows, bp
from orientation.admin.record_forms import AuditFilterForm
from orientation.extensions import db
from orientation.models import Role
from orientation.security import bounded_int
from orientation.timezones import select_timezone
from orientation.trainer.exports import csv_response

CSV_HEADER = (_l("When"), _l("Who"), _l("Login"), _l("What"), _l("Action"), _l("Subject"),
              _l("Details"))
CHUNK = 500  # events described at a time (a database limits the ids in one IN list)


def _page_number():
    """The page asked for: 1 without one; 404 for anything that is not a page number."""
    raw = request.args.get("page")
    if raw is None:
        return 1
    try:
        return bounded_int(raw)
    except ValueError:
        abort(404)


@bp.route("/audit")
@role_required(Role.admin)
def audit_log_page():
    form = AuditFilterForm(formdata=request.args)
    number = _page_number()
    page, rows = None, []
    if form.validate():
        page = audit_log.get_page(form.filters(), ZoneInfo(select_timezone()), number)
        if page is None:
            abort(404)
        rows = audit_rows.describe(page.events)
    return render_template("admin/audit.html", form=form, page=page, rows=rows,
                           args=form.query_args(), current_zone=select_timezone())


@bp.route("/audit.csv")
@role_required(Role.admin)
def audit_csv():
    """Every event the filters find, as CSV for a spreadsheet; the export is audited."""
    form = AuditFilterForm(formdata=request.args)
    if not form.validate():
        return redirect(url_for("admin.audit_log_page", **form.query_args()))
    zone = ZoneInfo(select_timezone())
    events = audit_log.get_all(form.filters(), zone)
    rows = []
    for start in range(0, len(events), CHUNK):
        rows += [_csv_row(row, zone) for row in audit_rows.describe(events[start:start + CHUNK])]
    audit.record("audit.exported", current_user, actor=current_user,
                 filters=form.query_args(), rows=len(rows))
    db.session.commit()
    return csv_response("audit-log", [str(h) for h in CSV_HEADER], rows)


def _csv_row(row, zone):
    local = row.event.at.replace(tzinfo=UTC).astimezone(zone)
    subject = f"{row.subject.kind}: {row.subject.text}"
    details = "; ".join(f"{name}: {text}" for name, text in row.details)
    return [local.strftime("%Y-%m-%d %H:%M"), row.actor, row.actor_login, row.label,
            row.event.action, subject, details]
