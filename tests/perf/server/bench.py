"""`make bench`, second part: the app under gunicorn, as a deployment serves it.

1. wrk (Debian's) against a bare Flask route (the ceiling) and the app's main pages, under
   the same gunicorn settings; each page as a share of the ceiling.
2. locust: 100 trainees log in, read and submit practice quizzes for 60 s; no 5xx, and the
   stored attempts equal the submissions the server accepted.
3. Memory per worker after start and after the load (RSS, and PSS and USS: the workers fork
   from a master that loaded the app, so RSS counts the pages they share once per worker);
   seconds to the first 200.
4. The pytest-benchmark figures of the first part (tests/perf), when their JSON is there.

Writes docs/benchmarks.md (keeping its hand-written notes below NOTES_MARK) and prints the
table. Only 127.0.0.1 is ever measured. A throwaway SQLite database unless
ORIENTATION_BENCH_DATABASE_URL names another (PostgreSQL: what a deployment uses).
"""

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
REPORT = ROOT / "docs" / "benchmarks.md"
NOTES_MARK = "<!-- Notes below this line are kept when `make bench` rewrites the file. -->"
WORKERS, WRK_THREADS, WRK_CONNECTIONS, WRK_SECONDS = 2, 2, 20, 10
LOAD_USERS, LOAD_SECONDS = 100, 60
FIRST_LOGIN = 30000001
# --preload: the master imports the app once and forks the workers, which share its pages
# until they write them (copy-on-write); the ceiling runs under the same settings.
GUNICORN = [str(BIN / "gunicorn"), "--workers", str(WORKERS), "--worker-class", "sync",
            "--preload", "--log-level", "warning"]


def main():
    workdir = Path(tempfile.mkdtemp(prefix="orientation-bench-"))
    url = os.environ.get("ORIENTATION_BENCH_DATABASE_URL") or f"sqlite:///{workdir}/bench.sqlite"
    os.environ["ORIENTATION_DATABASE_URL"] = url
    try:
        paths = prepare()
        ceiling = measure_ceiling(workdir)
        rows, memory, load = measure_app(workdir, paths, ceiling)
        text = report(ceiling, rows, memory, load, url.split(":", 1)[0])
        print(text)
        write(text)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def flask(*args):
    subprocess.run([str(BIN / "flask"), "--app", "orientation", *args], check=True,
                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def prepare():
    """Migrate, load courses and the demo, add the load test's trainees; the URLs to measure."""
    flask("db", "upgrade")
    flask("courses", "load")
    flask("demo", "load")
    from orientation import create_app

    app = create_app()
    with app.app_context():
        return seed_trainees()


def seed_trainees():
    from sqlalchemy import select

    from orientation import demo
    from orientation.accounts import services as accounts
    from orientation.content.library import get_library
    from orientation.extensions import db
    from orientation.learn import services
    from orientation.models import Cohort, Role, User

    cohort = db.session.scalar(select(Cohort).where(Cohort.name == demo.COHORT))
    matrix = db.session.scalar(select(Cohort).where(Cohort.name == demo.BIG_COHORT))
    secret_hash = accounts.hash_secret("123456")
    for n in range(LOAD_USERS):
        login = str(FIRST_LOGIN + n)
        if db.session.scalar(select(User.id).where(User.login_code == login)) is None:
            user = accounts.create_user(Role.trainee, f"Bench {n}", None, login_code=login,
                                        centre=cohort.centre, secret_hash=secret_hash,
                                        preferred_locale="en", commit=False)
            services.join_cohort(user, cohort, commit=False)
    db.session.commit()
    journeys = []
    for entry in services.get_programme("thailand").entries:
        package = get_library().courses[entry.course.slug]
        for lesson in package.lessons:
            quiz = package.practice_after(lesson.id)
            if quiz is not None:
                base = f"/en/courses/{entry.course.slug}"
                journeys.append([f"{base}/{lesson.id}", f"{base}/quizzes/{quiz.id}/start"])
    first_lesson, _quiz = journeys[0]
    slug = first_lesson.split("/")[3]
    return {"journeys": journeys, "lesson": first_lesson, "cohort": matrix.id,
            "quiz": f"/en/courses/{slug}/quizzes/final"}


class Server:
    """gunicorn on a free port of 127.0.0.1, with what start-up and memory cost."""

    def __init__(self, app, workdir, pythonpath=None):
        self.port = free_port()
        empty = workdir / "gunicorn_bench.conf.py"  # not the deployment's settings file
        empty.touch()
        args = [*GUNICORN, "--config", str(empty), "--bind", f"127.0.0.1:{self.port}"]
        if pythonpath:
            args += ["--pythonpath", str(pythonpath)]
        started = time.monotonic()
        self.process = subprocess.Popen([*args, app], cwd=workdir)
        self.url = f"http://127.0.0.1:{self.port}"
        self.start_seconds = self._first_200(started)
        self._all_workers_up()
        self.memory_after_start = self.worker_memory()

    def _first_200(self, started):
        while time.monotonic() - started < 60:
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as response:
                    if response.status == 200:
                        return time.monotonic() - started
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("gunicorn did not answer within 60 s")

    def _all_workers_up(self):
        """The first 200 may come before the master has forked the last worker."""
        deadline = time.monotonic() + 10
        while (len(psutil.Process(self.process.pid).children()) < WORKERS
               and time.monotonic() < deadline):
            time.sleep(0.05)

    def worker_memory(self):
        """(RSS, PSS, USS) in MB of each worker process. PSS shares each page among the
        processes that map it; USS is what only this worker holds (what one more costs)."""
        workers = psutil.Process(self.process.pid).children()
        return [tuple(getattr(info, name) / 2**20 for name in ("rss", "pss", "uss"))
                for info in (worker.memory_full_info() for worker in workers)]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wrk(url, cookie=None):
    """(requests per second, p50 ms, p99 ms, non-2xx/3xx answers) of one bounded wrk run."""
    args = ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{WRK_SECONDS}s", "--latency"]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*args, url], check=True, capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    p50 = _ms(re.search(r"\s50%\s+([\d.]+\w+)", out)[1])
    p99 = _ms(re.search(r"\s99%\s+([\d.]+\w+)", out)[1])
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       out)
    errors = (int(bad[1]) if bad else 0) + (sum(map(int, socket.groups())) if socket else 0)
    return rate, p50, p99, errors


def _ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def log_in(base, login, secret):
    """A session cookie for one account, logged in through the real form."""
    import requests

    session = requests.Session()
    page = session.get(base + "/en/login")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text)[1]
    session.post(base + "/en/login", data={"csrf_token": token, "login": login, "secret": secret})
    return "; ".join(f"{name}={value}" for name, value in session.cookies.items())


def measure_ceiling(workdir):
    server = Server("hello:app", workdir, pythonpath=HERE)
    try:
        return wrk(server.url + "/")
    finally:
        server.stop()


def measure_app(workdir, paths, ceiling):
    server = Server("orientation:create_app()", workdir)
    try:
        trainee = log_in(server.url, "10000001", "123456")
        trainer = log_in(server.url, "trainer", "demo-trainer-pass")
        pages = [("Home page", "/en/", None), ("Login page", "/en/login", None),
                 ("Lesson (logged in)", paths["lesson"], trainee),
                 ("Quiz page (logged in)", paths["quiz"], trainee),
                 ("Trainer matrix (30 trainees)", f"/en/trainer/cohorts/{paths['cohort']}",
                  trainer)]
        rows = [("Bare Flask route (ceiling)", *ceiling)]
        rows += [(name, *wrk(server.url + path, cookie)) for name, path, cookie in pages]
        load = run_load(server, workdir, paths)
        memory = {"start": server.memory_after_start, "after": server.worker_memory(),
                  "seconds": server.start_seconds}
        rows.append(("Quiz submission (locust, 100 users)", load["submit_rate"],
                     load["submit_p50"], load["submit_p99"], load["submit_failures"]))
        return rows, memory, load
    finally:
        server.stop()


def run_load(server, workdir, paths):
    count_file = workdir / "accepted.json"
    before = stored_attempts()
    env = {**os.environ, "BENCH_JOURNEYS": json.dumps(paths["journeys"]),
           "BENCH_FIRST_LOGIN": str(FIRST_LOGIN), "BENCH_COUNT_FILE": str(count_file)}
    subprocess.run([str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless",
                    "-u", str(LOAD_USERS), "-r", "20", "-t", f"{LOAD_SECONDS}s",
                    "--host", server.url, "--csv", str(workdir / "load"), "--only-summary",
                    "--stop-timeout", "30",  # submissions under way finish and are counted
                    "--loglevel", "WARNING"], check=False, env=env, cwd=workdir)
    stats = read_csv(workdir / "load_stats.csv")
    failures = read_csv(workdir / "load_failures.csv")
    submit = stats.get("quiz submission", {})
    total = stats["Aggregated"]
    server_errors = sum(int(row["Occurrences"]) for row in failures.values()
                        if re.search(r"\b5\d\d\b", row.get("Error", "")))
    return {"requests": int(total["Request Count"]), "failures": int(total["Failure Count"]),
            "rate": float(total["Requests/s"]), "p50": float(total["50%"]),
            "p99": float(total["99%"]), "server_errors": server_errors,
            "accepted": json.loads(count_file.read_text())["submissions"],
            "stored": stored_attempts() - before,
            "submit_rate": float(submit.get("Requests/s", 0)),
            "submit_p50": float(submit.get("50%", 0)), "submit_p99": float(submit.get("99%", 0)),
            "submit_failures": int(submit.get("Failure Count", 0))}


def read_csv(path):
    import csv

    if not path.exists():
        return {}
    with path.open() as rows:
        return {row.get("Name") or row.get("Error", ""): row for row in csv.DictReader(rows)}


def stored_attempts():
    from sqlalchemy import func, select

    from orientation import create_app
    from orientation.extensions import db
    from orientation.models import Attempt, User

    with create_app().app_context():
        return db.session.scalar(select(func.count()).select_from(Attempt).join(User).where(
            Attempt.submitted_at.is_not(None), User.login_code >= str(FIRST_LOGIN)))


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    return (f"{cpu}, {psutil.cpu_count()} cores, "
            f"{psutil.virtual_memory().total / 2**30:.0f} GiB RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def report(ceiling, rows, memory, load, database):
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {date.today().isoformat()}: {machine()}.",
        f"Database: {database}. gunicorn: {WORKERS} sync workers on 127.0.0.1; wrk "
        f"-t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{WRK_SECONDS}s.",
        "",
        "## 1. Requests per second, as a share of the ceiling",
        "",
        "| Page | req/s | p50 ms | p99 ms | share of ceiling | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, rate, p50, p99, bad in rows:
        lines.append(f"| {name} | {rate:,.0f} | {p50:.1f} | {p99:.1f} | "
                     f"{rate / ceiling[0]:.0%} | {bad} |")
    same = "yes" if load["stored"] == load["accepted"] else "NO"
    lines += [
        "",
        f"## 2. {LOAD_USERS} trainees for {LOAD_SECONDS} s (locust)",
        "",
        f"{load['requests']:,} requests ({load['rate']:.0f}/s, p50 {load['p50']:.0f} ms, "
        f"p99 {load['p99']:.0f} ms), {load['failures']} failed, {load['server_errors']} "
        f"answered 5xx. Quiz submissions accepted: {load['accepted']}; attempts stored: "
        f"{load['stored']} (equal: {same}).",
        "",
        "## 3. Memory and start-up",
        "",
        f"Memory per worker (MB, RSS / PSS / USS): {_memory(memory['start'])} after start; "
        f"{_memory(memory['after'])} after the load. Start to first 200: "
        f"{memory['seconds']:.2f} s.",
    ]
    lines += pytest_figures()
    return "\n".join(lines) + "\n"


def _memory(workers):
    return ", ".join(" / ".join(f"{mb:.0f}" for mb in worker) for worker in workers)


def pytest_figures():
    path = ROOT / "instance" / "bench.json"
    if not path.exists():
        return []
    runs = json.loads(path.read_text())["benchmarks"]
    lines = ["", "## 4. Figures of tests/perf (pytest-benchmark)", "",
             "| Benchmark | mean | min | rounds |", "| --- | ---: | ---: | ---: |"]
    for run in runs:
        stats = run["stats"]
        lines.append(f"| {run['name']} | {_duration(stats['mean'])} | "
                     f"{_duration(stats['min'])} | {stats['rounds']} |")
    return lines


def _duration(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def write(text):
    notes = ""
    if REPORT.exists() and NOTES_MARK in REPORT.read_text():
        notes = REPORT.read_text().split(NOTES_MARK, 1)[1]
    REPORT.write_text(text + "\n" + NOTES_MARK + (notes or "\n"))


if __name__ == "__main__":
    main()
