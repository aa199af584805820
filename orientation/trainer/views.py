"""Trainer pages: cohorts, the progress matrix, classroom sessions and their registers."""


from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from orientation.access import refuse_trainer_without_centre, role_required
from orientation.content.library import get_library
from orientation.content.packages import text_in
from orientation.departure import report as departure_report
from orientation.forms import redisplays_form
from orientation.i18n import current_language
from orientation.jobs import certificates as print_job
from orientation.models import Role
from orientation.security import bounded_int
from orientation.trainer import bp, cohorts, services
from orientation.trainer.forms import CohortForm, SessionForm

STAFF = (Role.trainer, Role.admin)
# Every trainer page, including the other modules' routes on this blueprint.
bp.before_request(refuse_trainer_without_centre)
# The matrix comes with trainees at risk on top; these are the other orders a trainer picks.
SORTS = {
    "name": lambda row: row.trainee.display_name,
    "progress": lambda row: (-row.completed, -sum(c.done for c in row.cells)),
    "hours": lambda row: row.hours,
}


@bp.route("/")
@role_required(*STAFF)
def home():
    lang, library = current_language().code, get_library()
    found = [(cohort, members, finished,
              text_in(library.programmes[cohort.programme.slug].title, lang))
             for cohort, members, finished in cohorts.get_cohorts(current_user.centre_id)]
    return render_template("trainer/home.html", centre=current_user.centre, cohorts=found)


@bp.route("/cohorts/new", methods=["GET", "POST"])
@role_required(*STAFF)
@redisplays_form
def new_cohort():
    if current_user.centre_id is None:
        abort(404)
    form = CohortForm()
    lang = current_language().code
    form.programme.choices = [(p.id, text_in(get_library().programmes[p.slug].title, lang))
                              for p in cohorts.get_published_programmes()]
    if form.validate_on_submit():
        try:
            cohort = cohorts.create(current_user, form.name.data, form.programme.data,
                                    form.starts_on.data, form.departs_on.data)
        except cohorts.NameTaken:
            form.name.errors.append(_("Your centre already has a cohort with this name."))
        else:
            return redirect(url_for("trainer.cohort", cohort_id=cohort.id))
    return render_template("trainer/new_cohort.html", form=form)


@bp.route("/trainees")
@role_required(*STAFF)
def trainees():
    """The centre's trainees, searched by name, code or phone (a GET form), page by page."""
    page = max(request.args.get("page", 1, type=bounded_int), 1)
    query = services.clean_query(request.args.get("q", ""))
    found = services.get_centre_trainees(
        current_user.centre_id, page, current_app.config["PAGE_SIZE"], query)
    return render_template(
        "trainer/trainees.html", centre=current_user.centre, trainees=found, query=query,
        cohort_of=services.get_active_cohort_ids([user.id for user in found.items]))


@bp.route("/cohorts/<int:cohort_id>")
@role_required(*STAFF)
def cohort(cohort_id):
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    titles, rows = matrix_of(cohort)
    show = "at_risk" if request.args.get("show") == "at_risk" else None
    if show:
        rows = [row for row in rows if row.at_risk]
    sort = request.args.get("sort") if request.args.get("sort") in SORTS else None
    if sort:
        rows = sorted(rows, key=SORTS[sort])
    lang = current_language().code
    departures, ready = departure_report.get_cells(cohort, [row.trainee for row in rows],
                                                   cohorts.today(cohort.centre))
    return render_template("trainer/cohort.html", cohort=cohort, rows=rows, titles=titles,
                           departures=departures, ready=ready,
                           sessions=cohorts.get_sessions(cohort.id), sort=sort, show=show,
                           last_print=print_job.get_latest(cohort.id),
                           programme_title=text_in(get_library().programmes[
                               cohort.programme.slug].title, lang))


def matrix_of(cohort):
    """(course titles in the page's language, matrix rows) with the configured at-risk rule."""
    _courses, titles, rows = matrix_with_courses(cohort)
    return titles, rows


def matrix_with_courses(cohort, members=None):
    """(courses, their titles in the page's language, matrix rows), only the rows of
    `members` when given."""
    config = current_app.config
    courses, rows = cohorts.get_matrix(cohort, cohorts.today(cohort.centre),
                                       config["AT_RISK_DAYS"], config["AT_RISK_SHARE"], members)
    lang = current_language().code
    return courses, [text_in(get_library().courses[c.slug].title, lang) for c in courses], rows


@bp.route("/cohorts/<int:cohort_id>/sessions/new", methods=["GET", "POST"])
@role_required(*STAFF)
@redisplays_form
def new_session(cohort_id):
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    form = SessionForm()
    if form.validate_on_submit():
        session = cohorts.add_session(cohort, form.held_on.data, float(form.hours.data),
                                      form.topic.data.strip(), current_user)
        return redirect(url_for("trainer.register", cohort_id=cohort.id, session_id=session.id))
    if not form.is_submitted():
        form.held_on.data = cohorts.today(cohort.centre)
    return render_template("trainer/new_session.html", cohort=cohort, form=form)


@bp.route("/cohorts/<int:cohort_id>/sessions/<int:session_id>", methods=["GET", "POST"])
@role_required(*STAFF)
def register(cohort_id, session_id):
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    session = cohorts.get_session(cohort.id, session_id) or abort(404)
    if request.method == "POST":
        if "everyone" in request.form:
            services.mark_everyone_present(session, current_user)
        else:
            present = set(request.form.getlist("present", type=bounded_int))
            cohorts.record_attendance(session, present, current_user)
        flash(_("Attendance saved."), "info")
        return redirect(url_for("trainer.register", cohort_id=cohort.id, session_id=session.id))
    return render_template("trainer/register.html", cohort=cohort, session=session,
                           members=cohorts.get_members(cohort.id),
                           present=cohorts.get_present_ids(session.id))

