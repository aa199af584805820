"""Is a trainee ready to depart? One function, `assess`, decides it for every page and report.

It takes plain facts (the checklist, its agency and payments, the centre's fee cap, where the
trainee comes from, the departure date and today) and returns the checklist's items, each
done or open, and the flags: problems a trainer must follow up. Ready means no open item and
no flag. It runs no query: the reads load the facts in bulk (orientation/departure/reads.py).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from orientation.departure import fee_rules
from orientation.models import Agency, Departure, Payment

# The checklist, in the order a trainee fills it in.
ITEMS = ("destination", "sector", "agency", "contract_reviewed", "contract_copy", "passport",
         "insurance", "contacts")
FLAGS = ("destination_not_legal", "agency_not_listed", "agency_expired",
         "agency_not_for_destination", "employer_cost_paid", "no_receipt", "fee_over_cap",
         "passport_not_kept")


@dataclass(frozen=True)
class Item:
    code: str
    done: bool


@dataclass(frozen=True)
class Flag:
    """A problem; `payment_id` names the payment it is about, when it is about one."""

    code: str
    payment_id: int | None = None


@dataclass(frozen=True)
class Facts:
    """Everything the rule needs about one trainee, loaded beforehand."""

    departure: Departure | None
    agency: Agency | None
    payments: Sequence[Payment]
    origin: str | None  # KH, LA, VN, CN or None (not known)
    cap: int | None  # the centre's cap on Viet Nam's service fee, whole units
    cap_currency: str | None
    departs_on: date | None  # the cohort's departure date, if the trainee is in one
    today: date  # today where the centre is


@dataclass(frozen=True)
class Readiness:
    items: tuple[Item, ...]
    flags: tuple[Flag, ...]

    @property
    def open_items(self):
        return [item for item in self.items if not item.done]

    @property
    def ready(self):
        return not self.open_items and not self.flags

    @property
    def flag_codes(self):
        """Each flag's code once, in the order of FLAGS (for short labels)."""
        found = {flag.code for flag in self.flags}
        return [code for code in FLAGS if code in found]

    def payment_flags(self, payment_id):
        return [flag.code for flag in self.flags if flag.payment_id == payment_id]


def legal_destinations(origin, channels):
    """The destinations with a legal channel from `origin` (none for an unknown origin)."""
    return tuple(destination for destination, channel in channels.get(origin, {}).items()
                 if channel.status == "legal")


def assess(facts, channels):
    """The rule: the checklist's items and the flags of one trainee's departure."""
    d = facts.departure
    items = tuple(Item(code, done) for code, done in _item_states(d))
    flags = (_destination_flags(d, facts.origin, channels)
             + _agency_flags(d, facts.agency, facts.departs_on or facts.today)
             + _payment_flags(facts.payments, facts.origin)
             + _cap_flags(facts)
             + ([Flag("passport_not_kept")] if d is not None and d.passport_kept is False
                else []))
    return Readiness(items, tuple(flags))


def _item_states(d):
    if d is None:
        return [(code, False) for code in ITEMS]
    return [("destination", d.destination is not None),
            ("sector", d.sector is not None),
            ("agency", d.agency_id is not None or bool(d.agency_name)),
            ("contract_reviewed", d.contract_reviewed_on is not None),
            ("contract_copy", d.contract_copy_kept is True),
            ("passport", d.passport_kept is True),
            ("insurance", d.insurance is True),
            ("contacts", d.contacts_saved is True)]


def _destination_flags(d, origin, channels):
    if d is None or d.destination is None:
        return []
    legal = d.destination in legal_destinations(origin, channels)
    return [] if legal else [Flag("destination_not_legal")]


def _agency_flags(d, agency, on):
    """A typed agency is not on the list; a listed one may have expired by `on` (the
    departure date, else today) or not be licensed for the destination."""
    if d is None:
        return []
    if agency is None:
        return [Flag("agency_not_listed")] if d.agency_name else []
    flags = []
    if agency.licence_expires_on is not None and agency.licence_expires_on < on:
        flags.append(Flag("agency_expired"))
    if d.destination and d.destination not in (agency.destinations or []):
        flags.append(Flag("agency_not_for_destination"))
    return flags


def _payment_flags(payments, origin):
    flags = []
    for payment in payments:
        if fee_rules.is_employer_cost(payment.category, origin):
            flags.append(Flag("employer_cost_paid", payment.id))
        if not payment.receipt and fee_rules.needs_receipt(payment.category):
            flags.append(Flag("no_receipt", payment.id))
    return flags


def _cap_flags(facts):
    """Viet Nam's service fee, over the cap the centre entered: only for a trainee from
    Viet Nam, only when a cap is entered, only payments in the cap's currency (amounts in
    other currencies are not converted: a rate would be a guess)."""
    if facts.cap is None or not facts.cap_currency:
        return []
    fees = [p for p in facts.payments if fee_rules.is_capped_fee(p.category, facts.origin)
            and p.currency == facts.cap_currency]
    total = sum(p.amount for p in fees)
    return [Flag("fee_over_cap", fees[-1].id)] if total > facts.cap else []
