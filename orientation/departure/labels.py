"""What the checklist's items, flags, sectors and contract languages are called, translated."""

from flask_babel import lazy_gettext as _l

ITEM_LABELS = {
    "destination": _l("Destination chosen"),
    "sector": _l("Kind of work chosen"),
    "agency": _l("Recruitment agency given"),
    "contract_reviewed": _l("Contract read with a trainer"),
    "contract_copy": _l("I keep a copy of my contract"),
    "passport": _l("I keep my own passport"),
    "insurance": _l("I have insurance"),
    "contacts": _l("Help contacts saved on my phone"),
}
# Short: they sit in a cell of the cohort's table and in the report.
FLAG_LABELS = {
    "destination_not_legal": _l("no legal channel"),
    "agency_not_listed": _l("agency not on the list"),
    "agency_expired": _l("agency licence expired"),
    "agency_not_for_destination": _l("agency not licensed for this destination"),
    "employer_cost_paid": _l("paid an employer's cost"),
    "no_receipt": _l("no receipt"),
    "fee_over_cap": _l("service fee over the cap"),
    "passport_not_kept": _l("passport not kept by the worker"),
}
# Plain words for the trainee (the payments' flags add the fee rules' own texts).
FLAG_EXPLANATIONS = {
    "destination_not_legal": _l("There is no legal way for people from where you come from "
                                "to work there. Choose another destination, or ask your "
                                "trainer."),
    "agency_not_listed": _l("This agency is not on your centre's list of licensed agencies. "
                            "Before you pay or sign anything, ask your trainer to check its "
                            "licence."),
    "agency_expired": _l("The agency's licence ends before you leave. Ask your trainer before "
                         "you pay or sign anything."),
    "agency_not_for_destination": _l("The agency's licence does not allow it to send workers "
                                     "to this destination. Ask your trainer."),
    "no_receipt": _l("You have no receipt for this payment. Ask for one: a receipt shows who "
                     "you paid, how much, when and what for."),
    "fee_over_cap": _l("Your service fees are more than the cap your centre entered for the "
                       "law of Viet Nam. Ask your trainer or the office for workers abroad."),
    "passport_not_kept": _l("Your passport is yours. Nobody else should keep it: not the "
                            "agency, not the employer. Tell your trainer."),
}
SECTORS = {
    "agriculture": _l("Farm work"),
    "construction": _l("Construction"),
    "factory": _l("Factory work"),
    "fishing": _l("Fishing"),
    "domestic_work": _l("Domestic work"),
    "services": _l("Hotels, restaurants, shops"),
    "other": _l("Other work"),
}
# The five languages are named in their own script (orientation.i18n); these are the
# destinations' own languages, for a contract written in one of them.
DESTINATION_LANGUAGES = {"TH": ("th",), "MY": ("ms",), "HK": ("zh", "en"), "KR": ("ko",)}
OTHER_LANGUAGE_NAMES = {"th": _l("Thai"), "ms": _l("Malay"), "ko": _l("Korean")}
