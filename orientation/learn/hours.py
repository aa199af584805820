"""Classroom hours a trainee attended, which count toward programme certificates."""

from sqlalchemy import func, select

from orientation.extensions import db
from orientation.models import Attendance, ClassSession, Cohort


def attended_hours(user_ids, programme_id):
    """{user id: classroom hours attended} in sessions of a programme's cohorts, one query."""
    rows = db.session.execute(
        select(Attendance.user_id, func.sum(ClassSession.hours))
        .join(ClassSession, ClassSession.id == Attendance.session_id)
        .join(Cohort, Cohort.id == ClassSession.cohort_id)
        .where(Attendance.user_id.in_(list(user_ids)), Attendance.present,
               Cohort.programme_id == programme_id)
        .group_by(Attendance.user_id))
    return {user_id: float(hours or 0) for user_id, hours in rows}
