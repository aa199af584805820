"""The course library of this app: read once, shared by requests, lessons rendered once."""

import re
from html import escape

from flask import current_app
from markupsafe import Markup

from orientation.content.markdown import render
from orientation.content.reader import read_library

CONTACT = re.compile(r"\{\{\s*contact:([a-z0-9_]+)\s*\}\}")


def get_library():
    """The packages under COURSES_FOLDER, read at first use."""
    library = current_app.extensions.get("orientation.library")
    if library is None:
        library, _ = read_library(current_app.config["COURSES_FOLDER"])
        library.rendered = {}
        current_app.extensions["orientation.library"] = library
    return library


def forget_library(app):
    """Read the packages again at next use (after `courses load`)."""
    app.extensions.pop("orientation.library", None)


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
