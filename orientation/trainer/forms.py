"""Trainer forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, NumberRange


class SessionForm(FlaskForm):
    held_on = DateField(_l("Date"), validators=[InputRequired(_l("Please give the date."))])
    hours = DecimalField(
        _l("Hours"), places=1,
        validators=[InputRequired(_l("Please give the hours.")),
                    NumberRange(min=0.5, max=12, message=_l("Between 0.5 and 12 hours."))])
    topic = StringField(_l("Topic"), validators=[Length(max=200, message=_l(
        "At most 200 characters."))])
    submit = SubmitField(_l("Create the session"))
