"""Reads and writes for trainers, always limited to one centre. Views call these; writes
commit and are audited here, never in a view."""

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from orientation import audit
from orientation.accounts.rules import to_ascii_digits
from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import CohortMember, Course, ProgrammeCourse, Role, User
from orientation.quizzes import services as quizzes
from orientation.trainer import cohorts

QUERY_MAX = 100
PHONE_DIGITS_MIN = 3


class NotInProgramme(LookupError):
    """The course is not one of the cohort's programme."""


@dataclass
class Page:
    items: list
    number: int
    total: int
    size: int

    @property
    def has_next(self):
        return self.number * self.size < self.total

    @property
    def has_previous(self):
        return self.number > 1


def clean_query(text):
    """What a trainer typed to search: NFC, spaces collapsed, at most QUERY_MAX characters."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())[:QUERY_MAX]


def trainee_matches(query):
    """The SQL condition for a search by name (any script, any case), Latin name, trainee
    code (with or without its space) or phone (as typed locally or internationally)."""
    conditions = [User.display_name.icontains(query, autoescape=True),
                  User.latin_name.icontains(query, autoescape=True)]
    code = re.sub(r"[\s\-.]", "", to_ascii_digits(query))
    if code:
        conditions.append(User.login_code.contains(code.casefold(), autoescape=True))
    digits = re.sub(r"\D", "", code).lstrip("0")
    if len(digits) >= PHONE_DIGITS_MIN:
        conditions.append(User.phone.contains(digits, autoescape=True))
    return or_(*conditions)


def get_centre_trainees(centre_id, number, size, query=""):
    """One page of a centre's trainees, by name, in two queries whatever the centre's size;
    with a query, only those it matches."""
    if centre_id is None:
        return Page([], 1, 0, size)
    where = [User.centre_id == centre_id, User.role == Role.trainee]
    if query:
        where.append(trainee_matches(query))
    total = db.session.scalar(select(func.count()).select_from(User).where(*where))
    items = db.session.scalars(
        select(User).where(*where).order_by(User.display_name, User.id)
        .offset((number - 1) * size).limit(size)
    ).all()
    return Page(list(items), number, total, size)


def get_active_cohort_ids(user_ids):
    """{trainee id: id of their current cohort} for these trainees, in one query."""
    return dict(db.session.execute(
        select(CohortMember.user_id, CohortMember.cohort_id)
        .where(CohortMember.user_id.in_(user_ids), CohortMember.left_at.is_(None))).all())


def get_programme_course(cohort, course_id):
    """A course of the cohort's programme, or NotInProgramme."""
    course = db.session.scalar(
        select(Course).join(ProgrammeCourse, ProgrammeCourse.course_id == Course.id)
        .where(ProgrammeCourse.programme_id == cohort.programme_id, Course.id == course_id))
    if course is None:
        raise NotInProgramme(course_id)
    return course


def grant_attempt(cohort, trainee, course_id, actor):
    """One more final-quiz attempt, only for a course of the cohort's programme (audited)."""
    course = get_programme_course(cohort, course_id)
    return quizzes.grant_attempt(trainee.id, course, actor=actor)


def move_trainee(trainee, target, actor):
    """Move a trainee to another cohort of their centre; progress, attempts and certificates
    stay theirs (audited by join_cohort)."""
    if target.centre_id != trainee.centre_id:
        raise ValueError("another centre's cohort")
    return learning.join_cohort(trainee, target, actor=actor)


def record_export(cohort, name, kind, actor):
    """Audit that a cohort's data left the system (who, which table, which format)."""
    audit.record("cohort.exported", cohort, actor=actor, centre_id=cohort.centre_id,
                 export=name, format=kind)
    db.session.commit()


def mark_everyone_present(session, actor):
    """Every current member present at a session (the register's one-tap shortcut)."""
    members = {user.id for user in cohorts.get_members(session.cohort_id)}
    return cohorts.record_attendance(session, members, actor)
