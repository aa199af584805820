"""Demo departures: fictional agencies of Cambodia and checklists for the demo cohorts'
trainees, so that a trainer's first look shows some ready and some flagged.

Upserted like the rest of the demo (orientation/demo.py): agencies on (country, licence
number), checklists on the trainee; loading again changes nothing. Every name and licence
number here is made up and says so.
"""

from datetime import date

from sqlalchemy import select

from orientation.extensions import db
from orientation.models import Agency, Departure, Payment, User

# (licence number, name, destinations, licence expires on)
AGENCIES = [
    ("DEMO-KH-001", "Demo Recruitment Agency One (fictional)", ["TH", "MY"], date(2030, 12, 31)),
    ("DEMO-KH-002", "Demo Recruitment Agency Two (fictional, licence expired)", ["TH"],
     date(2025, 12, 31)),
    ("DEMO-KH-003", "Demo Recruitment Agency Three (fictional, Malaysia only)", ["MY"],
     date(2030, 12, 31)),
]
# The small demo cohort's trainees, then the big cohort's: what each checklist shows.
SMALL = {"10000001": "ready", "10000002": "employer_cost", "10000003": "not_listed"}
KINDS = ("ready", "employer_cost", "no_receipt", "not_listed", "not_reviewed", "ready",
         "expired", None)  # None: nothing filled in yet


def load(trainer):
    """Upsert the agencies and the checklists; the number of rows created or changed."""
    changes = _load_agencies()
    agencies = {a.licence_number: a for a in db.session.scalars(
        select(Agency).where(Agency.country == "KH"))}
    plan = dict(SMALL)
    plan.update({f"2{n + 1:07d}": KINDS[n % len(KINDS)] for n in range(30)})
    users = db.session.scalars(select(User).where(User.login_code.in_(plan))).all()
    have = set(db.session.scalars(select(Departure.user_id).where(
        Departure.user_id.in_([u.id for u in users]))))
    for user in users:
        kind = plan[user.login_code]
        if kind is None or user.id in have:
            continue
        db.session.add(_checklist(user, kind, agencies, trainer))
        changes += 1
    db.session.commit()
    return changes


def _load_agencies():
    changes = 0
    for number, name, destinations, expires in AGENCIES:
        agency = db.session.scalar(select(Agency).where(Agency.country == "KH",
                                                        Agency.licence_number == number))
        if agency is None:
            agency = Agency(country="KH", licence_number=number)
            db.session.add(agency)
        values = {"name": name, "destinations": destinations, "licence_expires_on": expires,
                  "address": "Demo address (fictional)", "phone": ""}
        if any(getattr(agency, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(agency, key, value)
            changes += 1
    db.session.flush()
    return changes


def _checklist(user, kind, agencies, trainer):
    """A checklist of this kind: ready, or with one kind of problem for the trainer."""
    reviewed = kind != "not_reviewed"
    departure = Departure(
        user_id=user.id, destination="TH", sector="factory",
        agency_id=None if kind == "not_listed" else agencies[
            "DEMO-KH-002" if kind == "expired" else "DEMO-KH-001"].id,
        agency_name="Quick Jobs Abroad (fictional, not licensed)" if kind == "not_listed"
        else None,
        contract_reviewed_on=date(2026, 11, 20) if reviewed else None,
        contract_reviewed_by_id=trainer.id if reviewed else None,
        contract_language=(user.preferred_locale or "km") if reviewed else None,
        contract_copy_kept=True if reviewed else None,
        passport_kept=True, insurance=True, contacts_saved=True)
    if kind in ("employer_cost", "no_receipt"):
        departure.payments = [Payment(
            paid_to="Demo Recruitment Agency One (fictional)",
            category="medical" if kind == "employer_cost" else "other", amount=40,
            currency="USD", receipt=kind != "no_receipt", paid_on=date(2026, 11, 2))]
        if kind == "no_receipt":
            departure.payments.append(Payment(
                paid_to="A broker in the village (fictional)", category="documents",
                amount=150, currency="USD", receipt=False, paid_on=date(2026, 11, 3)))
    return departure
