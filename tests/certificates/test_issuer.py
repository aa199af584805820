"""A certificate prints who issued it: its centre's issuer line, else the configured issuer."""

import io

import pypdf
from sqlalchemy import select

from orientation.admin import services as centres
from orientation.certificates.render import pdf_of
from orientation.extensions import db
from orientation.models import Certificate

LINE = "Ministry of Labour and Vocational Training, Department of Employment"


def test_a_centres_certificate_prints_its_issuer_line(app, complete, make_trainee, make_centre,
                                                      admin_client):
    centre = make_centre(issuer_line=LINE)
    complete(make_trainee(name="ស្រីពេជ្រ ចាន់ស្រី", centre=centre))
    certificate = db.session.scalar(select(Certificate))
    assert certificate.snapshot["issuer"] == LINE
    page = admin_client.get(f"/en/certificates/{certificate.number}").get_data(as_text=True)
    assert LINE in page and centre.name in page
    with app.test_request_context("/"):
        reader = pypdf.PdfReader(io.BytesIO(pdf_of([certificate])))
    assert len(reader.pages) == 1
    assert "Ministry of Labour" in reader.pages[0].extract_text()


def test_without_an_issuer_line_the_setting_is_printed(app, complete, make_trainee, make_centre,
                                                       admin_client):
    centre = make_centre()
    complete(make_trainee(centre=centre))
    certificate = db.session.scalar(select(Certificate))
    assert certificate.snapshot["issuer"] == app.config["CERTIFICATE_ISSUER"]
    page = admin_client.get(f"/en/certificates/{certificate.number}").get_data(as_text=True)
    assert app.config["CERTIFICATE_ISSUER"] in page


def test_an_issued_certificate_keeps_the_line_it_was_issued_with(app, complete, make_trainee,
                                                                 make_centre):
    centre = make_centre(issuer_line=LINE)
    complete(make_trainee(centre=centre))
    centres.update_centre(centre, issuer_line="Another issuer")
    assert db.session.scalar(select(Certificate)).snapshot["issuer"] == LINE
