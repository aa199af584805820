"""One `courses load` reaches every worker: a content stamp in the database, checked per
request, makes each process read the packages again."""

from pathlib import Path

from sqlalchemy import event, select

from orientation import create_app
from orientation.content.library import get_library
from orientation.content.loader import load_library
from orientation.extensions import db
from orientation.learn import services
from orientation.models import ContentStamp
from tests.conftest import PIN, log_in
from tests.content.test_check import edit


def add_middle_lesson(folder):
    """Version 2 of first-steps: a lesson "middle" between hello and goodbye."""
    lessons = folder / "first-steps/lessons"
    for path in lessons.glob("goodbye.*.md"):
        (lessons / path.name.replace("goodbye", "middle")).write_text(path.read_text())
    edit(folder / "first-steps/course.yaml", "  - goodbye", "  - middle\n  - goodbye")
    edit(folder / "first-steps/course.yaml", "version: 1", "version: 2")


def test_two_app_instances_serve_the_new_version_after_one_load(app, courses, settings,
                                                                  make_trainee):
    trainee = make_trainee()
    services.enrol(trainee, courses["first-steps"])
    worker = create_app(settings)  # another process: same database, same files
    phone = worker.test_client()
    assert log_in(phone, trainee.login_code, PIN).status_code == 302
    before = phone.get("/en/courses/first-steps/hello").get_data(as_text=True)
    assert "Lesson 1 of 2" in before
    assert phone.get("/en/courses/first-steps/middle").status_code == 404

    add_middle_lesson(Path(app.config["COURSES_FOLDER"]))
    load_library(app.config["COURSES_FOLDER"])  # run once, by one process

    assert phone.get("/en/courses/first-steps/middle").status_code == 200
    page = phone.get("/en/courses/first-steps/hello").get_data(as_text=True)
    assert "Lesson 1 of 3" in page
    with worker.app_context():
        assert get_library().courses["first-steps"].lesson("middle") is not None
        db.session.remove()
        db.engine.dispose()  # the second worker's connections, closed before the test ends


def test_the_stamp_costs_one_query_per_request_and_loading_the_same_writes_nothing(
        app, courses, trainee_client, trainee):
    services.enrol(trainee, courses["first-steps"])
    stamp = db.session.scalar(select(ContentStamp.fingerprint))
    assert stamp and len(stamp) == 64
    statements = []
    event.listen(db.engine, "before_cursor_execute",
                 lambda *args: statements.append(args[2]))
    trainee_client.get("/en/courses/first-steps/hello")
    assert sum("content_stamp" in s for s in statements) == 1
    load_library(app.config["COURSES_FOLDER"])
    assert db.session.scalar(select(ContentStamp.fingerprint)) == stamp
