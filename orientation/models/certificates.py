"""Certificates: what was issued to whom, as printed, and whether it still stands."""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from orientation.models.base import Base, utcnow, value_enum
from orientation.models.courses import Course, Programme
from orientation.models.users import User


class CertificateState(enum.Enum):
    """Valid; revoked (with a reason); or replaced by a corrected certificate."""

    valid = "valid"
    revoked = "revoked"
    replaced = "replaced"


class Certificate(Base):
    """A certificate of a course or a programme; `snapshot` holds everything printed on it."""

    __tablename__ = "certificate"
    __table_args__ = (
        # At most one valid certificate per trainee and course, and per trainee and programme.
        Index("uq_certificate_valid_course", "user_id", "course_id", unique=True,
              sqlite_where=text("state = 'valid' AND course_id IS NOT NULL"),
              postgresql_where=text("state = 'valid' AND course_id IS NOT NULL")),
        Index("uq_certificate_valid_programme", "user_id", "programme_id", unique=True,
              sqlite_where=text("state = 'valid' AND programme_id IS NOT NULL"),
              postgresql_where=text("state = 'valid' AND programme_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    course_id: Mapped[int | None] = mapped_column(ForeignKey("course.id"))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"))
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centre.id"), index=True)
    locale: Mapped[str] = mapped_column(String(8))
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    payload: Mapped[str] = mapped_column(Text)  # what the QR code carries after the #
    state: Mapped[CertificateState] = mapped_column(value_enum(CertificateState),
                                                    default=CertificateState.valid)
    issued_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id"))
    # The PDF, rendered at first download and again only when the state changes.
    pdf: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    course: Mapped[Course | None] = relationship()
    programme: Mapped[Programme | None] = relationship()
    replaced_by: Mapped["Certificate | None"] = relationship(remote_side=[id])
