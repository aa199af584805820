"""Departure forms: the trainee's checklist, a payment, the trainer's contract review."""

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Optional, ValidationError

from orientation.accounts import rules
from orientation.departure import fee_rules
from orientation.departure.services import AMOUNT_MAX
from orientation.forms import Form, Rule

YES_NO = [SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))]
AS_BOOL = {"yes": True, "no": False}
NOT_LISTED = "other"


def as_choices(pairs):
    """(value, label) pairs as a select's choices."""
    return [SelectChoice(value, label) for value, label in pairs]


def choice_values(field):
    return {choice.value for choice in field.choices}


def clean_amount(text):
    """A whole amount typed in any of the trainees' digits, from 1 to AMOUNT_MAX."""
    digits = rules.to_ascii_digits((text or "").strip()).replace(" ", "")
    if not digits.isascii() or not digits.isdigit():
        raise ValueError(_l("Please give the amount as a whole number."))
    amount = int(digits)
    if not 1 <= amount <= AMOUNT_MAX:
        raise ValueError(_l("The amount must be between 1 and %(max)s.",
                            max=format_decimal(AMOUNT_MAX)))
    return amount


def yes_no_field(label, required=False):
    first = InputRequired(_l("Please answer yes or no.")) if required else Optional()
    return RadioField(label, choices=YES_NO, validate_choice=False, validators=[
        first, AnyOf(("yes", "no"), message=_l("Please answer yes or no."))])


def as_answer(value):
    """A stored yes/no/unanswered as the form's value."""
    return None if value is None else ("yes" if value else "no")


class ChecklistForm(Form):
    """The trainee's answers. The choices (legal destinations, the centre's agencies) are
    set by the view for this trainee; anything else posted is refused."""

    destination = SelectField(_l("Where will you work?"), validate_choice=False)
    sector = SelectField(_l("What kind of work?"), validate_choice=False)
    agency = SelectField(_l("Recruitment agency"), validate_choice=False)
    agency_name = StringField(
        _l("Name of the agency, if it is not on the list"),
        validators=[Rule(rules.clean_short_text, 200)])
    passport_kept = yes_no_field(_l("Do you keep your passport yourself?"))
    insurance = yes_no_field(_l("Do you have insurance for your work abroad?"))
    contacts_saved = yes_no_field(_l("Are the help contacts saved on your phone?"))

    def validate_destination(self, field):
        if field.data and field.data not in choice_values(field):
            raise ValidationError(_l("You can choose only a destination with a legal way to "
                                     "work there from where you come from."))

    def validate_sector(self, field):
        if field.data and field.data not in choice_values(field):
            raise ValidationError(_l("Please choose a kind of work from the list."))

    def validate_agency(self, field):
        if field.data and field.data not in choice_values(field):
            raise ValidationError(_l("Please choose an agency from the list."))

    def validate_agency_name(self, field):
        if self.agency.data == NOT_LISTED and not field.data:
            raise ValidationError(_l("Please write the name of the agency."))

    def values(self):
        """The answers as the model stores them."""
        agency = self.agency.data or ""
        return {"destination": self.destination.data or None,
                "sector": self.sector.data or None,
                "agency_id": int(agency) if agency.isdigit() else None,
                "agency_name": (self.agency_name.data or None) if agency == NOT_LISTED
                else None,
                "passport_kept": AS_BOOL.get(self.passport_kept.data),
                "insurance": AS_BOOL.get(self.insurance.data),
                "contacts_saved": AS_BOOL.get(self.contacts_saved.data)}


class PaymentForm(Form):
    paid_to = StringField(_l("Paid to (a person or a company)"), validators=[
        InputRequired(_l("Please write who you paid.")),
        Rule(rules.clean_short_text, 200)])
    category = SelectField(_l("What for?"), validate_choice=False, validators=[
        AnyOf([c.code for c in fee_rules.CATEGORIES],
              message=_l("Please choose what the payment was for."))])
    amount = StringField(_l("Amount"), description=_l("Whole numbers only, without dots or "
                                                      "commas."), validators=[
        InputRequired(_l("Please give the amount as a whole number.")), Rule(clean_amount)])
    currency = SelectField(_l("Currency"), validate_choice=False,
                           choices=as_choices((code, code) for code in fee_rules.CURRENCIES),
                           validators=[AnyOf(fee_rules.CURRENCIES,
                                             message=_l("Please choose a currency."))])
    receipt = yes_no_field(_l("Did you get a receipt?"), required=True)
    paid_on = DateField(_l("Date paid (if you know it)"), validators=[Optional()])
    request_token = HiddenField()

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def validate_paid_on(self, field):
        if field.data and self.today and field.data > self.today:
            raise ValidationError(_l("This date is in the future."))

    def values(self):
        return {"paid_to": self.paid_to.data, "category": self.category.data,
                "amount": self.amount.data, "currency": self.currency.data,
                "receipt": AS_BOOL[self.receipt.data], "paid_on": self.paid_on.data}


class ContractForm(Form):
    reviewed_on = DateField(_l("Date the contract was read with the trainee"),
                            validators=[InputRequired(_l("Please give the date."))])
    language = SelectField(_l("Language of the contract"), validate_choice=False)
    copy_kept = yes_no_field(_l("Does the trainee keep a copy of the contract?"),
                             required=True)

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def validate_reviewed_on(self, field):
        if field.data and self.today and field.data > self.today:
            raise ValidationError(_l("This date is in the future."))

    def validate_language(self, field):
        if field.data not in choice_values(field):
            raise ValidationError(_l("Please choose the language of the contract."))
