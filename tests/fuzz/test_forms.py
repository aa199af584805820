"""Every POST route of the app, as the role that may use it, gets oversized, malformed and
hostile values in every field: never a 5xx, and a refused request changes nothing."""

import re
from pathlib import Path
from pprint import pformat
from urllib.parse import quote_from_bytes

import pytest
from flask import abort, redirect
from flask_wtf import FlaskForm

import orientation
from orientation.extensions import db
from orientation.models import Centre, Role
from tests.fuzz.conftest import VALUES, client_for, roles_of
from tests.fuzz.watch import Watch

# Fields the views read from request.form directly, besides the forms' fields.
FIELDS_READ_BY_HAND = {"present", "everyone", "reason", "course_id", "cohort_id", "payload",
                       "file", "batch", "create_anyway"}
# Bodies no form sends: one field over the app's 2 MB limit, broken multipart (no boundary,
# a part never closed, a file where a text is read, a text where a file is), other types.
MALFORMED_BODIES = [
    ("application/x-www-form-urlencoded", "reason=" + "x" * (2 * 1024 * 1024 + 1)),
    ("multipart/form-data", b"--x\r\n"),
    ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data; name=\"file\""),
    ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data; name=\"name\"; "
     b"filename=\"a.csv\"\r\n\r\nSok\r\n--x\r\nContent-Disposition: form-data; "
     b"name=\"file\"\r\n\r\nname\r\n--x--\r\n"),
    ("application/x-www-form-urlencoded", b""),
    ("application/json", b'{"name": '),
    ("application/json", b'{"name": {"a": [1]}, "code": [null], "login": 1}'),
    ("text/plain; charset=utf-16", b"\xff\xfe\x00"),
]


def form_field_names():
    """Every field of every form class of the app (FlaskForm's subclasses, recursively)."""
    names, todo = set(), list(FlaskForm.__subclasses__())
    while todo:
        form = todo.pop()
        todo.extend(form.__subclasses__())
        if form.__module__.startswith("orientation."):
            names.update(name for name in dir(form) if not name.startswith("_") and
                         getattr(getattr(form, name), "field_class", None) is not None)
    return names


def post_routes(app, values):
    """(endpoint, url, roles) for every rule of the URL map that takes a POST."""
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        # A route added later still gets a value (1 names the first row of most tables).
        url_values = {name: values.get(name, 1) for name in rule.arguments}
        if rule.endpoint == "learn.choose_programme":
            url_values["slug"] = "thailand"
        if rule.endpoint == "trainer.import_cards":
            url_values["number"] = 1  # a part of the cards, not a certificate number
        url = rule.build(url_values, append_unknown=False)[1]
        yield rule.endpoint, url, roles_of(app, rule.endpoint)[0]


def body(names, value):
    """A form body with every field set to `value`, and each field sent twice (an array
    where the view expects one value)."""
    encoded = quote_from_bytes(value)
    return "&".join(f"{name}={encoded}&{name}={encoded}" for name in sorted(names))


def names_on_page(client, url):
    """Field names of the form the route shows on GET (e.g. a quiz's answers), if any."""
    response = client.get(url)
    if response.status_code != 200 or response.mimetype != "text/html":
        return set()
    return set(re.findall(r'name="([^"]+)"', response.get_data(as_text=True)))


def post_hostile(app, url, role, secrets, watch):
    """Each hostile value in every field of the route, then a body over the size limit."""
    client = client_for(app, role, secrets)
    names = form_field_names() | FIELDS_READ_BY_HAND | names_on_page(client, url)
    watch.look()  # a GET may start something (a second factor's secret to confirm)
    for value in VALUES:
        response = client.post(url, data=body(names, value),
                               content_type="application/x-www-form-urlencoded")
        watch.check((url, value[:40]), response)
        if response.status_code == 302 and "/login" in response.headers["Location"]:
            client = client_for(app, role, secrets)  # it logged out: in again
            watch.look()
    for content_type, data in MALFORMED_BODIES:
        response = client.post(url, data=data, content_type=content_type)
        watch.check((url, content_type, data[:40]), response)


def test_every_post_route_survives_hostile_values(app, world):
    values, secrets, _ = world
    app.config["REGISTER_LIMIT_PER_ADDRESS"] = "1000 per hour"
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "10000 per hour"
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a 500 is collected, not raised
    watch = Watch()
    for _endpoint, url, role in post_routes(app, values):
        post_hostile(app, url, role, secrets, watch)
    assert watch.failures == [], pformat(watch.failures)


def test_every_field_read_by_hand_is_fuzzed():
    """A view that reads request.form itself names a field no form class has: it is listed."""
    source = Path(orientation.__file__).parent
    read = set()
    for path in source.rglob("*.py"):
        read |= set(re.findall(r"request\.form\.(?:get|getlist)\(\s*\"(\w+)\"",
                               path.read_text()))
        read |= set(re.findall(r"\"(\w+)\" in request\.form", path.read_text()))
    assert read, "the pattern no longer finds what views read"
    assert read - FIELDS_READ_BY_HAND - form_field_names() == set()


def rename_then(answer):
    """A view that renames the first centre, commits, and then answers `answer`()."""

    def view(**_args):
        db.session.get(Centre, 1).name = "Renamed"
        db.session.commit()
        return answer()

    return view


FAULTS = {  # what the view answers after its change -> how the request was sent
    "refused": (lambda: abort(400), "post"),
    "form again": (lambda: ("<form>shown again</form>", 200), "post"),
    "a GET": (lambda: ("<p>a page</p>", 200), "get"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_the_watch_finds_a_change_made_while_refusing(app, world, monkeypatch, fault):
    """Each check finds its fault: a row changed by a refused POST or by any GET."""
    answer, method = FAULTS[fault]
    monkeypatch.setitem(app.view_functions, "admin.edit_centre", rename_then(answer))
    client = client_for(app, Role.admin, world[1])
    watch = Watch()
    response = getattr(client, method)("/en/admin/centres/1", data={"name": "x"})
    watch.check(("centre", fault), response, writes=method == "post")
    assert watch.failures == [("centre", fault, response.status_code, ["centre.name (1,)"])]


def test_the_watch_lets_an_accepted_post_change_rows_and_finds_a_5xx(app, world, monkeypatch):
    monkeypatch.setitem(app.view_functions, "admin.edit_centre",
                        rename_then(lambda: redirect("/en/admin/")))
    client = client_for(app, Role.admin, world[1])
    watch = Watch()
    watch.check(("accepted",), client.post("/en/admin/centres/1", data={"name": "x"}))
    assert watch.failures == [], pformat(watch.failures)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    monkeypatch.setitem(app.view_functions, "admin.edit_centre", lambda **_: 1 / 0)
    watch.check(("crash",), client.post("/en/admin/centres/1", data={"name": "x"}))
    assert watch.failures == [("crash", 500)]


# URL arguments that name something of the first centre: its trainer alone may act on them.
CENTRE_SCOPED = {"cohort_id", "user_id", "session_id", "token", "payment_id", "number"}


def test_every_post_route_refuses_those_it_is_not_for(app, world):
    """A visitor, a role the route is not for, and a trainer of another centre acting on the
    first centre's things: each gets a refusal (or the login page) and changes nothing."""
    values, secrets, _ = world
    app.config["PROPAGATE_EXCEPTIONS"] = False
    watch, names = Watch(), form_field_names() | FIELDS_READ_BY_HAND
    clients = {role: client_for(app, role, secrets)
               for role in (None, Role.trainee, Role.trainer, Role.admin, "elsewhere")}
    watch.look()
    tried = set()
    for endpoint, url, _role in post_routes(app, values):
        allowed = roles_of(app, endpoint)
        if allowed == (None,):
            continue
        rule = next(app.url_map.iter_rules(endpoint))
        for role, client in clients.items():
            if role in allowed or (role == "elsewhere" and (
                    Role.trainer not in allowed or not rule.arguments & CENTRE_SCOPED)):
                continue
            response = client.post(url, data=body(names, b"1"),
                                   content_type="application/x-www-form-urlencoded")
            watch.check((role, url), response, writes=False)
            tried.add((role, endpoint))
            if response.status_code in (302, 303):
                assert "/login" in response.headers["Location"], (role, url)
            else:
                assert response.status_code in (403, 404), (role, url, response.status_code)
    assert watch.failures == [], pformat(watch.failures)
    assert len({endpoint for role, endpoint in tried if role == "elsewhere"}) >= 15
    assert len(tried) >= 100
