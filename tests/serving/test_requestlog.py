"""One log line per request on stdout, with a request id that goes back in X-Request-ID; the
client's own X-Request-ID is believed only through a trusted proxy."""

import json
import logging
import re

import pytest

from orientation.config import ConfigError
from orientation.serving.requestlog import configure_logging

HEX_ID = re.compile(r"[0-9a-f]{32}")


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "orientation.requests"]


def test_one_line_per_request(client, caplog):
    caplog.set_level(logging.INFO, logger="orientation.requests")
    response = client.get("/en/login?next=/en/secret-token")
    client.get("/no/such/page")
    first, second = request_lines(caplog)
    rid = response.headers["X-Request-ID"]
    assert HEX_ID.fullmatch(rid)
    assert re.fullmatch(rf"GET /en/login 200 \d+\.\dms {rid}", first.getMessage())
    assert "secret-token" not in first.getMessage()  # the query is never logged
    assert first.http["duration_ms"] >= 0 and first.http["status"] == 200
    assert second.getMessage().startswith("GET /no/such/page 404 ")
    assert second.http["request_id"] != rid


def test_posts_and_refusals_are_logged_too(client, caplog):
    caplog.set_level(logging.INFO, logger="orientation.requests")
    client.post("/km/logout")
    (line,) = request_lines(caplog)
    assert line.http["method"] == "POST" and line.http["status"] == 302


def test_a_client_cannot_choose_its_request_id(client, caplog):
    caplog.set_level(logging.INFO, logger="orientation.requests")
    response = client.get("/en/", headers={"X-Request-ID": "forged-by-client"})
    assert HEX_ID.fullmatch(response.headers["X-Request-ID"])
    assert "forged-by-client" not in caplog.text


@pytest.fixture
def proxied_client(settings, request):
    settings["TRUSTED_PROXIES"] = 1
    return request.getfixturevalue("app").test_client()


def test_through_a_trusted_proxy_its_request_id_is_kept(proxied_client, caplog):
    caplog.set_level(logging.INFO, logger="orientation.requests")
    rid = "5f2b0c3d9e8a4b1c9d0e1f2a3b4c5d6e"
    response = proxied_client.get("/en/", headers={"X-Request-ID": rid,
                                                   "X-Forwarded-For": "203.0.113.5"})
    assert response.headers["X-Request-ID"] == rid
    assert request_lines(caplog)[0].http["request_id"] == rid


@pytest.mark.parametrize("given", ["", "a" * 129, "two words", "line\\nbreak", "ü"])
def test_a_malformed_request_id_is_replaced(proxied_client, given):
    response = proxied_client.get("/en/", headers={"X-Request-ID": given})
    assert HEX_ID.fullmatch(response.headers["X-Request-ID"])


def test_json_lines_on_stdout(settings, request, capsys):
    settings["LOG_FORMAT"] = "json"
    client = request.getfixturevalue("app").test_client()
    capsys.readouterr()
    response = client.get("/en/")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    (entry,) = [e for e in lines if e["logger"] == "orientation.requests"]
    assert entry["level"] == "INFO"
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/en/", 200)
    assert entry["request_id"] == response.headers["X-Request-ID"]
    assert isinstance(entry["duration_ms"], float)


def test_text_lines_on_stdout(client, capsys):
    capsys.readouterr()
    rid = client.get("/en/").headers["X-Request-ID"]
    (line,) = [x for x in capsys.readouterr().out.splitlines() if "orientation.requests" in x]
    assert line.endswith(f"INFO orientation.requests: GET /en/ 200 {line.split()[-2]} {rid}")


def test_configuring_twice_keeps_one_handler_and_refuses_unknown_formats():
    configure_logging("text")
    configure_logging("json")
    named = [h for h in logging.getLogger("orientation").handlers
             if h.get_name() == "orientation-stdout"]
    assert len(named) == 1
    with pytest.raises(ConfigError):
        configure_logging("xml")
    configure_logging("text")
