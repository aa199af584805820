"""The task queue: huey on SQLite in the instance folder (one host) or on Redis (several).

Each kind of job is one huey task that takes the job's id; the task runs inside the Flask app
that registered it (the consumer builds that app with create_app), so the work sees the same
configuration, database and translations as the pages. In immediate mode (tests) the task
runs inside the request that enqueued it."""

from pathlib import Path

from flask import current_app, has_app_context
from huey import RedisHuey, SqliteHuey

from orientation.jobs import certificates, services
from orientation.models import JobKind
from orientation.trainer import import_batches

WORK = {
    JobKind.imports: import_batches.save_rows,
    JobKind.certificates: certificates.print_all,
}


def make_huey(config):
    """The huey instance the settings ask for (JOBS_URL, JOBS_IMMEDIATE)."""
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
    """The app's huey and one task per job kind."""

    def __init__(self, app):
        self.huey = make_huey(app.config)
        self.tasks = {kind: self.huey.task(name=f"orientation.{kind.value}")(
            _in_app(app, work)) for kind, work in WORK.items()}

    def enqueue(self, job):
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
