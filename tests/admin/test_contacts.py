"""Admins edit the contacts lessons show: one form per destination and language, saved all
or nothing, each change audited with its values before and after."""

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from orientation.content.library import get_library
from orientation.extensions import db
from orientation.learn import contacts
from orientation.models import AuditEvent, DestinationContact
from orientation.timezones import local_today

REPOSITORY_CONTACTS = Path(__file__).resolve().parents[2] / "courses" / "contacts.yaml"
EDIT = "/en/admin/contacts/TH/lo"


def form(**entries):
    """Form data: every fixture key empty unless given as key=(value, "YYYY-MM-DD" or "")."""
    data = {}
    for key in ("embassy_phone", "emergency_number", "centre_phone"):
        value, checked = entries.get(key, ("", ""))
        data[f"{key}-value"], data[f"{key}-checked_on"] = value, checked
    return data


def stored(destination="TH", locale="lo"):
    return {row.key: (row.value, row.checked_on)
            for row in contacts.get_contact_rows(destination, locale).values()}


def events(action=None):
    query = select(AuditEvent).where(AuditEvent.action.like("contact.%")).order_by(AuditEvent.id)
    return [event for event in db.session.scalars(query) if action in (None, event.action)]


def test_every_key_of_the_repository_has_a_translatable_description():
    keys = yaml.safe_load(REPOSITORY_CONTACTS.read_text(encoding="utf-8"))
    assert set(keys) == set(contacts.DESCRIPTIONS)


@pytest.mark.parametrize("value, message", [("x" * 501, "At most 500 characters."),
                                            ("", None), ("  +856 21 000  ", None)])
def test_clean_value(value, message):
    if message:
        with pytest.raises(contacts.ContactError) as error:
            contacts.clean_value(value)
        assert str(error.value.args[0]) == message
    else:
        assert contacts.clean_value(value) == value.strip()


def test_clean_checked_on_refuses_the_future():
    today = date(2026, 12, 7)
    assert contacts.clean_checked_on(today, today) == today
    assert contacts.clean_checked_on(None, today) is None
    with pytest.raises(contacts.ContactError):
        contacts.clean_checked_on(today + timedelta(days=1), today)


def test_stale_after_a_year_or_never_checked():
    today = date(2026, 12, 7)
    assert contacts.is_stale(None, today)
    assert contacts.is_stale(date(2025, 12, 6), today)
    assert not contacts.is_stale(date(2025, 12, 7), today)


def test_save_changes_only_what_changed_with_before_and_after(app, courses, admin):
    contacts.save_contacts("TH", "lo", {"embassy_phone": ("+66 2 111", date(2026, 1, 5)),
                                        "centre_phone": ("+856 21 1", None)}, admin)
    assert len(events()) == 2
    changed = contacts.save_contacts("TH", "lo", {
        "embassy_phone": ("+66 2 111", date(2026, 3, 1)),  # re-checked
        "centre_phone": ("+856 21 1", None),  # unchanged
        "emergency_number": ("", None)}, admin)  # still empty
    assert changed == ["embassy_phone"]
    last = events()[-1]
    assert last.action == "contact.set" and last.actor_id == admin.id
    assert last.details["checked_on"] == "2026-03-01"
    assert last.details["before"] == {"value": "+66 2 111", "checked_on": "2026-01-05"}
    contacts.save_contacts("TH", "lo", {"centre_phone": ("", None)}, admin)
    removed = events("contact.removed")[-1]
    assert removed.details["before"]["value"] == "+856 21 1"
    assert stored() == {"embassy_phone": ("+66 2 111", date(2026, 3, 1))}


def test_save_is_all_or_nothing(app, courses, admin, monkeypatch):
    with pytest.raises(ValueError):
        contacts.save_contacts("TH", "lo", {"embassy_phone": ("+66 2", None),
                                            "no_such_key": ("1", None)}, admin)
    assert stored() == {}
    contacts.save_contacts("TH", "lo", {"embassy_phone": ("+66 2", None)}, admin)
    calls = []

    def fail_second(*args, **kwargs):  # the second change fails after the first was made
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return record(*args, **kwargs)

    record = contacts.audit.record
    monkeypatch.setattr(contacts.audit, "record", fail_second)
    with pytest.raises(RuntimeError):
        contacts.save_contacts("TH", "lo", {"centre_phone": ("+856", None),
                                            "embassy_phone": ("", None)}, admin)
    assert len(calls) == 2
    assert stored() == {"embassy_phone": ("+66 2", None)}
    assert len(events()) == 1


def test_set_contact_keeps_the_date_of_an_unchanged_value(app, courses):
    contacts.set_contact("TH", "km", "embassy_phone", "+66 1", checked_on=date(2026, 2, 1))
    contacts.set_contact("TH", "km", "embassy_phone", "+66 1")
    assert stored("TH", "km")["embassy_phone"] == ("+66 1", date(2026, 2, 1))
    contacts.set_contact("TH", "km", "embassy_phone", "+66 2")
    assert stored("TH", "km")["embassy_phone"] == ("+66 2", None)


def test_admin_saves_the_form(courses, admin_client):
    page = admin_client.get(EDIT)
    assert page.status_code == 200
    assert "Phone of the trainee's own embassy or consulate" in page.text  # interface text
    assert "<legend>Emergency number</legend>" in page.text  # a key only the file describes
    response = admin_client.post(EDIT, data=form(embassy_phone=("+66 2 222 3333",
                                                                "2026-11-02")))
    assert response.status_code == 303
    assert "1 contact changed." in admin_client.get(response.headers["Location"]).text
    assert stored() == {"embassy_phone": ("+66 2 222 3333", date(2026, 11, 2))}
    again = admin_client.post(EDIT, data=form(embassy_phone=("+66 2 222 3333", "2026-11-02")),
                              follow_redirects=True)
    assert "Nothing changed." in again.text
    assert len(events()) == 1


@pytest.mark.parametrize("entry, message", [
    (("x" * 501, ""), "At most 500 characters."),
    (("+66 2", "2999-01-01"), "The date it was checked cannot be in the future."),
    (("+66 2", "31/12/2026"), "Please give a date as year-month-day"),
])
def test_bad_input_saves_nothing(courses, admin_client, entry, message):
    data = form(centre_phone=("+856 21 000", ""), embassy_phone=entry)
    response = admin_client.post(EDIT, data=data)
    assert response.status_code == 200
    assert message in response.text
    assert stored() == {}
    assert events() == []


def test_tomorrow_is_the_future_where_the_admin_is(app, courses, admin_client):
    tomorrow = local_today(None) + timedelta(days=1)
    response = admin_client.post(EDIT, data=form(embassy_phone=("+66", tomorrow.isoformat())))
    assert "cannot be in the future" in response.text
    today = local_today(None).isoformat()
    assert admin_client.post(EDIT, data=form(embassy_phone=("+66", today))).status_code == 303


@pytest.mark.parametrize("path", ["/en/admin/contacts/FR/lo", "/en/admin/contacts/TH/fr",
                                  "/en/admin/contacts/th/lo"])
def test_unknown_destination_or_language_is_404(courses, admin_client, path):
    assert admin_client.get(path).status_code == 404
    assert admin_client.post(path, data=form()).status_code == 404


def test_overview_counts_and_flags_stale(courses, admin, admin_client):
    old = local_today(None) - timedelta(days=400)
    contacts.save_contacts("TH", "lo", {"embassy_phone": ("+66 1", old),
                                        "centre_phone": ("+856 2", local_today(None))}, admin)
    contacts.save_contacts("MY", "km", {"embassy_phone": ("+60 1", None)}, admin)
    db.session.add(DestinationContact(destination="TH", locale="lo", key="dropped", value="1"))
    db.session.commit()  # a key no longer in contacts.yaml does not count
    coverage = contacts.get_coverage(get_library().contacts)
    assert coverage[("TH", "lo")] == contacts.Coverage(2, old, 0)
    assert coverage[("MY", "km")] == contacts.Coverage(1, None, 1)
    assert coverage[("TH", "lo")].stale(local_today(None))
    page = admin_client.get("/en/admin/contacts").text
    assert "2 of 3" in page and "more than a year ago" in page and "1 never checked" in page
    assert page.count('class="warn"') == 2


def test_cli_sets_the_checked_date(courses, runner):
    result = runner.invoke(args=["contacts", "set", "TH", "km", "embassy_phone", "+66 2",
                                 "--checked", "2026-10-01"])
    assert result.exit_code == 0, result.output
    assert "2026-10-01" in runner.invoke(args=["contacts", "list", "TH", "km"]).output
    future = runner.invoke(args=["contacts", "set", "TH", "km", "embassy_phone", "+66 2",
                                 "--checked", "2999-01-01"])
    assert future.exit_code != 0
    assert stored("TH", "km")["embassy_phone"] == ("+66 2", date(2026, 10, 1))
