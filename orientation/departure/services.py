"""Writes on a departure checklist: each one checked, audited and committed here."""

import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from orientation import audit
from orientation.departure import fee_rules
from orientation.departure.labels import SECTORS
from orientation.departure.reads import get_agencies, get_departure, get_legal_destinations
from orientation.extensions import db
from orientation.models import Departure, Payment

CHECKLIST_FIELDS = ("destination", "sector", "agency_id", "agency_name", "passport_kept",
                    "insurance", "contacts_saved")
TOKEN_BYTES = 16  # 32 hex characters: Payment.request_token
AMOUNT_MAX = 2_000_000_000  # fits every database's integer; above any real fee in VND


class NotAllowed(ValueError):
    """A value the trainee may not choose (a tampered form): nothing is saved."""


def _checklist_of(user):
    departure = get_departure(user.id)
    if departure is None:
        departure = Departure(user_id=user.id)
        db.session.add(departure)
    return departure


def check_choices(user, values):
    """Refuse a destination that is not a legal channel from the trainee's origin, an agency
    of another country than the centre's, and an unknown sector."""
    if values.get("destination") and values["destination"] not in get_legal_destinations(user):
        raise NotAllowed("destination")
    if values.get("sector") and values["sector"] not in SECTORS:
        raise NotAllowed("sector")
    if values.get("agency_id") is not None:
        country = user.centre.country if user.centre is not None else None
        if values["agency_id"] not in {a.id for a in get_agencies(country)}:
            raise NotAllowed("agency")


def update_checklist(user, values, actor):
    """Save the trainee's answers (a trainee's own, or a trainer's correction); the audit
    event holds each changed field's value before and after."""
    check_choices(user, values)
    departure = _checklist_of(user)
    changes = {}
    for name in CHECKLIST_FIELDS:
        if name in values and getattr(departure, name) != values[name]:
            changes[name] = [getattr(departure, name), values[name]]
            setattr(departure, name, values[name])
    if changes:
        audit.record("departure.updated", departure, actor=actor, centre_id=user.centre_id,
                     trainee=user.id, changes=changes)
    db.session.commit()
    return changes


def new_request_token():
    return secrets.token_hex(TOKEN_BYTES)


def add_payment(user, values, token, actor):
    """Add a payment once per form shown: the same token again (a double submit) adds
    nothing and returns the payment the first one added. None: the token is not one."""
    if not token or len(token) != 2 * TOKEN_BYTES:
        return None
    existing = db.session.scalar(select(Payment).where(Payment.request_token == token))
    if existing is not None:
        return existing if existing.departure.user_id == user.id else None
    if values["category"] not in fee_rules.BY_CODE or \
            values["currency"] not in fee_rules.CURRENCIES or \
            not 0 < values["amount"] <= AMOUNT_MAX:
        raise NotAllowed("payment")
    departure = _checklist_of(user)
    payment = Payment(departure=departure, request_token=token,
                      created_by_id=actor.id, **values)
    db.session.add(payment)
    try:
        audit.record("departure.payment_added", payment, actor=actor, centre_id=user.centre_id,
                     trainee=user.id, after=_payment_values(payment))
        db.session.commit()
    except IntegrityError:  # the same form, saved a moment ago by another request
        db.session.rollback()
        return db.session.scalar(select(Payment).where(Payment.request_token == token))
    return payment


def remove_payment(user, payment_id, actor):
    """Remove one of the trainee's payments; False when it is not theirs (or gone)."""
    payment = db.session.get(Payment, payment_id)
    if payment is None or payment.departure.user_id != user.id:
        return False
    audit.record("departure.payment_removed", payment, actor=actor, centre_id=user.centre_id,
                 trainee=user.id, before=_payment_values(payment))
    db.session.delete(payment)
    db.session.commit()
    return True


def review_contract(user, reviewed_on, language, copy_kept, trainer):
    """A trainer confirms that they read the contract with the trainee."""
    departure = _checklist_of(user)
    before = _contract_values(departure)
    departure.contract_reviewed_on = reviewed_on
    departure.contract_reviewed_by_id = trainer.id
    departure.contract_language = language
    departure.contract_copy_kept = copy_kept
    audit.record("departure.contract_reviewed", departure, actor=trainer,
                 centre_id=user.centre_id, trainee=user.id, before=before,
                 after=_contract_values(departure))
    db.session.commit()


def _payment_values(payment):
    return {"paid_to": payment.paid_to, "category": payment.category,
            "amount": payment.amount, "currency": payment.currency,
            "receipt": payment.receipt,
            "paid_on": payment.paid_on.isoformat() if payment.paid_on else None}


def _contract_values(departure):
    on = departure.contract_reviewed_on
    return {"reviewed_on": on.isoformat() if on else None,
            "reviewed_by": departure.contract_reviewed_by_id,
            "language": departure.contract_language,
            "copy_kept": departure.contract_copy_kept}
