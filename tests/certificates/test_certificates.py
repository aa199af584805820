"""Certificates: issued once by the rules, numbered, signed, printed right, verifiable."""

import io
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
import uharfbuzz as hb
from fontTools.ttLib import TTFont
from sqlalchemy import func, select

from orientation.certificates import documents, numbers, services, signing
from orientation.certificates.documents import stored_pdf
from orientation.certificates.issuance import issue
from orientation.certificates.keys import public_key_raw
from orientation.certificates.render import pdf_of
from orientation.completion import reconcile
from orientation.extensions import db
from orientation.learn import services as learning
from orientation.models import Certificate, CertificateState, Course, Programme, Role
from tests.certificates.pdf_glyphs import drawn_glyphs, fonts_of, outline

KHMER_NAME = "ស្រីពេជ្រ ចាន់ស្រី"  # coeng subscripts and vowels that must move
LAO_NAME = "ແສງດາວ ພົມມະຈັນ"


def count():
    return db.session.scalar(select(func.count()).select_from(Certificate))


def test_course_completion_issues_one_certificate(app, complete, make_trainee, centre):
    trainee = make_trainee(name=KHMER_NAME, latin_name="SREYPECH CHANSREY", centre=centre)
    complete(trainee)
    certificate = db.session.scalar(select(Certificate))
    s = certificate.snapshot
    assert (s["name"], s["latin_name"], s["locale"], s["kind"]) == (
        KHMER_NAME, "SREYPECH CHANSREY", "km", "course")
    assert s["title"] == {"local": "ជំហានដំបូង", "en": "First steps"}
    assert s["hours"] == {"online": 1.5, "classroom": 0.0, "required": 1.5}
    assert (s["score"], s["pass_mark"], s["centre"]["licence"]) == (1.0, 70, centre.licence_number)
    assert "phone" not in s and "login" not in str(s)
    assert issue(trainee.id, course=certificate.course, locale="km") == certificate  # once
    assert count() == 1


def test_no_certificate_without_completion(app, courses, make_trainee):
    trainee = make_trainee()
    learning.enrol(trainee, courses["first-steps"])
    learning.mark_done(trainee, courses["first-steps"], "hello")
    assert count() == 0


def test_one_valid_certificate_when_two_requests_race(app, courses, make_trainee, race):
    trainee = make_trainee()
    course_id = courses["first-steps"].id

    def issue_once():
        issue(trainee.id, course=db.session.get(Course, course_id), locale="en")
        db.session.commit()

    assert race(issue_once, issue_once) == []
    assert count() == 1


def test_database_refuses_a_second_valid_certificate(app, courses, make_trainee):
    trainee = make_trainee()
    first = issue(trainee.id, course=courses["first-steps"], locale="en")
    db.session.commit()
    twin = Certificate(number=numbers.new_number(), user_id=trainee.id,
                       course_id=courses["first-steps"].id, locale="en", snapshot={},
                       payload="x")
    db.session.add(twin)
    with pytest.raises(Exception, match=r"(?i)unique|duplicate"):
        db.session.commit()
    db.session.rollback()
    assert first.state == CertificateState.valid


def test_programme_certificate_when_every_course_is_complete(app, courses, complete,
                                                             make_trainee):
    programme = db.session.scalar(select(Programme))
    programme.classroom_hours = 0  # attendance is recorded by trainers (a later feature)
    programme.entries = [e for e in programme.entries if e.course.slug == "first-steps"]
    db.session.commit()
    trainee = make_trainee(preferred_locale="lo")
    learning.choose_programme(trainee, programme)
    complete(trainee, locale="vi")
    kinds = {c.snapshot["kind"]: c for c in db.session.scalars(select(Certificate))}
    assert set(kinds) == {"course", "programme"}
    assert kinds["course"].locale == "vi" and kinds["programme"].locale == "lo"
    assert kinds["programme"].snapshot["hours"]["required"] == 1.5
    assert not reconcile(trainee.id)  # nothing more is due: it runs again without effect


def test_programme_waits_for_classroom_hours(app, courses, complete, make_trainee):
    programme = db.session.scalar(select(Programme))
    programme.entries = [e for e in programme.entries if e.course.slug == "first-steps"]
    db.session.commit()
    trainee = make_trainee()
    learning.choose_programme(trainee, programme)
    complete(trainee)
    assert {c.snapshot["kind"] for c in db.session.scalars(select(Certificate))} == {"course"}


def test_numbers_are_random_grouped_and_checked():
    made = {numbers.new_number() for _ in range(500)}
    assert len(made) == 500 and all(numbers.is_well_formed(n) for n in made)
    number = sorted(made)[0]
    assert numbers.display(number).count("-") == 2
    for i in range(12):  # every single-character mistake is caught
        for char in numbers.ALPHABET:
            if char != number[i]:
                assert not numbers.is_well_formed(number[:i] + char + number[i + 1:])
    assert numbers.normalise(" " + numbers.display(number).lower() + " ") == number
    assert numbers.normalise("O0IL") == "0011"


def test_payload_verifies_and_any_change_is_caught(app, complete, make_trainee):
    complete(make_trainee(name=LAO_NAME))
    certificate = db.session.scalar(select(Certificate))
    raw = public_key_raw()
    fields = signing.read_payload(certificate.payload, raw)
    assert (fields["number"], fields["name"], fields["title"]) == (
        certificate.number, LAO_NAME, "First steps")
    encoded, signature = certificate.payload.split(".")
    import base64
    import json

    for field in range(1, 6):
        values = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
        values[field] = "changed"
        forged = base64.urlsafe_b64encode(json.dumps(values).encode()).rstrip(b"=").decode()
        with pytest.raises(signing.NotGenuine):
            signing.read_payload(f"{forged}.{signature}", raw)
    for broken in ("", "x", "a.b.c", certificate.payload[:-4] + "AAAA"):
        with pytest.raises(signing.NotGenuine):
            signing.read_payload(broken, raw)


def test_cli_verifier_needs_only_the_public_key(app, runner, complete, make_trainee, tmp_path):
    complete(make_trainee())
    certificate = db.session.scalar(select(Certificate))
    import base64

    key_file = tmp_path / "issuer.pub"
    key_file.write_text(base64.b64encode(public_key_raw()).decode())
    url = f"https://verify.example.org/v/{certificate.number}#{certificate.payload}"
    result = runner.invoke(args=["certificates", "verify", url, "--public-key", str(key_file)])
    assert result.exit_code == 0 and "GENUINE" in result.output
    result = runner.invoke(args=["certificates", "verify", url[:-3] + "xyz",
                                 "--public-key", str(key_file)])
    assert result.exit_code != 0 and "NOT GENUINE" in result.output


def test_pdf_one_page_each_subset_fonts_and_khmer_lao_shaped(app, complete, make_trainee):
    khmer = make_trainee(name=KHMER_NAME)
    lao = make_trainee(name=LAO_NAME)
    complete(khmer, locale="km")
    complete(lao, locale="lo")
    certificates = db.session.scalars(select(Certificate).order_by(Certificate.id)).all()
    with app.test_request_context("/"):
        pdf = pdf_of(certificates)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    for page_index, (name, family) in enumerate(((KHMER_NAME, "NotoSansKhmer"),
                                                 (LAO_NAME, "NotoSansLao"))):
        fonts = fonts_of(reader) if page_index == 0 else _page_fonts(reader, page_index)
        for base, font in fonts.values():
            assert "+" in base  # a subset: XXXXXX+Name
            assert len(font.getGlyphOrder()) < 2000
        original = TTFont(Path(app.config["FONTS_FOLDER"]) / f"{family}-700.ttf")
        drawn = [outline(fonts[res][1], gid) for res, gid in drawn_glyphs(reader, page_index)
                 if _same_font(fonts[res][1], original)]
        for word in name.split():
            expected = [outline(original, gid) for gid in _harfbuzz(original, word)]
            assert _contains(drawn, expected), f"{word}: not drawn as HarfBuzz shapes it"


def _page_fonts(reader, index):
    class One:
        pages = [reader.pages[index]]

    return fonts_of(One)


def _same_font(subset, original):
    """The embedded subset comes from this font file (same family name and weight)."""
    return (subset["name"].getDebugName(1) == original["name"].getDebugName(1)
            and subset["OS/2"].usWeightClass == original["OS/2"].usWeightClass)


def _harfbuzz(font_file_font, text):
    path = font_file_font.reader.file.name
    face = hb.Face(hb.Blob.from_file_path(path))
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(hb.Font(face), buffer, {})
    gids = [info.codepoint for info in buffer.glyph_infos]
    dotted_circle = font_file_font.getBestCmap().get(0x25CC)
    assert dotted_circle not in gids and 0 not in gids  # no broken cluster, no missing glyph
    return gids


def _contains(drawn, expected):
    return any(drawn[i:i + len(expected)] == expected for i in range(len(drawn)))


def _text(pdf):
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_pdf_is_stored_and_rendered_again_only_on_revoke(app, complete, make_trainee, admin,
                                                         monkeypatch):
    complete(make_trainee())
    certificate = db.session.scalar(select(Certificate))
    renders = []
    monkeypatch.setattr(documents, "pdf_of", lambda c: renders.append(c) or pdf_of(c))
    with app.test_request_context("/"):
        first = stored_pdf(certificate)
        db.session.expire_all()  # the next read comes from the database, not this object
        assert stored_pdf(certificate) == first and len(renders) == 1
        assert "REVOKED" not in _text(first)
        services.revoke(certificate, "Issued by mistake", admin)
        assert certificate.pdf is None
        again = stored_pdf(certificate)
    assert len(renders) == 2 and "REVOKED" in _text(again)  # drawn again, stamped
    assert certificate.pdf == again


@pytest.fixture
def issued(complete, make_trainee, centre):
    complete(make_trainee(name=KHMER_NAME, phone="+85512345678", centre=centre))
    return db.session.scalar(select(Certificate))


def test_verification_page_and_json_for_every_state(app, client, issued, admin, trainer):
    page = client.get(f"/v/{numbers.display(issued.number)}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert KHMER_NAME in html and "12345678" not in html and issued.user.login_code not in html
    assert client.get(f"/v/{issued.number}.json").get_json()["status"] == "valid"

    new = services.reissue(issued, trainer)
    body = client.get(f"/v/{issued.number}.json").get_json()
    assert (body["status"], body["replaced_by"]) == ("replaced", new.number)
    assert new.number in client.get(f"/v/{issued.number}").get_data(as_text=True)

    services.revoke(new, "Found to be a duplicate", admin)
    assert client.get(f"/v/{new.number}.json").get_json()["status"] == "revoked"

    mistyped = new.number[:-1] + ("0" if new.number[-1] != "0" else "1")
    assert client.get(f"/v/{mistyped}.json").get_json()["status"] == "mistyped"
    assert client.get(f"/v/{mistyped}").status_code == 404


@pytest.mark.parametrize(("typed", "verdict"), [
    ("", None), ("-", "unknown"), ("x" * 10_000, "unknown"), ("' OR 1=1 --", "unknown"),
    ("ស្រី", "unknown"), ("%00", "unknown"), ("ABCD-EFGH-JKMN", "mistyped"),
])
def test_any_string_is_a_clear_not_found(app, client, typed, verdict):
    """Anything typed gets the form (nothing typed), or a 404 page that says why, in HTML."""
    response = client.get("/v/" + typed) if typed else client.get("/v/?number=")
    page = response.get_data(as_text=True)
    if verdict is None:
        assert response.status_code == 200 and 'name="number"' in page
        assert 'role="status"' not in page  # no verdict before a number is typed
    else:
        assert response.status_code == 404 and response.mimetype == "text/html"
        message = {"unknown": "No certificate has this number",
                   "mistyped": "This number has a typing mistake"}[verdict]
        assert page.count('role="status"') == 1 and message in page
    json = client.get(f"/v/{typed or '-'}.json")
    assert (json.status_code, json.get_json()["status"]) == (404, verdict or "unknown")


def test_a_path_outside_verification_is_not_served(client):
    response = client.get("/v/../../etc/passwd")
    assert response.status_code == 404 and "root:" not in response.get_data(as_text=True)


def test_verification_is_rate_limited(app, client):
    app.config["VERIFY_LIMIT"] = "3 per minute"
    statuses = [client.get(f"/v/AAAA{i}").status_code for i in range(5)]
    assert statuses[-1] == 429


def test_revoke_needs_a_reason_and_the_right_person(app, issued, trainer, make_user,
                                                    make_centre):
    stranger = make_user(Role.trainer, name="Elsewhere", centre=make_centre())
    with pytest.raises(services.NotAllowed):
        services.revoke(issued, "no", stranger)
    with pytest.raises(ValueError):
        services.revoke(issued, "   ", trainer)
    services.revoke(issued, "The trainee did not attend", trainer)
    assert issued.state == CertificateState.revoked


def test_revoke_through_the_page(app, issued, trainer_client, trainee_client):
    assert trainee_client.post(f"/en/certificates/{issued.number}/revoke",
                               data={"reason": "x"}).status_code == 403
    response = trainer_client.post(f"/km/certificates/{issued.number}/revoke",
                                   data={"reason": "Duplicate record"})
    assert response.status_code == 302
    db.session.expire_all()
    assert issued.state == CertificateState.revoked


def test_trainee_downloads_their_own_pdf_only(app, issued, client, make_trainee):
    owner = issued.user
    from tests.conftest import PIN, log_in

    log_in(client, owner.login_code, PIN)
    response = client.get(f"/km/certificates/{issued.number}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert client.get("/km/my-certificates").status_code == 200
    other = app.test_client()
    stranger = make_trainee(name="Other")
    log_in(other, stranger.login_code, PIN)
    assert other.get(f"/km/certificates/{issued.number}.pdf").status_code == 404
    assert other.get(f"/km/certificates/{issued.number}").status_code == 404


def test_list_and_pdf_commands(app, runner, issued, tmp_path):
    assert issued.number[:4] in runner.invoke(args=["certificates", "list"]).output
    target = tmp_path / "c.pdf"
    result = runner.invoke(args=["certificates", "pdf", issued.number, "-o", str(target)])
    assert result.exit_code == 0 and target.read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
                    reason="needs poppler-utils and zbar-tools (.ci/run installs them)")
def test_the_printed_qr_code_decodes_to_the_verification_link(app, complete, make_trainee,
                                                              tmp_path):
    complete(make_trainee(name=KHMER_NAME))
    certificate = db.session.scalar(select(Certificate))
    with app.test_request_context("/"):
        (tmp_path / "c.pdf").write_bytes(pdf_of([certificate]))
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(tmp_path / "c.pdf"),
                    str(tmp_path / "c")], check=True)
    scanned = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "c.png")],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert scanned == (f"https://verify.example.org/v/{certificate.number}#"
                       f"{certificate.payload}")
    assert signing.read_payload(signing.payload_of_url(scanned), public_key_raw())["name"] \
        == KHMER_NAME
