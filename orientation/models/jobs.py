"""Work that runs off the request (a large import, a cohort's certificates): a job's state,
progress and result, in the app's database so that every host and the page see the same."""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from orientation.models.base import Base, utcnow, value_enum


class JobKind(enum.Enum):
    """What a job does: save an import batch's trainees, or print a cohort's certificates."""

    imports = "import"
    certificates = "certificates"


class JobState(enum.Enum):
    """queued, then running; it ends done or failed (a failed job may be tried again)."""

    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


class Job(Base):
    """One piece of long work a trainer asked for, found by its unguessable token.

    `done` of `total` is written in the same transaction as the work of each chunk, so the
    page shows what is stored. `active_key` is set while the job is queued or running and is
    unique: one such job per cohort and kind (per batch for imports), on every database."""

    __tablename__ = "job"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(48), unique=True)
    kind: Mapped[JobKind] = mapped_column(value_enum(JobKind))
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), index=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id"), index=True)
    requested_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"),
                                                        index=True)
    state: Mapped[JobState] = mapped_column(value_enum(JobState), default=JobState.queued)
    active_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    # What the request knew that the work needs (the page's phone region, lines to create
    # anyway): plain values only.
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[bytes | None] = mapped_column(LargeBinary)
    filename: Mapped[str | None] = mapped_column(String(120))
    error: Mapped[str | None] = mapped_column(String(32))  # a key of jobs.services.ERRORS
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
