"""Times are stored in UTC and shown where the person is: the centre's zone, or the default."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from sqlalchemy import select

from orientation import timezones
from orientation.certificates import issuance
from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import Attempt, Certificate
from orientation.models.base import utcnow
from tests.quizzes.conftest import answer_form


def test_zone_of_a_centre_its_country_and_the_default(app, make_centre):
    assert timezones.centre_zone(None) == "Asia/Bangkok"
    app.config["DEFAULT_TIME_ZONE"] = "Asia/Shanghai"
    assert timezones.centre_zone(None) == "Asia/Shanghai"
    centre = make_centre()
    centre.time_zone = "Asia/Vientiane"
    assert timezones.centre_zone(centre) == "Asia/Vientiane"
    assert timezones.is_zone("Asia/Phnom_Penh") and not timezones.is_zone("Mars/Olympus")


def test_a_trainee_at_utc_plus_7_sees_the_wait_in_local_time(app, courses, trainee, centre,
                                                              trainee_client):
    centre.time_zone = "Asia/Phnom_Penh"
    course = courses["first-steps"]
    course.attempt_wait_minutes = 60
    db.session.commit()
    learning.enrol(trainee, course)
    started = trainee_client.post("/en/courses/first-steps/quizzes/final/start")
    attempt_id = int(started.headers["Location"].rsplit("/", 1)[1])
    trainee_client.post(f"/en/attempts/{attempt_id}",
                        data=answer_form(db.session.get(Attempt, attempt_id), right=False))
    until = db.session.get(Attempt, attempt_id).submitted_at + timedelta(minutes=60)
    page = trainee_client.get("/en/courses/first-steps/quizzes/final").get_data(as_text=True)
    local = format_datetime(until.replace(tzinfo=ZoneInfo("UTC")), "short",
                            tzinfo=ZoneInfo("Asia/Phnom_Penh"), locale="en")
    utc = format_datetime(until.replace(tzinfo=ZoneInfo("UTC")), "short",
                          tzinfo=ZoneInfo("UTC"), locale="en")
    assert local in page and utc not in page


def test_certificate_issued_at_0630_local_carries_the_local_date(app, courses, complete,
                                                                  make_trainee, centre,
                                                                  monkeypatch):
    centre.time_zone = "Asia/Phnom_Penh"
    db.session.commit()
    evening_utc = datetime(2026, 12, 6, 23, 30)  # 06:30 on 7 December in Phnom Penh
    monkeypatch.setattr(issuance, "utcnow", lambda: evening_utc)
    trainee = make_trainee(centre=centre)
    learning.enrol(trainee, courses["first-steps"])
    certificate = issuance.issue(trainee.id, course=courses["first-steps"], locale="km",
                                 score=1.0, completed_at=evening_utc)
    assert (certificate.snapshot["completed_on"], certificate.snapshot["issued_on"]) == (
        "2026-12-07", "2026-12-07")


def test_local_today_follows_the_centre(app, make_centre):
    centre = make_centre()
    centre.time_zone = "Pacific/Kiritimati"  # UTC+14: always a day ahead of most of the world
    assert timezones.local_today(centre) == (utcnow() + timedelta(hours=14)).date()
    assert db.session.scalar(select(Certificate)) is None
