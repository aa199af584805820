"""The demo shows a mix of ready and flagged trainees, and loads once."""

from sqlalchemy import func, select

from orientation.departure.report import get_cells
from orientation.extensions import db
from orientation.models import Agency, Cohort, Departure
from orientation.trainer.cohorts import get_members, today


def load(runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return result.output


def cells_of(app, name):
    cohort = db.session.scalar(select(Cohort).where(Cohort.name == name))
    with app.test_request_context("/en/"):
        return get_cells(cohort, get_members(cohort.id), today(cohort.centre))


def test_the_demo_cohorts_show_ready_and_flagged_trainees(app, courses, runner):
    load(runner)
    numbers = db.session.scalars(select(Agency.licence_number)).all()
    assert sorted(numbers) == ["DEMO-KH-001", "DEMO-KH-002", "DEMO-KH-003"]
    small, ready = cells_of(app, "Demo cohort: Thailand")
    assert ready == 1
    flags = {label for cell in small.values() for label in cell.flags}
    assert {"paid an employer's cost", "agency not on the list"} <= flags
    big, ready = cells_of(app, "Demo cohort: departing soon")
    assert 0 < ready < len(big)
    flags = {label for cell in big.values() for label in cell.flags}
    assert {"paid an employer's cost", "no receipt", "agency not on the list",
            "agency licence expired"} <= flags
    assert any(not cell.ready and not cell.flags for cell in big.values())  # review open


def test_loading_again_changes_no_checklist(courses, runner):
    load(runner)
    count = db.session.scalar(select(func.count()).select_from(Departure))
    assert "(0 created or changed)" in load(runner)
    assert db.session.scalar(select(func.count()).select_from(Departure)) == count
