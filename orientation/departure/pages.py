"""What the checklist pages show, prepared for the templates (which only display it)."""

from dataclasses import dataclass, field

from flask import url_for
from flask_babel import lazy_gettext as _l

from orientation.content.library import get_library
from orientation.content.packages import text_in
from orientation.departure import fee_rules
from orientation.departure.forms import NOT_LISTED, as_answer, as_choices
from orientation.departure.labels import (
    DESTINATION_LANGUAGES,
    FLAG_EXPLANATIONS,
    FLAG_LABELS,
    ITEM_LABELS,
    OTHER_LANGUAGE_NAMES,
    SECTORS,
)
from orientation.departure.reads import get_agencies, get_legal_destinations, get_readiness
from orientation.i18n import BY_CODE
from orientation.learn.names import DESTINATION_NAMES

CHOOSE = _l("Choose one")


@dataclass
class Problem:
    """A flag as the trainee reads it: what, why, and the lesson that says what to do."""

    label: str
    text: list[str]
    lesson_url: str | None = None


@dataclass
class PaymentRow:
    payment: object
    category: str
    problems: list[Problem] = field(default_factory=list)


def lesson_url(slug):
    """The money-matters lesson's address, when the library has it."""
    package = get_library().courses.get(fee_rules.MONEY_COURSE)
    if package is None or package.lesson(slug) is None:
        return None
    return url_for("learn.lesson", slug=fee_rules.MONEY_COURSE, lesson_slug=slug)


def _payment_problem(code, payment, lang):
    category = fee_rules.BY_CODE.get(payment.category)
    if code == "employer_cost_paid":
        texts = ([text_in(category.text, lang)] if category else []) + \
            [text_in(fee_rules.EMPLOYER_NOTE, lang)]
        return Problem(str(FLAG_LABELS[code]), texts,
                       lesson_url(category.lesson if category else fee_rules.RECEIPT_LESSON))
    lesson = fee_rules.RECEIPT_LESSON if code == "no_receipt" else "no-recruitment-fees"
    return Problem(str(FLAG_LABELS[code]), [str(FLAG_EXPLANATIONS[code])], lesson_url(lesson))


def category_name(code, lang):
    category = fee_rules.BY_CODE.get(code)
    return text_in(category.name, lang) if category else code


def checklist_page(user, lang):
    """Everything the trainee's (and the trainer's) checklist page shows."""
    departure, readiness, cohort = get_readiness(user)
    payments = departure.payments if departure is not None else []
    rows = [PaymentRow(p, category_name(p.category, lang),
                       [_payment_problem(code, p, lang) for code in readiness.payment_flags(p.id)])
            for p in payments]
    problems = [Problem(str(FLAG_LABELS[flag.code]), [str(FLAG_EXPLANATIONS[flag.code])])
                for flag in readiness.flags if flag.payment_id is None]
    return {"departure": departure, "readiness": readiness, "trainee_cohort": cohort,
            "items": [(str(ITEM_LABELS[item.code]), item.done) for item in readiness.items],
            "problems": problems, "payments": rows,
            "contract_language": language_name(departure.contract_language)
            if departure is not None and departure.contract_language else None}


def fill_checklist(form, user):
    """The choices this trainee may make (anything else posted is refused)."""
    legal = get_legal_destinations(user)
    form.destination.choices = as_choices([("", str(CHOOSE))] + [
        (code, str(DESTINATION_NAMES[code])) for code in legal])
    form.sector.choices = as_choices([("", str(CHOOSE))] + [(k, str(v))
                                                            for k, v in SECTORS.items()])
    country = user.centre.country if user.centre is not None else None
    form.agency.choices = as_choices([("", str(CHOOSE))] + [
        (str(a.id), f"{a.name} ({a.licence_number})") for a in get_agencies(country)] + [
        (NOT_LISTED, str(_l("Not on the list")))])


def load_answers(form, departure):
    """The saved answers into a form that was not posted."""
    if departure is None:
        return
    form.destination.data = departure.destination or ""
    form.sector.data = departure.sector or ""
    form.agency.data = str(departure.agency_id) if departure.agency_id else (
        NOT_LISTED if departure.agency_name else "")
    form.agency_name.data = departure.agency_name or ""
    for name in ("passport_kept", "insurance", "contacts_saved"):
        getattr(form, name).data = as_answer(getattr(departure, name))


def fill_categories(form, lang):
    """The cost categories, named in the page's language."""
    form.category.choices = as_choices([("", str(CHOOSE))] + [
        (c.code, text_in(c.name, lang)) for c in fee_rules.CATEGORIES])


def contract_languages(destination):
    """The five languages in their own script, and the destination's own languages."""
    codes = ["km", "lo", "vi", "zh", "en"]
    codes += [c for c in DESTINATION_LANGUAGES.get(destination, ()) if c not in codes]
    return as_choices((code, language_name(code)) for code in codes)


def language_name(code):
    if code in BY_CODE:
        return BY_CODE[code].native_name
    return str(OTHER_LANGUAGE_NAMES.get(code, code))
