"""Typed SQLAlchemy models, one module per area; imported here so metadata is complete."""

from orientation.models.audit import AuditEvent
from orientation.models.base import Base
from orientation.models.certificates import Certificate, CertificateState
from orientation.models.classroom import Attendance, ClassSession
from orientation.models.courses import (
    ContentStamp,
    Course,
    DestinationContact,
    Lesson,
    Programme,
    ProgrammeCourse,
    Status,
)
from orientation.models.departure import Agency, Departure, Payment
from orientation.models.imports import ImportBatch, ImportState
from orientation.models.jobs import Job, JobKind, JobState
from orientation.models.learning import (
    Cohort,
    CohortMember,
    Enrolment,
    EnrolmentSource,
    LessonProgress,
    ProgrammeEnrolment,
)
from orientation.models.quizzes import Answer, Attempt, AttemptGrant, CourseCompletion
from orientation.models.security import RecoveryCode, SiteSetting
from orientation.models.users import Centre, Role, User

__all__ = [
    "Agency",
    "Answer",
    "Attempt",
    "AttemptGrant",
    "Attendance",
    "AuditEvent",
    "Base",
    "Centre",
    "Certificate",
    "CertificateState",
    "ClassSession",
    "Cohort",
    "CohortMember",
    "ContentStamp",
    "Course",
    "CourseCompletion",
    "Departure",
    "DestinationContact",
    "Enrolment",
    "EnrolmentSource",
    "ImportBatch",
    "ImportState",
    "Job",
    "JobKind",
    "JobState",
    "Lesson",
    "LessonProgress",
    "Payment",
    "Programme",
    "ProgrammeCourse",
    "ProgrammeEnrolment",
    "RecoveryCode",
    "Role",
    "SiteSetting",
    "Status",
    "User",
]
