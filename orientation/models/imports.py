"""A trainer's import of trainees from a file: checked once, saved once, cards drawn after."""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orientation.models.base import Base, utcnow, value_enum
from orientation.models.learning import Cohort


class ImportState(enum.Enum):
    """A previewed file may be saved; saving runs as a job, in chunks; a saved one is never
    saved again (its result is shown instead)."""

    previewed = "previewed"
    saving = "saving"
    saved = "saved"


class ImportBatch(Base):
    """One checked file for one cohort. Its token makes saving happen once: the save moves it
    from previewed to saved with a conditional UPDATE, so a second click, a reload or a race
    finds it saved and shows what the first save did."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(48), unique=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id"), index=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"), index=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    state: Mapped[ImportState] = mapped_column(value_enum(ImportState))
    # The file as uploaded, kept until it is saved (then emptied: names and phones).
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    saved_at: Mapped[datetime | None] = mapped_column(DateTime)
    # What the save did: {"created": n, "already_here": n, "by_code": n}.
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The trainees this save created, in file order: their login cards are drawn from it.
    created_user_ids: Mapped[list[int]] = mapped_column(JSON, default=list)

    cohort: Mapped[Cohort] = relationship()
