"""What every form shares: rules as validators, and showing a form again after a CSRF refusal."""

import math

from flask import g, request
from flask_wtf import FlaskForm
from wtforms.validators import StopValidation, ValidationError


def redisplays_form(view):
    """Mark a view that shows its form again, with what was typed, when the CSRF check fails."""
    view.redisplays_form = True
    return view


class Form(FlaskForm):
    """Every form of the app. After a CSRF refusal the view runs again only to show the form
    (errors.handle_csrf_error): the token may be valid while the same-site Referer check over
    HTTPS failed, so validating the fields must not be enough to act."""

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            """The posted fields only. Flask-WTF adds uploaded files and a JSON body; no form
            here takes either, and a file or an object under a field's name reached the
            field's rule as something other than text (a 500)."""
            wrapped = super().wrap_formdata(form, formdata)
            if wrapped is not None and wrapped is not formdata:
                return request.form or None
            return wrapped

    def validate_on_submit(self, extra_validators=None):
        if g.get("csrf_refused"):
            return False
        return super().validate_on_submit(extra_validators)


class Rule:
    """A WTForms validator that runs a rule of orientation.accounts.rules and keeps its result.

    The rule returns the cleaned value or raises ValueError with a translated message.
    """

    def __init__(self, rule, *args):
        self.rule = rule
        self.args = args

    def __call__(self, form, field):
        try:
            field.data = self.rule(field.data, *(a() if callable(a) else a for a in self.args))
        except ValueError as error:
            field.errors[:] = []
            raise ValidationError(str(error.args[0])) from None


def present_attributes(attributes):
    """The HTML attributes worth writing: None and False mean "leave it out", never "None"."""
    return {name: value for name, value in attributes.items()
            if value is not None and value is not False}


class Finite:
    """A number that is a number: "NaN", "sNaN" or "inf" typed in a number field is refused
    with the message, before range checks (which cannot compare them)."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        data = field.data
        if data is not None and not (data.is_finite() if hasattr(data, "is_finite")
                                     else math.isfinite(data)):
            field.errors[:] = []
            raise StopValidation(str(self.message))
