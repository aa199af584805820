"""Legal channels by origin: the rule, and what each viewer is offered on the learning pages."""

from pathlib import Path

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from orientation.content.channels import Channel
from orientation.content.library import forget_library
from orientation.content.loader import load_library
from orientation.extensions import db
from orientation.learn import services as learning
from orientation.learn.channels import (
    Access,
    NoChannel,
    filtered_origin,
    origin_of,
    programme_access,
    sees_origin_line,
)
from orientation.models import Enrolment, ProgrammeEnrolment, Role
from tests.conftest import PASSWORD, PIN, log_in

HONG_KONG = """id: hong-kong
status: published
destination: HK
classroom_hours: 0
title: {en: Going to Hong Kong, km: ទៅហុងកុង, lo: ໄປຮົງກົງ, vi: Đi Hồng Kông, zh: 去香港}
summary: {en: For Hong Kong., km: សម្រាប់ហុងកុង។, lo: ສຳລັບຮົງກົງ., vi: Cho Hồng Kông., zh: 去香港。}
courses: [first-steps]
"""
WARNING = "There is no legal way for people from %s to do %s in %s."


def channel(status):
    return Channel("LA", "HK", status, {"en": "domestic work"}, "", {"en": ""}, "a source", None)


@pytest.mark.parametrize(("status", "access"), [
    ("legal", Access.open), ("ask_centre", Access.ask), ("not_legal", Access.closed)])
def test_the_rule_follows_the_status_of_the_origins_channel(status, access):
    channels = {"LA": {"HK": channel(status)}}
    assert programme_access("LA", "HK", channels) == access


@pytest.mark.parametrize(("origin", "destination"), [(None, "HK"), ("TH", "HK"), ("LA", "KR")])
def test_without_an_origin_or_data_everything_is_open(origin, destination):
    assert programme_access(origin, destination, {"LA": {"HK": channel("not_legal")}}) \
        == Access.open


def test_origin_is_the_trainees_own_else_the_centres(make_trainee, make_centre):
    lao_centre = make_centre(country="LA")
    assert origin_of(make_trainee(centre=lao_centre, origin="KH")) == "KH"
    created_by_centre = make_trainee(centre=lao_centre)
    assert created_by_centre.origin == "LA"  # stored when the account is made
    created_by_centre.origin = None
    assert origin_of(created_by_centre) == "LA"
    assert origin_of(make_trainee()) is None


def test_staff_and_visitors_are_not_filtered(make_user, make_centre):
    centre = make_centre(country="LA")
    assert filtered_origin(make_user(Role.trainee, centre=centre)) == "LA"
    assert filtered_origin(make_user(Role.trainer, centre=centre)) is None
    assert filtered_origin(make_user(Role.admin)) is None
    assert filtered_origin(AnonymousUserMixin()) is None
    assert sees_origin_line(AnonymousUserMixin())
    assert sees_origin_line(make_user(Role.trainee))  # no origin known
    assert not sees_origin_line(make_user(Role.trainee, centre=centre))
    assert not sees_origin_line(make_user(Role.trainer, centre=centre))


@pytest.fixture
def programmes(app):
    """The test packages with a Hong Kong programme too, loaded."""
    folder = Path(app.config["COURSES_FOLDER"])
    (folder / "programmes" / "hong-kong.yaml").write_text(HONG_KONG, encoding="utf-8")
    load_library(folder)
    forget_library(app)


@pytest.fixture
def client_of(app, programmes, make_user, make_centre):
    """client_of(origin, role=Role.trainee): a client logged in as someone from there."""

    def make(origin, role=Role.trainee):
        user = make_user(role, centre=make_centre(), origin=origin)
        client = app.test_client()
        assert log_in(client, user.login_code, PIN if role == Role.trainee else PASSWORD
                      ).status_code == 302
        client.user = user
        return client

    return make


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_lao_trainee_is_not_offered_hong_kong_and_sees_the_warning(client_of):
    lao = client_of("LA")
    catalogue = page(lao, "/en/courses/")
    assert "/en/programmes/hong-kong" not in catalogue
    assert "/en/programmes/thailand" in catalogue
    warning = page(lao, "/en/programmes/hong-kong")
    assert WARNING % ("Laos", "domestic work", "Hong Kong") in warning
    assert "An offer to do it is a warning sign." in warning
    assert "Hong Kong government letter (2005)" in warning  # the source
    assert "Choose this programme" not in warning
    assert "/choose" not in warning


def test_the_warning_is_in_the_readers_language(client_of):
    warning = page(client_of("LA"), "/lo/programmes/hong-kong")
    assert "ວຽກຮັບໃຊ້ໃນເຮືອນ" in warning  # the work, from channels.yaml, in Lao
    assert "ຮົງກົງບໍ່ຮັບຄົນຈາກລາວ" in warning


def test_a_cambodian_trainee_is_offered_hong_kong_and_can_choose_it(client_of):
    khmer = client_of("KH")
    assert "/en/programmes/hong-kong" in page(khmer, "/en/courses/")
    programme = page(khmer, "/en/programmes/hong-kong")
    assert "Choose this programme" in programme
    assert "no legal way" not in programme
    assert khmer.post("/en/programmes/hong-kong/choose").status_code == 302
    assert db.session.scalar(select(ProgrammeEnrolment.user_id)) == khmer.user.id


def test_a_yunnan_trainee_is_not_offered_thailand(client_of):
    yunnan = client_of("CN")
    assert "/en/programmes/thailand" not in page(yunnan, "/en/courses/")
    warning = page(yunnan, "/en/programmes/thailand")
    assert WARNING % ("Yunnan (China)", "manual work", "Thailand") in warning
    assert "体力劳动" in page(yunnan, "/zh/programmes/thailand")


@pytest.mark.parametrize(("origin", "slug"), [("LA", "hong-kong"), ("CN", "thailand"),
                                              ("VN", "hong-kong")])
def test_choosing_a_programme_with_no_legal_channel_is_refused(client_of, origin, slug):
    trainee = client_of(origin)
    assert trainee.post(f"/en/programmes/{slug}/choose").status_code == 403
    assert db.session.scalar(select(ProgrammeEnrolment)) is None


def test_ask_your_centre_is_offered_with_a_note(client_of):
    vietnamese = client_of("VN")
    note = "Ask your centre whether there is a legal way from Viet Nam."
    catalogue = page(vietnamese, "/en/courses/")
    assert "/en/programmes/thailand" in catalogue and note in catalogue
    programme = page(vietnamese, "/en/programmes/thailand")
    assert note in programme and "Choose this programme" in programme


LINE = "Which programmes are open to you depends on where you come from"


def test_visitors_see_every_programme_and_the_line(client, programmes):
    catalogue = page(client, "/en/courses/")
    assert "/en/programmes/hong-kong" in catalogue and "/en/programmes/thailand" in catalogue
    assert LINE in catalogue
    programme = page(client, "/en/programmes/hong-kong")
    assert LINE in programme and "no legal way" not in programme


@pytest.mark.parametrize("role", [Role.trainer, Role.admin])
def test_staff_see_every_programme_without_the_line(client_of, role):
    staff = client_of("LA", role)
    catalogue = page(staff, "/en/courses/")
    assert "/en/programmes/hong-kong" in catalogue and LINE not in catalogue
    assert "no legal way" not in page(staff, "/en/programmes/hong-kong")


def test_a_trainee_without_an_origin_sees_everything_with_the_line(client_of):
    unknown = client_of(None)
    catalogue = page(unknown, "/en/courses/")
    assert "/en/programmes/hong-kong" in catalogue and LINE in catalogue
    assert "Choose this programme" in page(unknown, "/en/programmes/hong-kong")


BOX = "Who can come here legally, and how"


def test_a_destination_course_opens_with_the_readers_channel(client_of, courses):
    lao = page(client_of("LA"), "/en/courses/first-steps")  # a Thailand course
    assert lao.index(BOX) < lao.index("<h2>Lessons</h2>")
    assert "Laos: Legal channel" in lao
    assert "October 2002" in lao and "Cambodia" not in lao
    yunnan = client_of("CN")  # enrolled before the rule: the course stays theirs
    learning.enrol(yunnan.user, courses["first-steps"], learning.EnrolmentSource.cohort)
    assert "Yunnan (China): No legal channel" in page(yunnan, "/en/courses/first-steps")


def test_a_course_of_a_destination_with_no_channel_shows_the_warning(client_of, courses):
    yunnan = client_of("CN")
    warning = page(yunnan, "/en/courses/first-steps")  # a Thailand course
    assert WARNING % ("Yunnan (China)", "manual work", "Thailand") in warning
    assert "/enrol" not in warning and "<h2>Lessons</h2>" not in warning
    assert yunnan.post("/en/courses/first-steps/enrol").status_code == 403
    assert db.session.scalar(select(Enrolment)) is None
    khmer = client_of("KH")
    assert "/en/courses/first-steps/enrol" in page(khmer, "/en/courses/first-steps")
    assert khmer.post("/en/courses/first-steps/enrol").status_code == 302
    assert db.session.scalar(select(Enrolment.user_id)) == khmer.user.id


def test_self_enrolment_follows_the_rule_without_a_view(make_trainee, make_centre, courses):
    yunnan = make_trainee(centre=make_centre(country="CN"))
    with pytest.raises(NoChannel):
        learning.enrol(yunnan, courses["first-steps"])
    learning.enrol(yunnan, courses["closed-course"], learning.EnrolmentSource.cohort)
    learning.enrol(yunnan, courses["first-steps"], learning.EnrolmentSource.cohort)


def test_visitors_and_staff_read_every_origins_channel(client, client_of, programmes):
    for viewer in (client, client_of("LA", Role.trainer)):
        box = page(viewer, "/en/courses/first-steps")
        for origin in ("Cambodia", "Laos", "Viet Nam", "Yunnan (China)"):
            assert f"<h3>{origin}: " in box
        assert "checked Dec 7, 2026" in box


def test_a_course_without_destination_has_no_box(client_of):
    assert BOX not in page(client_of("LA"), "/en/courses/closed-course")
