"""Login and registration forms; their rules live in orientation.accounts.rules."""

from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, ValidationError

from orientation.accounts import rules
from orientation.forms import Form, Rule
from orientation.learn.names import ORIGIN_NAMES


def phone_region():
    """The country a phone number without +code is read for, from the page's language."""
    return current_app.config["PHONE_REGIONS"].get(str(get_locale()), "KH")


class LoginForm(Form):
    login = StringField(
        _l("Trainee code or phone number"),
        validators=[InputRequired(_l("Please enter your trainee code or phone number.")),
                    Length(max=64, message=_l("This is too long for a login."))],
    )
    secret = PasswordField(
        _l("PIN or password"),
        validators=[InputRequired(_l("Please enter your PIN or password.")),
                    Length(max=rules.SECRET_MAX, message=_l("This is too long for a password."))],
    )
    # Off by default: on a shared phone the session must end when the browser closes.
    remember = BooleanField(_l("Keep me logged in"))
    submit = SubmitField(_l("Log in"))


class RegisterForm(Form):
    display_name = StringField(
        _l("Your name"),
        description=_l("In your own language, as people call you."),
        validators=[Rule(rules.clean_name)],
    )
    latin_name = StringField(
        _l("Name as in your passport (optional)"),
        description=_l("In Latin letters A to Z, exactly as in the passport."),
        validators=[Rule(rules.clean_latin_name)],
    )
    phone = StringField(
        _l("Phone number (optional)"),
        description=_l("You can log in with it too."),
        validators=[Rule(rules.clean_phone, phone_region)],
    )
    # Which programmes are legal channels depends on it (courses/channels.yaml).
    origin = SelectField(
        _l("Where do you come from?"),
        choices=[SelectChoice("", _l("Choose one")),
                 *(SelectChoice(code, name) for code, name in ORIGIN_NAMES.items())],
        validate_choice=False,
        validators=[AnyOf(list(ORIGIN_NAMES), message=_l("Please choose where you come from."))],
    )
    secret = PasswordField(
        _l("PIN or password"),
        description=_l("6 digits, or a password of 8 characters or more."),
        validators=[Rule(rules.check_secret, True)],
    )
    confirm = PasswordField(_l("The same PIN or password again"))
    # One value per form shown, so that a double submit creates one account, not two.
    request_token = HiddenField()
    submit = SubmitField(_l("Create my account"))

    def validate_confirm(self, field):
        if rules.to_ascii_digits(field.data or "") != rules.to_ascii_digits(self.secret.data or ""):
            raise ValidationError(_l("The two do not match. Please type them again."))
