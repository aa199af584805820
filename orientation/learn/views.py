"""Catalogue, programme, course and lesson pages, enrolment, marking lessons done."""

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from orientation.access import login_required, public, role_required
from orientation.completion import get_completion
from orientation.content.library import get_library, lesson_html
from orientation.content.packages import DESTINATIONS, TOPICS, text_in
from orientation.i18n import current_language
from orientation.learn import bp, channels, media_bp, reads, services
from orientation.learn.forms import OriginForm, chose_nothing
from orientation.learn.progress import get_progress
from orientation.models import Role, Status

ASK_YOUR_TRAINER = _l("ask your trainer")


def _lang():
    return current_language().code


def _is_trainee():
    return current_user.is_authenticated and current_user.role == Role.trainee


def _visible_or_404(row):
    """Drafts exist only for staff (who review them); everything else 404s."""
    if row is None or (row.status != Status.published and not (
            current_user.is_authenticated and current_user.role != Role.trainee)):
        abort(404)
    return row


def _progress_of(course_ids):
    return get_progress(current_user.id, course_ids) if _is_trainee() else {}


@bp.route("/courses/")
@public
def catalogue():
    destination = request.args.get("destination") if request.args.get(
        "destination") in DESTINATIONS else None
    topic = request.args.get("topic") if request.args.get("topic") in TOPICS else None
    programmes, courses = reads.get_catalogue(_lang(), destination, topic)
    return render_template("learn/catalogue.html", courses=courses, destination=destination,
                           programmes=channels.offered_programmes(current_user, programmes),
                           topic=topic, origin=channels.filtered_origin(current_user),
                           origin_line=channels.sees_origin_line(current_user))


@bp.route("/programmes/<slug>")
@public
def programme(slug):
    programme = _visible_or_404(services.get_programme(slug))
    title, summary = reads.programme_texts(programme, _lang())
    access = channels.get_access(current_user, programme.destination)
    if access == channels.Access.closed:
        return _no_channel(programme.destination, title)
    progress = _progress_of([entry.course_id for entry in programme.entries])
    cards = [reads.course_card(entry.course, _lang(), progress.get(entry.course_id))
             for entry in programme.entries]
    return render_template("learn/programme.html", programme=programme, title=title,
                           summary=summary, cards=cards, access=access,
                           origin=channels.filtered_origin(current_user),
                           origin_line=channels.sees_origin_line(current_user))


def _no_channel(destination, title):
    """The one page a trainee sees for a programme or a course of a destination with no legal
    channel from their origin."""
    origin = channels.filtered_origin(current_user)
    channel = channels.get_channel(origin, destination)
    return render_template("learn/no_channel.html", destination=destination, title=title,
                           origin=origin, work=text_in(channel.work, _lang()), channel=channel,
                           text=text_in(channel.text, _lang()),
                           lesson=channels.get_warning_lesson())


@bp.route("/programmes/<slug>/choose", methods=["POST"])
@role_required(Role.trainee)
def choose_programme(slug):
    programme = _visible_or_404(services.get_programme(slug))
    if channels.get_access(current_user, programme.destination) == channels.Access.closed:
        abort(403)  # no legal channel from this trainee's origin: never offered
    services.choose_programme(current_user, programme)
    flash(_("You are enrolled in this programme and its courses."), "info")
    return redirect(url_for("learn.my_learning"))


@bp.route("/courses/<slug>")
@public
def course(slug):
    course = _visible_or_404(services.get_course(slug))
    package = get_library().courses[course.slug]
    enrolled = _is_trainee() and services.get_enrolment(current_user.id, course.id) is not None
    if not enrolled and channels.get_access(current_user, course.destination) \
            == channels.Access.closed:
        return _no_channel(course.destination, text_in(package.title, _lang()))
    progress = _progress_of([course.id]).get(course.id) if enrolled else None
    completion = get_completion(current_user.id, course.id) if enrolled else None
    return render_template("learn/course.html", course=course, package=package,
                           card=reads.course_card(course, _lang(), progress), enrolled=enrolled,
                           completion=completion, channel_rows=channels.get_channel_rows(
                               current_user, course.destination, _lang()),
                           origin=channels.filtered_origin(current_user))


@bp.route("/courses/<slug>/enrol", methods=["POST"])
@role_required(Role.trainee)
def enrol(slug):
    course = _visible_or_404(services.get_course(slug))
    try:
        services.enrol(current_user, course)
    except (services.NotAllowed, channels.NoChannel):
        abort(403)  # a course of a destination with no legal channel is never offered
    return redirect(url_for("learn.course", slug=slug))


@bp.route("/courses/<slug>/<lesson_slug>")
@login_required
def lesson(slug, lesson_slug):
    course = _visible_or_404(services.get_course(slug))
    package = get_library().courses[course.slug]
    lesson = package.lesson(lesson_slug) or abort(404)
    if _is_trainee() and services.get_enrolment(current_user.id, course.id) is None:
        flash(_("Join this course to read its lessons."), "info")
        return redirect(url_for("learn.course", slug=slug))
    text = lesson.texts.get(_lang()) or lesson.texts.get("en") or abort(404)
    destination = course.destination or getattr(
        services.get_active_programme(current_user.id), "destination", None)
    html = lesson_html(package, text, reads.get_contacts(destination, _lang()), ASK_YOUR_TRAINER)
    progress = _progress_of([course.id]).get(course.id)
    return render_template(
        "learn/lesson.html", course=course, course_title=text_in(package.title, _lang()),
        lesson=lesson, text=text, html=html, place=reads.get_lesson_place(
            package, lesson.id, _lang()),
        done=progress is not None and lesson.id in progress.done_lessons,
        practice=package.practice_after(lesson.id), final=package.final_quiz)


@bp.route("/courses/<slug>/<lesson_slug>/done", methods=["POST"])
@role_required(Role.trainee)
def mark_done(slug, lesson_slug):
    course = _visible_or_404(services.get_course(slug))
    try:
        services.mark_done(current_user, course, lesson_slug)
    except services.NotAllowed:
        abort(403)
    except LookupError:
        abort(404)
    # Moving on is reading: the lesson page's main button posts here and goes on.
    package = get_library().courses[slug]
    place = reads.get_lesson_place(package, lesson_slug, _lang())
    if place.next:
        return redirect(url_for("learn.lesson", slug=slug, lesson_slug=place.next[0]))
    flash(_("You have read every lesson of this course."), "info")
    if package.final_quiz:
        return redirect(url_for("quizzes.quiz", slug=slug, quiz_id=package.final_quiz.id))
    return redirect(url_for("learn.course", slug=slug))


@bp.route("/my-learning")
@role_required(Role.trainee)
def my_learning():
    services.catch_up(current_user.id)
    programme = services.get_active_programme(current_user.id)
    title = reads.programme_texts(programme, _lang())[0] if programme else None
    cards = reads.get_my_courses(current_user.id, _lang())
    return render_template("learn/my_learning.html", cards=cards, programme=programme,
                           programme_title=title, origin_form=OriginForm(
                               origin=current_user.origin or channels.origin_of(current_user)),
                           continue_at=reads.get_continue(current_user.id, cards))


@bp.route("/my-learning/origin", methods=["POST"])
@role_required(Role.trainee)
def set_origin():
    """A trainee says where they come from: it decides which programmes are offered."""
    form = OriginForm()
    if not form.validate():
        if not chose_nothing(form):
            abort(400)
        flash(form.origin.errors[0], "error")
        return redirect(url_for("learn.my_learning"))
    try:
        if services.set_origin(current_user, form.origin.data, actor=current_user):
            flash(_("Saved. The programmes offered to you follow where you come from."), "info")
    except channels.NoChannel as refused:
        flash(refused.origin_message(), "error")
    return redirect(url_for("learn.my_learning"))


@media_bp.route("/course-media/<slug>/<path:name>")
@public
def media(slug, name):
    package = get_library().courses.get(slug) or abort(404)
    return send_from_directory(package.media, name, max_age=current_app.config.get(
        "SEND_FILE_MAX_AGE_DEFAULT") or 86400)
