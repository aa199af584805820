"""A staff member's recovery codes for the second factor, and the site's own settings."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from orientation.models.base import Base, utcnow


class RecoveryCode(Base):
    """One code that logs a staff member in once when their phone is lost; only its hash
    is kept. A new set deletes the old one."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class SiteSetting(Base):
    """A setting an admin changes in the browser (such as "second factor required for
    trainers"): one row per key, its value as JSON. A key without a row has its default."""

    __tablename__ = "site_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
