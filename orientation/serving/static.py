"""Static files with versioned URLs: url_for("static", ...) adds ?v=<hash of the content>,
and a request carrying the file's current hash may be cached for a year, unchanged.

A query string rather than a hashed file name: the files, the templates and the Content
Security Policy stay as they are, and a page cached with an old hash still gets a file (the
new one, with a short cache). The hash is read again when a file's size or time changes, so
`make dev` picks up an edited stylesheet without a restart.
"""

import hashlib
import os
import threading

from flask import current_app, request
from werkzeug.security import safe_join

IMMUTABLE = "public, max-age=31536000, immutable"
# A link without the hash (typed, or from an old page): an hour, then ask again.
SHORT = "public, max-age=3600"
VERSION_ARG = "v"


class Versions:
    """Content hashes of the static files, remembered per (path, size, mtime)."""

    def __init__(self, folder):
        self.folder = folder
        self.known = {}
        self.lock = threading.Lock()

    def of(self, filename):
        """The first 12 hex digits of the file's SHA-256, or None when there is no such file."""
        path = safe_join(self.folder, filename)
        try:
            stat = os.stat(path) if path else None
        except OSError:
            return None
        if stat is None:
            return None
        key = (stat.st_size, stat.st_mtime_ns)
        seen = self.known.get(path)
        if seen and seen[0] == key:
            return seen[1]
        with open(path, "rb") as file:
            digest = hashlib.file_digest(file, "sha256").hexdigest()[:12]
        with self.lock:
            self.known[path] = (key, digest)
        return digest


def add_version(endpoint, values):
    """url_for("static", filename=...) gets ?v=<hash>."""
    if endpoint != "static" or "filename" not in values or VERSION_ARG in values:
        return
    if version := current_app.extensions["orientation.static_versions"].of(values["filename"]):
        values[VERSION_ARG] = version


def cache_static(response):
    """A year for the current version of a file; a short time for anything else."""
    if request.endpoint == "static" and response.status_code in (200, 206, 304):
        versions = current_app.extensions["orientation.static_versions"]
        given = request.args.get(VERSION_ARG)
        current = given is not None and given == versions.of(request.view_args["filename"])
        response.headers["Cache-Control"] = IMMUTABLE if current else SHORT
    return response


def init_app(app):
    app.extensions["orientation.static_versions"] = Versions(app.config["STATIC_FOLDER"])
    app.url_defaults(add_version)
    app.after_request(cache_static)
