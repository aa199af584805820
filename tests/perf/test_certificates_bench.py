"""Certificate speed and size: first render, stored download, a 200-certificate batch."""

import pytest
from sqlalchemy import select

from orientation.accounts.services import hash_secret
from orientation.certificates.documents import stored_pdf
from orientation.certificates.issuance import issue
from orientation.certificates.render import pdf_of
from orientation.extensions import db
from orientation.models import Certificate, Role, User
from tests.conftest import log_in

NAMES = ["សុខ ចាន់ថា", "ສົມສັກ ພົມມະວົງ", "Nguyễn Thị Hoa", "李明"]


def issue_many(courses, centre, count):
    course = courses["first-steps"]
    users = [User(role=Role.trainee, login_code=f"7{n:07d}", display_name=NAMES[n % 4],
                  password_hash="x", centre_id=centre.id) for n in range(count)]
    db.session.add_all(users)
    db.session.flush()
    for n, user in enumerate(users):
        issue(user.id, course=course, locale=["km", "lo", "vi", "zh"][n % 4], score=0.9)
    db.session.commit()
    return db.session.scalars(select(Certificate).order_by(Certificate.id)).all()


def test_first_render_of_one_certificate(benchmark, app, courses, centre):
    certificate = issue_many(courses, centre, 1)[0]
    with app.test_request_context("/"):
        pdf = benchmark.pedantic(pdf_of, args=([certificate],), rounds=3, warmup_rounds=0)
    benchmark.extra_info["bytes"] = len(pdf)
    assert len(pdf) < 100_000


def test_stored_download(benchmark, app, courses, centre, client):
    certificate = issue_many(courses, centre, 1)[0]
    with app.test_request_context("/"):
        stored_pdf(certificate)
    owner = db.session.get(User, certificate.user_id)
    owner.password_hash = hash_secret("123456")
    db.session.commit()
    log_in(client, owner.login_code, "123456")
    response = benchmark(client.get, f"/km/certificates/{certificate.number}.pdf")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [200])
def test_batch_of_a_cohort(benchmark, app, courses, centre, count):
    certificates = issue_many(courses, centre, count)
    with app.test_request_context("/"):
        pdf = benchmark.pedantic(pdf_of, args=(certificates,), rounds=1, warmup_rounds=0)
    benchmark.extra_info["bytes_per_certificate"] = len(pdf) // count
