"""Offline use on a phone: the manifest, the service worker, the offline page, a course's
offline bundle, and the response headers that tell the worker what it may keep, for whom."""

from flask import Blueprint

bp = Blueprint("offline", __name__)  # under /<lang>/
# The worker at /sw.js: a worker's scope is its own folder, and this one serves the whole site.
worker_bp = Blueprint("worker", __name__)

from orientation.offline import views  # noqa: E402,F401  (views attach routes to bp)
from orientation.offline.views import init_app  # noqa: E402,F401
