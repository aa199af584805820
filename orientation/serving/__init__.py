"""Serving in production: proxies, the request log, static file caching, compression and
the health check. create_app calls init_app; gunicorn loads orientation.wsgi."""

from flask import Blueprint, current_app
from werkzeug.middleware.proxy_fix import ProxyFix

from orientation.extensions import compress
from orientation.serving import requestlog, static

bp = Blueprint("health", __name__)

# What is worth compressing; PDFs and pictures are compressed already.
COMPRESS_MIMETYPES = ["text/html", "text/css", "text/javascript", "application/javascript",
                      "application/json", "image/svg+xml", "text/csv"]

SMALL_FILE = 512 * 1024


def init_app(app):
    # First: its after_request then runs last and the time it logs includes the others.
    requestlog.init_app(app)
    trust_proxies(app)
    static.init_app(app)
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESS_MIMETYPES)
    # Files are compressed whole (below), never as a stream: Flask-Compress's streaming
    # path leaves the file open until the garbage collector finds it.
    app.config.setdefault("COMPRESS_STREAMS", False)
    compress.init_app(app)
    app.after_request(read_small_files)  # after init_app: runs before the compression
    app.register_blueprint(bp)


def trust_proxies(app):
    """Behind N reverse proxies, the client's address and scheme are the ones they forwarded."""
    if (count := app.config["TRUSTED_PROXIES"]) > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)


def read_small_files(response):
    """A stylesheet, script or SVG file sent from disk is read into memory, so that it can be
    compressed like a page (static files are a few kilobytes)."""
    if (response.status_code == 200 and response.is_streamed
            and response.mimetype in current_app.config["COMPRESS_MIMETYPES"]
            and (response.content_length or SMALL_FILE + 1) <= SMALL_FILE):
        response.direct_passthrough = False
        response.make_sequence()  # closes the file when the response is closed
    return response


from orientation.serving import health  # noqa: E402,F401  (the view attaches to bp)
