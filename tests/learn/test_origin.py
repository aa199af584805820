"""Where a trainee comes from: the placement rule, and the trainee changing it themselves."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from orientation.extensions import db
from orientation.learn import services as learning
from orientation.learn.channels import NoChannel, check_channel
from orientation.models import AuditEvent, CohortMember, Programme
from tests.conftest import PIN, log_in


@pytest.mark.parametrize(("origin", "destination", "refused"), [
    ("CN", "TH", True), ("LA", "HK", True), ("VN", "HK", True),
    ("KH", "HK", False), ("LA", "TH", False), ("VN", "TH", False),  # ask_centre: allowed
    (None, "HK", False), ("CN", None, False), ("TH", "HK", False)])
def test_the_placement_rule(courses, origin, destination, refused):
    if refused:
        with pytest.raises(NoChannel) as caught:
            check_channel(origin, destination)
        assert (caught.value.origin, caught.value.destination) == (origin, destination)
    else:
        check_channel(origin, destination)


@pytest.fixture
def thailand_cohort(courses, make_centre):
    return learning.create_cohort(make_centre(country="KH"), db.session.scalar(
        select(Programme)), "Thailand 1", date.today(), date.today() + timedelta(days=30))


def test_joining_a_cohort_with_no_legal_channel_is_refused(thailand_cohort, make_trainee):
    yunnan = make_trainee(centre=thailand_cohort.centre, origin="CN")
    with pytest.raises(NoChannel):
        learning.join_cohort(yunnan, thailand_cohort)
    assert db.session.scalar(select(CohortMember)) is None
    khmer = make_trainee(centre=thailand_cohort.centre)  # the centre's country: Cambodia
    assert learning.join_cohort(khmer, thailand_cohort).user_id == khmer.id


def test_set_origin_is_audited_and_refused_for_a_cohort_without_channel(thailand_cohort,
                                                                         make_trainee):
    trainee = make_trainee(centre=thailand_cohort.centre)
    assert learning.set_origin(trainee, "LA", actor=trainee) is True
    assert learning.set_origin(trainee, "LA", actor=trainee) is False  # nothing to change
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "user.origin_changed"))
    assert event.details == {"old": "KH", "new": "LA"} and event.actor_id == trainee.id
    with pytest.raises(ValueError):
        learning.set_origin(trainee, "TH", actor=trainee)
    learning.join_cohort(trainee, thailand_cohort)
    with pytest.raises(NoChannel):
        learning.set_origin(trainee, "CN", actor=trainee)  # their cohort goes to Thailand
    db.session.refresh(trainee)
    assert trainee.origin == "LA"


@pytest.fixture
def own_client(app, make_trainee, make_centre):
    trainee = make_trainee(centre=make_centre(country="LA"))
    client = app.test_client()
    assert log_in(client, trainee.login_code, PIN).status_code == 302
    client.user = trainee
    return client


def test_a_trainee_changes_their_origin_on_my_learning(own_client, courses):
    page = own_client.get("/en/my-learning").get_data(as_text=True)
    assert 'action="/en/my-learning/origin"' in page
    assert '<option selected value="LA">Laos</option>' in page
    response = own_client.post("/en/my-learning/origin", data={"origin": "KH"})
    assert response.status_code == 302 and response.location.endswith("/en/my-learning")
    db.session.refresh(own_client.user)
    assert own_client.user.origin == "KH"
    assert "The programmes offered to you follow where you come from." in own_client.get(
        "/en/my-learning").get_data(as_text=True)


@pytest.mark.parametrize("data", [{"origin": "TH"}, {"origin": "x" * 500}])
def test_a_bad_origin_is_refused(own_client, courses, data):
    assert own_client.post("/en/my-learning/origin", data=data).status_code == 400


@pytest.mark.parametrize("data", [{}, {"origin": ""}])
def test_choosing_nothing_asks_again_in_words(own_client, courses, data):
    response = own_client.post("/en/my-learning/origin", data=data, follow_redirects=True)
    assert response.status_code == 200
    assert "Please choose where you come from." in response.get_data(as_text=True)
    db.session.refresh(own_client.user)
    assert own_client.user.origin != ""
    db.session.refresh(own_client.user)
    assert own_client.user.origin == "LA"


def test_a_trainee_in_a_cohort_cannot_take_an_origin_without_channel(own_client,
                                                                     thailand_cohort):
    learning.join_cohort(own_client.user, thailand_cohort)
    response = own_client.post("/en/my-learning/origin", data={"origin": "CN"},
                               follow_redirects=True)
    assert ("Not saved: the cohort prepares for Thailand, and there is no legal way for "
            "people from Yunnan (China) to work there.") in response.get_data(as_text=True)
    db.session.refresh(own_client.user)
    assert own_client.user.origin == "LA"


def test_cohorts_add_refuses_everyone_when_one_has_no_channel(thailand_cohort, runner,
                                                             make_trainee):
    centre = thailand_cohort.centre
    khmer = make_trainee(centre=centre)
    yunnan = make_trainee(centre=centre, origin="CN")
    result = runner.invoke(args=["cohorts", "add", "--centre", centre.licence_number,
                                 "--cohort", "Thailand 1", khmer.login_code, yunnan.login_code])
    assert result.exit_code != 0 and "comes from CN: no legal channel to TH" in result.output
    assert db.session.scalar(select(CohortMember)) is None
