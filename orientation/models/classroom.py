"""Classroom sessions of a cohort and who attended them: hours that count toward programmes."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orientation.models.base import Base, utcnow
from orientation.models.learning import Cohort


class ClassSession(Base):
    """One classroom session of a cohort, with the hours it counts for."""

    __tablename__ = "class_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    hours: Mapped[float] = mapped_column(Float)
    topic: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    cohort: Mapped[Cohort] = relationship()


class Attendance(Base):
    """A trainee present at a session (a row exists only for those present)."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("class_session.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
