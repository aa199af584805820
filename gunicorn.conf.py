"""gunicorn's settings for Orientation: `gunicorn -c gunicorn.conf.py` (make run).

One process with threads by default: login throttling counts in memory, which is right only
when one process sees every login. More processes (ORIENTATION_WORKERS) need Redis for the
counters (ORIENTATION_RATELIMIT_STORAGE_URI); production refuses to start otherwise.
"""

import os

wsgi_app = "orientation.wsgi:app"
# PORT as in `PORT=8000 make run`; ORIENTATION_BIND for anything else (0.0.0.0:8000,
# unix:/run/orientation.sock). Loopback by default: a reverse proxy faces the network.
bind = [os.environ.get("ORIENTATION_BIND") or f"127.0.0.1:{os.environ.get('PORT', '5000')}"]
workers = int(os.environ.get("ORIENTATION_WORKERS", "1"))
# Several processes: the master loads the app once and forks them, so that they share its
# memory until they write to it (make bench, 2 workers: 24-30 MB proportional set size each
# instead of 62-64 MB). Decided from the environment, which the app has read by then.
preload_app = workers > 1
worker_class = "gthread"
threads = int(os.environ.get("ORIENTATION_THREADS", "8"))
# The app logs one line per request itself (with its request id); gunicorn's own messages
# go to stderr.
accesslog = None
errorlog = "-"
# No control socket ($HOME/.gunicorn/gunicorn.ctl): nothing here uses it, and two instances
# on one host would share its path.
control_socket_disable = True


def post_fork(server, worker):
    """A forked worker never uses a database connection the master may have opened: its
    pool starts empty (the master's connections stay the master's)."""
    if server.cfg.preload_app:
        from orientation.extensions import db

        with server.app.wsgi().app_context():
            for engine in db.engines.values():
                engine.dispose(close=False)


def on_starting(server):
    """Tell the app how many processes there really are (`-w 4` on the command line wins
    over the environment), so that its check of the throttling storage sees the truth."""
    os.environ["ORIENTATION_WORKERS"] = str(server.cfg.workers)
