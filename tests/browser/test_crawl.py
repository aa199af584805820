"""The crawl: every page each kind of user reaches, looked at on a 320 px phone.

As a visitor (and verifier), a trainee in each of Khmer, Lao, Vietnamese and Chinese, a trainer,
a trainer of another centre and an admin, on the demo data (real course packages) plus a second
centre, it follows every same-site link and every GET form (sent with its default values)
breadth-first from the start page; never a POST form, so never "Log out". Downloads (PDF, CSV,
JSON, the icon) are fetched and their type checked, not rendered. On every page: no error
status (a link of the app's own that answers 4xx is a fault too), no attribute that renders a
Python value ("None"), nothing wider than the screen, valid HTML (the W3C Nu checker, run once
at the end for every page), and no serious or critical axe-core violation. The checkers come
from tests/tools/package.json (`make tools`); the app never serves them. What was reached is
listed in test-results/crawl-pages.txt; pages too wide are photographed in test-results/screens.
"""

import os
import random
import shutil
import time
from collections import Counter, deque
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from orientation import demo
from orientation.accounts import services as accounts
from orientation.admin import services as centres
from orientation.content.library import forget_library, get_library
from orientation.content.loader import load_library
from orientation.extensions import db
from orientation.jobs import certificates as print_job
from orientation.learn import services as learning
from orientation.models import Certificate, Cohort, CourseCompletion, Role, User
from orientation.quizzes import services as quizzes
from tests.browser.conftest import CRAWL_COUNTS, SCREENS
from tests.browser.crawl_checks import (
    AXE,
    AXE_RUN,
    DISCOVER,
    JAVA,
    LOAD_PICTURES,
    PYTHON_VALUES,
    VNU,
    WIDEST,
    Finding,
    report,
    validate,
)
from tests.conftest import settings_for

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ("km", "lo", "vi", "zh", "en")
WIDTH = 320
CAP = 60  # pages per role
PER_ENDPOINT = 4  # pages per role and view: four lessons say what forty would
# Fetched and checked for status and type, never rendered (the page's icon is one of them).
DOWNLOADS = {".pdf": "application/pdf", ".csv": "text/csv", ".json": "application/json",
             ".ico": "image/", ".png": "image/png", ".svg": "image/svg+xml"}


@dataclass(frozen=True)
class Visitor:
    name: str
    lang: str
    login: str | None = None
    secret: str | None = None
    languages: tuple = ()  # the language prefixes it follows; its own when empty


ROLES = [
    Visitor("visitor", "en", languages=LANGUAGES),
    Visitor("trainee-km", "km", "10000001", "123456"),
    Visitor("trainee-lo", "lo", "10000002", "123456"),
    Visitor("trainee-vi", "vi", "10000003", "123456"),
    Visitor("trainee-zh", "zh", "10000004", "123456"),
    Visitor("trainer", "en", "trainer", "demo-trainer-pass"),
    Visitor("trainer-other-centre", "lo", "trainertwo", "second-centre-pass"),
    Visitor("admin", "zh", "admin", "demo-admin-pass"),
]
# Pages each role reached on 2026-12-07 (second count: 35, 28, 28, 29, 27, 60, 38, 60), less
# a page or two of margin: the crawl fails when a role reaches fewer, so that a broken link or
# a lost menu entry cannot quietly shrink what is checked.
FLOORS = {"visitor": 35, "trainee-km": 27, "trainee-lo": 27, "trainee-vi": 28, "trainee-zh": 26,
          "trainer": 58, "trainer-other-centre": 37, "admin": 58}


@pytest.fixture
def settings(tmp_path):
    """The real course packages, as the demo has them; verification not throttled for a crawl."""
    return settings_for(tmp_path, COURSES_FOLDER=str(REPO / "courses"),
                        VERIFY_LIMIT="10000 per minute")


@pytest.fixture
def demo_data(app):
    """The README's demo, a second centre with its trainer, cohort and trainee, and a quiz
    left open by each demo trainee (so that the page of a quiz being taken is reached).
    Returns what a verifier opens without a link to it: the form, and each demo certificate's
    QR link (valid, replaced, revoked)."""
    load_library(app.config["COURSES_FOLDER"])
    forget_library(app)
    demo.load(app.config)
    centre = centres.create_centre(name="Second Centre", licence_number="CRAWL-0002",
                                   address="", signatory_name="Director",
                                   signatory_title="Director")
    accounts.create_user(Role.trainer, "ຄູ ສອງ", "second-centre-pass", login_code="trainertwo",
                         centre=centre, preferred_locale="lo")
    trainee = accounts.create_user(Role.trainee, "ນາງ ແກ້ວ", "123456", centre=centre,
                                   preferred_locale="lo")
    cohort = learning.create_cohort(centre, learning.get_programme("thailand"),
                                    "Second cohort", date.today(),
                                    date.today() + timedelta(days=30))
    learning.join_cohort(trainee, cohort)
    for login, locale in (("10000001", "km"), ("10000002", "lo"), ("10000003", "vi"),
                          ("10000004", "zh")):
        _leave_a_quiz_open(db.session.scalar(select(User).where(User.login_code == login)),
                           locale)
    # The demo cohort's certificates printed once: the cohort page links the print job's page
    # and its PDF.
    print_job.start(db.session.scalar(select(Cohort).where(Cohort.name == demo.COHORT)),
                    db.session.scalar(select(User).where(User.login_code == "trainer")))
    one_each = {c.state: c for c in db.session.scalars(select(Certificate)
                                                      .order_by(Certificate.id.desc()))}
    return ["/v/", *(f"/v/{c.number}#{c.payload}" for c in one_each.values())]


def _leave_a_quiz_open(user, locale):
    done = set(db.session.scalars(select(CourseCompletion.course_id)
                                  .where(CourseCompletion.user_id == user.id)))
    programme = learning.get_programme("thailand")
    course = next(e.course for e in programme.entries if e.course_id not in done)
    learning.enrol(user, course)
    quizzes.start_attempt(user, course, get_library().courses[course.slug].final_quiz, locale,
                          rng=random.Random(user.login_code))  # the same pages every run


class Crawl:
    """One role's breadth-first walk; findings and saved pages go to shared lists."""

    def __init__(self, app, base, role, folder, findings, saved):
        self.adapter = app.url_map.bind("127.0.0.1")
        self.base, self.role, self.folder = base, role, folder
        self.findings, self.saved = findings, saved
        self.languages = set(role.languages or (role.lang,))
        self.per_endpoint = Counter()
        self.pages = self.downloads = 0
        self.log = []  # (status, url): what was reached, kept in test-results/ for a person

    def run(self, context, starts):
        # Before any page script, past the app's Content-Security-Policy: axe is the test's.
        context.add_init_script(path=AXE)
        page = context.new_page()
        page.on("response", self.note_resource)
        queue, seen, checked = deque(starts), dict.fromkeys(starts, "the start"), set()
        while queue and self.pages < CAP:
            url = queue.popleft()
            if Path(urlsplit(url).path).suffix in DOWNLOADS:
                self.fetch(context, url, seen[url])
                continue
            for found in self.visit(page, url, seen[url], checked):
                if found not in seen and self.wanted(found):
                    seen[found] = page.url
                    queue.append(found)
        page.close()

    def note_resource(self, response):
        """A stylesheet, script, image or icon that the page asked for and did not get."""
        if response.status >= 400 and not response.request.is_navigation_request():
            self.fail("resource", f"{urlsplit(response.url).path} answered {response.status}",
                      response.frame.url)

    def fail(self, kind, detail, url):
        self.findings.append(Finding(kind, detail, self.role.name, url))

    def wanted(self, url):
        """Same site, in one of the role's languages, and not the hundredth page of a view."""
        if not url.startswith(self.base + "/"):
            return False
        path = urlsplit(url).path
        first = path.split("/")[1]
        if first in LANGUAGES and first not in self.languages:
            return False
        if first == "language" and path.split("/")[2] not in self.languages:
            return False  # switching would change the account's language for the rest
        if "logout" in path:
            return False
        endpoint = self.endpoint(path)
        self.per_endpoint[endpoint] += 1
        return self.per_endpoint[endpoint] <= PER_ENDPOINT

    def endpoint(self, path):
        try:
            return self.adapter.match(path, method="GET")[0]
        except RequestRedirect as redirect:
            return redirect.new_url
        except HTTPException:
            return path

    def fetch(self, context, url, source):
        """A download: asked for, never rendered."""
        self.downloads += 1
        response = context.request.get(url, max_redirects=0)
        kind = response.headers.get("content-type", "")
        expected = DOWNLOADS[Path(urlsplit(url).path).suffix]
        if response.status >= 400:
            self.fail("status", f"download answered {response.status}", f"{url} from {source}")
        elif response.status == 200 and not kind.startswith(expected):
            self.fail("download type", f"{kind or 'no content type'}, not {expected}", url)
        self.log.append((response.status, url))
        response.dispose()

    def visit(self, page, url, source, checked):
        """Open a page, check it, and return the links and GET forms on it."""
        response = page.goto(url, wait_until="load")
        here = page.url
        if here in checked:  # a redirect to a page already seen
            return []
        checked.add(here)
        self.pages += 1
        if response is None:
            self.fail("status", "no response", url)
            return []
        self.log.append((response.status, here))
        if response.status >= 400:  # a link or form of the app's own that leads nowhere
            self.fail("status", f"answered {response.status}", f"{here} from {source}")
        if not response.headers.get("content-type", "").startswith("text/html"):
            return []
        saved = self.folder / f"{len(self.saved):04d}.html"
        saved.write_bytes(response.body())
        self.saved.append((saved, self.role.name, here))
        self.check_page(page, here)
        return page.evaluate(DISCOVER)

    def check_page(self, page, url):
        leaked = page.evaluate(PYTHON_VALUES)
        if leaked:
            self.fail("attribute", "a Python value in " + ", ".join(leaked), url)
        page.evaluate(LOAD_PICTURES)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            widest = page.evaluate(WIDEST, WIDTH)
            self.fail("too wide", f"{width}px wide at {WIDTH}px; widest: {widest}", url)
            SCREENS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENS / f"crawl-{self.role.name}-{self.pages:02d}.png")
        for violation in page.evaluate(AXE_RUN):
            self.fail("axe", violation, url)


def log_in(context, base, role):
    if role.login is None:
        return
    response = context.request.post(f"{base}/{role.lang}/login", max_redirects=0,
                                    form={"login": role.login, "secret": role.secret})
    assert response.status == 302, f"{role.name} could not log in ({response.status})"


@pytest.fixture
def checkers():
    missing = [str(p) for p in (AXE, VNU) if not p.exists()]
    missing += [] if shutil.which(JAVA) else [f"{JAVA} (apt-get install default-jre-headless)"]
    if missing:
        message = f"crawl checkers missing ({', '.join(missing)}): run make tools"
        if os.environ.get("ORIENTATION_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)


def test_crawl_every_page_as_every_role(checkers, demo_data, app, live_server, browser,
                                        tmp_path):
    findings, saved, counts, reached = [], [], {}, []
    started = time.monotonic()
    for role in ROLES:
        context = browser.new_context(viewport={"width": WIDTH, "height": 640},
                                      device_scale_factor=1, locale="en-US")
        try:
            log_in(context, live_server, role)
            crawl = Crawl(app, live_server, role, tmp_path, findings, saved)
            crawl.run(context, [f"{live_server}/{role.lang}/"] if role.login else
                      [f"{live_server}/", *(live_server + link for link in demo_data)])
        finally:
            context.close()
        counts[role.name] = (crawl.pages, crawl.downloads)
        reached += [f"{role.name} {status} {url.replace(live_server, '')}"
                    for status, url in crawl.log]
    crawled = time.monotonic() - started
    SCREENS.parent.mkdir(parents=True, exist_ok=True)
    (SCREENS.parent / "crawl-pages.txt").write_text("\n".join(reached) + "\n")
    validate(saved, findings)
    CRAWL_COUNTS.update(counts)
    CRAWL_COUNTS["seconds"] = (round(crawled), round(time.monotonic() - started - crawled))
    short = {name: pages for name, (pages, _) in counts.items() if pages < FLOORS[name]}
    assert not short, f"fewer pages than the floor: {short} (floors {FLOORS})"
    assert not findings, f"{len(findings)} problems:\n" + report(findings, live_server)


# One of each fault the crawl looks for, so that a checker that stopped working is noticed.
FAULTY = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>faulty</title></head>
<body><main><h1>Faulty</h1><h3>A heading level skipped</h3>
<label for="code">Code</label><input id="code" inputmode="None">
<div style="width: 400px">wider than a phone</div><img src="/x.png" width="8" height="8">
</main></body></html>"""


def test_each_check_finds_its_fault(checkers, app, page, tmp_path):
    findings, saved = [], [(tmp_path / "faulty.html", "visitor", "faulty")]
    saved[0][0].write_text(FAULTY)
    page.set_viewport_size({"width": WIDTH, "height": 640})
    page.set_content(FAULTY)
    page.add_script_tag(path=AXE)  # a page of no site, so no Content-Security-Policy
    Crawl(app, "http://127.0.0.1", ROLES[0], tmp_path, findings, []).check_page(page, "faulty")
    validate(saved, findings)
    found = {f.kind: f.detail for f in findings}
    assert found["attribute"] == 'a Python value in input#code[inputmode="None"]'
    assert found["too wide"].startswith("408px wide at 320px; widest: <div> 400px wide")
    assert "critical image-alt" in found["axe"]
    assert "heading “h3”" in found["html"] and {f.url for f in findings} == {"faulty"}
