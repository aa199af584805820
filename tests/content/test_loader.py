"""Loading packages: idempotent, all or nothing, identities kept across versions."""

from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from orientation.content.check import source_sha
from orientation.content.loader import load_library
from orientation.content.problems import PackageError
from orientation.extensions import db
from orientation.learn import services
from orientation.learn.progress import get_progress
from orientation.models import Course, Lesson, Programme, Status
from tests.content.test_check import edit


def counts():
    return tuple(db.session.scalar(select(func.count()).select_from(model))
                 for model in (Course, Lesson, Programme))


def test_loading_twice_changes_nothing(app):
    folder = app.config["COURSES_FOLDER"]
    load_library(folder)
    before = counts()
    stamps = db.session.scalars(select(Course.loaded_at)).all()
    writes = []
    listener = lambda *a: writes.append(a[2]) if a[2].split()[0] in (  # noqa: E731
        "INSERT", "UPDATE", "DELETE") else None
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        load_library(folder)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert writes == []
    assert counts() == before == (3, 4, 1)
    assert db.session.scalars(select(Course.loaded_at)).all() == stamps


def test_a_broken_package_loads_nothing(app):
    folder = Path(app.config["COURSES_FOLDER"])
    edit(folder / "first-steps/lessons/hello.km.md", "goodbye.md", "nowhere.md")
    with pytest.raises(PackageError) as raised:
        load_library(folder)
    assert "hello.km.md:" in str(raised.value)
    assert counts() == (0, 0, 0)


def test_a_broken_update_leaves_the_loaded_version(app):
    folder = Path(app.config["COURSES_FOLDER"])
    load_library(folder)
    edit(folder / "first-steps/course.yaml", "version: 1", "version: 2")
    edit(folder / "first-steps/course.yaml", "status: published", "status: finished")
    with pytest.raises(PackageError):
        load_library(folder)
    db.session.expire_all()
    course = db.session.scalar(select(Course).where(Course.slug == "first-steps"))
    assert (course.version, course.status) == (1, Status.published)


def test_new_version_adding_a_lesson_keeps_progress(app, courses, make_trainee):
    trainee = make_trainee()
    course = courses["first-steps"]
    services.enrol(trainee, course)
    services.mark_done(trainee, course, "hello")
    services.mark_done(trainee, course, "goodbye")
    assert get_progress(trainee.id, [course.id])[course.id].state == "lessons_done"

    folder = Path(app.config["COURSES_FOLDER"])
    lessons = folder / "first-steps/lessons"
    for path in lessons.glob("goodbye.*.md"):
        (lessons / path.name.replace("goodbye", "middle")).write_text(path.read_text())
    edit(folder / "first-steps/course.yaml", "  - goodbye", "  - middle\n  - goodbye")
    edit(folder / "first-steps/course.yaml", "version: 1", "version: 2")
    load_library(folder)

    db.session.expire_all()
    progress = get_progress(trainee.id, [course.id])[course.id]
    assert (progress.done, progress.total, progress.next_lesson) == (2, 3, "middle")
    assert course.version == 2
    assert [lesson.slug for lesson in course.lessons] == ["hello", "middle", "goodbye"]


def test_new_version_removing_a_lesson_keeps_its_progress_but_ignores_it(app, courses,
                                                                         make_trainee):
    trainee = make_trainee()
    course = courses["first-steps"]
    services.enrol(trainee, course)
    services.mark_done(trainee, course, "goodbye")
    folder = Path(app.config["COURSES_FOLDER"])
    edit(folder / "first-steps/course.yaml", "  - goodbye\n", "")
    edit(folder / "first-steps/lessons/hello.en.md", "Read [the next lesson](goodbye.md). ", "")
    for lang in ("km", "lo", "vi", "zh"):
        path = folder / f"first-steps/lessons/hello.{lang}.md"
        text = path.read_text()
        start = text.index("\n\n[")
        end = text.index("\n", start + 2)
        path.write_text(text[:start] + text[end:])
    sha = source_sha(folder / "first-steps/lessons/hello.en.md")
    for lang in ("km", "lo", "vi", "zh"):
        path = folder / f"first-steps/lessons/hello.{lang}.md"
        lines = path.read_text().split("\n")
        path.write_text("\n".join(f"source_sha: {sha}" if line.startswith("source_sha")
                                  else line for line in lines))
    load_library(folder)
    db.session.expire_all()
    progress = get_progress(trainee.id, [course.id])[course.id]
    assert (progress.done, progress.total) == (0, 1)
    kept = db.session.scalar(select(Lesson).where(Lesson.slug == "goodbye"))
    assert kept.position is None


def test_load_command(app, runner):
    result = runner.invoke(args=["courses", "load"])
    assert result.exit_code == 0, result.output
    assert counts() == (3, 4, 1)
    edit(Path(app.config["COURSES_FOLDER"]) / "first-steps/course.yaml", "hours: 1.5",
         "hours: many")
    result = runner.invoke(args=["courses", "load"])
    assert result.exit_code != 0 and "nothing loaded" in result.output
    assert "course.yaml:7" in result.output
