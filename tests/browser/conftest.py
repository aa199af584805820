"""Real-browser journeys: Playwright driving Debian's Chromium against a live server.

Without /usr/bin/chromium these tests are skipped, each with the reason, and the summary says
so in red, unless ORIENTATION_REQUIRE_BROWSER=1 (set by .ci/run), which turns the skip into a
failure. (A warning here would stop pytest: warnings are errors in this suite.)
Screenshots of every step land in test-results/screens/ for a person to look at.
"""

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("ORIENTATION_CHROMIUM", "/usr/bin/chromium")
SCREENS = Path(__file__).resolve().parents[2] / "test-results" / "screens"
# Filled by test_crawl.py: {role: (pages, downloads)}, printed at the end of the run.
CRAWL_COUNTS = {}


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists() or not items:
        return
    message = f"BROWSER TESTS NOT RUN: {CHROMIUM} is missing (apt-get install chromium)"
    if os.environ.get("ORIENTATION_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(message + " and ORIENTATION_REQUIRE_BROWSER=1")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=message))


def pytest_terminal_summary(terminalreporter):
    if not Path(CHROMIUM).exists():
        terminalreporter.write_sep("!", f"browser journeys skipped: no {CHROMIUM}", red=True)
    if CRAWL_COUNTS:
        seconds = CRAWL_COUNTS.pop("seconds", None)
        terminalreporter.write_sep("-", "crawl: pages (and downloads) per role")
        for role, (pages, downloads) in CRAWL_COUNTS.items():
            terminalreporter.write_line(f"{role:<22} {pages:>4} pages {downloads:>4} downloads")
        if seconds:
            terminalreporter.write_line(f"crawl {seconds[0]} s, HTML checker {seconds[1]} s")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A cheap phone: 360 px wide.
    return {**browser_context_args, "viewport": {"width": 360, "height": 740},
            "device_scale_factor": 1, "locale": "en-US"}


def closed_before_sending(app):
    """The app with each response read whole and closed before the server sends it.

    Werkzeug's development server calls the response's close() only after draining the
    socket; when the browser has already hung up (it navigates on while a static file is
    being sent), that read raises and close() is skipped, leaving the file open until the
    garbage collector warns about it in some later test.
    """

    def wsgi(environ, start_response):
        response = app(environ, start_response)
        try:
            return [b"".join(response)]
        finally:
            if hasattr(response, "close"):
                response.close()

    return wsgi


@pytest.fixture
def live_server(app):
    """The app served on a free port of 127.0.0.1, for the length of one test."""
    server = make_server("127.0.0.1", 0, closed_before_sending(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def shoot(page, request):
    """shoot(name): keep a screenshot of the page as a person would see it."""
    SCREENS.mkdir(parents=True, exist_ok=True)

    def take(name):
        page.screenshot(path=SCREENS / f"{request.node.name}-{name}.png", full_page=True)

    return take


@pytest.fixture(scope="session", autouse=True)
def _clean_screens():
    shutil.rmtree(SCREENS, ignore_errors=True)
