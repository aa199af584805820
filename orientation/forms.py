"""What every form shares: rules as validators, and showing a form again after a CSRF refusal."""

from wtforms.validators import ValidationError


def redisplays_form(view):
    """Mark a view that shows its form again, with what was typed, when the CSRF check fails."""
    view.redisplays_form = True
    return view


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
