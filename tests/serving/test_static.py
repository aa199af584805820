"""Static files: versioned URLs cached for a year, anything else for an hour; pages and CSS
compressed when the browser accepts it."""

import gzip
import hashlib
import re
import shutil
from pathlib import Path

import brotli
import pytest

from orientation.serving.static import IMMUTABLE, SHORT

STATIC = Path(__file__).resolve().parents[2] / "static"


def version(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def test_pages_link_the_current_version(client):
    html = client.get("/en/").get_data(as_text=True)
    expected = f'href="/static/css/site.css?v={version(STATIC / "css" / "site.css")}"'
    assert expected in html
    assert re.search(r'href="/static/favicon\.svg\?v=[0-9a-f]{12}"', html)


def test_the_current_version_is_cached_for_a_year(client):
    url = f"/static/css/site.css?v={version(STATIC / 'css' / 'site.css')}"
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == IMMUTABLE == "public, max-age=31536000, immutable"
    response.close()


@pytest.mark.parametrize("query", ["", "?v=", "?v=000000000000"])
def test_anything_else_gets_a_short_cache(client, query):
    response = client.get(f"/static/css/site.css{query}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == SHORT
    response.close()


def test_a_revalidated_file_keeps_its_cache(client):
    url = f"/static/css/site.css?v={version(STATIC / 'css' / 'site.css')}"
    first = client.get(url)
    etag = first.headers["ETag"]
    first.close()
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["Cache-Control"] == IMMUTABLE
    again.close()


def test_an_edited_file_gets_a_new_version(settings, request, tmp_path):
    folder = tmp_path / "static"
    shutil.copytree(STATIC, folder)
    settings["STATIC_FOLDER"] = str(folder)
    app = request.getfixturevalue("app")
    with app.test_request_context():
        from flask import url_for

        before = url_for("static", filename="css/site.css")
        (folder / "css" / "site.css").write_text("body { color: black; }\n")
        after = url_for("static", filename="css/site.css")
        assert before != after and after.endswith(version(folder / "css" / "site.css"))
        assert url_for("static", filename="no/such.css") == "/static/no/such.css"
        assert url_for("static", filename="../setup.cfg") == "/static/../setup.cfg"


def test_pages_are_compressed_for_browsers_that_accept_it(client):
    response = client.get("/en/", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert b"<!doctype html>" in gzip.decompress(response.data)
    plain = client.get("/en/")
    assert "Content-Encoding" not in plain.headers and b"<!doctype html>" in plain.data


def test_stylesheets_are_compressed(client):
    path = STATIC / "css" / "site.css"
    response = client.get(f"/static/css/site.css?v={version(path)}",
                          headers={"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br"
    assert response.headers["Cache-Control"] == IMMUTABLE
    assert brotli.decompress(response.get_data()) == path.read_bytes()
    response.close()


def test_pdfs_are_not_compressed_again(trainee_client, trainee, complete):
    complete(trainee)
    from sqlalchemy import select

    from orientation.extensions import db
    from orientation.models import Certificate

    number = db.session.scalar(select(Certificate.number))
    response = trainee_client.get(f"/km/certificates/{number}.pdf",
                                  headers={"Accept-Encoding": "gzip, br"})
    assert response.mimetype == "application/pdf"
    assert "Content-Encoding" not in response.headers
