"""The two forms of a trainee's "Data and erasure" page; each needs the login code typed."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField
from wtforms.validators import ValidationError

from orientation.forms import Form
from orientation.privacy.services import confirms


class ConfirmForm(Form):
    """A form that acts only when the trainee's login code is typed into it."""

    confirm = StringField(_l("Type their login code to confirm"),
                          render_kw={"autocomplete": "off", "spellcheck": "false",
                                     "autocapitalize": "off"})

    def __init__(self, trainee, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.trainee = trainee

    def validate_confirm(self, field):
        if not confirms(self.trainee, field.data):
            raise ValidationError(_l("That is not this trainee's login code. "
                                     "Nothing was done."))


class ExportForm(ConfirmForm):
    """Download everything stored about the trainee."""


class EraseForm(ConfirmForm):
    """Erase the trainee's personal data, and maybe revoke their certificates."""

    revoke = BooleanField(_l("Also revoke their certificates"))
