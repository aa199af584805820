"""Times are stored in UTC and shown in the time zone of the person's centre.

A centre names its zone (default: its country's); trainees without a centre use the
configured DEFAULT_TIME_ZONE. Certificates carry the local date, and a trainer's "today"
(departures, at risk) is the centre's.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, available_timezones

from flask import current_app
from flask_login import current_user

# The zone of each country a centre may be in (origins and destinations of the programme).
COUNTRY_ZONES = {"KH": "Asia/Phnom_Penh", "LA": "Asia/Vientiane", "VN": "Asia/Ho_Chi_Minh",
                 "CN": "Asia/Shanghai", "TH": "Asia/Bangkok", "MY": "Asia/Kuala_Lumpur",
                 "HK": "Asia/Hong_Kong", "KR": "Asia/Seoul"}


def is_zone(name):
    """Whether a text names an IANA time zone (Asia/Phnom_Penh)."""
    return bool(name) and name in available_timezones()


def centre_zone(centre):
    """The time zone name of a centre, or the configured default without one."""
    if centre is not None:
        if getattr(centre, "time_zone", None):
            return centre.time_zone
        country = getattr(centre, "country", None)
        if country in COUNTRY_ZONES:
            return COUNTRY_ZONES[country]
    return current_app.config["DEFAULT_TIME_ZONE"]


def zone_of(user):
    return ZoneInfo(centre_zone(getattr(user, "centre", None)))


def select_timezone():
    """Flask-Babel's time zone selector: the signed-in person's centre, else the default."""
    user = current_user if current_user and current_user.is_authenticated else None
    return centre_zone(user.centre if user else None)


def local_date(moment, user):
    """The calendar date, where the person is, of a UTC time (naive, as stored)."""
    return moment.replace(tzinfo=UTC).astimezone(zone_of(user)).date()


def local_today(centre) -> date:
    """Today where a centre is (a trainer's "today" for departures and risk)."""
    return datetime.now(UTC).astimezone(ZoneInfo(centre_zone(centre))).date()


