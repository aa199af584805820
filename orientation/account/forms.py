"""Changing one's own secret: the old one, then the new one twice, by the rules of
orientation.accounts.rules (a trainee may choose a PIN, staff only a password)."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, SubmitField
from wtforms.validators import InputRequired, Length, ValidationError

from orientation.accounts import rules
from orientation.forms import Form, Rule

TOO_LONG = _l("This is too long for a password.")


def _same(form, field):
    if rules.to_ascii_digits(field.data or "") != rules.to_ascii_digits(form.new.data or ""):
        raise ValidationError(_l("The two do not match. Please type them again."))


class ChangePinForm(Form):
    """A trainee's: a 6-digit PIN that is not easy to guess, or a password."""

    old = PasswordField(
        _l("Your PIN or password now"),
        validators=[InputRequired(_l("Please enter your PIN or password.")),
                    Length(max=rules.SECRET_MAX, message=TOO_LONG)],
    )
    new = PasswordField(
        _l("New PIN or password"),
        description=_l("6 digits, or a password of 8 characters or more."),
        validators=[Rule(rules.check_secret, True)],
    )
    confirm = PasswordField(_l("The same PIN or password again"), validators=[_same])
    submit = SubmitField(_l("Change my PIN"))


class ChangePasswordForm(Form):
    """A trainer's or an admin's: a password of 8 characters or more, never a PIN."""

    old = PasswordField(
        _l("Your password now"),
        validators=[InputRequired(_l("Please enter your password.")),
                    Length(max=rules.SECRET_MAX, message=TOO_LONG)],
    )
    new = PasswordField(
        _l("New password"),
        description=_l("8 characters or more."),
        validators=[Rule(rules.check_secret, False)],
    )
    confirm = PasswordField(_l("The same password again"), validators=[_same])
    submit = SubmitField(_l("Change my password"))
