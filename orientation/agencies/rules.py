"""Rules for agencies: what an admin may type, when a licence is about to expire, which costs
are the employer's, and the median fee per currency. Plain functions, tested without a request.

Each clean_* rule returns the clean value or raises ValueError with a translated message, as
orientation.accounts.rules does, so that the form and the CSV import refuse the same input
with the same words.
"""

import re
import statistics
import unicodedata
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from orientation.accounts import rules
from orientation.content.channels import ORIGINS
from orientation.content.packages import DESTINATIONS
from orientation.departure import fee_rules
from orientation.timezones import COUNTRY_ZONES

NAME_MAX = 200
LICENCE_MAX = 64
ADDRESS_MAX = 500
# A licence expiring within this many days is shown with a warning.
WARN_DAYS = 60
FEE_CAP_MAX = 2_000_000_000  # fits the database's integer; 2 billion VND is ample
WHOLE_NUMBER = re.compile("[0-9]+|[0-9]{1,3}(?:([ ,.\u00a0\u202f])[0-9]{3})(?:\\1[0-9]{3})*")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_flagged_payment(category, origin):
    """A payment the worker should not have made: the departure fee rules' one answer
    (an employer's cost under the ILO's 2018 definition; Viet Nam's service fee, allowed
    within a cap, is checked against the cap on the trainee's checklist, not here)."""
    return fee_rules.is_employer_cost(category, origin)


def clean_country(text):
    """A licensing country: KH, LA, VN or CN."""
    code = (text or "").strip().upper()
    if code not in ORIGINS:
        raise ValueError(_l("Unknown country %(code)s: use KH, LA, VN or CN.", code=text))
    return code


def clean_agency_name(text):
    """An agency's name in any script, 1 to 200 characters."""
    name = rules.clean_short_text(text, NAME_MAX)
    if not name:
        raise ValueError(_l("Please give the agency's name."))
    return name


def clean_licence_number(text):
    """A licence number as printed on the licence: digits 0-9, upper case, single spaces."""
    number = " ".join(rules.to_ascii_digits(unicodedata.normalize("NFKC", text or ""))
                      .split()).upper()
    if not number:
        raise ValueError(_l("Please give the licence number."))
    if len(number) > LICENCE_MAX:
        raise ValueError(_l("At most %(max)s characters.", max=LICENCE_MAX))
    if any(unicodedata.category(char)[0] == "C" for char in number):
        raise ValueError(rules.INVISIBLE)
    return number


def clean_destinations(codes):
    """Destinations a licence allows, in the programme's order: a list of codes, or a text
    such as "TH MY" (spaces, commas or semicolons between)."""
    if isinstance(codes, str):
        codes = codes.replace(",", " ").replace(";", " ").split()
    wanted = [code.strip().upper() for code in codes or () if code.strip()]
    unknown = [code for code in wanted if code not in DESTINATIONS]
    if unknown:
        raise ValueError(_l("Unknown destination %(code)s: use TH, MY, HK or KR.",
                            code=unknown[0]))
    if not wanted:
        raise ValueError(_l("Choose at least one destination."))
    return [code for code in DESTINATIONS if code in wanted]


def clean_expiry(text):
    """A date written YYYY-MM-DD; empty means not known."""
    if isinstance(text, date):  # the saved date: a form posted without this field
        return text
    text = rules.to_ascii_digits((text or "").strip())
    if not text:
        return None
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(_l("%(text)s is not a date: write it as YYYY-MM-DD, for example "
                            "2027-03-31.", text=text)) from None


def clean_address(text):
    """A postal address, trimmed, at most 500 characters (lines kept)."""
    lines = [" ".join(line.split()) for line in
             unicodedata.normalize("NFC", text or "").splitlines()]
    address = "\n".join(line for line in lines if line)
    if len(address) > ADDRESS_MAX:
        raise ValueError(_l("At most %(max)s characters.", max=ADDRESS_MAX))
    return address


def clean_agency_phone(text, country):
    """A phone number in E.164, read in the licensing country; empty stays empty."""
    return rules.clean_phone(text, country) or ""


def clean_fee_cap(text):
    """A cap in whole units of its currency; thousands may be grouped with spaces, commas or
    dots (12.000.000 in Viet Nam), a decimal part is refused. Empty means no cap."""
    text = rules.to_ascii_digits((text or "").strip())
    if not text:
        return None
    if not WHOLE_NUMBER.fullmatch(text) or not 0 < int(re.sub("[^0-9]", "", text)) \
            <= FEE_CAP_MAX:
        raise ValueError(_l("Write a whole number above 0, or leave it empty."))
    return int(re.sub("[^0-9]", "", text))


def country_today(country):
    """Today in the licensing country (a licence ends at midnight there)."""
    return datetime.now(UTC).astimezone(ZoneInfo(COUNTRY_ZONES[country])).date()


def expiry_state(expires_on, today):
    """expired, expiring (within WARN_DAYS days), valid, or unknown (no date on record)."""
    if expires_on is None:
        return "unknown"
    if expires_on < today:
        return "expired"
    return "expiring" if expires_on <= today + timedelta(days=WARN_DAYS) else "valid"


def total_per_currency(payments):
    """{currency: sum of amounts} of one trainee's payments [(amount, currency)]."""
    totals = {}
    for amount, currency in payments:
        totals[currency] = totals.get(currency, 0) + amount
    return totals


def median_per_currency(totals):
    """The median across trainees, per currency, of each trainee's total in that currency;
    `totals` is a list of {currency: total}, one per trainee who reported a payment."""
    by_currency = {}
    for trainee_totals in totals:
        for currency, amount in trainee_totals.items():
            by_currency.setdefault(currency, []).append(amount)
    return {currency: statistics.median(amounts)
            for currency, amounts in sorted(by_currency.items())}


def group_key(agency_id, agency_name):
    """Which line of the centre view a departure counts in: its listed agency, or the name a
    trainee typed, the same line whatever its case and spacing."""
    if agency_id is not None:
        return ("listed", agency_id)
    return ("typed", " ".join(unicodedata.normalize("NFKC", agency_name or "").split())
            .casefold())
