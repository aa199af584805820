"""The agency list and the centres' service-fee caps, for admins: reads and audited writes.

Every write records the values before and after it, in the same transaction."""

from dataclasses import dataclass

from flask import abort
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from orientation import audit
from orientation.agencies import rules
from orientation.content.channels import ORIGINS
from orientation.extensions import db
from orientation.models import Centre
from orientation.models.departure import Agency

FIELDS = ("country", "name", "licence_number", "destinations", "licence_expires_on",
          "address", "phone")
# Currencies a cap may be entered in: the programme's countries' and the US dollar.
CURRENCIES = ("VND", "USD", "KHR", "LAK", "CNY", "THB", "MYR", "HKD", "KRW")


class LicenceTaken(ValueError):
    """Another agency of the same country has this licence number."""


@dataclass
class ListedAgency:
    """An agency as the admin's list shows it: its licence's state today."""

    agency: Agency
    state: str  # rules.expiry_state: expired, expiring, valid, unknown


def get_agencies_by_country(today=None):
    """[(country, [ListedAgency])] for every licensing country, agencies by name; `today`
    (for tests) replaces each country's own today."""
    found = {country: [] for country in ORIGINS}
    for agency in db.session.scalars(select(Agency).order_by(Agency.name, Agency.id)):
        day = today or rules.country_today(agency.country)
        found.setdefault(agency.country, []).append(
            ListedAgency(agency, rules.expiry_state(agency.licence_expires_on, day)))
    return list(found.items())


def get_agency_or_404(agency_id):
    agency = db.session.get(Agency, agency_id)
    if agency is None:
        abort(404)
    return agency


def find_agency(country, licence_number):
    return db.session.scalar(select(Agency).where(Agency.country == country,
                                                  Agency.licence_number == licence_number))


def snapshot(agency):
    """The agency's fields as the audit trail keeps them (dates as YYYY-MM-DD)."""
    values = {name: getattr(agency, name) for name in FIELDS}
    expires = values["licence_expires_on"]
    values["licence_expires_on"] = expires.isoformat() if expires else None
    return values


def create_agency(values, actor):
    """A new agency, audited; LicenceTaken when its country has that licence already."""
    _refuse_taken(values["country"], values["licence_number"], None)
    agency = Agency(**values)
    db.session.add(agency)
    audit.record("agency.created", agency, actor=actor, before=None, after=snapshot(agency))
    _commit()
    return agency


def update_agency(agency, values, actor):
    """Change an agency, audited with the changed fields before and after; False when
    nothing differs."""
    _refuse_taken(values["country"], values["licence_number"], agency.id)
    before = snapshot(agency)
    for name, value in values.items():
        setattr(agency, name, value)
    after = snapshot(agency)
    changed = [name for name in FIELDS if before[name] != after[name]]
    if not changed:
        return False
    audit.record("agency.updated", agency, actor=actor,
                 before={name: before[name] for name in changed},
                 after={name: after[name] for name in changed})
    _commit()
    return True


def _refuse_taken(country, licence_number, agency_id):
    other = find_agency(country, licence_number)
    if other is not None and other.id != agency_id:
        db.session.rollback()
        raise LicenceTaken(licence_number)


def _commit():
    try:
        db.session.commit()
    except IntegrityError:  # another admin saved the same licence a moment before
        db.session.rollback()
        raise LicenceTaken() from None


def get_centres():
    return db.session.scalars(select(Centre).order_by(Centre.name, Centre.id)).all()


def get_centre_or_404(centre_id):
    centre = db.session.get(Centre, centre_id)
    if centre is None:
        abort(404)
    return centre


def set_fee_cap(centre, amount, currency, actor):
    """The centre's cap on Viet Nam's legal service fee (empty amount: no cap), audited;
    False when nothing changed."""
    before = {"amount": centre.service_fee_cap, "currency": centre.service_fee_cap_currency}
    after = {"amount": amount, "currency": currency if amount is not None else None}
    if before == after:
        return False
    centre.service_fee_cap, centre.service_fee_cap_currency = after["amount"], after["currency"]
    audit.record("centre.fee_cap_changed", centre, actor=actor, centre_id=centre.id,
                 before=before, after=after)
    db.session.commit()
    return True
