"""Where a trainee comes from: the one form a trainee and staff use to set it."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf

from orientation.forms import Form
from orientation.learn.names import ORIGIN_NAMES

# "Choose one" first: an unknown origin is not shown as the first country by mistake.
CHOICES = [SelectChoice("", _l("Choose one")),
           *(SelectChoice(code, name) for code, name in ORIGIN_NAMES.items())]


def origin_field(label, message):
    """The origin select; which programmes are legal channels depends on it
    (courses/channels.yaml)."""
    return SelectField(label, choices=CHOICES, validate_choice=False,
                       validators=[AnyOf(list(ORIGIN_NAMES), message=message)])


def chose_nothing(form):
    """True when the form failed only because "Choose one" was left selected: a message for
    the person, where an unknown code (tampered) is a bad request."""
    return not form.origin.data


class OriginForm(Form):
    origin = origin_field(_l("Where do you come from?"), _l("Please choose where you come from."))
    submit = SubmitField(_l("Save"))


class TraineeOriginForm(OriginForm):
    """The same, filled in by staff for a trainee."""

    origin = origin_field(_l("Where does this trainee come from?"),
                          _l("Please choose where they come from."))
