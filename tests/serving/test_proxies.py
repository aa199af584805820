"""Behind a reverse proxy, throttling counts the client's address the proxy forwarded; with no
trusted proxy (the default) a forged X-Forwarded-For changes nothing."""

import pytest

PROXY = {"REMOTE_ADDR": "127.0.0.1"}  # every request reaches the app from the proxy


def fail_login(client, forwarded_for):
    return client.post("/en/login", data={"login": "22222222", "secret": "000000"},
                       headers={"X-Forwarded-For": forwarded_for}, environ_base=PROXY)


@pytest.fixture
def proxied_app(settings, request):
    settings["TRUSTED_PROXIES"] = 1
    return request.getfixturevalue("app")


def test_behind_a_proxy_each_client_address_has_its_own_count(proxied_app):
    proxied_app.config["LOGIN_LIMIT_PER_ADDRESS"] = "2 per 15 minutes"
    client = proxied_app.test_client()
    for _ in range(2):
        assert fail_login(client, "203.0.113.5").status_code == 200
    assert fail_login(client, "203.0.113.5").status_code == 429
    # Another centre behind the same proxy is not locked out.
    assert fail_login(client, "198.51.100.7").status_code == 200
    # Only the last address is the proxy's: what the client claimed before it is ignored.
    assert fail_login(client, "198.51.100.7, 203.0.113.5").status_code == 429


def test_behind_a_proxy_the_scheme_is_the_forwarded_one(proxied_app):
    seen = {}

    @proxied_app.get("/scheme-probe")
    def probe():
        from flask import request

        seen.update(scheme=request.scheme, address=request.remote_addr)
        return ""

    proxied_app.test_client().get("/scheme-probe", environ_base=PROXY, headers={
        "X-Forwarded-For": "203.0.113.5", "X-Forwarded-Proto": "https"})
    assert seen == {"scheme": "https", "address": "203.0.113.5"}


def test_without_a_trusted_proxy_a_forged_header_changes_nothing(app, client):
    assert app.config["TRUSTED_PROXIES"] == 0
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "2 per 15 minutes"
    for _ in range(2):
        assert fail_login(client, "203.0.113.5").status_code == 200
    assert fail_login(client, "198.51.100.7").status_code == 429
    assert fail_login(client, "192.0.2.1").status_code == 429


def test_trusted_proxies_is_read_from_the_environment():
    from orientation.config import from_environment

    assert from_environment({"ORIENTATION_TRUSTED_PROXIES": "2"}) == {"TRUSTED_PROXIES": 2}
