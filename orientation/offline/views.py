"""The manifest, the offline page, the service worker, and the headers the worker reads."""

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

from flask import (
    Response,
    abort,
    current_app,
    has_request_context,
    jsonify,
    render_template,
    request,
    url_for,
)
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from orientation.access import login_required, public, role_required
from orientation.content.library import get_library
from orientation.i18n import CODES, current_language
from orientation.learn import services as learning
from orientation.learn.contacts import get_contact_rows
from orientation.learn.names import DESTINATION_NAMES
from orientation.models import Role, Status
from orientation.offline import bp, services, worker_bp

ICONS = ((192, "icons/icon-192.png"), (512, "icons/icon-512.png"))
# What every page needs (the stylesheet, the page script, the icons): saved when the worker
# is installed, so that the first page opened offline already looks right.
STATIC_FILES = ("css/site.css", "js/offline.js", "favicon.svg", *(path for _, path in ICONS))


@bp.route("/manifest.webmanifest")
@public
def manifest():
    body = services.manifest(
        _("Orientation"), current_language().html_lang, url_for("main.home"),
        [(size, url_for("static", filename=path)) for size, path in ICONS])
    return Response(json.dumps(body, ensure_ascii=False), mimetype="application/manifest+json")


@bp.route("/offline")
@public
def page():
    """What a page never opened on this phone shows without a connection (the worker saves it
    for each language when it is installed)."""
    return render_template("offline/offline.html")


@bp.route("/offline/courses/<slug>.json")
@login_required
def bundle(slug):
    """What "Keep this course on my phone" saves: the course page, its lessons in this
    language, its pictures and recordings with their sizes, for this version of the course.
    Like the lessons: a trainee must be enrolled; drafts exist only for staff."""
    course = learning.get_course(slug)
    trainee = current_user.role == Role.trainee
    if course is None or (trainee and course.status != Status.published):
        abort(404)
    if trainee and learning.get_enrolment(current_user.id, course.id) is None:
        abort(403)
    package = get_library().courses[slug]
    pages = [url_for("learn.course", slug=slug)] + [
        url_for("learn.lesson", slug=slug, lesson_slug=lesson.id) for lesson in package.lessons]
    files = [(url_for("media.media", slug=slug, name=name), size)
             for name, size in services.course_files(package.media)]
    return jsonify(services.bundle(slug, course.version, current_language().code, pages, files))


@bp.route("/help")
@role_required(Role.trainee)
def destination_help():
    """Who can help a trainee in the country of their programme: the contacts their centre
    set. My learning saves it on the phone, so that it opens without a connection."""
    programme = learning.get_active_programme(current_user.id)
    destination = programme.destination if programme else None
    rows = get_contact_rows(destination, current_language().code) if destination else {}
    contacts = services.help_contacts(
        get_library().contacts, {key: row.value for key, row in rows.items()},
        {key: row.checked_on for key, row in rows.items()})
    return render_template("offline/help.html", contacts=contacts,
                           country=DESTINATION_NAMES.get(destination))


@worker_bp.route("/sw.js")
@public
def worker():
    """The service worker: its code, after the settings it needs from the server."""
    source = (Path(current_app.static_folder) / "js" / "sw.js").read_text(encoding="utf-8")
    settings = {
        "static": [url_for("static", filename=name) for name in STATIC_FILES],
        "offline": {code: url_for("offline.page", lang_code=code) for code in CODES},
    }
    # A new stylesheet or worker changes this text: the browser then installs the new worker.
    settings["version"] = hashlib.sha256(
        (json.dumps(settings) + source).encode()).hexdigest()[:12]
    response = Response(f"self.OFFLINE = {json.dumps(settings)};\n{source}",
                        mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response


def _logged_in():
    return current_user.is_authenticated


def mark_response(response):
    """Tell the worker whose answer this is and whether it may keep a copy of it."""
    if request.endpoint in ("static", "media.media"):
        return response
    response.headers["Offline-User"] = (
        services.user_key(current_app.config["SECRET_KEY"], current_user.id)
        if _logged_in() else services.NOBODY)
    if mode := services.keep_mode(request.endpoint, response.status_code, _logged_in()):
        response.headers["Offline-Keep"] = mode
    return response


def page_settings():
    """The hidden "saved copy" line of a page the worker may keep (shown only offline, with
    the date it was saved), and the key of the person's copies for the page script."""
    settings = {}
    if not has_request_context():  # a document rendered by a command or a job
        return settings
    if _logged_in():
        settings["offline_user"] = services.user_key(current_app.config["SECRET_KEY"],
                                                     current_user.id)
    if services.keep_mode(request.endpoint, 200, _logged_in()):
        # The date only: a verification page shows no time of day (tests/certificates).
        settings["offline_note"] = _("Offline: saved copy from %(date)s", date=format_date(
            datetime.now(UTC), "long"))
    return settings


def init_app(app):
    app.after_request(mark_response)
    app.context_processor(page_settings)
