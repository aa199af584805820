"""Public verification: one verdict, dates only, no old name on a replaced certificate, one
rate limit for the form, the page and the JSON, and a CLI that compares the link's number."""

import re

import pytest
from sqlalchemy import select

from orientation.certificates import numbers, services, signing
from orientation.extensions import db
from orientation.models import Certificate

OLD_NAME = "ស្រី ពេជ្រ"
NEW_NAME = "ស្រីពេជ្រ ចាន់"


@pytest.fixture
def issued(complete, make_trainee, centre):
    complete(make_trainee(name=OLD_NAME, centre=centre))
    return db.session.scalar(select(Certificate))


def test_page_shows_one_verdict_and_dates_without_time(client, issued):
    html = client.get(f"/v/{issued.number}").get_data(as_text=True)
    assert html.count('class="card verdict') == 1
    assert 'id="offline"' not in html  # no second verdict box
    assert not re.search(r"\d{1,2}:\d{2}", html)  # no time of day, let alone seconds


def test_replaced_certificate_does_not_repeat_the_old_name(client, issued, trainer):
    issued.user.display_name = NEW_NAME
    db.session.commit()
    new = services.reissue(issued, trainer)
    old_page = client.get(f"/v/{issued.number}").get_data(as_text=True)
    assert OLD_NAME not in old_page and NEW_NAME not in old_page
    assert numbers.display(new.number) in old_page
    body = client.get(f"/v/{issued.number}.json").get_json()
    assert body == {"number": issued.number, "status": "replaced", "replaced_by": new.number}
    new_page = client.get(f"/v/{new.number}").get_data(as_text=True)
    assert NEW_NAME in new_page and OLD_NAME not in new_page
    assert issued.number not in new_page and numbers.display(issued.number) not in new_page


def test_one_limit_for_form_page_and_json(app, client):
    app.config["VERIFY_LIMIT"] = "4 per minute"
    for path in ("/v/", "/v/AAAA1", "/v/AAAA2.json", "/v/AAAA3"):
        assert client.get(path).status_code != 429
    assert client.get("/v/AAAA4").status_code == 429
    json = client.get("/v/AAAA5.json")
    assert json.status_code == 429
    assert json.get_json() == {"status": "too_many_requests", "retry_after_minutes": 1}
    page = client.get("/km/").get_data(as_text=True)  # other pages are not limited
    assert page
    html = client.get("/v/AAAA6").get_data(as_text=True)
    assert "15 minutes" not in html and "1 minute" in html


def test_cli_refuses_a_code_signed_for_another_number(app, runner, issued, complete,
                                                      make_trainee, centre):
    complete(make_trainee(name="Lan", centre=centre))
    other = db.session.scalars(select(Certificate).where(Certificate.id != issued.id)).one()
    url = f"https://verify.example.org/v/{other.number}#{issued.payload}"
    result = runner.invoke(args=["certificates", "verify", url])
    assert result.exit_code != 0 and "NOT GENUINE" in result.output
    good = runner.invoke(args=["certificates", "verify",
                               f"https://verify.example.org/v/{issued.number}#{issued.payload}"])
    assert good.exit_code == 0 and "GENUINE" in good.output


def test_number_of_url():
    assert signing.number_of_url("https://x.org/v/ABCD-EFGH-JKMN#p.s") == "ABCD-EFGH-JKMN"
    assert signing.number_of_url("p.s") is None


def test_workers_starting_together_share_one_signing_key(tmp_path):
    """Two threads (or processes) making the development key at once end with the same key."""
    import threading

    path = tmp_path / "keys" / "signing_key.pem"
    keys, start = [], threading.Barrier(8)

    def make():
        start.wait()
        keys.append(signing.public_bytes(signing.load_or_create_key(path, create=True)))

    threads = [threading.Thread(target=make) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 8 and len(set(keys)) == 1
    assert [p.name for p in path.parent.iterdir()] == ["signing_key.pem"]
