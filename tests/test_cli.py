"""Command-line commands: users, centres, demo data, translations."""

from datetime import date

import pytest
from sqlalchemy import func, select

from orientation.accounts import services as accounts
from orientation.extensions import db
from orientation.learn.reads import get_contacts
from orientation.models import AuditEvent, Centre, Certificate, Cohort, CohortMember, Role, User
from orientation.trainer.cohorts import get_matrix


def run(runner, *args):
    result = runner.invoke(args=list(args))
    return result.exit_code, result.output


def test_create_trainer_in_a_centre(runner, centre):
    code, output = run(runner, "users", "create", "--role", "trainer", "--login", "Trainer.Kim",
                       "--name", "គីម សុភា", "--password", "long enough pass",
                       "--centre", centre.licence_number)
    assert code == 0, output
    user = db.session.scalar(select(User).where(User.login_code == "trainerkim"))
    assert (user.role, user.display_name, user.centre_id) == (Role.trainer, "គីម សុភា", centre.id)


def test_create_trainee_gets_a_generated_code(runner):
    code, output = run(runner, "users", "create", "--role", "trainee", "--name", "Lan",
                       "--password", "123456", "--phone", "+84912345678", "--locale", "vi")
    assert code == 0, output
    user = db.session.scalar(select(User))
    assert len(user.login_code) == 8 and user.phone == "+84912345678"
    assert user.preferred_locale == "vi"


def test_create_refuses_bad_input_and_saves_nothing(runner, make_user, centre):
    make_user(Role.trainer, login_code="taken", centre=centre)
    before = db.session.scalar(select(func.count()).select_from(User))
    cases = [
        ("--role", "trainer", "--name", "A", "--password", "long enough pass"),  # no login
        ("--role", "admin", "--login", "taken", "--name", "A", "--password", "long enough"),
        ("--role", "admin", "--login", "new1", "--name", "A", "--password", "123456"),  # PIN
        ("--role", "trainee", "--name", "x" * 10_000, "--password", "123456"),
        ("--role", "trainee", "--name", "A", "--password", "123456", "--centre", "NOPE"),
        ("--role", "boss", "--login", "x1x", "--name", "A", "--password", "long enough"),
        ("--role", "trainer", "--login", "kim", "--name", "A", "--password", "long enough"),
    ]
    for args in cases:
        code, _ = run(runner, "users", "create", *args)
        assert code != 0, args
    assert db.session.scalar(select(func.count()).select_from(User)) == before


def test_set_role_is_audited(runner, make_user, centre):
    user = make_user(Role.trainee, centre=centre)
    code, output = run(runner, "users", "set-role", user.login_code, "trainer")
    assert code == 0, output
    db.session.expire_all()
    assert db.session.get(User, user.id).role == Role.trainer
    last = db.session.scalar(select(AuditEvent).order_by(AuditEvent.id.desc()))
    assert last.action == "user.role_changed" and last.details == {"old": "trainee",
                                                                  "new": "trainer"}
    assert run(runner, "users", "set-role", "nobody", "admin")[0] != 0


def test_create_trainer_without_centre_is_refused_clearly(runner):
    code, output = run(runner, "users", "create", "--role", "trainer", "--login", "kim",
                       "--name", "Kim", "--password", "long enough pass")
    assert code != 0 and "--centre" in output and "trainer works for a centre" in output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_set_role_trainer_needs_a_centre(runner, make_user, make_centre):
    """Demoting an admin (who has no centre) to trainer would make a trainer of no centre:
    refused, unless the centre is given, which links the account."""
    admin = make_user(Role.admin)
    code, output = run(runner, "users", "set-role", admin.login_code, "trainer")
    assert code != 0 and "has no centre" in output and "--centre" in output
    db.session.expire_all()
    assert db.session.get(User, admin.id).role == Role.admin
    assert not db.session.scalars(select(AuditEvent.action)
                                  .where(AuditEvent.action == "user.role_changed")).all()
    centre = make_centre()
    code, output = run(runner, "users", "set-role", admin.login_code, "trainer",
                       "--centre", centre.licence_number)
    assert code == 0, output
    db.session.expire_all()
    user = db.session.get(User, admin.id)
    assert (user.role, user.centre_id) == (Role.trainer, centre.id)
    last = db.session.scalar(select(AuditEvent).order_by(AuditEvent.id.desc()))
    assert last.details == {"old": "admin", "new": "trainer", "centre": centre.id}


def test_change_role_refuses_a_trainer_without_centre(app, make_user):
    user = make_user(Role.trainee)
    with pytest.raises(accounts.TrainerWithoutCentre):
        accounts.change_role(user, Role.trainer)
    with pytest.raises(accounts.TrainerWithoutCentre):
        accounts.create_user(Role.trainer, "No centre", "long enough pass", login_code="nc1")


def test_centres_create_edit_list(runner):
    code, output = run(runner, "centres", "create", "--licence", "KH-042", "--name",
                       "មជ្ឈមណ្ឌល ភ្នំពេញ", "--signatory-name", "Dara", "--signatory-title",
                       "Director")
    assert code == 0, output
    assert run(runner, "centres", "create", "--licence", "KH-042", "--name", "Again")[0] != 0
    code, output = run(runner, "centres", "edit", "KH-042", "--address", "Street 1, Phnom Penh")
    assert code == 0, output
    centre = db.session.scalar(select(Centre))
    assert (centre.name, centre.address) == ("មជ្ឈមណ្ឌល ភ្នំពេញ", "Street 1, Phnom Penh")
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["centre.created", "centre.updated"]
    assert "KH-042" in run(runner, "centres", "list")[1]
    assert run(runner, "centres", "edit", "NOPE", "--name", "X")[0] != 0


def test_demo_load_is_an_upsert(courses, runner):
    first = run(runner, "demo", "load")
    assert first[0] == 0, first[1]
    rows = db.session.scalar(select(func.count()).select_from(User))
    second = run(runner, "demo", "load")
    assert "(0 created or changed)" in second[1]
    assert db.session.scalar(select(func.count()).select_from(User)) == rows
    trainee = db.session.scalar(select(User).where(User.login_code == "10000001"))
    trainee.display_name = "changed"
    db.session.commit()
    assert "(1 created or changed)" in run(runner, "demo", "load")[1]
    cohort = db.session.scalar(select(Cohort).where(Cohort.name == "Demo cohort: Thailand"))
    members = db.session.scalars(select(CohortMember.user_id)).all()
    assert cohort.programme.slug == "thailand" and len(members) == 3 + 30
    big = db.session.scalar(select(Cohort).where(Cohort.name == "Demo cohort: departing soon"))
    _, rows = get_matrix(big, date.today(), 14, 0.5)
    states = {cell.state for row in rows for cell in row.cells}
    assert {"not_started", "in_progress", "failed", "complete"} <= states
    assert any(row.at_risk for row in rows) and any(row.hours for row in rows)
    assert get_contacts("TH", "km") == {"centre_phone": "000 000 000 (demo centre)"}
    states = sorted((c.locale, c.state.value) for c in db.session.scalars(
        select(Certificate).join(User, User.id == Certificate.user_id)
        .where(User.login_code.like("1000000%"))))
    assert states == [("km", "valid"), ("lo", "replaced"), ("lo", "valid"), ("vi", "revoked"),
                      ("vi", "valid"), ("zh", "valid")]


def test_demo_refuses_production(app, runner):
    app.config["ENV"] = "production"
    code, output = run(runner, "demo", "load")
    assert code != 0 and "production" in output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_translate_compile(runner):
    code, output = run(runner, "translate", "compile")
    assert code == 0, output
