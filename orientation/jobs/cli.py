"""`flask --app orientation jobs consume`: the consumer that runs queued jobs."""

import logging

import click
from flask import current_app
from flask.cli import AppGroup

from orientation.jobs.queue import get_huey

jobs_cli = AppGroup("jobs", help="Run the task queue's consumer (imports, certificates).")


@jobs_cli.command("consume")
@click.option("--workers", type=int, default=None,
              help="Threads running jobs (default: ORIENTATION_JOBS_WORKERS).")
def consume(workers):
    """Run queued jobs until stopped (Ctrl-C or SIGTERM ends it after the running chunk)."""
    app = current_app._get_current_object()
    huey = get_huey(app)
    if huey.immediate:
        raise click.UsageError("ORIENTATION_JOBS_IMMEDIATE is on: jobs run in the request.")
    if not logging.getLogger().handlers:  # huey says which task starts, ends or fails
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    # WeasyPrint tells every step of every PDF at INFO: seven lines a chunk drown the jobs'.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    click.echo(f"Consuming jobs from {app.config['JOBS_URL']}")
    huey.create_consumer(workers=workers or app.config["JOBS_WORKERS"],
                         worker_type="thread", periodic=False,
                         max_delay=2.0).run()  # an idle queue is asked every 2 s at most
