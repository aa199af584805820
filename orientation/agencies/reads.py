"""A centre's agencies as its trainees reported them: how many chose each, where to, the
median fee paid, and what is wrong. Three queries whatever the number of trainees."""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from orientation.agencies import rules
from orientation.content.packages import DESTINATIONS
from orientation.extensions import db
from orientation.learn.names import DESTINATION_NAMES, ORIGIN_NAMES
from orientation.models import Role, User
from orientation.models.departure import Agency, Departure, Payment


@dataclass
class AgencyLine:
    """One agency of the centre view: a listed agency, or a name typed by trainees."""

    name: str
    agency: Agency | None  # None: not on the list
    trainees: int = 0
    by_destination: dict = field(default_factory=dict)  # code (None: not chosen) -> count
    medians: dict = field(default_factory=dict)  # currency -> median of trainees' totals
    licence_expired: bool = False
    not_licensed_for: int = 0  # trainees going where the licence does not allow
    flagged_payments: int = 0  # costs the employer should have paid
    without_receipt: int = 0
    totals: list = field(default_factory=list, repr=False)  # [{currency: total}] per trainee

    @property
    def listed(self):
        return self.agency is not None


def get_centre_agencies(centre, today):
    """[AgencyLine] of the centre's trainees' departures: most trainees first, then listed
    agencies before typed names, then by name."""
    trainee_of_centre = (User.centre_id == centre.id) & (User.role == Role.trainee)
    departures = db.session.execute(
        select(Departure.id, Departure.destination, Departure.agency_id, Departure.agency_name,
               func.coalesce(User.origin, centre.country))
        .join(User, User.id == Departure.user_id)
        .where(trainee_of_centre, or_(Departure.agency_id.is_not(None),
                                      func.trim(func.coalesce(Departure.agency_name, "")) != ""))
        .order_by(Departure.id)).all()
    payments = {}
    for departure_id, amount, currency, category, receipt in db.session.execute(
            select(Payment.departure_id, Payment.amount, Payment.currency, Payment.category,
                   Payment.receipt)
            .join(Departure, Departure.id == Payment.departure_id)
            .join(User, User.id == Departure.user_id).where(trainee_of_centre)):
        payments.setdefault(departure_id, []).append((amount, currency, category, receipt))
    ids = {row.agency_id for row in departures if row.agency_id is not None}
    agencies = {a.id: a for a in db.session.scalars(select(Agency).where(Agency.id.in_(ids)))
                } if ids else {}
    lines = {}
    for departure_id, destination, agency_id, agency_name, origin in departures:
        agency = agencies.get(agency_id)
        key = rules.group_key(agency_id, agency_name)
        line = lines.get(key) or lines.setdefault(key, _new_line(agency, agency_name, today))
        _count(line, agency, destination, payments.get(departure_id, []), origin)
    for line in lines.values():
        line.medians = rules.median_per_currency(line.totals)
    return sorted(lines.values(),
                  key=lambda line: (-line.trainees, not line.listed, line.name.casefold()))


def _new_line(agency, typed_name, today):
    if agency is None:
        return AgencyLine(" ".join(typed_name.split()), None)
    return AgencyLine(agency.name, agency, licence_expired=rules.expiry_state(
        agency.licence_expires_on, today) == "expired")


def _count(line, agency, destination, paid, origin):
    line.trainees += 1
    line.by_destination[destination] = line.by_destination.get(destination, 0) + 1
    if agency is not None and destination and destination not in agency.destinations:
        line.not_licensed_for += 1
    if paid:
        line.totals.append(rules.total_per_currency((amount, currency)
                                                    for amount, currency, _c, _r in paid))
    line.flagged_payments += sum(rules.is_flagged_payment(category, origin)
                                 for _a, _cur, category, _r in paid)
    line.without_receipt += sum(not receipt for *_rest, receipt in paid)


def currencies_of(lines):
    """Every currency with a median, in alphabetical order (the export's columns)."""
    return sorted({currency for line in lines for currency in line.medians})


def export_table(lines):
    """(header, rows) for the ministry: numbers per agency, and no trainee's name, code or
    phone (an agency's name and licence are not personal data)."""
    currencies = currencies_of(lines)
    header = [_l("Agency"), _l("Licensed in"), _l("Licence number"), _l("On the list"),
              _l("Trainees"),
              *(_l("To %(country)s", country=DESTINATION_NAMES[code]) for code in DESTINATIONS),
              _l("Destination not chosen"),
              *(_l("Median fee (%(currency)s)", currency=code) for code in currencies),
              _l("Licence expired"), _l("Trainees sent where the licence does not allow"),
              _l("Payments the employer should make"), _l("Payments without receipt")]
    yes, no = str(_l("yes")), str(_l("no"))
    rows = []
    for line in lines:
        agency = line.agency
        rows.append([
            line.name, str(ORIGIN_NAMES.get(agency.country, agency.country)) if agency else "",
            agency.licence_number if agency else "", yes if agency else no, line.trainees,
            *(line.by_destination.get(code, 0) for code in DESTINATIONS),
            line.by_destination.get(None, 0),
            *(_number(line.medians.get(code)) for code in currencies),
            yes if line.licence_expired else no, line.not_licensed_for,
            line.flagged_payments, line.without_receipt])
    return [str(h) for h in header], rows


def _number(value):
    """A median as a spreadsheet reads it: whole, or with .5 between two amounts."""
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else f"{value:.1f}"
