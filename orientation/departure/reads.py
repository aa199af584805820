"""Reads for departures: a trainee's checklist and its facts, a cohort's in bulk."""

from sqlalchemy import select

from orientation.content.library import get_library
from orientation.departure.readiness import Facts, assess, legal_destinations
from orientation.extensions import db
from orientation.learn.channels import origin_of
from orientation.models import Agency, Cohort, CohortMember, Departure, Payment
from orientation.timezones import local_today


def get_departure(user_id):
    """The trainee's checklist, or None before they saved anything."""
    return db.session.scalar(select(Departure).where(Departure.user_id == user_id))


def get_agencies(country):
    """The agencies licensed in a country (the centre's), by name; none without a country."""
    if not country:
        return []
    return db.session.scalars(select(Agency).where(Agency.country == country)
                              .order_by(Agency.name, Agency.id)).all()


def get_cohort(user_id):
    """The trainee's active cohort, or None."""
    return db.session.scalar(select(Cohort).join(CohortMember).where(
        CohortMember.user_id == user_id, CohortMember.left_at.is_(None)))


def get_legal_destinations(user):
    """Where this trainee may choose to go: the legal channels from their origin."""
    return legal_destinations(origin_of(user), get_library().channels)


def _facts(user, centre, departure, agency, payments, departs_on, today):
    return Facts(departure=departure, agency=agency, payments=payments,
                 origin=user.origin or (centre.country if centre is not None else None),
                 cap=centre.service_fee_cap if centre is not None else None,
                 cap_currency=centre.service_fee_cap_currency if centre is not None else None,
                 departs_on=departs_on, today=today)


def get_readiness(user, departure=None):
    """(checklist or None, Readiness, cohort or None) of one trainee."""
    departure = departure or get_departure(user.id)
    cohort = get_cohort(user.id)
    payments = departure.payments if departure is not None else []
    agency = departure.agency if departure is not None else None
    facts = _facts(user, user.centre, departure, agency, payments,
                   cohort.departs_on if cohort else None, local_today(user.centre))
    return departure, assess(facts, get_library().channels), cohort


def get_cohort_readiness(cohort, members, today):
    """{user id: Readiness} for a cohort's members in three queries, whatever their number:
    the checklists with their agencies, then every payment of them (the library's content
    stamp is the third)."""
    ids = [user.id for user in members]
    found = {d.user_id: (d, agency) for d, agency in db.session.execute(
        select(Departure, Agency).outerjoin(Agency, Agency.id == Departure.agency_id)
        .where(Departure.user_id.in_(ids)))}
    payments = {}
    for payment in db.session.scalars(
            select(Payment).join(Departure, Departure.id == Payment.departure_id)
            .where(Departure.user_id.in_(ids)).order_by(Payment.id)):
        payments.setdefault(payment.departure_id, []).append(payment)
    channels = get_library().channels
    result = {}
    for user in members:
        departure, agency = found.get(user.id, (None, None))
        facts = _facts(user, cohort.centre, departure, agency,
                       payments.get(departure.id, []) if departure else [],
                       cohort.departs_on, today)
        result[user.id] = assess(facts, channels)
    return result


def count_ready(readiness):
    return sum(1 for r in readiness.values() if r.ready)
