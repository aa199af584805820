"""Admins see the courses and programmes loaded, and run `courses check` from the page."""

from pathlib import Path

from orientation.admin import course_views
from orientation.admin import courses as admin_courses
from orientation.content.library import get_library

PAGE = "/en/admin/courses"


def test_loaded_courses_in_the_admins_language(app, courses):
    found = {course.slug: course for course in admin_courses.get_courses(get_library(), "en")}
    first = found["first-steps"]
    assert first.lessons == 2 and first.version == courses["first-steps"].version
    assert first.languages == ["en", "km", "lo", "vi", "zh"]
    assert found["draft-course"].status == "draft" and found["draft-course"].languages == []
    (programme,) = admin_courses.get_programmes(get_library(), "en")
    assert (programme.slug, programme.destination) == ("thailand", "TH")
    assert programme.courses >= 1


def test_page_lists_courses_and_does_not_run_the_check(app, courses, admin_client,
                                                       monkeypatch):
    def refuse(folder):
        raise AssertionError("the check runs only when asked")

    monkeypatch.setattr(admin_courses, "check_folder", refuse)
    page = admin_client.get(PAGE)
    assert page.status_code == 200
    title = get_library().courses["first-steps"].title["en"]
    assert title in page.text and "first-steps" in page.text
    assert "Check the course packages" in page.text
    assert "Last loaded:" in page.text


def test_check_runs_on_post_and_shows_file_and_line(app, courses, admin_client):
    folder = Path(app.config["COURSES_FOLDER"])
    lesson = folder / "first-steps" / "lessons" / "goodbye.km.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n![](../media/nowhere.png)\n",
                      encoding="utf-8")
    result = admin_courses.run_check(folder)
    (error,) = [finding for finding in result.findings if finding.error]
    assert error.path == "first-steps/lessons/goodbye.km.md" and error.line
    assert result.courses == len(get_library().courses)
    page = admin_client.post(PAGE, data={}).text
    assert f"first-steps/lessons/goodbye.km.md:{error.line}" in page
    assert "nowhere.png" in page and "1 error" in page


def test_check_of_a_sound_folder(app, courses, admin_client, monkeypatch):
    monkeypatch.setattr(admin_courses, "check_folder",
                        lambda folder: (get_library(), []))
    page = admin_client.post(PAGE, data={}).text
    assert "No problems." in page


def test_the_view_reads_the_apps_folder(app, courses, admin_client, monkeypatch):
    seen = []
    monkeypatch.setattr(course_views.courses, "run_check",
                        lambda folder: seen.append(folder) or admin_courses.CheckResult(
                            [], 0.1, 0, 0))
    admin_client.post(PAGE, data={})
    assert seen == [app.config["COURSES_FOLDER"]]
