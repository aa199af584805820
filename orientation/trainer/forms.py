"""Trainer forms."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, DecimalField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, NumberRange, ValidationError

from orientation.accounts import rules
from orientation.forms import Finite, Form, Rule


class SessionForm(Form):
    held_on = DateField(_l("Date"), validators=[InputRequired(_l("Please give the date."))])
    hours = DecimalField(
        _l("Hours"), places=1,
        validators=[InputRequired(_l("Please give the hours.")),
                    Finite(_l("Between 0.5 and 12 hours.")),
                    NumberRange(min=0.5, max=12, message=_l("Between 0.5 and 12 hours."))])
    topic = StringField(_l("Topic"), validators=[Length(max=200, message=_l(
        "At most 200 characters."))])
    submit = SubmitField(_l("Create the session"))


class CohortForm(Form):
    name = StringField(_l("Name of the cohort"), validators=[
        InputRequired(_l("Please give the cohort a name.")),
        Length(max=120, message=_l("At most 120 characters.")),
        Rule(rules.clean_short_text, 120)])
    # A select without an empty first option always sends a value: HTML forbids `required`
    # on it, and the server checks the choice (validate_programme).
    programme = SelectField(_l("Programme"), coerce=int, validate_choice=False,
                            validators=[InputRequired(_l("Please choose a programme."))],
                            render_kw={"required": False})
    starts_on = DateField(_l("Training starts"),
                          validators=[InputRequired(_l("Please give the date."))])
    departs_on = DateField(_l("Departure"), validators=[InputRequired(_l("Please give the date."))])
    submit = SubmitField(_l("Create the cohort"))

    def validate_name(self, field):
        if not field.data:  # only spaces
            raise ValidationError(_l("Please give the cohort a name."))

    def validate_programme(self, field):
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Please choose a programme."))

    def validate_departs_on(self, field):
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_l("Departure cannot be before the training starts."))
