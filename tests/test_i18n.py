"""The URL prefix decides the language; preference, cookie and browser decide redirects."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from orientation.i18n import CODES
from tests.conftest import PIN, log_in

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
HTML_LANG = {"km": "km", "lo": "lo", "vi": "vi", "zh": "zh-Hans", "en": "en"}
# Names a language writes as English does (checked, not forgotten).
# Strings a translation may leave as they are: a name, or only placeholders and a comma.
ONLY_PLACEHOLDERS = {"%(when)s, %(progress)s"}
SAME_IN_TRANSLATION = {"vi": {"Malaysia", *ONLY_PLACEHOLDERS}, "km": ONLY_PLACEHOLDERS,
                       "lo": ONLY_PLACEHOLDERS}
LOG_IN = {"km": "ចូល", "lo": "ເຂົ້າ", "vi": "Đăng nhập", "zh": "登录", "en": "Log in"}


@pytest.mark.parametrize("code", CODES)
def test_prefix_decides_language_and_html_lang(client, code):
    page = client.get(f"/{code}/login", headers={"Accept-Language": "vi"}).get_data(as_text=True)
    assert f'<html lang="{HTML_LANG[code]}">' in page
    assert LOG_IN[code] in page


def test_switcher_lists_every_language_in_its_own_script(client):
    page = client.get("/en/").get_data(as_text=True)
    for native in ("ខ្មែរ", "ລາວ", "Tiếng Việt", "中文", "English"):
        assert native in page


@pytest.mark.parametrize(("header", "target"), [
    ("km", "/km/"), ("lo-LA,lo;q=0.9", "/lo/"), ("zh-CN,zh;q=0.9", "/zh/"),
    ("zh-Hans-CN", "/zh/"), ("vi-VN", "/vi/"), ("fr-FR", "/en/"), ("", "/en/"),
])
def test_root_redirects_by_accept_language(client, header, target):
    response = client.get("/", headers={"Accept-Language": header})
    assert response.status_code == 302
    assert response.headers["Location"] == target


def test_cookie_beats_accept_language(client):
    client.set_cookie("lang", "lo")
    assert client.get("/", headers={"Accept-Language": "km"}).headers["Location"] == "/lo/"


def test_saved_preference_beats_cookie(client, make_trainee):
    trainee = make_trainee(preferred_locale="vi")
    log_in(client, trainee.login_code, PIN, lang="vi")
    client.set_cookie("lang", "lo")
    assert client.get("/", headers={"Accept-Language": "km"}).headers["Location"] == "/vi/"


def test_switcher_sets_cookie_and_preference(client, trainee):
    log_in(client, trainee.login_code, PIN, lang="km")
    response = client.post("/language/lo?next=/km/welcome")
    assert response.headers["Location"] == "/lo/welcome"
    assert "lang=lo" in response.headers["Set-Cookie"]
    assert trainee.preferred_locale == "lo"


def test_a_link_to_the_switcher_changes_no_saved_preference(client, trainee):
    log_in(client, trainee.login_code, PIN, lang="km")
    response = client.get("/language/lo?next=/km/welcome")  # e.g. a link on another site
    assert response.headers["Location"] == "/lo/welcome"
    assert "lang=lo" in response.headers["Set-Cookie"]
    assert trainee.preferred_locale == "km"
    page = client.get("/km/").get_data(as_text=True)
    assert 'method="post" action="/language/lo' in page  # the switcher of a logged-in user


@pytest.mark.parametrize(("next_path", "target"), [
    ("/km/login?next=/km/", "/vi/login?next=/km/"), ("", "/vi/"), ("//evil.example/", "/vi/"),
    ("https://evil.example/km/", "/vi/"), ("/", "/vi/"),
])
def test_switcher_stays_on_this_site(client, next_path, target):
    assert client.get(f"/language/vi?next={next_path}").headers["Location"] == target


def test_unknown_language_code_is_404_not_500(client):
    assert client.get("/fr/").status_code == 404
    assert client.get("/language/fr").status_code == 404
    assert client.get("/xx/login").status_code == 404


def test_path_without_prefix_redirects_to_language(client):
    response = client.get("/login?next=/km/", headers={"Accept-Language": "km"})
    assert response.headers["Location"] == "/km/login?next=/km/"
    assert client.get("/no/such/page").status_code == 404


@pytest.mark.parametrize("code", ["km", "lo", "vi", "zh"])
def test_catalog_is_complete(code):
    """Every interface string is translated, none fuzzy, and placeholders survive."""
    with (TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po)
    with (TRANSLATIONS / "messages.pot").open("rb") as pot:
        template = read_po(pot)
    assert {m.id for m in template if m.id} <= {m.id for m in catalog if m.id}, \
        "run `flask --app orientation translate update` and translate the new strings"
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ident = message.id[0] if isinstance(message.id, tuple) else message.id
        assert not message.fuzzy, f"fuzzy: {ident!r}"
        for string in strings:
            assert string.strip(), f"untranslated: {ident!r}"
            same_everywhere = ident in SAME_IN_TRANSLATION.get(code, ())
            assert string != ident or same_everywhere or not re.search("[a-z]{4}", ident), \
                f"copied: {ident!r}"
            placeholders = set(re.findall(r"%\(\w+\)[sd]", ident))
            assert set(re.findall(r"%\(\w+\)[sd]", string)) == placeholders, ident


def test_catalog_template_is_current(app, runner, tmp_path):
    """The .pot holds every string in the code: a new string without extraction fails."""
    with (TRANSLATIONS / "messages.pot").open("rb") as pot:
        committed = {m.id for m in read_po(pot) if m.id}
    from orientation import cli

    fresh = tmp_path / "fresh.pot"
    cli.extract_to(fresh)
    with fresh.open("rb") as pot:
        current = {m.id for m in read_po(pot) if m.id}
    assert current == committed, "run `flask --app orientation translate update`"


def test_every_template_string_is_in_the_catalog_template():
    """A second look that does not trust the extractor's own idea of which files to read."""
    with (TRANSLATIONS / "messages.pot").open("rb") as pot:
        extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(pot) if m.id}
    templates = Path(__file__).resolve().parent.parent / "templates"
    call = re.compile(r'(?:\b_|gettext|ngettext)\(\s*"((?:[^"\\]|\\.)*)"')
    for path in templates.rglob("*.html"):
        for msgid in call.findall(path.read_text(encoding="utf-8")):
            assert msgid in extracted, f"{path.name}: {msgid!r} is not extracted"


def test_dates_and_numbers_follow_the_locale(app):
    from datetime import date

    from flask_babel import force_locale, format_date

    with app.test_request_context("/km/"), force_locale("km"):
        assert format_date(date(2026, 11, 30), "long") == "30 វិច្ឆិកា 2026"
    with app.test_request_context("/zh/"), force_locale("zh"):
        assert format_date(date(2026, 11, 30), "long") == "2026年11月30日"


@pytest.mark.parametrize(("code", "grouped"), [("en", "1,234"), ("vi", "1.234")])
def test_counts_in_sentences_are_grouped_as_the_locale_groups_them(app, code, grouped):
    from flask import render_template_string

    with app.test_request_context(f"/{code}/"):
        text = render_template_string(
            '{{ ngettext("%(num)d new trainee created.", "%(num)d new trainees created.", n) }}',
            n=1234)
    assert grouped in text
    assert "1234" not in text
