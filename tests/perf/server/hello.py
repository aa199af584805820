"""The ceiling: a bare Flask route under the same gunicorn settings as the app."""

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello():
    return "Hello"
