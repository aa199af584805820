"""Translated names of destinations and topics (the packages use codes)."""

from flask_babel import lazy_gettext as _l

DESTINATION_NAMES = {
    "TH": _l("Thailand"),
    "MY": _l("Malaysia"),
    "HK": _l("Hong Kong"),
    "KR": _l("South Korea"),
}
TOPIC_NAMES = {
    "safe-migration": _l("Safe migration"),
    "rights": _l("Your rights"),
    "contract": _l("Employment contract"),
    "money": _l("Money"),
    "health": _l("Health and safety"),
    "help": _l("Getting help"),
    "destination": _l("Life in the destination country"),
    "return": _l("Coming home"),
}


def names():
    return {"destination_names": DESTINATION_NAMES, "topic_names": TOPIC_NAMES}
