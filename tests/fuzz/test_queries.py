"""Every GET route that reads the query string, as each role that may use it, gets hostile
values in each parameter (alone and all at once), and verification gets hostile numbers in
its path: never a 5xx, and a GET changes no table. Redirects after `next=` stay on the site."""

import inspect
import re
from pathlib import Path
from pprint import pformat
from urllib.parse import quote_from_bytes

import pytest

import orientation
from orientation.models import Role
from tests.fuzz.conftest import client_for, roles_of
from tests.fuzz.watch import MAY_CHANGE, Watch

AUDIT_FILTERS = ("who", "what", "trainee", "certificate", "date_from", "date_to")
# endpoint -> the query parameters it reads (grep request.args in orientation/).
ARGS_READERS = {
    "verify.verify_form": ("number",),
    "agencies.centre_agencies": ("centre",),
    "agencies.centre_export": ("centre",),
    "admin.audit_log_page": ("page", *AUDIT_FILTERS),
    "admin.audit_csv": AUDIT_FILTERS,
    "auth.login": ("next",),
    "second_factor.login_code": ("next",),
    "main.switch_language": ("next",),
    "trainer.trainees": ("page", "q"),
    "trainer.cohort": ("show", "sort"),
    "learn.catalogue": ("destination", "topic"),
    "static": ("v",),
}
# endpoint -> what it may write on a GET, and why.
GET_MAY_WRITE = {
    "admin.audit_csv": {("audit_event", None): "exporting the audit log is itself audited"},
}
# Files that read request.args for every request rather than for one view.
READ_FOR_EVERY_REQUEST = {"security.py": "refuse_nul", "serving/static.py": "static's ?v="}
QUERY_VALUES = [
    b"0", b"-1", str(2**63).encode(), b"1" + b"0" * 100, b"9" * 40, b"x", "²".encode(),
    b"1e309", b"NaN", b"", b" ", b"\x00", b"a\r\nSet-Cookie: x=1", b"x" * 10_000,
    "\ud800".encode("utf-8", "surrogatepass"), b"\xff\xfe", "\u202e\u200b".encode(),
    b"<script>alert(1)</script>", b"' OR 1=1; --", b"%_\\", b"2026-13-45", b"9999-12-31",
    b"0001-01-01", b"//evil.example", b"/\\evil.example", b"https://evil.example/",
    b"javascript:alert(1)", b"/%0d%0aX:%20y", b"at_risk", b"name", b"TH", "ក".encode() * 50,
]
# Query strings that no encoder makes: broken percent escapes, a name without a value.
RAW = ("{p}=%", "{p}=%zz", "{p}=%ff%fe", "{p}", "{p}=1&{p}=x", "{p}=%00")


def queries(params):
    """Each hostile value in each parameter alone, then in all of them at once."""
    for value in QUERY_VALUES:
        encoded = quote_from_bytes(value, safe="")
        for name in params:
            yield f"{name}={encoded}"
        yield "&".join(f"{name}={encoded}" for name in params)
    for raw in RAW:
        for name in params:
            yield raw.format(p=name)


def url_of(app, endpoint, values):
    rule = next(app.url_map.iter_rules(endpoint))
    url_values = {"lang_code": "en", "code": "km", "filename": "css/site.css",
                  "cohort_id": values["cohort_id"]}
    return rule.build({name: url_values[name] for name in rule.arguments},
                      append_unknown=False)[1]


@pytest.fixture
def fuzzing(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a 500 is collected, not raised
    app.config["VERIFY_LIMIT"] = "100000 per minute"


@pytest.mark.parametrize("endpoint", ARGS_READERS)
def test_query_strings_of_every_get_form(app, world, fuzzing, endpoint):
    values, secrets, _ = world
    url = url_of(app, endpoint, values)
    roles = roles_of(app, endpoint)
    if roles == (None,):
        roles = (None, Role.trainee)  # a visitor, and someone logged in
    watch = Watch({**MAY_CHANGE, **GET_MAY_WRITE.get(endpoint, {})})
    for role in roles:
        client = client_for(app, role, secrets)
        watch.look()
        for query in queries(ARGS_READERS[endpoint]):
            with client.get(f"{url}?{query}") as response:  # a static file is a stream
                watch.check((role, f"{url}?{query[:60]}"), response, writes=False)
                if response.status_code in (301, 302, 303):
                    assert_on_site(response.headers["Location"])
    assert watch.failures == [], pformat(watch.failures)


def assert_on_site(location):
    """A redirect stays on this site and cannot split a header."""
    assert location.startswith("/") or location.startswith("http://localhost/"), location
    assert not location.startswith(("//", "/\\")) and "\\" not in location, location
    assert not re.search(r"[\x00-\x1f\x7f]", location), location


HOSTILE_NUMBERS = [b"9" * 40, str(2**63).encode(), b"-1", b"0", b"x" * 10_000, b"\x00",
                   b"..%2f..%2fetc%2fpasswd", "\ud800".encode("utf-8", "surrogatepass"),
                   b"\xff", b"a\r\nb", b"<script>", b"%", "០១២៣".encode(), b" ", b"."]


def test_verification_with_hostile_numbers(app, world, fuzzing):
    watch = Watch()
    client = app.test_client()
    for value in HOSTILE_NUMBERS:
        number = quote_from_bytes(value, safe="")
        for url in (f"/v/{number}", f"/v/{number}.json", f"/v/?number={number}"):
            response = client.get(url)
            watch.check((url[:60],), response, writes=False)
            if url.endswith(".json") and response.status_code < 500:
                assert response.mimetype == "application/json", url
    assert watch.failures == [], pformat(watch.failures)


@pytest.mark.parametrize("lang", ["en", "km"])
def test_next_after_login_stays_on_the_site(app, world, fuzzing, lang):
    _, secrets, _ = world
    user, secret = secrets[Role.trainer]
    for value in QUERY_VALUES:
        client = client_for(app, None, secrets)
        response = client.post(f"/{lang}/login?next={quote_from_bytes(value, safe='')}",
                               data={"login": user.login_code, "secret": secret})
        assert response.status_code in (302, 303, 400), (value[:40], response.status_code)
        if response.status_code != 400:
            assert_on_site(response.headers["Location"])


def test_every_reader_of_the_query_string_is_fuzzed(app):
    """A new `request.args` in the app is noticed: its file hosts a fuzzed view."""
    source = Path(orientation.__file__).parent
    readers = {str(path.relative_to(source)) for path in source.rglob("*.py")
               if "request.args" in path.read_text()}
    fuzzed = {str(Path(inspect.unwrap(app.view_functions[endpoint]).__code__.co_filename)
                  .resolve().relative_to(source.resolve())) for endpoint in ARGS_READERS
              if endpoint != "static"}
    assert readers - fuzzed - set(READ_FOR_EVERY_REQUEST) == set()
