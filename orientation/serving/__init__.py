"""Serving in production: proxies, the request log, static file caching, compression and
the health check. create_app calls init_app; gunicorn loads orientation.wsgi."""

from flask import Blueprint
from werkzeug.middleware.proxy_fix import ProxyFix

from orientation.extensions import compress

bp = Blueprint("health", __name__)

# What is worth compressing; PDFs and pictures are compressed already.
COMPRESS_MIMETYPES = ["text/html", "text/css", "text/javascript", "application/javascript",
                      "application/json", "image/svg+xml", "text/csv"]


def init_app(app):
    from orientation.serving import requestlog, static

    # First: its after_request then runs last and the time it logs includes the others.
    requestlog.init_app(app)
    trust_proxies(app)
    static.init_app(app)
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESS_MIMETYPES)
    compress.init_app(app)
    app.register_blueprint(bp)


def trust_proxies(app):
    """Behind N reverse proxies, the client's address and scheme are the ones they forwarded."""
    if (count := app.config["TRUSTED_PROXIES"]) > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)


from orientation.serving import health  # noqa: E402,F401  (the view attaches to bp)
