"""Trainer pages for exports, quiz results by language, extra attempts and moves."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from orientation.access import get_trainee_for_staff_or_404, role_required
from orientation.content.library import get_library
from orientation.content.packages import LANGUAGES, text_in
from orientation.departure.report import readiness_table
from orientation.i18n import current_language
from orientation.jobs import certificates as print_job
from orientation.learn import channels
from orientation.learn import services as learning
from orientation.learn.names import ORIGIN_NAMES
from orientation.models import Role
from orientation.quizzes import rules as quiz_rules
from orientation.quizzes.stats import get_question_stats
from orientation.security import bounded_int
from orientation.trainer import bp, cohorts, exports, services
from orientation.trainer.views import matrix_of, matrix_with_courses

STAFF = (Role.trainer, Role.admin)
EXPORTS = ("matrix", "attendance", "certificates", "results", "readiness")


@bp.route("/cohorts/<int:cohort_id>/<name>.<any(csv,pdf):kind>")
@role_required(*STAFF)
def export(cohort_id, name, kind):
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    if name not in EXPORTS:
        abort(404)
    if name == "matrix":
        header, rows = exports.matrix_table(*matrix_of(cohort))
    elif name == "attendance":
        header, rows = exports.attendance_table(cohort.id)
    elif name == "results":
        header, rows = exports.results_table(_results(cohort), LANGUAGES)
    elif name == "readiness":
        header, rows = readiness_table(cohort, cohorts.get_members(cohort.id),
                                       cohorts.today(cohort.centre))
    else:
        header, rows = exports.certificate_register(cohort.id)
    services.record_export(cohort, name, kind, current_user)
    filename = f"{name}-{cohort.id}"
    if kind == "csv":
        return exports.csv_response(filename, header, rows)
    return exports.pdf_response(filename, f"{cohort.name}: {name}", header, rows)


@bp.route("/cohorts/<int:cohort_id>/certificates/print", methods=["POST"])
@role_required(*STAFF)
def print_certificates(cohort_id):
    """Print every certificate of the cohort as a job; a second POST leads to the same job."""
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    job = print_job.start(cohort, current_user)
    if job is None:
        flash(_("No certificate in this cohort yet."), "info")
        return redirect(url_for("trainer.cohort", cohort_id=cohort.id), code=303)
    return redirect(url_for("trainer.job", cohort_id=cohort.id, token=job.token), code=303)


@bp.route("/cohorts/<int:cohort_id>/results")
@role_required(*STAFF)
def results(cohort_id):
    """Each question's share of right answers, overall and per language."""
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    return render_template("trainer/results.html", cohort=cohort, sections=_results(cohort),
                           codes=LANGUAGES)


def _results(cohort):
    """[(course, title, [(quiz, question, text, stats)])] for the cohort's programme."""
    lang, library = current_language().code, get_library()
    sections = []
    for entry in cohort.programme.entries:
        package = library.courses[entry.course.slug]
        stats = get_question_stats(entry.course_id, cohort.centre_id)
        items = []
        for stat in stats:
            quiz = package.quizzes.get(stat.quiz_id)
            question = quiz and quiz.question(stat.question_id)
            if question is not None:
                items.append((quiz, question, text_in(question.text, lang), stat))
        sections.append((entry.course, text_in(package.title, lang), items))
    return sections


@bp.route("/questions/<slug>/<quiz_id>/<question_id>")
@role_required(*STAFF)
def question(slug, quiz_id, question_id):
    """One question in every language, to compare the translations."""
    package = get_library().courses.get(slug) or abort(404)
    quiz = package.quizzes.get(quiz_id) or abort(404)
    found = quiz.question(question_id) or abort(404)
    return render_template("trainer/question.html", package=package, quiz=quiz,
                           question=found, codes=LANGUAGES, is_key=quiz_rules.is_key)


def _member_or_404(cohort, user_id):
    """A trainee the staff member may act on who is now in this cohort; else 404."""
    user = get_trainee_for_staff_or_404(current_user, user_id)
    if learning.get_active_cohort_id(user.id) != cohort.id:
        abort(404)
    return user


def _form_id(name):
    """The id a form posted in this field, or 400 when it is missing or not an id."""
    value = request.form.get(name, type=bounded_int)
    if not value:  # missing, not a number, or beyond any id the database can hold
        abort(400)
    return value


@bp.route("/cohorts/<int:cohort_id>/trainees/<int:user_id>", methods=["GET"])
@role_required(*STAFF)
def trainee(cohort_id, user_id):
    """One trainee: progress per course, a new login card, one more attempt, a move."""
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    user = _member_or_404(cohort, user_id)
    courses, titles, rows = matrix_with_courses(cohort, members=[user])
    others = [c for c, _members, _finished in cohorts.get_cohorts(cohort.centre_id)
              if c.id != cohort.id]
    return render_template("trainer/trainee.html", cohort=cohort, trainee=user, row=rows[0],
                           others=others, origin=ORIGIN_NAMES.get(channels.origin_of(user)),
                           courses=list(zip(courses, titles, strict=True)),
                           progress=list(zip(titles, rows[0].cells, strict=True)))


@bp.route("/cohorts/<int:cohort_id>/trainees/<int:user_id>/grant", methods=["POST"])
@role_required(*STAFF)
def grant_attempt(cohort_id, user_id):
    """One more final-quiz attempt, for a course of the cohort's programme only."""
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    user = _member_or_404(cohort, user_id)
    try:
        services.grant_attempt(cohort, user, _form_id("course_id"), current_user)
    except services.NotInProgramme:
        abort(404)
    flash(_("%(name)s may try the final quiz once more.", name=user.display_name), "info")
    return redirect(url_for("trainer.trainee", cohort_id=cohort.id, user_id=user.id))


@bp.route("/cohorts/<int:cohort_id>/trainees/<int:user_id>/move", methods=["POST"])
@role_required(*STAFF)
def move(cohort_id, user_id):
    cohort = cohorts.get_cohort_for_trainer_or_404(current_user, cohort_id)
    user = _member_or_404(cohort, user_id)
    target = cohorts.get_cohort_for_trainer_or_404(current_user, _form_id("cohort_id"))
    try:
        services.move_trainee(user, target, current_user)
    except channels.NoChannel as refused:
        flash(refused.message(user.display_name), "error")
        return redirect(url_for("trainer.trainee", cohort_id=cohort.id, user_id=user.id))
    except ValueError:
        abort(404)
    flash(_("%(name)s is now in %(cohort)s. Progress, attempts and certificates are kept.",
            name=user.display_name, cohort=target.name), "info")
    return redirect(url_for("trainer.cohort", cohort_id=target.id))
