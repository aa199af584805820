"""Admins see the courses and programmes loaded and what `courses check` finds."""

from flask import current_app, render_template

from orientation.access import role_required
from orientation.admin import bp, courses
from orientation.admin.record_forms import CheckForm
from orientation.content.library import get_library
from orientation.i18n import current_language
from orientation.learn.names import DESTINATION_NAMES
from orientation.models import Role


@bp.route("/courses", methods=["GET", "POST"])
@role_required(Role.admin)
def courses_page():
    """The loaded courses; the check (over a second on the real packages) runs on a POST."""
    library, lang = get_library(), current_language().code
    form = CheckForm()
    result = None
    if form.validate_on_submit():
        result = courses.run_check(current_app.config["COURSES_FOLDER"])
    return render_template(
        "admin/courses.html", form=form, result=result,
        courses=courses.get_courses(library, lang),
        programmes=courses.get_programmes(library, lang), last_load=courses.get_last_load(),
        destination_names=DESTINATION_NAMES)
