"""The WSGI entry of a production server: `gunicorn orientation.wsgi:app` (gunicorn.conf.py).

Unlike the command line, a server refuses to start in production when it is not ready to
serve (serving/readiness.py): each reason is one line that says what to set.
"""

from orientation import create_app
from orientation.serving import readiness

app = create_app()
readiness.refuse_unready(app.config)
