"""Logs on stdout: one line per request (method, path, status, milliseconds, request id),
as text or, with ORIENTATION_LOG_FORMAT=json, as one JSON object per line.

The request id comes from X-Request-ID only behind a trusted proxy (which sets it); anything
else could be forged by a client, so the app makes its own. Either way it goes back in the
response's X-Request-ID, so that a person's report can be found in the log.
"""

import json
import logging
import re
import sys
import time
import uuid

from flask import g, request

from orientation.config import ConfigError

logger = logging.getLogger("orientation.requests")
HANDLER_NAME = "orientation-stdout"
# What a proxy's id may look like (nginx's $request_id is 32 hex digits); nothing that could
# split a log line or a header.
GIVEN_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
FORMATS = ("text", "json")


class StdoutHandler(logging.StreamHandler):
    """Writes to whatever sys.stdout is when a line is written (a test may swap it)."""

    @property
    def stream(self):
        return sys.stdout

    @stream.setter
    def stream(self, value):
        pass


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message and the request's fields."""

    def format(self, record):
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
                 "level": record.levelname, "logger": record.name,
                 "message": record.getMessage(), **getattr(record, "http", {})}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(log_format):
    """Send the app's logs (Flask's app.logger is "orientation" too) to stdout, once."""
    if log_format not in FORMATS:
        raise ConfigError("ORIENTATION_LOG_FORMAT must be text or json.")
    handler = StdoutHandler()
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(JsonFormatter() if log_format == "json" else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s: %(message)s"))
    app_logger = logging.getLogger("orientation")
    for old in [h for h in app_logger.handlers if h.get_name() == HANDLER_NAME]:
        app_logger.removeHandler(old)
    app_logger.addHandler(handler)
    app_logger.setLevel(logging.INFO)


def request_id(trusted_proxies):
    """The proxy's id when the app is behind trusted proxies and it is well formed; else new."""
    given = request.headers.get("X-Request-ID", "")
    if trusted_proxies > 0 and GIVEN_ID.fullmatch(given):
        return given
    return uuid.uuid4().hex


def init_app(app):
    configure_logging(app.config["LOG_FORMAT"])
    trusted = app.config["TRUSTED_PROXIES"]

    @app.before_request
    def start():
        g.request_started = time.perf_counter()
        g.request_id = request_id(trusted)

    app.after_request(log_request)


def log_request(response):
    """One line for this request; the path without its query, which may hold a token."""
    started = g.get("request_started", time.perf_counter())
    rid = g.get("request_id") or uuid.uuid4().hex
    fields = {"method": request.method, "path": request.path, "status": response.status_code,
              "duration_ms": round((time.perf_counter() - started) * 1000, 1),
              "request_id": rid}
    response.headers["X-Request-ID"] = rid
    logger.info("%(method)s %(path)s %(status)s %(duration_ms)sms %(request_id)s", fields,
                extra={"http": fields})
    return response
