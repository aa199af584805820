"""Quiz pages: the quiz and its past attempts, an attempt to answer, its reviewed result."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from orientation.access import login_required, role_required
from orientation.certificates.issuance import certificates_withheld
from orientation.completion import get_completion
from orientation.content.library import get_library
from orientation.content.packages import text_in
from orientation.forms import redisplays_form
from orientation.i18n import current_language
from orientation.learn import services as learning
from orientation.learn.reads import lesson_title
from orientation.models import Role, Status
from orientation.quizzes import bp, reads, rules, services


def _lang():
    return current_language().code


def _quiz_or_404(slug, quiz_id):
    course = learning.get_course(slug)
    if course is None or (course.status != Status.published and current_user.role == Role.trainee):
        abort(404)
    package = get_library().courses[slug]
    quiz = package.quizzes.get(quiz_id) or abort(404)
    return course, package, quiz


def _enrolled(course):
    return learning.get_enrolment(current_user.id, course.id) is not None


@bp.route("/courses/<slug>/quizzes/<quiz_id>")
@login_required
def quiz(slug, quiz_id):
    course, package, quiz = _quiz_or_404(slug, quiz_id)
    trainee = current_user.role == Role.trainee
    if trainee and not _enrolled(course):
        flash(_("Join this course to take its quizzes."), "info")
        return redirect(url_for("learn.course", slug=slug))
    attempts = services.get_attempts(current_user.id, course.id, quiz.id) if trainee else []
    return render_template(
        "quizzes/quiz.html", course=course, quiz=quiz, attempts=attempts, trainee=trainee,
        course_title=text_in(package.title, _lang()),
        decision=services.decide(current_user.id, course, quiz, attempts) if trainee else None,
        completion=get_completion(current_user.id, course.id))


@bp.route("/courses/<slug>/quizzes/<quiz_id>/start", methods=["POST"])
@role_required(Role.trainee)
def start(slug, quiz_id):
    course, _package, quiz = _quiz_or_404(slug, quiz_id)
    try:
        attempt = services.start_attempt(current_user, course, quiz, _lang())
    except learning.NotAllowed:
        flash(_("You cannot start this quiz now."), "error")
        return redirect(url_for("quizzes.quiz", slug=slug, quiz_id=quiz_id))
    return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))


@bp.route("/attempts/<int:attempt_id>", methods=["GET", "POST"])
@role_required(Role.trainee)
@redisplays_form
def attempt(attempt_id):
    attempt = services.get_attempt_of(current_user.id, attempt_id) or abort(404)
    course, package, quiz = _quiz_or_404(attempt.course.slug, attempt.quiz_id)
    if attempt.submitted_at is not None:  # a replay or a back-button resubmit
        return redirect(url_for("quizzes.result", attempt_id=attempt.id))
    if attempt.voided_at is not None or services.void_if_outdated(attempt, quiz):
        flash(_("This quiz changed since you started it. Your answers were not counted: "
                "please start again."), "info")
        return redirect(url_for("quizzes.quiz", slug=course.slug, quiz_id=quiz.id))
    unanswered = []
    if request.method == "POST" and not g.get("csrf_refused"):
        try:
            answers = services.read_answers(attempt, quiz, request.form)
        except services.Unanswered as missing:
            unanswered = missing.question_ids
        except services.InvalidAnswer:
            abort(400)
        else:
            services.submit_attempt(current_user, attempt, course, quiz, answers, _lang())
            return redirect(url_for("quizzes.result", attempt_id=attempt.id))
    return render_template(
        "quizzes/attempt.html", attempt=attempt, quiz=quiz, course=course,
        course_title=text_in(package.title, _lang()), unanswered=unanswered,
        questions=reads.shown_questions(attempt, quiz, _lang()), form=request.form,
    ), 422 if unanswered else 200


@bp.route("/attempts/<int:attempt_id>/result")
@role_required(Role.trainee)
def result(attempt_id):
    attempt = services.get_attempt_of(current_user.id, attempt_id) or abort(404)
    course, package, quiz = _quiz_or_404(attempt.course.slug, attempt.quiz_id)
    if attempt.submitted_at is None:
        return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))
    return render_template(
        "quizzes/result.html", attempt=attempt, quiz=quiz, course=course,
        course_title=text_in(package.title, _lang()), reads=reads,
        questions=reads.shown_questions(attempt, quiz, _lang(), attempt.answers),
        completion=get_completion(current_user.id, course.id),
        certificates_withheld=certificates_withheld(current_user),
        show_key=services.review_shows_key(current_user.id, course, quiz),
        answer_mark=rules.answer_mark,
        lessons={lesson.id: lesson_title(lesson, _lang()) for lesson in package.lessons})
