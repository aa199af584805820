"""Admins' forms: a centre, a staff account, and the buttons that change one."""

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, StopValidation, ValidationError

from orientation.accounts import rules
from orientation.admin import services
from orientation.forms import Form, Rule
from orientation.learn.names import ORIGIN_NAMES
from orientation.models import Role

ADDRESS_MAX = 300
ROLE_NAMES = {Role.trainer.value: _l("Trainer"), Role.admin.value: _l("Administrator")}


def _at_most(max_length):
    """Refuse a text longer than `max_length` before any other rule looks at it."""

    def check(form, field):
        if len(field.data or "") > max_length:
            field.errors[:] = []
            raise StopValidation(_("At most %(max)s characters.", max=max_length))

    return check


def _text(label, max_length, required=None, **kwargs):
    """A short text (a name, a title) by the project's rule; `required` is its message."""
    validators = [_at_most(max_length), Rule(rules.clean_short_text, max_length)]
    if required:
        validators.append(_filled(required))
    return StringField(label, validators=validators,
                       render_kw={"maxlength": max_length, "required": bool(required)},
                       **kwargs)


def _filled(message):
    def check(form, field):
        if not field.data:
            raise ValidationError(message)
    return check


class CentreForm(Form):
    """A training centre: what its certificates print and where its trainees are."""

    name = _text(_l("Name of the centre"), 200, _l("Please give the centre a name."))
    licence_number = StringField(
        _l("Licence number"), render_kw={"maxlength": services.LICENCE_MAX, "required": True},
        validators=[_at_most(services.LICENCE_MAX), Rule(services.clean_licence)])
    # Where phone numbers written without +country code are read, and the default zone.
    country = SelectField(
        _l("Country"), validate_choice=False,
        choices=[SelectChoice("", _l("Choose one")),
                 *(SelectChoice(code, name) for code, name in ORIGIN_NAMES.items())],
        validators=[AnyOf(list(ORIGIN_NAMES), message=_l("Please choose the country."))])
    time_zone = StringField(
        _l("Time zone (optional)"), render_kw={"maxlength": 64},
        description=_l("Empty: the country's time zone. Example: %(example)s",
                       example="Asia/Phnom_Penh"),
        validators=[_at_most(64), Rule(services.clean_time_zone)])
    address = StringField(
        _l("Address"), render_kw={"maxlength": ADDRESS_MAX},
        validators=[_at_most(ADDRESS_MAX), Rule(rules.clean_short_text, ADDRESS_MAX)])
    signatory_name = _text(_l("Name of the person who signs certificates"), 120)
    signatory_title = _text(_l("Their title"), 120)
    issuer_line = _text(_l("Issuer printed on certificates (optional)"), 200)
    submit = SubmitField(_l("Save the centre"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.issuer_line.description = _("Empty: %(issuer)s",
                                         issuer=current_app.config["CERTIFICATE_ISSUER"])

    def tampered(self):
        """A country code nobody offered: a bad request rather than a message."""
        return bool(self.country.data) and self.country.data not in ORIGIN_NAMES

    def values(self):
        """The cleaned fields, as the services take them."""
        return {name: self[name].data for name in services.CENTRE_FIELDS}


def _int_or_none(value):
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # not offered: StaffForm.tampered


class StaffEditForm(Form):
    """A staff member's name, role and centre; `centre.choices` are set by the view."""

    display_name = _text(_l("Name"), rules.NAME_MAX, _l("Please enter a name."),
                         description=_l("In any script."))
    role = SelectField(_l("Role"), validate_choice=False, render_kw={"required": False},
                       choices=[SelectChoice(value, label) for value, label in ROLE_NAMES.items()],
                       validators=[AnyOf(list(ROLE_NAMES), message=_l("Please choose a role."))])
    centre = SelectField(_l("Centre"), validate_choice=False, coerce=_int_or_none,
                         description=_l("A trainer works for one centre."))
    submit = SubmitField(_l("Save"))

    def validate_centre(self, field):
        if self.role.data == Role.trainer.value and field.data is None:
            raise ValidationError(_l("A trainer needs a centre. Please choose one."))

    def tampered(self):
        """A role or centre nobody offered: a bad request rather than a message."""
        offered = {_int_or_none(choice.value) for choice in self.centre.choices}
        return (self.role.data not in ROLE_NAMES) or self.centre.data not in offered


class StaffForm(StaffEditForm):
    """A new trainer or admin: the same, with a login and a first password."""

    login_code = StringField(
        _l("Login"), render_kw={"maxlength": 32, "required": True, "autocapitalize": "none"},
        description=_l("3 to 32 letters a to z, digits or underscores."),
        validators=[_at_most(64), Rule(rules.clean_login_code)])
    password = PasswordField(
        _l("First password"), render_kw={"maxlength": rules.SECRET_MAX,
                                         "autocomplete": "new-password"},
        description=_l("8 characters or more. Give it in person; they change it at once."),
        validators=[Rule(rules.check_secret, False)])
    submit = SubmitField(_l("Create the account"))


class ActionForm(Form):
    """A button that changes something: only the CSRF token."""


class CertificateSettingsForm(Form):
    self_study = BooleanField(_l("Give certificates to people who registered themselves"))
    submit = SubmitField(_l("Save"))
