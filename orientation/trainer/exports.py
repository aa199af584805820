"""What a trainer exports: CSV that opens right in a spreadsheet, and the same tables as PDF."""

import csv
import io

from flask import Response
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from orientation.certificates.render import render_pdf
from orientation.extensions import db
from orientation.models import Attendance, Certificate, ClassSession, CohortMember, User

# A cell starting with one of these is a formula to a spreadsheet: never let data become one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
STATE_TEXT = {"complete": _l("complete"), "passed_lessons_left": _l("passed, lessons left"),
              "failed": _l("failed"), "in_progress": _l("in progress"),
              "not_started": _l("not started")}


def safe_cell(value):
    """A value as spreadsheet text, neutralised when it would start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename, header, rows):
    """UTF-8 with BOM (so that spreadsheets read Khmer and Lao right), formulas neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return csv_text_response(filename, out.getvalue())


def csv_text_response(filename, text):
    """A CSV download of `text`, with the BOM that makes spreadsheets read it as UTF-8."""
    return Response("\ufeff" + text, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}.csv"'})


def pdf_response(filename, title, header, rows):
    pdf = render_pdf("trainer/table_pdf.html", "table.css", title=title, header=header,
                     rows=rows)
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}.pdf"'})


def matrix_table(titles, rows):
    header = [_l("Trainee"), _l("Name as in passport"), _l("Trainee code"), *titles,
              _l("Classroom hours"), _l("At risk")]
    body = []
    for row in rows:
        cells = []
        for cell in row.cells:
            text = str(STATE_TEXT[cell.state])
            if cell.score is not None:
                text += f" {round(cell.score * 100)}%"
            if cell.state in ("in_progress", "passed_lessons_left"):
                text += f" {cell.done}/{cell.total}"
            cells.append(text)
        body.append([row.trainee.display_name, row.trainee.latin_name or "",
                     row.trainee.login_code, *cells, f"{row.hours:g}",
                     str(row.risk_reason)])
    return [str(h) for h in header], body


def attendance_table(cohort_id):
    rows = db.session.execute(
        select(ClassSession, User, Attendance.present)
        .join(CohortMember, CohortMember.cohort_id == ClassSession.cohort_id)
        .join(User, User.id == CohortMember.user_id)
        .outerjoin(Attendance, (Attendance.session_id == ClassSession.id)
                   & (Attendance.user_id == CohortMember.user_id))
        .where(ClassSession.cohort_id == cohort_id, CohortMember.left_at.is_(None))
        .order_by(ClassSession.held_on, ClassSession.id, CohortMember.user_id)).all()
    header = [str(h) for h in (_l("Date"), _l("Topic"), _l("Hours"), _l("Trainee"),
                               _l("Trainee code"), _l("Present"))]
    body = [[session.held_on.isoformat(), session.topic, f"{session.hours:g}",
             user.display_name, user.login_code, str(_l("yes")) if present else str(_l("no"))]
            for session, user, present in rows]
    return header, body


def certificate_register(cohort_id):
    """Every certificate of the cohort's members: what an inspection asks for."""
    certificates = db.session.scalars(
        select(Certificate).join(CohortMember, CohortMember.user_id == Certificate.user_id)
        .where(CohortMember.cohort_id == cohort_id, CohortMember.left_at.is_(None))
        .order_by(Certificate.issued_at, Certificate.id)).all()
    header = [str(h) for h in (_l("Certificate number"), _l("Name"), _l("Name as in passport"),
                               _l("Course or programme"), _l("Hours"), _l("Final score"),
                               _l("Completed on"), _l("Issued on"), _l("State"))]
    body = []
    for c in certificates:
        s = c.snapshot
        hours = s["hours"]["online"] + s["hours"]["classroom"]
        body.append([c.number, s["name"], s["latin_name"] or "", s["title"]["en"], f"{hours:g}",
                     f"{round(s['score'] * 100)}%" if s["score"] is not None else "",
                     s["completed_on"], s["issued_on"], c.state.value])
    return header, body



def results_table(sections, codes):
    """Each question's share of right answers, overall and per language."""
    header = [str(_l("Course or programme")), str(_l("Question")), str(_l("All")), *codes]
    body = []
    for _course, title, items in sections:
        for _quiz, _question, text, stat in items:
            shares = [f"{round(stat.by_locale[c].share_correct * 100)}%"
                      if c in stat.by_locale else "" for c in codes]
            body.append([title, text, f"{round(stat.overall.share_correct * 100)}%", *shares])
    return header, body
