"""Admin forms: an agency, and a centre's service-fee cap."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from orientation.agencies import rules
from orientation.agencies.services import CURRENCIES
from orientation.forms import Form, Rule
from orientation.learn.names import DESTINATION_NAMES, ORIGIN_NAMES


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AgencyForm(Form):
    country = SelectField(
        _l("Licensed in"), validate_choice=False,
        choices=[SelectChoice("", _l("Choose one")),
                 *(SelectChoice(code, name) for code, name in ORIGIN_NAMES.items())],
        validators=[AnyOf(list(ORIGIN_NAMES), message=_l("Please choose the country."))])
    name = StringField(_l("Name of the agency"), validators=[Rule(rules.clean_agency_name)])
    licence_number = StringField(_l("Licence number"),
                                 validators=[Rule(rules.clean_licence_number)])
    destinations = CheckboxesField(_l("May send workers to"),
                                   choices=[SelectChoice(code, name)
                                            for code, name in DESTINATION_NAMES.items()],
                                   validate_choice=False,
                                   validators=[Rule(rules.clean_destinations)])
    licence_expires_on = StringField(
        _l("Licence valid until"), validators=[Rule(rules.clean_expiry)],
        description=_l("Leave empty when you do not know."))
    address = TextAreaField(_l("Address"), validators=[Rule(rules.clean_address)])
    phone = StringField(_l("Phone"))

    def validate_phone(self, field):
        country = self.country.data if self.country.data in ORIGIN_NAMES else None
        try:
            field.data = rules.clean_agency_phone(field.data, country)
        except ValueError as error:
            raise ValidationError(str(error.args[0])) from None

    def values(self):
        """The cleaned fields as the model names them."""
        return {name: getattr(self, name).data for name in (
            "country", "name", "licence_number", "destinations", "licence_expires_on",
            "address", "phone")}


class FeeCapForm(Form):
    amount = StringField(
        _l("Highest service fee allowed"), validators=[Rule(rules.clean_fee_cap)],
        description=_l("In whole units of the currency. Leave empty for no cap."))
    currency = SelectField(
        _l("Currency"), choices=[SelectChoice(code, code) for code in CURRENCIES],
        validate_choice=False,
        validators=[AnyOf(list(CURRENCIES), message=_l("Please choose the currency."))])
