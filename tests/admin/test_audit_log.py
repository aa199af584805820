"""The audit log for admins: filters, pages of 50 whose queries do not grow, and CSV."""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from orientation import audit
from orientation.admin import audit_log
from orientation.admin.audit_rows import readable_details
from orientation.extensions import db
from orientation.models import AuditEvent, Certificate, Role
from orientation.models.base import utcnow

LOG = "/en/admin/audit"
BANGKOK = ZoneInfo("Asia/Bangkok")


def add_events(n, actor=None, action="centre.updated", subject=None, at=None):
    """n events, one minute apart, ending at `at` (default: now)."""
    at = at or utcnow().replace(microsecond=0)
    for i in range(n):
        db.session.add(AuditEvent(
            action=action, subject_type=type(subject).__name__.lower() if subject else "centre",
            subject_id=subject.id if subject else 1, actor_id=actor.id if actor else None,
            details={"name": f"n{i}"}, at=at - timedelta(minutes=i)))
    db.session.commit()


def test_utc_bounds_are_local_days():
    start, end = audit_log.utc_bounds(date(2026, 12, 7), date(2026, 12, 7), BANGKOK)
    assert start == datetime(2026, 12, 6, 17, 0) and end == datetime(2026, 12, 7, 17, 0)
    assert audit_log.utc_bounds(None, None, BANGKOK) == (None, None)


def test_utc_bounds_at_the_ends_of_the_calendar_bound_nothing():
    """0001-01-01 in Bangkok starts before year 1 in UTC, and the day after 9999-12-31 does
    not exist: such a bound leaves everything in (it was an OverflowError, a 500)."""
    assert audit_log.utc_bounds(date(1, 1, 1), date(9999, 12, 31), BANGKOK) == (None, None)
    assert audit_log.utc_bounds(date(1, 1, 2), None, BANGKOK)[0].year == 1  # still a bound


def test_readable_details_show_before_and_after():
    lines = readable_details({"key": "embassy_phone", "value": "+66 2", "checked_on": None,
                              "before": {"value": "+66 1", "checked_on": "2025-01-02"}})
    assert lines == [("key", "embassy_phone"), ("value", "+66 1 → +66 2"),
                     ("checked_on", "2025-01-02 → –")]
    removed = readable_details({"key": "x", "before": {"value": "+66 1", "checked_on": None}})
    assert removed == [("key", "x"), ("value", "+66 1 → –")]
    assert readable_details({"corrected": {"name": ["a", "b"]}}) == [
        ("corrected", '{"name": ["a", "b"]}')]


@pytest.fixture
def world(courses, admin, trainer, trainee, make_trainee, complete):
    """A trainee with a certificate (and its events), another trainee, and centre events by
    the admin."""
    complete(trainee)
    other = make_trainee(name="Other Person")
    add_events(3, actor=admin)
    certificate = db.session.scalar(select(Certificate).where(Certificate.user_id ==
                                                              trainee.id))
    return {"trainee": trainee, "other": other, "certificate": certificate}


def shown(filters, zone=BANGKOK):
    page = audit_log.get_page(filters, zone, 1)
    return [(event.action, event.subject_type, event.subject_id) for event in page.events]


def test_filters(world, admin, trainer):
    trainee, certificate = world["trainee"], world["certificate"]
    everything = shown(audit_log.Filters())
    assert len(everything) == len(db.session.scalars(select(AuditEvent)).all())
    by_admin = shown(audit_log.Filters(who=admin.login_code))
    assert by_admin == shown(audit_log.Filters(who="admin one")) == [("centre.updated",
                                                                     "centre", 1)] * 3
    assert shown(audit_log.Filters(who="nobody at all")) == []
    about = shown(audit_log.Filters(trainee_id=trainee.id))
    assert ("user.created", "user", trainee.id) in about
    assert ("certificate.issued", "certificate", certificate.id) in about
    assert ("enrolment.created" in {action for action, _t, _i in about}
            or any(kind == "enrolment" for _a, kind, _i in about))
    assert all(subject_id != world["other"].id for _a, kind, subject_id in about
               if kind == "user")
    assert shown(audit_log.Filters(certificate_id=certificate.id)) == [
        ("certificate.issued", "certificate", certificate.id)]
    assert {a for a, _t, _i in shown(audit_log.Filters(action="user.created"))} == {
        "user.created"}


def test_date_filters_in_the_admins_zone(app, admin):
    # 23:30 in Bangkok on 7 December is 16:30 UTC; 00:30 on 8 December is 17:30 UTC.
    add_events(1, actor=admin, at=datetime(2025, 12, 7, 16, 30))
    add_events(1, actor=admin, action="centre.created", at=datetime(2025, 12, 7, 17, 30))
    seventh = audit_log.Filters(date_from=date(2025, 12, 7), date_to=date(2025, 12, 7))
    eighth = audit_log.Filters(date_from=date(2025, 12, 8), date_to=date(2025, 12, 8))
    assert [a for a, _t, _i in shown(seventh)] == ["centre.updated"]
    assert [a for a, _t, _i in shown(eighth)] == ["centre.created"]


def test_pages_of_fifty_keep_the_filters(app, admin, admin_client):
    add_events(120, actor=admin)
    add_events(5, action="centre.created")
    first = admin_client.get(LOG + "?what=centre.updated")
    assert first.status_code == 200
    assert first.text.count('<li class="card">') == 50
    assert 'href="/en/admin/audit?page=2&amp;what=centre.updated"' in first.text or \
        'href="/en/admin/audit?what=centre.updated&amp;page=2"' in first.text
    third = admin_client.get(LOG + "?what=centre.updated&page=3")
    assert third.text.count('<li class="card">') == 20
    assert 'rel="next"' not in third.text and 'rel="prev"' in third.text
    assert admin_client.get(LOG + "?what=centre.updated&page=4").status_code == 404


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "99999999999", ""])
def test_tampered_page_numbers_are_404(app, admin_client, page):
    assert admin_client.get(f"{LOG}?page={page}").status_code == 404


@pytest.mark.parametrize("query, message", [
    ("date_from=2026-12-08&date_to=2026-12-01", "The end cannot be before the start."),
    ("date_from=2026-13-01", "Please give a date as year-month-day"),
    ("date_to=yesterday", "Please give a date as year-month-day"),
    ("what=user.hacked", "Please choose from the list."),
    ("trainee=9999 9999", "No trainee has this code."),
    ("certificate=ABCD-EFGH-JKLM", "No certificate has this number."),
    ("who=" + "x" * 121, "At most 120 characters."),
])
def test_bad_filters_are_explained(app, admin, admin_client, query, message):
    add_events(1, actor=admin)
    response = admin_client.get(f"{LOG}?{query}")
    assert response.status_code == 200
    assert message in response.text
    assert '<li class="card">' not in response.text


def test_page_shows_labels_subjects_with_links_and_details(world, admin_client):
    trainee, certificate = world["trainee"], world["certificate"]
    page = admin_client.get(f"{LOG}?trainee={trainee.login_code}").text
    assert str(audit.action_label("certificate.issued")) in page
    assert f'href="/en/certificates/{certificate.number}/manage"' in page
    assert trainee.display_name in page
    assert "{" not in page.split("<main", 1)[1].split("</main>")[0].replace("{{", "")


def test_page_queries_do_not_grow_with_events(world, admin, trainer, admin_client,
                                              count_queries):
    def load():
        db.session.expire_all()  # as in a new request: the admin is loaded again
        assert admin_client.get(LOG).status_code == 200

    few = count_queries(load)
    for _ in range(20):  # the same kinds of events again, and many more of them
        add_events(3, actor=trainer, subject=world["certificate"],
                   action="certificate.revoked")
        add_events(3, actor=admin, subject=world["trainee"], action="user.pin_reset")
    assert count_queries(load) == few


def test_csv_has_the_filters_and_khmer_and_is_audited(world, admin, admin_client):
    trainee = world["trainee"]
    response = admin_client.get(f"/en/admin/audit.csv?trainee={trainee.login_code}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["When", "Who", "Login", "What"]
    assert any("សុខ ចាន់ថា" in cell for row in rows[1:] for cell in row)
    assert all("centre.updated" not in row for row in rows[1:])  # the filter applies
    exported = db.session.scalar(select(AuditEvent).where(AuditEvent.action ==
                                                          "audit.exported"))
    assert exported.actor_id == admin.id
    assert exported.details == {"filters": {"trainee": trainee.login_code},
                                "rows": len(rows) - 1}


def test_csv_neutralises_formulas(app, make_user, centre, admin_client):
    add_events(1, actor=make_user(Role.trainer, name="=HYPERLINK(1)", centre=centre))
    rows = list(csv.reader(io.StringIO(
        admin_client.get("/en/admin/audit.csv").data.decode("utf-8-sig"))))
    assert any("'=HYPERLINK(1)" in row for row in rows[1:])
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_csv_with_bad_filters_goes_back_to_the_page(app, admin_client):
    response = admin_client.get("/en/admin/audit.csv?date_from=nonsense")
    assert response.status_code == 302
    assert "/en/admin/audit?date_from=nonsense" in response.headers["Location"]
