"""Translated names of destinations and topics (the packages use codes)."""

from flask_babel import lazy_gettext as _l

DESTINATION_NAMES = {
    "TH": _l("Thailand"),
    "MY": _l("Malaysia"),
    "HK": _l("Hong Kong"),
    "KR": _l("South Korea"),
}
# Where trainees come from (CN: the courses are for readers from Yunnan).
ORIGIN_NAMES = {
    "KH": _l("Cambodia"),
    "LA": _l("Laos"),
    "VN": _l("Viet Nam"),
    "CN": _l("Yunnan (China)"),
}
CHANNEL_STATUS_NAMES = {
    "legal": _l("Legal channel"),
    "ask_centre": _l("Ask your centre"),
    "not_legal": _l("No legal channel"),
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
    return {"destination_names": DESTINATION_NAMES, "topic_names": TOPIC_NAMES,
            "origin_names": ORIGIN_NAMES, "channel_status_names": CHANNEL_STATUS_NAMES}
