"""100 trainees log in, read lessons and submit practice quizzes (run by bench.py).

BENCH_LOGINS: the first login code number; BENCH_JOURNEYS: a JSON list of
[lesson path, quiz start path]; BENCH_COUNT_FILE: where the accepted submissions are counted.
"""

import itertools
import json
import os
import random
import re
from html.parser import HTMLParser

from locust import HttpUser, between, events, task

JOURNEYS = json.loads(os.environ.get("BENCH_JOURNEYS", "[]"))
FIRST_LOGIN = int(os.environ.get("BENCH_FIRST_LOGIN", "30000001"))
NUMBERS = itertools.count(FIRST_LOGIN)
ACCEPTED = {"submissions": 0}
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class AttemptForm(HTMLParser):
    """The answers a trainee might give: the first choice of each question, and the
    places 1, 2, 3... for an ordering question's steps in page order."""

    def __init__(self):
        super().__init__()
        self.answers, self.chosen, self.select, self.places = {}, set(), None, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and attrs.get("type") in ("radio", "checkbox") and name:
            if name not in self.chosen:
                self.chosen.add(name)
                self.answers[name] = attrs.get("value")
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and attrs.get("value"):
            self.places.setdefault(self.select, []).append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None

    def fill(self):
        for n, (name, values) in enumerate(self.places.items()):
            real = [v for v in values if v]
            self.answers[name] = real[n % len(real)] if real else ""
        return self.answers


class Trainee(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        login = str(next(NUMBERS))
        page = self.client.get("/en/login", name="login page")
        self.client.post("/en/login", name="log in", data={
            "csrf_token": CSRF.search(page.text)[1], "login": login, "secret": "123456"})

    @task(3)
    def read(self):
        self.client.get("/en/my-learning", name="my learning")
        lesson, _quiz = random.choice(JOURNEYS)
        self.client.get(lesson, name="lesson")

    @task(1)
    def practice(self):
        lesson, quiz = random.choice(JOURNEYS)
        page = self.client.get(lesson, name="lesson")
        token = CSRF.search(page.text)
        if not token:
            return
        attempt = self.client.post(quiz, name="quiz start", data={"csrf_token": token[1]})
        if "/attempts/" not in attempt.url:
            return
        form = AttemptForm()
        form.feed(attempt.text)
        data = {"csrf_token": CSRF.search(attempt.text)[1], **form.fill()}
        result = self.client.post(attempt.url, name="quiz submission", data=data)
        if result.url.endswith("/result") and result.status_code == 200:
            ACCEPTED["submissions"] += 1


@events.test_stop.add_listener
def count(environment, **_kwargs):
    path = os.environ.get("BENCH_COUNT_FILE")
    if path:
        with open(path, "w") as out:
            json.dump(ACCEPTED, out)
