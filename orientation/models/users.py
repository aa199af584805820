"""People who use the platform and the training centres they belong to."""

import enum
from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from orientation.models.base import Base, utcnow, value_enum


class Role(enum.Enum):
    """What a person may do: learn, run cohorts, or run the programme."""

    trainee = "trainee"
    trainer = "trainer"
    admin = "admin"


class Centre(Base):
    """A licensed training centre; its trainers see only its own trainees and cohorts."""

    __tablename__ = "centre"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    licence_number: Mapped[str] = mapped_column(String(64), unique=True)
    # ISO 3166 alpha-2 (KH, LA, VN, CN): where phone numbers written locally are read.
    country: Mapped[str | None] = mapped_column(String(2))
    address: Mapped[str] = mapped_column(Text, default="")
    signatory_name: Mapped[str] = mapped_column(String(120), default="")
    signatory_title: Mapped[str] = mapped_column(String(120), default="")
    # IANA name (Asia/Vientiane); empty: the zone of the centre's country, else the default.
    time_zone: Mapped[str | None] = mapped_column(String(64))
    # Viet Nam's Law 69/2020 allows a capped service fee: the cap the centre enters, in whole
    # units of its currency; empty: no cap entered, no payment is checked against one.
    service_fee_cap: Mapped[int | None] = mapped_column(Integer)
    service_fee_cap_currency: Mapped[str | None] = mapped_column(String(3))
    # Who issues its certificates, as printed on them; empty: the CERTIFICATE_ISSUER setting.
    issuer_line: Mapped[str] = mapped_column(String(200), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    members: Mapped[list["User"]] = relationship(back_populates="centre")


class User(UserMixin, Base):
    """A trainee, trainer or admin. Logs in with a code (or a phone); never needs e-mail."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[Role] = mapped_column(value_enum(Role))
    # The trainee code for trainees, a chosen login for staff; stored normalised.
    login_code: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    latin_name: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(16), index=True)
    # As the trainee or their trainer gave it (an import's birth_date column); with the name
    # it tells two trainees of a centre apart when they share a phone or have none.
    birth_date: Mapped[date | None] = mapped_column(Date)
    password_hash: Mapped[str] = mapped_column(String(255))
    preferred_locale: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The registration form's one-time token: a double submit finds this account again.
    signup_token: Mapped[str | None] = mapped_column(String(32), unique=True)
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centre.id"), index=True)
    # ISO 3166 alpha-2 of where a trainee comes from (CN: Yunnan); empty: the centre's country.
    origin: Mapped[str | None] = mapped_column(String(2))
    # Part of every session cookie: bumping it (logout, new secret, role change, disabling)
    # ends every copy of every older session of this user.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Set at each login; a trainee who never logged in may get a new first PIN on a card.
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The second factor (TOTP) of a staff member: the base32 secret their app shares (kept
    # readable: each code is computed from it), when they confirmed it with a first code
    # (until then it is only being set up), and the last 30-second step whose code was
    # accepted, so that a code seen over a shoulder cannot be used a second time.
    totp_secret: Mapped[str | None] = mapped_column(String(32))
    totp_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    # Set when a trainee's personal data was erased on their request (orientation/privacy):
    # the row stays as an anonymous tombstone that keeps cohort and centre counts right.
    erased_at: Mapped[datetime | None] = mapped_column(DateTime)

    centre: Mapped[Centre | None] = relationship(back_populates="members")

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def has_second_factor(self) -> bool:
        """True once a second factor is set up and confirmed: logging in asks for a code."""
        return self.totp_confirmed_at is not None and self.totp_secret is not None

    @property
    def erased(self) -> bool:
        """True once the person's data was erased: the account is a tombstone."""
        return self.erased_at is not None

    def get_id(self):
        """What the session cookie holds: the id and the session version."""
        return f"{self.id}:{self.session_version}"
