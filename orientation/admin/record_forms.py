"""Admin forms for the records pages: the contacts (one value and one checked date per
contact key, built for the keys courses/contacts.yaml lists), the check button, the audit
log's filters."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, FormField, SelectField, StringField, SubmitField
from wtforms import Form as SubForm
from wtforms.validators import Length, Optional, ValidationError

from orientation import audit
from orientation.admin import audit_log
from orientation.forms import Form
from orientation.learn import contacts

DATE_MESSAGE = _l("Please give a date as year-month-day, for example 2026-12-31.")


class LocalDateField(DateField):
    """A date field whose refusal of a typed text is translated."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(str(DATE_MESSAGE)) from None


class ContactEntry(SubForm):
    value = StringField(_l("Contact"))
    checked_on = LocalDateField(_l("Checked on"), validators=[Optional()])


class ContactsForm(Form):
    """Call `for_keys(keys)` for the class with a sub-form per key, then `entries(today)`."""

    submit = SubmitField(_l("Save the contacts"))

    @classmethod
    def for_keys(cls, keys):
        fields = {key: FormField(ContactEntry, label=contacts.description(key))
                  for key in keys}
        return type("KeyedContactsForm", (cls,), {**fields, "contact_keys": list(keys)})

    def entries(self, today):
        """{key: (value, checked_on)} cleaned, or None with the errors on the fields."""
        cleaned, ok = {}, True
        for key in self.contact_keys:
            entry = self[key]
            try:
                value = contacts.clean_value(entry.value.data)
            except contacts.ContactError as error:
                entry.value.errors = [*entry.value.errors, str(error.args[0])]
                ok = False
            try:
                checked_on = contacts.clean_checked_on(entry.checked_on.data, today)
            except contacts.ContactError as error:
                entry.checked_on.errors = [*entry.checked_on.errors, str(error.args[0])]
                ok = False
            if ok:
                cleaned[key] = (value, checked_on if value else None)
        return cleaned if ok else None


class CheckForm(Form):
    """The button that runs `courses check` (a POST: it takes a second or more)."""

    submit = SubmitField(_l("Check the course packages"))


class AuditFilterForm(Form):
    """The audit log's filters, read from the query string (a GET: links keep them)."""

    class Meta:
        csrf = False

    who = StringField(_l("Who (login or name)"), validators=[
        Length(max=120, message=_l("At most %(max)d characters."))])
    # Not "action": a control of that name hides the form's own action from scripts.
    what = SelectField(_l("What"), validate_choice=False)
    trainee = StringField(_l("Trainee code"), validators=[
        Length(max=40, message=_l("At most %(max)d characters."))])
    certificate = StringField(_l("Certificate number"), validators=[
        Length(max=40, message=_l("At most %(max)d characters."))])
    date_from = LocalDateField(_l("From"), validators=[Optional()])
    date_to = LocalDateField(_l("To"), validators=[Optional()])
    found_trainee = found_certificate = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = sorted(((code, str(label)) for code, label in audit.ACTION_LABELS.items()),
                        key=lambda item: item[1])
        self.what.choices = [("", str(_l("Every action"))), *labels]

    def validate_what(self, field):
        if field.data and field.data not in audit.ACTION_LABELS:
            raise ValidationError(_l("Please choose from the list."))

    def validate_trainee(self, field):
        if field.data and field.data.strip():
            self.found_trainee = audit_log.find_trainee(field.data)
            if self.found_trainee is None:
                raise ValidationError(_l("No trainee has this code."))

    def validate_certificate(self, field):
        if field.data and field.data.strip():
            self.found_certificate = audit_log.find_certificate(field.data)
            if self.found_certificate is None:
                raise ValidationError(_l("No certificate has this number."))

    def validate_date_to(self, field):
        if self.date_from.data and field.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end cannot be before the start."))

    def filters(self):
        """The validated filters, for the audit log's queries."""
        return audit_log.Filters(
            who=(self.who.data or "").strip(), action=self.what.data or "",
            trainee_id=self.found_trainee.id if self.found_trainee else None,
            certificate_id=self.found_certificate.id if self.found_certificate else None,
            date_from=self.date_from.data, date_to=self.date_to.data)

    def query_args(self):
        """The filters as typed, for links that keep them (pages, the CSV)."""
        return {name: self[name].raw_data[0] for name in
                ("who", "what", "trainee", "certificate", "date_from", "date_to")
                if self[name].raw_data and self[name].raw_data[0]}
