"""The course library of this app: read once, shared by requests, lessons rendered once."""

import hashlib
import re
from html import escape
from pathlib import Path

from flask import current_app, g
from markupsafe import Markup
from sqlalchemy import bindparam, select

from orientation.content.markdown import render
from orientation.content.reader import read_library
from orientation.extensions import db
from orientation.models import ContentStamp

STAMP_ID = 1
_STAMP = select(ContentStamp.fingerprint).where(ContentStamp.id == bindparam("id"))

CONTACT = re.compile(r"\{\{\s*contact:([a-z0-9_]+)\s*\}\}")


def get_library():
    """The packages under COURSES_FOLDER, read at first use and again whenever the content
    stamp in the database changed (a `courses load` run by any process on any host)."""
    stamp = _loaded_stamp()
    library = current_app.extensions.get("orientation.library")
    if library is None or library.stamp != stamp:
        library, _ = read_library(current_app.config["COURSES_FOLDER"])
        library.rendered = {}
        library.stamp = stamp
        current_app.extensions["orientation.library"] = library
    return library


def _loaded_stamp():
    """The content stamp, read once per request (one small query, by primary key)."""
    if "content_stamp" not in g:
        g.content_stamp = db.session.scalar(_STAMP, {"id": STAMP_ID})
    return g.content_stamp


def fingerprint(folder):
    """A hash of every file under the course folder: what a load brought into the database."""
    digest = hashlib.sha256()
    root = Path(folder)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def forget_library(app):
    """Read the packages again at next use, whatever the stamp says."""
    app.extensions.pop("orientation.library", None)
    g.pop("content_stamp", None)


def lesson_html(course, text, contacts, ask_text):
    """A lesson's HTML with contacts filled in; a missing contact reads `ask_text`."""
    library = get_library()
    key = (course.id, text.lesson_id, text.lang)
    html = library.rendered.get(key)
    if html is None:
        html = library.rendered[key] = render(course, text)

    def fill(match):
        value = contacts.get(match[1])
        if value:
            return f'<strong class="contact">{escape(value)}</strong>'
        return f'<em class="contact missing">{escape(str(ask_text))}</em>'

    return Markup(CONTACT.sub(fill, html))
