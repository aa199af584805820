"""The second factor's forms: a code from the app (or a recovery code), the password to turn
it off, the admin's settings and the typed login that confirms a reset."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, ValidationError

from orientation.accounts import rules as account_rules
from orientation.forms import Form

CODE_MAX = 32  # a recovery code with spaces; anything longer is not a code
TOO_LONG = _l("This is too long for a code.")


class LoginCodeForm(Form):
    """The login's second page: the app's 6 digits, or (under "Lost your phone?") a
    recovery code; a field each, so that a phone shows digits for the first."""

    code = StringField(_l("6-digit code from your app"),
                       validators=[Length(max=CODE_MAX, message=TOO_LONG)])
    recovery = StringField(_l("Recovery code"), description=_l("Each recovery code works once."),
                           validators=[Length(max=CODE_MAX, message=TOO_LONG)])
    submit = SubmitField(_l("Log in"))

    def validate_code(self, field):
        if not (field.data or "").strip() and not (self.recovery.data or "").strip():
            raise ValidationError(_l("Please enter the code from your app."))

    @property
    def typed(self):
        """What was typed: the app's code when given, else the recovery code."""
        return (self.code.data or "").strip() or self.recovery.data


class SetupForm(Form):
    code = StringField(_l("6-digit code from your app"),
                       validators=[InputRequired(_l("Please enter the code from your app.")),
                                   Length(max=CODE_MAX, message=TOO_LONG)])
    submit = SubmitField(_l("Turn on the second factor"))


class RenewCodesForm(Form):
    code = StringField(_l("6-digit code from your app"),
                       validators=[InputRequired(_l("Please enter the code from your app.")),
                                   Length(max=CODE_MAX, message=TOO_LONG)])
    submit = SubmitField(_l("Make new recovery codes"))


class TurnOffForm(Form):
    password = PasswordField(
        _l("Your password now"),
        validators=[InputRequired(_l("Please enter your password.")),
                    Length(max=account_rules.SECRET_MAX,
                           message=_l("This is too long for a password."))])
    code = StringField(_l("Code from your app, or a recovery code"),
                       validators=[InputRequired(_l("Please enter the code from your app.")),
                                   Length(max=CODE_MAX, message=TOO_LONG)])
    submit = SubmitField(_l("Turn off the second factor"))


class SecuritySettingsForm(Form):
    admins = BooleanField(_l("Require a second factor for admins"))
    trainers = BooleanField(_l("Require a second factor for trainers"))
    submit = SubmitField(_l("Save"))


class ResetForm(Form):
    login = StringField(_l("Type their login to confirm"),
                        validators=[InputRequired(_l("Please type their login.")),
                                    Length(max=64, message=_l("This is too long for a login."))])
    submit = SubmitField(_l("Reset the second factor"))
