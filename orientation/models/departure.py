"""Departure readiness: the agency that recruits a trainee, what they paid, and the checks
that decide whether a departure is safe (contract read, passport kept, contacts saved)."""

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orientation.models.base import Base, utcnow
from orientation.models.users import User


class Agency(Base):
    """A recruitment agency as licensed by the ministry of one country of origin. A centre
    chooses from the agencies of its own country; admins keep the list."""

    __tablename__ = "agency"
    __table_args__ = (UniqueConstraint("country", "licence_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # ISO 3166 alpha-2 of the licensing country (KH, LA, VN, CN).
    country: Mapped[str] = mapped_column(String(2))
    name: Mapped[str] = mapped_column(String(200))
    licence_number: Mapped[str] = mapped_column(String(64))
    # Destinations the licence allows sending workers to (TH, MY, HK, KR).
    destinations: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Empty: the licence has no expiry date on record (shown as "not known", not as valid).
    licence_expires_on: Mapped[date | None] = mapped_column(Date)
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Departure(Base):
    """One trainee's departure checklist. The trainee fills in what is theirs; a trainer
    confirms the contract review. Empty answers (None) are open items, not "no"."""

    __tablename__ = "departure"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), unique=True)
    destination: Mapped[str | None] = mapped_column(String(2))
    sector: Mapped[str | None] = mapped_column(String(32))
    # Chosen from the list; or, when the agency is not on it, its name as typed.
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    agency_name: Mapped[str | None] = mapped_column(String(200))
    # The contract, read with a trainer: when, by whom, in which language; a copy kept.
    contract_reviewed_on: Mapped[date | None] = mapped_column(Date)
    contract_reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    contract_language: Mapped[str | None] = mapped_column(String(8))
    contract_copy_kept: Mapped[bool | None] = mapped_column(Boolean)
    passport_kept: Mapped[bool | None] = mapped_column(Boolean)
    insurance: Mapped[bool | None] = mapped_column(Boolean)
    contacts_saved: Mapped[bool | None] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    agency: Mapped[Agency | None] = relationship()
    contract_reviewed_by: Mapped[User | None] = relationship(
        foreign_keys=[contract_reviewed_by_id])
    payments: Mapped[list["Payment"]] = relationship(
        back_populates="departure", order_by="Payment.id", cascade="all, delete-orphan")


class Payment(Base):
    """Money a trainee paid on the way to the job: to whom, how much, what for, receipt."""

    __tablename__ = "departure_payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    departure_id: Mapped[int] = mapped_column(ForeignKey("departure.id"), index=True)
    paid_to: Mapped[str] = mapped_column(String(200))
    # A cost category of the fee rules (what the ILO's 2018 definition says about it).
    category: Mapped[str] = mapped_column(String(32))
    # Whole units of the currency: fees are reported so, and KHR, LAK and VND have no cents.
    amount: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    receipt: Mapped[bool] = mapped_column(Boolean)
    paid_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # One value per form shown: a double submit adds the payment once (the database refuses
    # the same token twice, even from two requests at the same moment).
    request_token: Mapped[str | None] = mapped_column(String(32), unique=True)

    departure: Mapped[Departure] = relationship(back_populates="payments")
