"""The task queue: huey on SQLite in the instance folder (one host) or on Redis (several).

Each kind of job is one huey task that takes the job's id; the task runs inside the Flask app
that registered it (the consumer builds that app with create_app), so the work sees the same
configuration, database and translations as the pages. In immediate mode (tests) the task
runs inside the request that enqueued it."""

import threading
from pathlib import Path

from flask import current_app, has_app_context

from orientation.jobs import certificates, services
from orientation.models import JobKind
from orientation.trainer import import_batches

WORK = {
    JobKind.imports: import_batches.save_rows,
    JobKind.certificates: certificates.print_all,
}


def make_huey(config):
    """The huey instance the settings ask for (JOBS_URL, JOBS_IMMEDIATE)."""
    from huey import RedisHuey, SqliteHuey  # here: huey (and redis) only when a job is near

    url, name = config["JOBS_URL"], config.get("JOBS_QUEUE", "orientation")
    immediate = config["JOBS_IMMEDIATE"]
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(name, url=url, immediate=immediate)
    if not url.startswith("sqlite:///"):
        raise ValueError(f"ORIENTATION_JOBS_URL must be sqlite:///PATH or redis://..., not {url}")
    path = Path(url[len("sqlite:///"):])
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=str(path),
                      immediate=immediate, immediate_use_memory=True)


class Queue:
    """The app's huey and one task per job kind, made at the first job or by the consumer:
    most requests never queue anything, and a worker that never does need not import huey."""

    def __init__(self, app):
        self.app = app
        self._huey = None
        self._making = threading.Lock()  # a gunicorn worker's threads: one huey, not two

    @property
    def huey(self):
        with self._making:
            if self._huey is None:
                huey = make_huey(self.app.config)
                self.tasks = {kind: huey.task(name=f"orientation.{kind.value}")(
                    _in_app(self.app, work)) for kind, work in WORK.items()}
                self._huey = huey
        return self._huey

    def enqueue(self, job):
        self.huey  # noqa: B018 (made on first use, with its tasks)
        self.tasks[job.kind](job.id)


def _in_app(app, work):
    def task(job_id):
        if has_app_context() and current_app._get_current_object() is app:
            return services.run(job_id, work)  # immediate mode: inside the request
        with app.app_context():
            return services.run(job_id, work)
    return task


def init_app(app):
    app.extensions["orientation.jobs"] = Queue(app)


def get_huey(app):
    return app.extensions["orientation.jobs"].huey
