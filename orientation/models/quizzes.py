"""Quiz attempts, their answers, and the course completions that a passing attempt records."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orientation.models.base import Base, utcnow
from orientation.models.courses import Course


class Attempt(Base):
    """One try at a quiz: the order shown is stored at the start, the result at submission."""

    __tablename__ = "attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    quiz_id: Mapped[str] = mapped_column(String(64))
    final: Mapped[bool] = mapped_column(Boolean)
    course_version: Mapped[int] = mapped_column(Integer)
    locale: Mapped[str] = mapped_column(String(8))  # the language it was started in
    # [[question id, [option ids in the order shown]], ...]
    order: Mapped[list[Any]] = mapped_column(JSON)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    score: Mapped[float | None] = mapped_column(Float)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    # Closed unanswered because a new course version changed its questions: it does not count
    # as a try, and a new attempt is offered.
    voided_at: Mapped[datetime | None] = mapped_column(DateTime)

    course: Mapped[Course] = relationship()
    answers: Mapped[list["Answer"]] = relationship(back_populates="attempt",
                                                   order_by="Answer.position")


class Answer(Base):
    """What a trainee chose for one question, its score, and the language they read it in."""

    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    chosen: Mapped[list[Any]] = mapped_column(JSON)  # option ids in order, or [true|false]
    score: Mapped[float] = mapped_column(Float)
    locale: Mapped[str] = mapped_column(String(8))

    attempt: Mapped[Attempt] = relationship(back_populates="answers")


class AttemptGrant(Base):
    """One more attempt at a final quiz, granted by a trainer beyond the course's limit."""

    __tablename__ = "attempt_grant"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    granted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CourseCompletion(Base):
    """A course completed: recorded once, in the transaction of the passing submission, and
    never undone (a later content version does not take it away)."""

    __tablename__ = "course_completion"
    __table_args__ = (UniqueConstraint("user_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"))
    course_version: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    locale: Mapped[str] = mapped_column(String(8))
    completed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    course: Mapped[Course] = relationship()
    attempt: Mapped[Attempt] = relationship()
