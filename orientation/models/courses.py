"""Courses and programmes as the database knows them: their identity across content versions.

Texts live in the course packages (courses/); these rows keep what progress, enrolments and
certificates point at, so they survive content updates.
"""

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orientation.models.base import Base, utcnow, value_enum


class Status(enum.Enum):
    """Whether trainees see a course or programme."""

    draft = "draft"
    published = "published"


class Course(Base):
    """A course package's identity and the settings that rules read (pass mark, attempts)."""

    __tablename__ = "course"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[Status] = mapped_column(value_enum(Status))
    self_enrol: Mapped[bool] = mapped_column(Boolean)
    topic: Mapped[str] = mapped_column(String(32))
    destination: Mapped[str | None] = mapped_column(String(2))
    hours: Mapped[float] = mapped_column(Float)
    pass_mark: Mapped[int] = mapped_column(Integer)
    max_attempts: Mapped[int | None] = mapped_column(Integer)
    attempt_wait_minutes: Mapped[int] = mapped_column(Integer)
    loaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    lessons: Mapped[list["Lesson"]] = relationship(
        back_populates="course", order_by="Lesson.position"
    )

    @property
    def published(self) -> bool:
        return self.status == Status.published


class Lesson(Base):
    """A lesson by its stable id; `position` is None once a version has removed it."""

    __tablename__ = "lesson"
    __table_args__ = (UniqueConstraint("course_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    slug: Mapped[str] = mapped_column(String(64))
    position: Mapped[int | None] = mapped_column(Integer)

    course: Mapped[Course] = relationship(back_populates="lessons")

    @property
    def current(self) -> bool:
        return self.position is not None


class Programme(Base):
    """What a person going to one destination must complete."""

    __tablename__ = "programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[Status] = mapped_column(value_enum(Status))
    destination: Mapped[str] = mapped_column(String(2))
    classroom_hours: Mapped[float] = mapped_column(Float)
    loaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    entries: Mapped[list["ProgrammeCourse"]] = relationship(
        back_populates="programme", order_by="ProgrammeCourse.position",
        cascade="all, delete-orphan",
    )


class ProgrammeCourse(Base):
    """A course in a programme, in the programme's order."""

    __tablename__ = "programme_course"

    programme_id: Mapped[int] = mapped_column(ForeignKey("programme.id"), primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)

    programme: Mapped[Programme] = relationship(back_populates="entries")
    course: Mapped[Course] = relationship()


class DestinationContact(Base):
    """A contact a lesson names by placeholder, as a centre set it for a destination and
    language (a Khmer reader in Thailand needs Cambodia's embassy, a Lao reader Laos's)."""

    __tablename__ = "destination_contact"
    __table_args__ = (UniqueConstraint("destination", "locale", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    destination: Mapped[str] = mapped_column(String(2))
    locale: Mapped[str] = mapped_column(String(8))
    key: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(String(500))
    # When someone last confirmed the value still works (numbers change; a stale one misleads).
    checked_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ContentStamp(Base):
    """One row: a fingerprint of the course packages last loaded. Every worker compares it
    with the library it holds, so that one `courses load` reaches every process on every host."""

    __tablename__ = "content_stamp"

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
